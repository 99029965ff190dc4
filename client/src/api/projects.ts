import { api } from './http';
import type { Member, Project, ProjectEvent, ProjectRoleName } from './types';

/** Projects, members and the activity log. */
export const projectsApi = {
  list: () => api.get<{ projects: Project[] }>('/api/projects'),
  get: (id: string) => api.get<Project>(`/api/projects/${id}`),
  create: (name: string, description = '') => api.post<Project>('/api/projects', { name, description }),
  update: (id: string, changes: { name?: string; description?: string }) => api.patch<Project>(`/api/projects/${id}`, changes),
  remove: (id: string) => api.delete(`/api/projects/${id}`),
  members: (id: string) => api.get<{ members: Member[] }>(`/api/projects/${id}/members`),
  addMember: (id: string, userId: string, role: ProjectRoleName) => api.post(`/api/projects/${id}/members`, { userId, role }),
  changeRole: (id: string, userId: string, role: ProjectRoleName) => api.patch(`/api/projects/${id}/members/${userId}`, { role }),
  removeMember: (id: string, userId: string) => api.delete(`/api/projects/${id}/members/${userId}`),
  events: (id: string, limit = 100) => api.get<{ events: ProjectEvent[] }>(`/api/projects/${id}/events?limit=${limit}`),
};
