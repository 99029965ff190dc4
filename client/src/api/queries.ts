import type { Static } from 'typebox';
import type { QueryFiltersSchema, QueryResultSchema, SavedQuerySchema } from '../../../server/features/queries/queries.schemas';
import { api } from './http';

export type QueryFilters = Static<typeof QueryFiltersSchema>;
export type QueryResult = Static<typeof QueryResultSchema>;
export type SavedQuery = Static<typeof SavedQuerySchema>;

/** Code queries: run, save, rerun, export. */
export const queriesApi = {
  run: (projectId: string, expression: string, filters: QueryFilters = {}) => api.post<QueryResult>(`/api/projects/${projectId}/queries/run`, { expression, filters }),
  list: (projectId: string) => api.get<{ queries: SavedQuery[] }>(`/api/projects/${projectId}/queries`),
  save: (projectId: string, name: string, expression: string, filters: QueryFilters = {}) =>
    api.post<SavedQuery>(`/api/projects/${projectId}/queries`, { name, expression, filters }),
  update: (projectId: string, id: string, changes: { name?: string; expression?: string; filters?: QueryFilters }) =>
    api.patch<SavedQuery>(`/api/projects/${projectId}/queries/${id}`, changes),
  remove: (projectId: string, id: string) => api.delete(`/api/projects/${projectId}/queries/${id}`),
  rerun: (projectId: string, id: string) => api.post<QueryResult>(`/api/projects/${projectId}/queries/${id}/run`),
  exportUrl: (projectId: string, id: string, format: 'csv' | 'xlsx') => `/api/projects/${projectId}/queries/${id}/results.${format}`,
};
