import type { Kysely } from 'kysely';
import type { Database, UserRow } from '../../db/schema';

type Db = Kysely<Database>;

/** Users by id, e-mail (stored lower-case) and in bulk. */
export const usersRepository = {
  findById: (db: Db, id: string) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst(),

  findByEmail: (db: Db, email: string) =>
    db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst(),

  async count(db: Db): Promise<number> {
    const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  },

  list: (db: Db) => db.selectFrom('users').selectAll().orderBy('name').execute(),

  insert: (db: Db, user: UserRow) => db.insertInto('users').values(user).execute(),

  update: (db: Db, id: string, changes: Partial<Omit<UserRow, 'id'>>) =>
    db.updateTable('users').set(changes).where('id', '=', id).execute(),
};
