import { Migrator } from 'kysely';
import { migrations } from '../../migrations/index';
import type { DbHandle } from './create-db';

/**
 * Brings the database schema up to date; throws with the failing migration's name.
 * On PostgreSQL the migrator's own tables are looked up in the database's schema only: Kysely
 * otherwise finds them in any schema of the database (another app's, another test's) and fails.
 */
export async function migrateToLatest(database: DbHandle): Promise<string[]> {
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations },
    ...(database.schema ? { migrationTableSchema: database.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`Database migration failed${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
