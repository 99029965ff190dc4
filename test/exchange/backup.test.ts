import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../server/app';
import { BACKUP_TABLES, NON_PROJECT_TABLES, selectProjectRows } from '../../server/features/exchange/backup-tables';
import { readZipEntries } from '../../server/features/exchange/backup-zip-reader';
import { type Agent, createUser, setupOwner } from '../helpers/agent';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app';
import { buildRichProject, type RichProject, writeZip } from './backup-fixture';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function download(agent: Agent, projectId: string): Promise<Buffer> {
  const res = await agent.get(`/api/projects/${projectId}/backup`);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('application/zip');
  return res.rawPayload;
}

const restore = (agent: Agent, bytes: Buffer, name = 'project.socprev-backup.zip') =>
  agent.upload('/api/projects/restore', [{ name, content: bytes, type: 'application/zip' }]);

/** A table's rows with ids blanked (user ids kept: the same people on this server), sorted: equal modulo ids. */
function normalise(rows: Record<string, unknown>[], users: Set<string>): string[] {
  const walk = (v: unknown, key?: string): unknown => {
    if (typeof v === 'string' && UUID.test(v)) return users.has(v) ? v : '<id>';
    if (typeof v === 'number' && key && /(^id$|event_id|eventId)/.test(key)) return '<n>';
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (Buffer.isBuffer(v) || v instanceof Uint8Array) return createHash('sha256').update(v).digest('hex');
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [UUID.test(k) ? '<id>' : k, walk(x, k)]));
    if (typeof v === 'string' && /^[[{]/.test(v)) {
      try { return JSON.stringify(walk(JSON.parse(v))); } catch { return v; }
    }
    return v;
  };
  return rows.map((r) => JSON.stringify(walk({ ...r }))).sort();
}

/** Tables of the database that reach `projects` through foreign keys, listed from the database itself. */
async function projectTablesInDatabase(app: App): Promise<{ all: string[]; reaching: string[] }> {
  const fks = new Map<string, string[]>();
  let all: string[];
  if (app.dialect === 'sqlite') {
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(app.db);
    all = tables.rows.map((t) => t.name);
    for (const t of all) {
      const list = await sql<{ table: string }>`select * from pragma_foreign_key_list(${t})`.execute(app.db);
      fks.set(t, list.rows.map((r) => r.table));
    }
  } else {
    const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(app.db);
    all = tables.rows.map((t) => t.name);
    const list = await sql<{ child: string; parent: string }>`
      select tc.table_name as child, ccu.table_name as parent from information_schema.table_constraints tc
      join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
      where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema()`.execute(app.db);
    for (const r of list.rows) fks.set(r.child, [...(fks.get(r.child) ?? []), r.parent]);
  }
  const reaches = (t: string, seen = new Set<string>()): boolean => t === 'projects' || (!seen.has(t) && (fks.get(t) ?? []).some((p) => reaches(p, new Set([...seen, t]))));
  return { all, reaching: all.filter((t) => reaches(t)) };
}

