/**
 * The pieces that make applying a code cheap (issue 9): reused SQLite statements, the revision
 * texts kept in memory, the worker that checkpoints SQLite's log; and through the API, that a
 * corrected transcript is checked against its new text, never a kept old one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb } from '../../server/db/create-db';
import { cachingStatements } from '../../server/db/statement-cache';
import { LruBySize, revisionKey } from '../../server/shared/lru-bytes';
import { type Agent, setupOwner } from '../helpers/agent';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app';

describe('cachingStatements', () => {
  const open = () => {
    const sqlite = new SQLite(':memory:');
    sqlite.exec('create table t (id integer primary key, v text); insert into t (v) values (\'a\'), (\'b\'), (\'c\')');
    return sqlite;
  };

  it('hands out the same statement for the same SQL, and a fresh one while it is being iterated', () => {
    const sqlite = open();
    const db = cachingStatements(sqlite);
    const first = db.prepare('select v from t order by id');
    expect(db.prepare('select v from t order by id')).toBe(first);
    const iterating = first.iterate([]);
    iterating.next();
    const other = db.prepare('select v from t order by id');
    expect(other).not.toBe(first);
    expect(other.all([])).toEqual([{ v: 'a' }, { v: 'b' }, { v: 'c' }]);
    expect([...iterating]).toEqual([{ v: 'b' }, { v: 'c' }]);
    expect(db.prepare('select v from t order by id')).toBe(first);
    db.close();
    expect(sqlite.open).toBe(false);
  });

  it('keeps at most `max` statements, dropping the least recently used', () => {
    const db = cachingStatements(open(), 2);
    const a = db.prepare('select 1');
    const b = db.prepare('select 2');
    expect(db.prepare('select 1')).toBe(a); // now the most recent
    db.prepare('select 3'); // drops "select 2"
    expect(db.prepare('select 1')).toBe(a);
    expect(db.prepare('select 2')).not.toBe(b);
  });

  it('still sees schema changes made after a statement was kept', () => {
    const db = cachingStatements(open());
    expect(db.prepare('select * from t where id = ?').all([1])).toEqual([{ id: 1, v: 'a' }]);
    db.prepare('alter table t add column w text default \'x\'').run([]);
    expect(db.prepare('select * from t where id = ?').all([1])).toEqual([{ id: 1, v: 'a', w: 'x' }]);
  });
});

describe('revision texts kept in memory (LruBySize by revisionKey)', () => {
  it('answers by revision id and hash, and forgets the least recently used beyond its size', () => {
    const texts = new LruBySize<string>(10, (text) => text.length);
    texts.set(revisionKey('r1', 'h1'), 'aaaa');
    texts.set(revisionKey('r2', 'h2'), 'bbbb');
    expect(texts.get(revisionKey('r1', 'h1'))).toBe('aaaa');
    expect(texts.get(revisionKey('r1', 'other hash'))).toBeUndefined();
    texts.set(revisionKey('r3', 'h3'), 'cccc'); // 12 characters: r2, the least recently used, goes
    expect(texts.get(revisionKey('r2', 'h2'))).toBeUndefined();
    expect(texts.get(revisionKey('r1', 'h1'))).toBe('aaaa');
    expect(texts.get(revisionKey('r3', 'h3'))).toBe('cccc');
    texts.set(revisionKey('big', 'h'), 'x'.repeat(11)); // larger than the whole cache: not kept
    expect(texts.get(revisionKey('big', 'h'))).toBeUndefined();
    expect(texts.size).toBe(2);
  });
});

describe('SQLite log checkpoints from the worker', () => {
  let dir = '';
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('copies committed pages into the database file without the server connection checkpointing', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'socprev-wal-'));
    const handle = createDb({ dataDir: dir });
    const file = path.join(dir, 'socprev.sqlite');
    await sql`create table t (id integer primary key, v text)`.execute(handle.db);
    const before = fs.statSync(file).size;
    await handle.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 500; i++) await sql`insert into t (v) values (${'x'.repeat(1000)})`.execute(trx);
    });
    // Far below the connection's own automatic checkpoint: only the worker moves these pages.
    expect(fs.statSync(file).size).toBe(before);
    const deadline = Date.now() + 10_000;
    while (fs.statSync(file).size < 500_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(fs.statSync(file).size).toBeGreaterThan(500_000);
    await handle.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const reopened = new SQLite(file, { readonly: true });
    expect(reopened.prepare('select count(*) as n from t').get()).toEqual({ n: 500 });
    reopened.close();
  });
});

describe.each(DIALECTS)('applying a code after a correction (%s)', (dialect) => {
  let t: TestApp;
  let owner: Agent;
  afterEach(async () => t?.close());

  it('checks the quote against the current revision, not a text kept from before', async () => {
    t = await createTestApp(dialect);
    owner = await setupOwner(t.app);
    const projectId = (await owner.post('/api/projects', { name: 'P' })).json().id;
    const codeId = (await owner.post(`/api/projects/${projectId}/codes`, { name: 'Costs' })).json().id;
    const text = 'Respondent: The rent went up twice this year.';
    const documentId = (await owner.upload(`/api/projects/${projectId}/documents`, [{ name: 'i.txt', content: text }])).json().documents[0].id;
    const current = (await owner.get(`/api/documents/${documentId}`)).json().text as string;
    const at = (t: string, phrase: string) => ({ start: t.indexOf(phrase), end: t.indexOf(phrase) + phrase.length, exact: phrase });
    expect((await owner.post(`/api/documents/${documentId}/segments`, { ...at(current, 'rent'), codeIds: [codeId] })).statusCode).toBe(201);

    const corrected = current.replace('The rent', 'Our monthly rent');
    expect((await owner.post(`/api/documents/${documentId}/revisions`, { text: corrected })).statusCode).toBeLessThan(300);
    // The old offsets of "went up" now point elsewhere in the corrected text.
    const stale = await owner.post(`/api/documents/${documentId}/segments`, { ...at(current, 'went up'), codeIds: [codeId] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('QUOTE_MISMATCH');
    const fresh = await owner.post(`/api/documents/${documentId}/segments`, { ...at(corrected, 'monthly rent'), codeIds: [codeId] });
    expect(fresh.statusCode).toBe(201);
    expect(fresh.json().exact).toBe('monthly rent');
  });
});

describe.each(DIALECTS)('the answer to applying a code (%s)', (dialect) => {
  let t: TestApp;
  afterEach(async () => t?.close());

  it('is the segment as the API reads it back, for a new passage and for more codes on the same passage with a memo', async () => {
    t = await createTestApp(dialect);
    const owner = await setupOwner(t.app);
    const projectId = (await owner.post('/api/projects', { name: 'P' })).json().id;
    const costs = (await owner.post(`/api/projects/${projectId}/codes`, { name: 'Costs' })).json().id;
    const housing = (await owner.post(`/api/projects/${projectId}/codes`, { name: 'Housing' })).json().id;
    const documentId = (await owner.upload(`/api/projects/${projectId}/documents`, [{ name: 'i.txt', content: 'Respondent: The rent went up twice this year.' }])).json().documents[0].id;
    const text = (await owner.get(`/api/documents/${documentId}`)).json().text as string;
    const passage = { start: text.indexOf('rent'), end: text.indexOf('rent') + 4, exact: 'rent' };
    const byCode = (s: { codes: { codeId: string }[] }) => ({ ...s, codes: [...s.codes].sort((a, b) => a.codeId.localeCompare(b.codeId)) });
    const readBack = async (id: string) => (await owner.get(`/api/documents/${documentId}/segments`)).json().segments.find((s: { id: string }) => s.id === id);

    const created = await owner.post(`/api/documents/${documentId}/segments`, { ...passage, codeIds: [costs] });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual(await readBack(created.json().id));
    expect(created.json()).toMatchObject({ coderName: owner.user.name, memoCount: 0, codes: [{ codeId: costs, name: 'Costs' }] });

    expect((await owner.post(`/api/projects/${projectId}/memos`, { targetType: 'segment', targetId: created.json().id, title: 'Rent', body: 'Twice.' })).statusCode).toBe(201);
    const extended = await owner.post(`/api/documents/${documentId}/segments`, { ...passage, codeIds: [housing, costs] });
    expect(extended.statusCode).toBe(201);
    expect(extended.json().id).toBe(created.json().id);
    expect(byCode(extended.json())).toEqual(byCode(await readBack(created.json().id)));
    expect(extended.json().memoCount).toBe(1);
    expect(extended.json().codes).toHaveLength(2);
  });
});
