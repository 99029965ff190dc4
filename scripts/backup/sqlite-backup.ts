/** The online SQLite backup behind `npm run backup`. */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';

export interface BackupSummary {
  file: string;
  bytes: number;
  ms: number;
  /** Rows in the main tables of the copy (read back from the copy, not from the source). */
  counts: Record<string, number>;
}

/** Tables counted in the summary, to show at a glance that the copy holds the data. */
const COUNTED = ['users', 'projects', 'documents', 'segments', 'codings', 'memos', 'project_events'] as const;

/** `<dir>/2026-11-28T09-15-02Z.sqlite`: a timestamp that sorts and is a valid file name everywhere. */
export function timestampedFile(dir: string, now = new Date()): string {
  return path.join(dir, `${now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-')}.sqlite`);
}

/**
 * Copies the SQLite database `source` to `destination` while the server keeps running, with
 * SQLite's online backup API (better-sqlite3 `db.backup()`): the copy is one consistent snapshot
 * (every committed transaction up to that moment, nothing half-done), and in WAL mode the server's
 * writes are not blocked meanwhile. The copy is then turned into a self-contained single file
 * (journal mode DELETE, no -wal beside it), checked with `PRAGMA integrity_check`, and counted.
 *
 * @example await backupSqlite('data/socprev.sqlite', 'data/backups/2026-11-28T09-15-02Z.sqlite');
 * @throws Error when the source is missing, the destination exists, or the copy fails its check
 */
export async function backupSqlite(source: string, destination: string): Promise<BackupSummary> {
  if (!fs.existsSync(source)) throw new Error(`There is no database at ${source}. Set DATA_DIR to the server's data directory.`);
  if (fs.existsSync(destination)) throw new Error(`${destination} already exists; choose another file name.`);
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  const started = performance.now();
  const db = new SQLite(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    // After the first step, copy everything left in one step: a single read snapshot, so the
    // copy cannot be restarted over and over by a server that keeps writing.
    await db.backup(destination, { progress: ({ remainingPages }) => Math.max(remainingPages, 100) });
  } finally {
    db.close();
  }
  const copy = new SQLite(destination);
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`The copy failed its integrity check: ${String(check)}`);
    const tables = new Set((copy.prepare(`select name from sqlite_master where type = 'table'`).all() as { name: string }[]).map((r) => r.name));
    const counts: Record<string, number> = {};
    for (const table of COUNTED) {
      if (tables.has(table)) counts[table] = (copy.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    }
    return { file: destination, bytes: fs.statSync(destination).size, ms: Math.round(performance.now() - started), counts };
  } finally {
    copy.close();
  }
}

/** What to do instead on PostgreSQL (the script does not run pg_dump itself). */
export function postgresGuidance(): string {
  return [
    'DATABASE_URL points to PostgreSQL: back it up with PostgreSQL\'s own tools while the server runs,',
    'for example (custom format, consistent snapshot, no ownership so it restores into any role):',
    '',
    '  pg_dump --format=custom --no-owner --file="socprev-$(date -u +%Y-%m-%dT%H-%M-%SZ).dump" "$DATABASE_URL"',
    '',
    'Restore into an empty database (stop the server first):',
    '',
    '  createdb socprev_restored',
    '  pg_restore --no-owner --dbname=socprev_restored socprev-<timestamp>.dump',
    '',
    'then point DATABASE_URL at it and start the server. Use a pg_dump of the same major version as the server.',
  ].join('\n');
}
