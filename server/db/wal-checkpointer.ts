import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Copies the SQLite write-ahead log back into the database file from a worker thread, so that
 * requests do not pay for it.
 *
 * With SQLite's automatic checkpoints, the commit that crosses 1,000 pages of log copies them into
 * the database and syncs both files on the event loop: under a load of codings that was about half
 * of each commit's cost (issue 9). Here the server's own connection does not checkpoint; a second
 * connection in a worker runs a PASSIVE checkpoint every `intervalMs`, which never blocks the
 * writer or readers (SQLite's own advice for busy writers), and coalesces pages written many
 * times. `fallbackPages` stays as the connection's automatic checkpoint, should the worker fall
 * far behind or fail, so the log never grows without bound.
 */
export interface WalCheckpointer {
  /** Runs a last checkpoint and ends the worker. */
  close(): Promise<void>;
}

// Plain JavaScript: the server is bundled into one file, so the worker cannot be a module of its own.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
const checkpoint = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy or closing: next time */ } };
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); checkpoint(); db.close(); parentPort.close(); });
`;

export function startWalCheckpointer(sqlite: { pragma(source: string): unknown; name: string }, options: { intervalMs?: number; fallbackPages?: number } = {}): WalCheckpointer {
  sqlite.pragma(`wal_autocheckpoint = ${options.fallbackPages ?? 20_000}`);
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file: sqlite.name, intervalMs: options.intervalMs ?? 200 } });
  worker.unref();
  // A failed worker only means checkpoints fall back to the connection's automatic ones.
  worker.on('error', () => {});
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    close: async () => {
      // Kept alive until its last checkpoint is done.
      worker.ref();
      worker.postMessage('close');
      await exited;
    },
  };
}
