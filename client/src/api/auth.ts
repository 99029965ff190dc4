import { api, setCsrfToken } from './http';
import type { ApiToken, Session, User } from './types';

const remember = (session: Session) => {
  setCsrfToken(session.csrfToken);
  return session;
};

/** Sessions, the first-owner set-up, your account and API tokens. */
export const authApi = {
  setupStatus: () => api.get<{ needsOwner: boolean }>('/api/setup'),
  setup: async (body: { email: string; name: string; password: string }) => remember(await api.post<Session>('/api/setup', body)),
  login: async (email: string, password: string) => remember(await api.post<Session>('/api/auth/login', { email, password })),
  me: async () => remember(await api.get<Session>('/api/auth/me')),
  logout: () => api.post<void>('/api/auth/logout'),
  logoutEverywhere: () => api.post<void>('/api/auth/logout-everywhere'),
  updateMe: async (changes: { name?: string; locale?: string | null }) => remember(await api.patch<Session>('/api/auth/me', changes)),
  changePassword: async (currentPassword: string, newPassword: string) =>
    remember(await api.post<Session>('/api/auth/password', { currentPassword, newPassword })),
  tokens: () => api.get<{ tokens: ApiToken[] }>('/api/tokens'),
  createToken: (name: string) => api.post<{ id: string; name: string; token: string; createdAt: string }>('/api/tokens', { name }),
  revokeToken: (id: string) => api.delete(`/api/tokens/${id}`),
};

/** Accounts (administrators) and look-up by e-mail. */
export const usersApi = {
  list: () => api.get<{ users: User[] }>('/api/users'),
  create: (body: { email: string; name: string; password: string; isAdmin?: boolean }) => api.post<User>('/api/users', body),
  lookup: (email: string) => api.get<{ id: string; name: string; email: string }>(`/api/users/lookup?email=${encodeURIComponent(email)}`),
};
