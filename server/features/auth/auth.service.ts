import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { AppError } from '../../errors';
import { newId, nowIso } from '../../shared/ids';
import { usersRepository } from '../users/users.repository';
import { verifyAgainstDummy, verifyPassword } from './password';
import { apiTokensRepository, sessionsRepository } from './sessions.repository';
import { hashSecret, randomSecret } from './tokens';

/** The signed-in user as every route sees it. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  locale: string | null;
}

export interface SessionAuth {
  via: 'session';
  user: AuthUser;
  sessionId: string;
  csrfToken: string;
}
export interface TokenAuth {
  via: 'token';
  user: AuthUser;
  tokenId: string;
}
export type Auth = SessionAuth | TokenAuth;

export const API_TOKEN_PREFIX = 'spw_';
// Write "last seen" at most this often, so reads do not turn into writes.
const TOUCH_INTERVAL_MS = 5 * 60_000;

const toUser = (row: { id: string; email: string; name: string; is_admin: number; locale: string | null }): AuthUser => ({
  id: row.id,
  email: row.email,
  name: row.name,
  isAdmin: row.is_admin === 1,
  locale: row.locale,
});

export class AuthService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly sessionTtlHours: number,
  ) {}

  /** Checks e-mail and password and opens a session; the returned token goes into the cookie. */
  async login(email: string, password: string, userAgent: string | undefined) {
    const user = await usersRepository.findByEmail(this.db, email);
    if (!user) {
      await verifyAgainstDummy(password);
      throw new AppError(401, 'INVALID_CREDENTIALS', 'errors.credentials');
    }
    if (!(await verifyPassword(user.password_hash, password))) {
      throw new AppError(401, 'INVALID_CREDENTIALS', 'errors.credentials');
    }
    return this.openSession(user.id, userAgent);
  }

  /** Opens a session for a user already proven (login, first-owner set-up). */
  async openSession(userId: string, userAgent: string | undefined) {
    const token = randomSecret();
    const now = new Date();
    const row = {
      id: hashSecret(token),
      user_id: userId,
      csrf_token: randomSecret(),
      user_agent: userAgent?.slice(0, 300) ?? null,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: this.expiryFrom(now),
    };
    await sessionsRepository.insert(this.db, row);
    return { token, csrfToken: row.csrf_token, expiresAt: row.expires_at };
  }

  /** The session behind a cookie token, or null when unknown or expired (sliding expiry). */
  async resolveSession(token: string): Promise<SessionAuth | null> {
    const row = await sessionsRepository.findWithUser(this.db, hashSecret(token));
    if (!row) return null;
    const now = new Date();
    if (row.expires_at <= now.toISOString()) {
      await sessionsRepository.delete(this.db, row.session_id);
      return null;
    }
    if (now.getTime() - Date.parse(row.last_seen_at) > TOUCH_INTERVAL_MS) {
      await sessionsRepository.touch(this.db, row.session_id, now.toISOString(), this.expiryFrom(now));
    }
    return { via: 'session', user: toUser(row), sessionId: row.session_id, csrfToken: row.csrf_token };
  }

  /** The user behind `Authorization: Bearer spw_…`, or null when unknown or revoked. */
  async resolveApiToken(token: string): Promise<TokenAuth | null> {
    if (!token.startsWith(API_TOKEN_PREFIX)) return null;
    const row = await apiTokensRepository.findActiveWithUser(this.db, hashSecret(token));
    if (!row) return null;
    const now = Date.now();
    if (!row.last_used_at || now - Date.parse(row.last_used_at) > TOUCH_INTERVAL_MS) {
      await apiTokensRepository.touch(this.db, row.token_id, new Date(now).toISOString());
    }
    return { via: 'token', user: toUser(row), tokenId: row.token_id };
  }

  logout = (sessionId: string) => sessionsRepository.delete(this.db, sessionId);

  logoutEverywhere = (userId: string) => sessionsRepository.deleteForUser(this.db, userId);

  /** Creates a personal API token; the secret is returned once and only its hash is kept. */
  async createApiToken(userId: string, name: string) {
    const token = randomSecret(API_TOKEN_PREFIX);
    const row = { id: newId(), user_id: userId, name, token_hash: hashSecret(token), created_at: nowIso(), last_used_at: null, revoked_at: null };
    await apiTokensRepository.insert(this.db, row);
    return { token, id: row.id, name, createdAt: row.created_at };
  }

  private expiryFrom(now: Date): string {
    return new Date(now.getTime() + this.sessionTtlHours * 3_600_000).toISOString();
  }
}
