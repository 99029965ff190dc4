import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type pg from 'pg';
import { lazyModule } from '../shared/lazy-module';
import type { Database } from './schema';
import { cachingStatements } from './statement-cache';
import { startWalCheckpointer } from './wal-checkpointer';

export type Dialect = 'sqlite' | 'postgres';

export interface DbHandle {
  db: Kysely<Database>;
  dialect: Dialect;
  /** PostgreSQL: the schema the tables live in (also where the migrator keeps its own tables). */
  schema?: string;
  close(): Promise<void>;
}

export interface DbOptions {
  /** `postgres://…`; when absent the embedded SQLite database is used. */
  databaseUrl?: string;
  /** SQLite file path, or `:memory:`. Defaults to `<dataDir>/socprev.sqlite`. */
  sqliteFile?: string;
  dataDir?: string;
  /** PostgreSQL schema to use (tests give each app its own); defaults to the server's search_path. */
  pgSchema?: string;
}

/** The PostgreSQL driver, loaded only when a PostgreSQL database is used. */
export const pgDriver = lazyModule<typeof pg>('pg');

// PostgreSQL returns int8 (bigserial ids, count(*)) as strings; our values stay far below 2^53.
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (value: string) => Number(value);
    return pgDriver().types.getTypeParser(oid, format as 'text');
  },
};

/**
 * Opens the database. SQLite runs in WAL mode with `synchronous=NORMAL` (durable across process
 * crashes; a power cut may roll back the last commits but never corrupts) and foreign keys on;
 * its prepared statements are reused (statement-cache.ts) and a worker thread checkpoints the
 * log (wal-checkpointer.ts).
 *
 * @example
 * const { db, close } = createDb({ dataDir: './data' });
 */
export function createDb(options: DbOptions): DbHandle {
  if (options.databaseUrl) {
    const pool = new (pgDriver().Pool)({
      connectionString: options.databaseUrl,
      max: 10,
      types: pgTypes,
      ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', schema: options.pgSchema ?? 'public', close: () => db.destroy() };
  }
  const file = options.sqliteFile ?? path.join(options.dataDir ?? 'data', 'socprev.sqlite');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const checkpointer = file === ':memory:' ? null : startWalCheckpointer(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(sqlite) }) });
  return {
    db, dialect: 'sqlite',
    close: async () => {
      await checkpointer?.close();
      await db.destroy();
    },
  };
}