describe.each(DIALECTS)('project backup and restore (%s)', (dialect) => {
  let t: TestApp;
  let owner: Agent;
  let coder: Agent;
  let rich: RichProject;

  beforeEach(async () => {
    t = await createTestApp(dialect);
    owner = await setupOwner(t.app);
    coder = await createUser(owner, 'coder@example.org', 'Cora Coder');
    rich = await buildRichProject(t.app, owner, coder);
  });
  afterEach(async () => t.close());

  it('backs up every project table of the schema (a new table must be added to the backup)', async () => {
    const { all, reaching } = await projectTablesInDatabase(t.app);
    const backedUp = BACKUP_TABLES.map((b) => b.name as string);
    expect([...reaching].sort()).toEqual([...backedUp].sort());
    expect(all.filter((name) => !backedUp.includes(name) && !NON_PROJECT_TABLES.includes(name))).toEqual([]);
  });

  it('writes a manifest, the users, one file per table and the original .docx', async () => {
    const entries = await readZipEntries(await download(owner, rich.projectId));
    const manifest = JSON.parse(entries.get('manifest.json')!.toString());
    expect(manifest).toMatchObject({ format: 'socprev-workbench-backup', formatVersion: 1, project: { name: 'Rich project' }, createdBy: 'owner@example.org' });
    expect(manifest.appVersion).toMatch(/^\d+\.\d+\.\d+/);
    for (const table of BACKUP_TABLES) expect(entries.has(`tables/${table.name}.jsonl`)).toBe(!table.optional); // the key list only when asked for
    expect(manifest.counts).toMatchObject({ documents: 2, document_originals: 2, codings: 5, memos: 5, saved_queries: 1, assessment_evidence: 1 });
    expect(manifest.counts.project_events).toBeGreaterThan(10);
    expect(manifest.counts.event_changes).toBeGreaterThan(5);
    expect(JSON.parse(entries.get('users.json')!.toString()).map((u: { email: string }) => u.email).sort()).toEqual(['coder@example.org', 'owner@example.org']);
    const originals = [...entries.keys()].filter((k) => k.startsWith('originals/'));
    expect(originals.some((k) => entries.get(k)!.subarray(0, 2).toString() === 'PK')).toBe(true); // the .docx bytes
  });

  it('only leads download backups', async () => {
    expect((await coder.get(`/api/projects/${rich.projectId}/backup`)).statusCode).toBe(403);
  });

  it('restores into a new project equal modulo ids, that works (search, undo, exports)', async () => {
    const res = await restore(coder, await download(owner, rich.projectId));
    expect(res.statusCode).toBe(201);
    const report = res.json();
    expect(report.project.name).toBe('Rich project (restored)'); // the coder is a member of the original
    expect(report.matchedUsers.map((u: { email: string }) => u.email).sort()).toEqual(['coder@example.org', 'owner@example.org']);
    expect(report.reassignedUsers).toEqual([]);
    const again = (await restore(owner, await download(owner, rich.projectId))).json();
    expect(again.project.name).toBe('Rich project (restored 2)');
    const restoredId = again.project.id as string;

    const users = new Set([owner.user.id, coder.user.id]);
    for (const table of BACKUP_TABLES) {
      let before = await selectProjectRows(t.app.db, table, rich.projectId);
      let after = await selectProjectRows(t.app.db, table, restoredId);
      if (table.name === 'projects') {
        before = before.map(({ updated_at: _u, name: _n, ...r }) => r);
        after = after.map(({ updated_at: _u, name: _n, ...r }) => r);
      }
      if (table.name === 'project_events') after = after.filter((e) => e.type !== 'project.restored');
      if (table.name === 'project_members') {
        before = before.map(({ created_at: _c, ...r }) => r);
        after = after.map(({ created_at: _c, ...r }) => r);
      }
      expect(normalise(after, users), table.name).toEqual(normalise(before, users));
    }
    // The exports name things rather than ids: references landed on the same documents, codes, segments and people.
    for (const table of ['documents', 'codebook', 'segments', 'memos']) {
      const a = (await owner.get(`/api/projects/${rich.projectId}/exports/${table}.csv`)).body;
      const b = (await owner.get(`/api/projects/${restoredId}/exports/${table}.csv`)).body;
      expect(b, table).toBe(a);
    }
    const docs = (await owner.get(`/api/projects/${restoredId}/documents`)).json().documents;
    const docx = docs.find((d: { name: string }) => d.name.startsWith('drug-courts'));
    const original = await owner.get(`/api/documents/${docx.id}/original`);
    expect(original.statusCode).toBe(200);
    expect(original.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const search = (await owner.get(`/api/projects/${restoredId}/search?q=housing`)).json();
    expect(JSON.stringify(search)).toContain('housing');
    const memos = (await owner.get(`/api/projects/${restoredId}/memos`)).json().memos;
    expect(memos).toHaveLength(5);
    const history = (await owner.get(`/api/projects/${restoredId}/history`)).json();
    expect(history.undo?.type).toBe('memo.created');
    const undone = await t.app.db.selectFrom('project_events').select('type').where('project_id', '=', restoredId).where('undone_by_event_id', 'is not', null).execute();
    expect(undone.map((e) => e.type)).toEqual(['code.created']);
    expect((await owner.post(`/api/projects/${restoredId}/undo`)).statusCode).toBe(200);
    expect((await owner.get(`/api/projects/${restoredId}/memos`)).json().memos).toHaveLength(4);
    expect((await owner.get(`/api/projects/${rich.projectId}/memos`)).json().memos).toHaveLength(5);
    expect((await owner.post(`/api/projects/${restoredId}/redo`)).statusCode).toBe(200);
  });

  it('gives the work of people unknown here to the restoring user, and says so', async () => {
    const bytes = await download(owner, rich.projectId);
    await t.app.db.updateTable('users').set({ email: 'someone-else@example.org' }).where('id', '=', coder.user.id).execute();
    const report = (await restore(owner, bytes)).json();
    expect(report.reassignedUsers).toEqual([{ email: 'coder@example.org', name: 'Cora Coder' }]);
    const coders = await t.app.db.selectFrom('codings').innerJoin('codes', 'codes.id', 'codings.code_id').select('coder_id').where('codes.project_id', '=', report.project.id).execute();
    expect(new Set(coders.map((c) => c.coder_id))).toEqual(new Set([owner.user.id]));
    const members = await t.app.db.selectFrom('project_members').selectAll().where('project_id', '=', report.project.id).execute();
    expect(members.map((m) => [m.user_id, m.role])).toEqual([[owner.user.id, 'owner']]);
  });

  it('refuses what is not a backup, a newer format, damaged and hostile files, and leaves nothing behind', async () => {
    const bytes = await download(owner, rich.projectId);
    const entries = [...(await readZipEntries(bytes))];
    const manifest = JSON.parse(entries.find(([n]) => n === 'manifest.json')![1].toString());
    const countProjects = async () => Number((await t.app.db.selectFrom('projects').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await countProjects();
    const code = async (zip: Buffer) => {
      const res = await restore(owner, zip);
      expect(res.statusCode, res.body).toBe(400);
      return res.json().error.code;
    };
    const withManifest = (m: object, replace: [string, Buffer][] = []) => writeZip([
      ['manifest.json', JSON.stringify(m)],
      ...entries.filter(([n]) => n !== 'manifest.json').map(([n, b]): [string, Buffer] => replace.find(([r]) => r === n) ?? [n, b]),
    ]);
    expect(await code(Buffer.from('just some text, not a zip'))).toBe('NOT_A_BACKUP');
    expect(await code(await writeZip([['readme.txt', 'hello']]))).toBe('NOT_A_BACKUP');
    expect(await code(await writeZip([['manifest.json', '{"format":"something-else"}']]))).toBe('NOT_A_BACKUP');
    expect(await code(await withManifest({ ...manifest, formatVersion: 99 }))).toBe('BACKUP_TOO_NEW');
    expect(await code(bytes.subarray(0, Math.floor(bytes.length / 2)))).toBe('BACKUP_CORRUPT');
    const memos = Buffer.from('{"id":"x"}\n');
    expect(await code(await withManifest(manifest, [['tables/memos.jsonl', memos]]))).toBe('BACKUP_CORRUPT');
    // Checksums fixed, but a coding points at a code that is not in the backup: the database refuses, the transaction rolls back.
    const codings = entries.find(([n]) => n === 'tables/codings.jsonl')![1].toString().replace(/"code_id":"[^"]+"/, '"code_id":"00000000-0000-4000-8000-000000000000"');
    const fixed = { ...manifest, files: { ...manifest.files, 'tables/codings.jsonl': createHash('sha256').update(codings).digest('hex') } };
    expect(await code(await withManifest(fixed, [['tables/codings.jsonl', Buffer.from(codings)]]))).toBe('BACKUP_INVALID');
    // Path traversal in an entry name (written as "aa/evil.txt", then renamed in the bytes).
    const traversal = await writeZip([['manifest.json', JSON.stringify(manifest)], ['aa/evil.txt', 'x']]);
    expect(await code(Buffer.from(traversal.toString('latin1').replaceAll('aa/evil.txt', '../evil.txt'), 'latin1'))).toBe('BACKUP_UNSAFE');
    expect(await countProjects()).toBe(before);
  });

  it('stops zip bombs and archives with too many entries', async () => {
    const bomb = await writeZip([['manifest.json', '{}'], ['zeros.bin', Buffer.alloc(5 * 1024 * 1024)]]);
    expect(bomb.length).toBeLessThan(100 * 1024);
    await expect(readZipEntries(bomb, { maxEntries: 10, maxTotalBytes: 1024 * 1024 })).rejects.toMatchObject({ code: 'BACKUP_TOO_LARGE' });
    const many = await writeZip(Array.from({ length: 20 }, (_, i): [string, string] => [`f${i}.txt`, 'x']));
    await expect(readZipEntries(many, { maxEntries: 10, maxTotalBytes: 1024 * 1024 })).rejects.toMatchObject({ code: 'BACKUP_TOO_LARGE' });
  });

  it('exports documents, codebook, segments and memos as CSV and .xlsx', async () => {
    const csv = async (table: string) => {
      const res = await coder.get(`/api/projects/${rich.projectId}/exports/${table}.csv`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      return res.body.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    };
    const documents = await csv('documents');
    expect(documents[0]).toBe('Document,File,Format,Language,Respondent group,Interview date,Words,Imported at,Sector');
    expect(documents.find((l) => l.startsWith('alpha'))).toMatch(/^alpha,alpha\.txt,txt,en,belgian,2026-03-02,\d+,[^,]+,police$/);
    expect(documents).toHaveLength(3);
    const codebook = await csv('codebook');
    expect(codebook[0]).toBe('path,color,definition,inclusion,exclusion,example,archived');
    expect(codebook).toContain('Outcomes > Relapse,' + codebook.find((l) => l.startsWith('Outcomes > Relapse'))!.split(',')[1] + ',About relapse,,,,');
    const segments = await csv('segments');
    expect(segments[0]).toBe('Document,Speaker,Speaker role,Code,Coder,Quote,Context before,Context after,Start,End,Status,Coded at');
    expect(segments.filter((l) => l.includes('Cora Coder'))).toHaveLength(3);
    expect(segments.some((l) => l.startsWith('alpha,Respondent,respondent,Outcomes > Relapse,Olivia Owner,I relapsed within weeks'))).toBe(true);
    const memos = await csv('memos');
    expect(memos[0]).toBe('Title,About,Target,Linked codes,Author,Created at,Updated at,Body');
    expect(memos.some((l) => l.startsWith('On alpha,document,alpha,Housing,Cora Coder,'))).toBe(true);
    expect(memos.some((l) => l.startsWith('Relapse,code,Outcomes > Relapse,,Olivia Owner,'))).toBe(true);
    for (const table of ['documents', 'codebook', 'segments', 'memos']) {
      const res = await coder.get(`/api/projects/${rich.projectId}/exports/${table}.xlsx`);
      expect(res.statusCode).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.rowCount, table).toBeGreaterThan(1);
      expect(String(sheet.getRow(1).getCell(1).value)).toBe(table === 'documents' ? 'Document' : table === 'codebook' ? 'path' : table === 'segments' ? 'Document' : 'Title');
    }
    expect((await coder.get(`/api/projects/${rich.projectId}/exports/secrets.csv`)).statusCode).toBe(400);
  });
});

describe.skipIf(!DIALECTS.includes('postgres'))('cross-dialect restore', () => {
  it('restores a backup made on SQLite on PostgreSQL', async () => {
    const lite = await createTestApp('sqlite');
    const pg = await createTestApp('postgres');
    try {
      const owner = await setupOwner(lite.app);
      const coder = await createUser(owner, 'coder@example.org', 'Cora Coder');
      const rich = await buildRichProject(lite.app, owner, coder);
      const bytes = await download(owner, rich.projectId);
      const pgOwner = await setupOwner(pg.app);
      await createUser(pgOwner, 'coder@example.org', 'Cora Coder');
      const res = await restore(pgOwner, bytes);
      expect(res.statusCode, res.body).toBe(201);
      const restoredId = res.json().project.id;
      for (const table of ['documents', 'codebook', 'segments', 'memos']) {
        const a = (await owner.get(`/api/projects/${rich.projectId}/exports/${table}.csv`)).body;
        const b = (await pgOwner.get(`/api/projects/${restoredId}/exports/${table}.csv`)).body;
        expect(b, table).toBe(a);
      }
      expect(JSON.stringify((await pgOwner.get(`/api/projects/${restoredId}/search?q=relapse`)).json())).toContain('relapse');
      expect((await pgOwner.get(`/api/projects/${restoredId}/history`)).json().undo?.type).toBe('memo.created');
    } finally {
      await lite.close();
      await pg.close();
    }
  });
});
