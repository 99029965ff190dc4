/**
 * Queries compiled once and run with new values (server/db/precompiled.ts, issue 9): the same
 * rows as the query built afresh, on each dialect and inside transactions, and loud failures
 * when a query is written against the helper's rules.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '../../server/db/create-db';
import { migrateToLatest } from '../../server/db/migrator';
import { precompiled } from '../../server/db/precompiled';
import type { Database } from '../../server/db/schema';
import { createTestDatabase, DIALECTS } from '../helpers/test-app';

const NOW = '2026-11-28T12:00:00.000Z';

describe.each(DIALECTS)('precompiled queries (%s)', (dialect) => {
  let handle: DbHandle;
  let drop: () => Promise<void>;
  let db: Kysely<Database>;

  const userInsert = precompiled((d, p: { id: string; email: string; name: string }) =>
    d.insertInto('users').values({ id: p.id, email: p.email, name: p.name, password_hash: 'x', is_admin: 0, created_at: NOW, updated_at: NOW }));
  const userByEmail = precompiled((d, p: { email: string }) => d.selectFrom('users').select(['id', 'name']).where('email', '=', p.email));

  beforeAll(async () => {
    ({ database: handle, drop } = await createTestDatabase(dialect));
    await migrateToLatest(handle);
    db = handle.db;
  });
  afterAll(async () => {
    await handle.close();
    await drop();
  });

  it('compiles once and runs each call with its own values', async () => {
    const compile = vi.fn();
    const byName = precompiled((d, p: { name: string }) => {
      compile();
      return d.selectFrom('users').select('email').where('name', '=', p.name).orderBy('email');
    });
    await userInsert.run(db, { id: 'u1', email: 'ann@example.org', name: 'Ann (fictional)' });
    await userInsert.run(db, { id: 'u2', email: 'bob@example.org', name: 'Bob (fictional)' });
    expect(await byName.execute(db, { name: 'Ann (fictional)' })).toEqual([{ email: 'ann@example.org' }]);
    expect(await byName.execute(db, { name: 'Bob (fictional)' })).toEqual([{ email: 'bob@example.org' }]);
    expect(await byName.executeTakeFirst(db, { name: 'Nobody' })).toBeUndefined();
    expect(compile).toHaveBeenCalledTimes(1);
  });

  it('gives the rows the query built afresh gives, inside a transaction too', async () => {
    const built = await db.selectFrom('users').select(['id', 'name']).where('email', '=', 'bob@example.org').execute();
    expect(await userByEmail.execute(db, { email: 'bob@example.org' })).toEqual(built);
    await db.transaction().execute(async (trx) => {
      await userInsert.run(trx, { id: 'u3', email: 'cas@example.org', name: 'Cas (fictional)' });
      expect(await userByEmail.executeTakeFirst(trx, { email: 'cas@example.org' })).toEqual({ id: 'u3', name: 'Cas (fictional)' });
    });
  });

  it('keeps constants written in the query and returns what an insert returns', async () => {
    const admins = precompiled((d, p: { email: string }) => d.selectFrom('users').select('id').where('is_admin', '=', 0).where('email', '=', p.email));
    expect(await admins.execute(db, { email: 'ann@example.org' })).toEqual([{ id: 'u1' }]);
    const insertReturning = precompiled((d, p: { id: string; email: string }) =>
      d.insertInto('users').values({ id: p.id, email: p.email, name: 'Dee (fictional)', password_hash: 'x', is_admin: 0, created_at: NOW, updated_at: NOW }).returning('email'));
    expect(await insertReturning.executeTakeFirst(db, { id: 'u4', email: 'dee@example.org' })).toEqual({ email: 'dee@example.org' });
  });

  it('refuses a query that branches on a value, and a call without a value', async () => {
    const branching = precompiled((d, p: { email?: string }) => {
      const query = d.selectFrom('users').select('id');
      return p.email ? query : query.where('email', '=', 'x');
    });
    await expect(branching.execute(db, { email: 'a' })).rejects.toThrow(/email did not become a parameter/);
    await expect(userByEmail.execute(db, {} as { email: string })).rejects.toThrow(/no value for email/);
  });
});
