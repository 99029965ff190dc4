import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * The SQLite connection as Kysely sees it, with its prepared statements kept for reuse.
 *
 * Kysely's SQLite driver prepares every query afresh; preparing cost as much as running the small
 * queries of a request (about a fifth of the CPU time when applying codes under load). Kysely
 * compiles the same SQL text for the same query shape, so statements are kept by SQL text, the
 * most recently used `max` of them (lists of `in (?, ?, …)` give many shapes, hence the bound).
 * A statement still being iterated (a streamed select) is busy and cannot run twice at once: such
 * a query gets a statement of its own. SQLite re-prepares a kept statement by itself after a
 * schema change.
 */
export function cachingStatements(database: SQLite.Database, max = 300): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      statements.clear();
      database.close();
    },
    prepare(sql: string): SqliteStatement {
      const kept = statements.get(sql);
      if (kept && !kept.busy) {
        // Map order is insertion order: move it to the most recent end.
        statements.delete(sql);
        statements.set(sql, kept);
        return kept;
      }
      const statement = database.prepare(sql);
      if (kept) return statement;
      statements.set(sql, statement);
      if (statements.size > max) statements.delete(statements.keys().next().value!);
      return statement;
    },
  };
}
