import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SearchIndexes } from '../../server/features/search/search-indexes';
import { type Agent, setupOwner } from '../helpers/agent';
import { createTestApp, type TestApp } from '../helpers/test-app';

describe('search indexes: snapshots checked against the database, idle unloading', () => {
  let t: TestApp;
  let owner: Agent;
  let projectId: string;
  let dir: string;

  beforeEach(async () => {
    t = await createTestApp('sqlite');
    owner = await setupOwner(t.app);
    projectId = (await owner.post('/api/projects', { name: 'P' })).json().id;
    await owner.upload(`/api/projects/${projectId}/documents`, [{ name: 'a.txt', content: 'Interviewer: Why?\n\nRespondent: Because of the overdoses.' }]);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'socprev-index-'));
  });
  afterEach(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const count = async (indexes: SearchIndexes, term: string) => (await indexes.get(projectId)).turns([{ term, exact: true }], () => true).length;

  it('writes a snapshot when unloading, and a reloaded snapshot catches up with the database', async () => {
    const first = new SearchIndexes(t.app.db, { snapshotDir: dir, idleMs: 1000 });
    expect(await count(first, 'overdoses')).toBe(1);
    await first.sweep(Date.now() + 5000);
    expect(first.isLoaded(projectId)).toBe(false);
    expect(fs.existsSync(path.join(dir, `${projectId}.index`))).toBe(true);
    await first.close();

    // Changes while nobody had the index loaded: a new transcript, and the old one deleted.
    const docs = (await owner.get(`/api/projects/${projectId}/documents`)).json().documents;
    await owner.upload(`/api/projects/${projectId}/documents`, [{ name: 'b.txt', content: 'Interviewer: And then?\n\nRespondent: Naloxone saved him.' }]);
    await owner.delete(`/api/documents/${docs[0].id}`);

    const second = new SearchIndexes(t.app.db, { snapshotDir: dir });
    expect(await count(second, 'naloxone')).toBe(1);
    expect(await count(second, 'overdoses')).toBe(0);
    await second.close();
  });

  it('keeps at most maxLoaded indexes in memory', async () => {
    const other = (await owner.post('/api/projects', { name: 'Q' })).json().id;
    const indexes = new SearchIndexes(t.app.db, { maxLoaded: 1 });
    await indexes.get(projectId);
    await indexes.get(other);
    expect(indexes.isLoaded(projectId)).toBe(false);
    expect(indexes.isLoaded(other)).toBe(true);
    await indexes.close();
  });
});
