/**
 * Crash safety of the SQLite set-up (WAL, synchronous=NORMAL): the real server is killed with
 * SIGKILL in the middle of a large multi-file import and a burst of concurrent codings, started
 * again on the same DATA_DIR, and then every coding the server acknowledged (2xx) is there,
 * exactly once, and no document is partial (each has its revision and its turns).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { Client } from '../../scripts/load/client';
import { startServerAt, type ServerChild } from './server-child';

const EMAIL = 'owner@example.org';
const PASSWORD = 'crash test password 2026';
const ENV = { SOCPREV_ADMIN_EMAIL: EMAIL, SOCPREV_ADMIN_PASSWORD: PASSWORD };

/** A transcript of `turns` short turns (~40 bytes each). */
function transcript(turns: number, seed: number): string {
  const lines: string[] = [];
  for (let i = 0; i < turns; i++) lines.push(`${i % 2 ? 'Respondent' : 'Interviewer'}: answer ${seed}-${i} about housing and debt.`);
  return lines.join('\n');
}

describe('crash safety (SIGKILL during an import and a burst of codings)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'socprev-crash-'));
  let server: ServerChild | undefined;
  afterAll(async () => {
    await server?.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged coding, once, and no partial document', async () => {
    server = await startServerAt(dataDir, ENV);
    let api = await Client.login(server.url, EMAIL, PASSWORD);
    const projectId = (await api.post('/api/projects', { name: 'Crash' })).body.id as string;
    const codeIds: string[] = [];
    for (const name of ['Housing', 'Debt', 'Trust']) codeIds.push((await api.post(`/api/projects/${projectId}/codes`, { name })).body.id);
    const seeded = await api.upload(`/api/projects/${projectId}/documents`, [{ name: 'coding.txt', content: transcript(2_000, 0) }]);
    expect(seeded.status).toBe(201);
    const documentId = seeded.body.documents[0].id as string;
    const text = (await api.get(`/api/documents/${documentId}`)).body.text as string;

    // A burst of codings: 12 coders in flight, each request on its own range.
    const acknowledged: { id: string; start: number; codeId: string }[] = [];
    let next = 0;
    let stop = false;
    let failures = 0;
    const worker = async () => {
      while (!stop) {
        const i = next++;
        const start = (i * 37) % (text.length - 40);
        const codeId = codeIds[i % codeIds.length]!;
        const answer = await api.post(`/api/documents/${documentId}/segments`, { start, end: start + 25, exact: text.slice(start, start + 25), codeIds: [codeId] });
        if (answer.status === 201) acknowledged.push({ id: answer.body.id, start, codeId });
        else if (answer.status === 0) return; // the server is gone
        else failures++;
      }
    };
    const workers = Array.from({ length: 12 }, worker);
    await new Promise((r) => setTimeout(r, 700));
    // A large import: 16 files of 20,000 turns (~0.8 MB each), each file its own transaction.
    const files = Array.from({ length: 16 }, (_, i) => ({ name: `big-${i}.txt`, content: transcript(20_000, i + 1) }));
    let importAnswered = false;
    const bigImport = api.upload(`/api/projects/${projectId}/documents`, files).then((a) => { importAnswered = a.status !== 0; return a; });

    // Kill as soon as two of the big files are committed (read from the database file itself:
    // WAL lets a reader in beside the server), so the kill lands in the middle of the import.
    const watcher = new SQLite(path.join(dataDir, 'socprev.sqlite'), { readonly: true });
    const committed = watcher.prepare(`select count(*) as n from documents where name like 'big-%'`);
    const killBy = Date.now() + 15_000;
    while ((committed.get() as { n: number }).n < 2 && Date.now() < killBy) await new Promise((r) => setTimeout(r, 20));
    watcher.close();
    await server.kill('SIGKILL');
    stop = true;
    await Promise.all(workers);
    await bigImport;
    expect(importAnswered, 'the import finished before the kill: make it larger').toBe(false);
    expect(failures).toBe(0);
    expect(acknowledged.length).toBeGreaterThan(20);

    // Start again on the same data.
    server = await startServerAt(dataDir, ENV);
    api = await Client.login(server.url, EMAIL, PASSWORD);
    const segments = (await api.get(`/api/documents/${documentId}/segments`)).body.segments as { id: string; start: number; codes: { codeId: string; codingId: string }[] }[];
    const byId = new Map(segments.map((s) => [s.id, s]));
    expect(byId.size, 'segment ids are unique').toBe(segments.length);
    for (const ack of acknowledged) {
      const segment = byId.get(ack.id);
      expect(segment, `acknowledged segment ${ack.id} is present`).toBeDefined();
      expect(segment!.start).toBe(ack.start);
      expect(segment!.codes.map((c) => c.codeId)).toEqual([ack.codeId]);
    }
    const codingIds = segments.flatMap((s) => s.codes.map((c) => c.codingId));
    expect(new Set(codingIds).size, 'coding ids are unique').toBe(codingIds.length);
    // At most the requests in flight at the kill were committed without an answer.
    expect(segments.length - acknowledged.length).toBeLessThanOrEqual(12);

    // No partial document: through the API and in the database file itself.
    const documents = (await api.get(`/api/projects/${projectId}/documents`)).body.documents as { id: string; name: string }[];
    for (const doc of documents) {
      const detail = await api.get(`/api/documents/${doc.id}`);
      expect(detail.status, `${doc.name} opens`).toBe(200);
      expect(detail.body.turns.length, `${doc.name} has its turns`).toBeGreaterThan(0);
    }
    const db = new SQLite(path.join(dataDir, 'socprev.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const partial = db.prepare(`select d.name from documents d left join document_revisions r on r.id = d.current_revision_id
        where r.id is null or not exists (select 1 from turns t where t.revision_id = r.id)`).all();
      expect(partial).toEqual([]);
      const imported = db.prepare(`select count(*) as n from documents where name like 'big-%'`).get() as { n: number };
      const turnsPerDoc = db.prepare(`select count(*) as n from documents d join turns t on t.revision_id = d.current_revision_id where d.name like 'big-%' group by d.id`).all() as { n: number }[];
      expect(turnsPerDoc.every((r) => r.n === 20_000)).toBe(true);
      expect(imported.n).toBeGreaterThanOrEqual(2);
      console.log(`crash test: ${acknowledged.length} codings acknowledged before SIGKILL, ${segments.length} present after restart; ${imported.n} of 16 big files had been imported`);
    } finally {
      db.close();
    }
  }, 60_000);
});
