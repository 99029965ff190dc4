import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isUnsafeEntryName, readZipSafely } from '../../server/features/exchange/safe-zip';
import { parseXmlSafely } from '../../server/features/exchange/safe-xml';
import { type Agent, setupOwner } from '../helpers/agent';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app';
import { renameEntry, tinyProject, TINY_TEXT, zipOf } from './refi-fixtures';

const BILLION_LAUGHS = `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>`;
const EXTERNAL = '<!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>';

describe('safe XML and zip reading', () => {
  it('refuses DOCTYPE (billion laughs, external entities) and expands only the predefined entities', () => {
    expect(() => parseXmlSafely(tinyProject({ doctype: BILLION_LAUGHS }).replace('name="Tiny"', 'name="&lol9;"'))).toThrow(/DOCTYPE/);
    expect(() => parseXmlSafely(tinyProject({ doctype: EXTERNAL }).replace('name="Tiny"', 'name="&xxe;"'))).toThrow(/DOCTYPE/);
    expect(parseXmlSafely('<a b="&lt;&amp;&#233;&#x1F600;&nbsp;&xxe;"/>')).toEqual({ a: [{ b: '<&é😀&nbsp;&xxe;' }] });
  });

  it('refuses unsafe entry names', () => {
    for (const name of ['../x', 'a/../../x', '/etc/passwd', 'C:/x', 'c:\\x', '..\\x', 'http://x/y', 'file:///etc/passwd']) expect(isUnsafeEntryName(name), name).toBe(true);
    for (const name of ['project.qde', 'Sources/a.txt', 'sources/a..b.txt']) expect(isUnsafeEntryName(name), name).toBe(false);
  });

  it('stops a zip bomb while inflating and caps the number of entries', async () => {
    const bomb = await zipOf({ 'project.qde': Buffer.alloc(5_000_000, 0x20) });
    expect(bomb.length).toBeLessThan(50_000);
    await expect(readZipSafely(bomb, { maxEntries: 10, maxTotalBytes: 1_000_000, maxEntryBytes: 10_000_000 })).rejects.toMatchObject({ code: 'ARCHIVE_TOO_LARGE' });
    await expect(readZipSafely(bomb, { maxEntries: 10, maxTotalBytes: 10_000_000, maxEntryBytes: 1_000_000 })).rejects.toMatchObject({ code: 'ARCHIVE_TOO_LARGE' });
    const many = await zipOf(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}.txt`, 'x'])));
    await expect(readZipSafely(many, { maxEntries: 10, maxTotalBytes: 1e6, maxEntryBytes: 1e6 })).rejects.toMatchObject({ code: 'ARCHIVE_TOO_LARGE' });
    const traversal = renameEntry(await zipOf({ 'xx/evil.txt': 'x', 'project.qde': 'y' }), 'xx/evil.txt', '../evil.txt');
    await expect(readZipSafely(traversal, { maxEntries: 10, maxTotalBytes: 1e6, maxEntryBytes: 1e6 })).rejects.toMatchObject({ code: 'ARCHIVE_UNSAFE' });
  });
});

describe.each(DIALECTS)('hostile REFI-QDA uploads (%s)', (dialect) => {
  let t: TestApp;
  let owner: Agent;
  const projectCount = async () => (await t.app.db.selectFrom('projects').select(t.app.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

  beforeEach(async () => {
    t = await createTestApp(dialect);
    owner = await setupOwner(t.app);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await t.close();
  });

  it.each([
    ['billion laughs', tinyProject({ doctype: BILLION_LAUGHS }), 'XML_UNSAFE'],
    ['external entity', tinyProject({ doctype: EXTERNAL }), 'XML_UNSAFE'],
    ['not XML', 'hello', 'NOT_REFI'],
    ['not a project', '<CodeBook/>', 'NOT_REFI'],
    ['broken XML', '<Project><Users></Project>', 'XML_INVALID'],
  ])('refuses %s with a clear 400 and creates nothing', async (_name, body, code) => {
    const before = Number(await projectCount());
    const res = await owner.upload('/api/projects/import', [{ name: 'x.qde', content: body }]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe(code);
    expect(res.json().error.message).toMatch(/\w+ \w+/);
    expect(Number(await projectCount())).toBe(before);
  });

  it('refuses an archive with a path traversal name', async () => {
    const zip = renameEntry(await zipOf({ 'project.qde': tinyProject(), 'xx/evil.txt': 'x' }), 'xx/evil.txt', '../evil.txt');
    const res = await owner.upload('/api/projects/import', [{ name: 'x.qdpx', content: zip }]);
    expect(res.json().error.code).toBe('ARCHIVE_UNSAFE');
  });

  it('never fetches a source that points outside the archive: it is reported as skipped', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    for (const path of ['http://127.0.0.1:9/secret.txt', 'file:///etc/passwd', 'relative:///s1.txt', 'internal://../../etc/passwd']) {
      const zip = await zipOf({ 'project.qde': tinyProject({ plainTextPath: path }), 'sources/s1.txt': TINY_TEXT });
      const res = await owner.upload('/api/projects/import', [{ name: 'x.qdpx', content: zip }]);
      expect(res.statusCode).toBe(201);
      const { report } = res.json();
      expect(report.imported.documents).toBe(0);
      expect(report.skipped[0]).toMatchObject({ kind: 'text source', name: 'Interview.txt' });
      expect(report.skipped[0].reason).toMatch(/outside the file .* not fetched/);
    }
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('leaves no project behind when writing fails halfway', async () => {
    const { eventsRepository } = await import('../../server/features/events/events.repository');
    vi.spyOn(eventsRepository, 'record').mockRejectedValueOnce(new Error('disk full'));
    const before = Number(await projectCount());
    const zip = await zipOf({ 'project.qde': tinyProject(), 'sources/s1.txt': TINY_TEXT });
    const res = await owner.upload('/api/projects/import', [{ name: 'x.qdpx', content: zip }]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('IMPORT_FAILED');
    expect(Number(await projectCount())).toBe(before);
    expect(await t.app.db.selectFrom('documents').select('id').execute()).toEqual([]);
    expect(await t.app.db.selectFrom('users').select('id').where('email', 'like', 'refi-%').execute()).toEqual([]);
  });
});
