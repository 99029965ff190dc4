/**
 * `npm run backup -- [file]`: a consistent online backup of the workbench database while the
 * server runs.
 *
 * SQLite (no DATABASE_URL): copies DATA_DIR/socprev.sqlite with SQLite's backup API to `file`, or
 * to DATA_DIR/backups/<timestamp>.sqlite, checks the copy and prints a JSON summary (file, size,
 * row counts). Restore: stop the server, remove socprev.sqlite, socprev.sqlite-wal and
 * socprev.sqlite-shm from DATA_DIR, copy the backup to DATA_DIR/socprev.sqlite, start the server.
 *
 * PostgreSQL (DATABASE_URL set): prints the pg_dump / pg_restore commands to use; runs nothing.
 */
import path from 'node:path';
import { loadConfig } from '../server/config';
import { backupSqlite, postgresGuidance, timestampedFile } from './backup/sqlite-backup';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h') || args.length > 1) {
  console.error('Usage: npm run backup -- [backup-file.sqlite]   (DATA_DIR selects the data directory; default ./data)');
  process.exit(args.length > 1 ? 2 : 0);
}
try {
  const config = loadConfig();
  if (config.databaseUrl) {
    console.log(postgresGuidance());
  } else {
    const destination = args[0] ? path.resolve(args[0]) : timestampedFile(path.join(config.dataDir, 'backups'));
    const summary = await backupSqlite(path.join(config.dataDir, 'socprev.sqlite'), destination);
    console.log(JSON.stringify(summary, null, 2));
  }
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
