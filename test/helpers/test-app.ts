import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { buildApp, type App } from '../../server/app';
import { loadConfig, type Config } from '../../server/config';
import { createDb, type Dialect } from '../../server/db/create-db';
import { migrateToLatest } from '../../server/db/migrator';

/**
 * The dialects the server suites run on: SQLite always; PostgreSQL when DATABASE_URL is set.
 * With REQUIRE_POSTGRES=1 (CI) a missing DATABASE_URL fails the run instead of skipping.
 */
export const DIALECTS: Dialect[] = (() => {
  const url = process.env.DATABASE_URL;
  if (!url && process.env.REQUIRE_POSTGRES === '1') {
    throw new Error('REQUIRE_POSTGRES=1 but DATABASE_URL is not set: the PostgreSQL suites cannot run');
  }
  return url ? ['sqlite', 'postgres'] : ['sqlite'];
})();

export interface TestApp {
  app: App;
  config: Config;
  dialect: Dialect;
  close(): Promise<void>;
}

/**
 * A fresh, empty database: in-memory SQLite, or a new PostgreSQL schema inside the database named by
 * DATABASE_URL; `drop` removes that schema.
 */
export async function createTestDatabase(dialect: Dialect) {
  if (dialect === 'sqlite') return { database: createDb({ sqliteFile: ':memory:' }), drop: async () => {} };
  const url = process.env.DATABASE_URL!;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  return {
    database: createDb({ databaseUrl: url, pgSchema: schema }),
    drop: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema ${schema} cascade`);
      await client.end();
    },
  };
}

/**
 * Builds the app on a fresh, migrated database: in-memory SQLite, or a new PostgreSQL schema
 * (dropped on close) inside the database named by DATABASE_URL.
 */
export async function createTestApp(dialect: Dialect, env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({ DATA_DIR: '/tmp/socprev-test-unused', SEARCH_SNAPSHOTS: '0', ...env });
  const { database, drop: dropSchema } = await createTestDatabase(dialect);
  await migrateToLatest(database);
  const app = await buildApp({ config, database, logger: process.env.TEST_LOG ? { level: process.env.TEST_LOG } : false });
  await app.ready();
  return {
    app, config, dialect,
    async close() {
      await app.close();
      await dropSchema();
    },
  };
}
