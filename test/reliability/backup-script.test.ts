/**
 * `npm run backup` (scripts/backup.ts): an online SQLite backup taken while the real server runs
 * and keeps writing holds every change committed before it started and passes its integrity
 * check; restoring it (server stopped, file copied into an empty DATA_DIR) brings the project
 * back through the API. On PostgreSQL the script only prints pg_dump guidance.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { Client } from '../../scripts/load/client';
import { startServerAt, type ServerChild } from './server-child';

const ROOT = path.resolve(new URL('../..', import.meta.url).pathname);
const EMAIL = 'owner@example.org';
const PASSWORD = 'backup test password 2026';
const ENV = { SOCPREV_ADMIN_EMAIL: EMAIL, SOCPREV_ADMIN_PASSWORD: PASSWORD };

/** Runs `scripts/backup.ts` as `npm run backup` does (tsx), asynchronously so the server keeps answering. */
function runBackup(env: Record<string, string>, args: string[] = []): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('npm run backup (SQLite online backup) and restore', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'socprev-backup-'));
  const restoreDir = fs.mkdtempSync(path.join(os.tmpdir(), 'socprev-restore-'));
  let server: ServerChild | undefined;
  afterAll(async () => {
    await server?.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(restoreDir, { recursive: true, force: true });
  });

  it('backs up a database in use, and the restored copy holds the data', async () => {
    server = await startServerAt(dataDir, ENV);
    const api = await Client.login(server.url, EMAIL, PASSWORD);
    const projectId = (await api.post('/api/projects', { name: 'Backed up' })).body.id as string;
    const codeId = (await api.post(`/api/projects/${projectId}/codes`, { name: 'Housing' })).body.id as string;
    const text = Array.from({ length: 400 }, (_, i) => `${i % 2 ? 'R' : 'I'}: line ${i} about the housing office.`).join('\n');
    const documentId = (await api.upload(`/api/projects/${projectId}/documents`, [{ name: 'interview.txt', content: text }])).body.documents[0].id as string;
    const canonical = (await api.get(`/api/documents/${documentId}`)).body.text as string;
    const code = (i: number) => {
      const start = (i * 29) % (canonical.length - 30);
      return api.post(`/api/documents/${documentId}/segments`, { start, end: start + 20, exact: canonical.slice(start, start + 20), codeIds: [codeId] });
    };
    const before: string[] = [];
    for (let i = 0; i < 50; i++) before.push((await code(i)).body.id);

    // Keep coding while the backup runs.
    let writing = true;
    let during = 0;
    const writer = (async () => {
      for (let i = 50; writing; i++) if ((await code(i)).status === 201) during++;
    })();
    const file = path.join(dataDir, 'manual', 'copy.sqlite');
    const result = await runBackup({ DATA_DIR: dataDir }, [file]);
    writing = false;
    await writer;
    expect(result.status, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as { file: string; bytes: number; counts: Record<string, number> };
    expect(summary.file).toBe(file);
    expect(summary.counts.projects).toBe(1);
    expect(summary.counts.segments).toBeGreaterThanOrEqual(50);
    expect(during).toBeGreaterThan(0);

    // The copy is one consistent, self-contained file with everything committed before the backup.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const copy = new SQLite(file, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      const ids = new Set((copy.prepare('select id from segments where document_id = ?').all(documentId) as { id: string }[]).map((r) => r.id));
      for (const id of before) expect(ids.has(id)).toBe(true);
      const orphans = copy.prepare('select count(*) as n from codings c left join segments s on s.id = c.segment_id where s.id is null').get() as { n: number };
      expect(orphans.n).toBe(0);
    } finally {
      copy.close();
    }

    // Without an argument: DATA_DIR/backups/<timestamp>.sqlite; an existing file is never overwritten.
    const second = await runBackup({ DATA_DIR: dataDir });
    expect(second.status, second.stderr).toBe(0);
    const defaultFile = (JSON.parse(second.stdout) as { file: string }).file;
    expect(path.dirname(defaultFile)).toBe(path.join(dataDir, 'backups'));
    expect(path.basename(defaultFile)).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.sqlite$/);
    const again = await runBackup({ DATA_DIR: dataDir }, [file]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exists');

    // Restore as documented: stop the server, copy the file into an empty DATA_DIR as socprev.sqlite, start.
    await server.kill('SIGTERM');
    fs.copyFileSync(file, path.join(restoreDir, 'socprev.sqlite'));
    server = await startServerAt(restoreDir, ENV);
    const restored = await Client.login(server.url, EMAIL, PASSWORD);
    const projects = (await restored.get('/api/projects')).body.projects as { id: string; name: string }[];
    expect(projects.map((p) => p.name)).toEqual(['Backed up']);
    const doc = await restored.get(`/api/documents/${documentId}`);
    expect(doc.status).toBe(200);
    expect(doc.body.text).toBe(canonical);
    const segments = (await restored.get(`/api/documents/${documentId}/segments`)).body.segments as { id: string }[];
    const restoredIds = new Set(segments.map((s) => s.id));
    for (const id of before) expect(restoredIds.has(id)).toBe(true);
    // The restored server keeps working.
    expect((await restored.post(`/api/projects/${projectId}/codes`, { name: 'After restore' })).status).toBe(201);
  }, 60_000);

  it('a missing database is a clear error; PostgreSQL gets pg_dump guidance and nothing runs', async () => {
    const empty = await runBackup({ DATA_DIR: path.join(restoreDir, 'nowhere') });
    expect(empty.status).toBe(1);
    expect(empty.stderr).toContain('There is no database');
    const pg = await runBackup({ DATABASE_URL: 'postgres://user@db.example:5432/socprev', DATA_DIR: restoreDir });
    expect(pg.status).toBe(0);
    expect(pg.stdout).toContain('pg_dump --format=custom');
    expect(pg.stdout).toContain('pg_restore');
    expect(fs.existsSync(path.join(restoreDir, 'backups'))).toBe(false);
  });
});
