import type { Kysely } from 'kysely';
import { precompiled } from '../../db/precompiled';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

// Runs on every signed-in request: compiled once (db/precompiled.ts).
const sessionWithUser = precompiled((db, p: { id: string }) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as session_id', 'sessions.csrf_token', 'sessions.expires_at', 'sessions.last_seen_at',
      'users.id', 'users.email', 'users.name', 'users.is_admin', 'users.locale',
    ])
    .where('sessions.id', '=', p.id));

/** Server-side sessions (id = sha256 of the cookie token) and personal API tokens. */
export const sessionsRepository = {
  insert: (db: Db, row: Database['sessions']) => db.insertInto('sessions').values(row).execute(),

  findWithUser: (db: Db, id: string) => sessionWithUser.executeTakeFirst(db, { id }),

  touch: (db: Db, id: string, lastSeenAt: string, expiresAt: string) =>
    db.updateTable('sessions').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id', '=', id).execute(),

  delete: (db: Db, id: string) => db.deleteFrom('sessions').where('id', '=', id).execute(),

  deleteForUser: (db: Db, userId: string) => db.deleteFrom('sessions').where('user_id', '=', userId).execute(),

  deleteExpired: (db: Db, now: string) => db.deleteFrom('sessions').where('expires_at', '<', now).execute(),
};

export const apiTokensRepository = {
  insert: (db: Db, row: Database['api_tokens']) => db.insertInto('api_tokens').values(row).execute(),

  listForUser: (db: Db, userId: string) =>
    db
      .selectFrom('api_tokens')
      .select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .execute(),

  findActiveWithUser: (db: Db, tokenHash: string) =>
    db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select(['api_tokens.id as token_id', 'api_tokens.last_used_at', 'users.id', 'users.email', 'users.name', 'users.is_admin', 'users.locale'])
      .where('api_tokens.token_hash', '=', tokenHash)
      .where('api_tokens.revoked_at', 'is', null)
      .executeTakeFirst(),

  touch: (db: Db, id: string, at: string) => db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute(),

  revoke: (db: Db, userId: string, id: string, at: string) =>
    db
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst(),
};
