import { type Kysely, PostgresAdapter } from 'kysely';

/** True when the migration runs on PostgreSQL (frozen helper: migrations may depend on it). */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
