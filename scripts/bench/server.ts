/**
 * The server under test for `npm run bench`: the built server (`node server/dist/main.js`, what `npm start` runs) as a child process on 127.0.0.1,
 * on a temporary SQLite DATA_DIR or on a fresh PostgreSQL database created from DATABASE_URL (and
 * dropped at the end). It can be stopped and started again on the same data, to time a cold start.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../../test/helpers/server-process';

const ROOT = path.resolve(new URL('../..', import.meta.url).pathname);

export type Dialect = 'sqlite' | 'postgres';

/** Creates an empty PostgreSQL database next to the one DATABASE_URL names; returns its URL and a drop function. */
export async function createPgDatabase(baseUrl: string): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `socprev_bench_${Date.now().toString(36)}_${process.pid}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(), name,
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** A server process on fixed data: `start()` times spawn → first healthy answer; `stop()` ends it. */
export class BenchServer {
  url = '';
  process: ChildProcess | null = null;
  private output = '';

  private constructor(readonly dialect: Dialect, readonly dataDir: string, private readonly env: Record<string, string>, private readonly dropDb: (() => Promise<void>) | null, readonly databaseName: string | null) {}

  /** A fresh data directory (and, for PostgreSQL, a fresh database from `databaseUrl`). */
  static async create(dialect: Dialect, env: Record<string, string>, databaseUrl?: string): Promise<BenchServer> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'socprev-bench-'));
    if (dialect === 'sqlite') return new BenchServer(dialect, dataDir, { ...env, DATABASE_URL: '' }, null, null);
    if (!databaseUrl) throw new Error('--postgres needs DATABASE_URL (postgres://user@host:port/database); the bench creates and drops its own database next to it');
    const db = await createPgDatabase(databaseUrl);
    return new BenchServer(dialect, dataDir, { ...env, DATABASE_URL: db.url }, db.drop, db.name);
  }

  /** The database URL the server uses (PostgreSQL), or null for SQLite. */
  get databaseUrl(): string | null {
    return this.env.DATABASE_URL || null;
  }

  logs(): string {
    return this.output;
  }

  /** Starts the server and resolves when `/api/health` answers; returns the ms since spawn. */
  async start(): Promise<number> {
    if (!fs.existsSync(path.join(ROOT, 'client/dist/index.html')) || !fs.existsSync(path.join(ROOT, 'server/dist/main.js'))) throw new Error('client/dist or server/dist is missing: run "npm run build"');
    // The same port on a restart, so signed-in clients keep working.
    const port = this.url ? Number(new URL(this.url).port) : await freePort();
    this.output = '';
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--enable-source-maps', 'server/dist/main.js'], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: this.dataDir, LOG_LEVEL: 'warn', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.process = child;
    child.stdout!.on('data', (d) => (this.output += d));
    child.stderr!.on('data', (d) => (this.output += d));
    this.url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${this.output}`);
      try {
        if ((await fetch(`${this.url}/api/health`)).ok) return performance.now() - t0;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`server did not start within 60 s:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Stops the process (SIGTERM) and waits for it to exit. */
  async stop(): Promise<void> {
    const child = this.process;
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    this.process = null;
  }

  /** Stops the server, drops the PostgreSQL database and removes the data directory. */
  async destroy(): Promise<void> {
    await this.stop();
    if (this.dropDb) await this.dropDb().catch((e) => process.stderr.write(`[bench] could not drop ${this.databaseName}: ${(e as Error).message}\n`));
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}
