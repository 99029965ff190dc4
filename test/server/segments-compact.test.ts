import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expandSegments } from '../../client/src/features/reader/reader-segments';
import type { CompactSegmentList, Segment } from '../../client/src/api/types';
import { type Agent, createUser, setupOwner } from '../helpers/agent';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app';

const TEXT = `Interviewer: Who commits the thefts you see?

Respondent: Mostly older heroin users, to pay for their drugs. Some are homeless 🏚️ and live near the station.

Interviewer: And the young ones?

Respondent: The young ones are couriers for the dealers. They carry cocaine for a few euros.`;

/** What the reader uses of a full segment (the fields of `ReaderSegment`). */
const asReader = (s: Segment) => ({
  id: s.id, start: s.start, end: s.end, exact: s.exact, status: s.status, coderId: s.coderId, coderName: s.coderName,
  createdAt: s.createdAt, memoCount: s.memoCount, codes: s.codes.map((c) => ({ codeId: c.codeId, name: c.name, color: c.color })),
});
const byCode = <T extends { codeId: string }>(codes: T[]) => [...codes].sort((a, b) => a.codeId.localeCompare(b.codeId));

describe.each(DIALECTS)('the compact segment listing for the reader (%s)', (dialect) => {
  let t: TestApp;
  let owner: Agent;
  let coder: Agent;
  let projectId: string;
  let documentId: string;
  let text: string;
  const codes: Record<string, string> = {};

  const range = (phrase: string) => {
    const start = text.indexOf(phrase);
    if (start < 0) throw new Error(`not in text: ${phrase}`);
    return { start, end: start + phrase.length, exact: phrase };
  };
  const code = async (who: Agent, phrase: string, names: string[]) => {
    const res = await who.post(`/api/documents/${documentId}/segments`, { ...range(phrase), codeIds: names.map((n) => codes[n]) });
    expect(res.statusCode).toBe(201);
    return res.json() as Segment;
  };
  const full = async () => (await owner.get(`/api/documents/${documentId}/segments`)).json().segments as Segment[];
  const compact = async (who = owner) => {
    const res = await who.get(`/api/documents/${documentId}/segments/compact`);
    expect(res.statusCode).toBe(200);
    return res.json() as CompactSegmentList;
  };

  beforeEach(async () => {
    t = await createTestApp(dialect);
    owner = await setupOwner(t.app);
    coder = await createUser(owner, 'coder@example.org', 'Cora Coder');
    projectId = (await owner.post('/api/projects', { name: 'P' })).json().id;
    await owner.post(`/api/projects/${projectId}/members`, { userId: coder.user.id, role: 'coder' });
    documentId = (await owner.upload(`/api/projects/${projectId}/documents`, [{ name: 'i.txt', content: TEXT }])).json().documents[0].id;
    text = (await owner.get(`/api/documents/${documentId}`)).json().text;
    for (const name of ['Heroin use', 'Homelessness', 'Young couriers', 'Unused']) codes[name] = (await owner.post(`/api/projects/${projectId}/codes`, { name })).json().id;
  });
  afterEach(() => t.close());

  it('is empty for a document without codings', async () => {
    const list = await compact();
    expect(list).toEqual({ revisionId: (await owner.get(`/api/documents/${documentId}`)).json().revision.id, segments: [], codes: [], coders: [] });
  });

  it('expands, with the text, to what the full listing says, without quotes for anchored segments', async () => {
    const heroin = await code(coder, 'older heroin users', ['Heroin use', 'Young couriers']);
    await code(owner, 'Mostly older heroin users, to pay', ['Heroin use']);
    await code(owner, 'homeless 🏚️ and live', ['Homelessness']);
    await code(coder, 'They carry cocaine for a few euros.', ['Young couriers']);
    for (const body of ['Age?', 'Or *need*?']) {
      expect((await coder.post(`/api/projects/${projectId}/memos`, { targetType: 'segment', targetId: heroin.id, body })).statusCode).toBe(201);
    }
    const doc = (await owner.get(`/api/documents/${documentId}`)).json();
    const list = await compact();
    expect(list.revisionId).toBe(doc.revision.id);
    expect(list.segments.every((s) => s.exact === undefined)).toBe(true);
    expect(list.codes.map((c) => c.name).sort()).toEqual(['Heroin use', 'Homelessness', 'Young couriers']);
    expect(list.coders.map((c) => c.name).sort()).toEqual([owner.user.name, 'Cora Coder'].sort());
    expect(list.segments.find((s) => s.id === heroin.id)).toMatchObject({ memoCount: 2, coderId: coder.user.id });

    const expected = (await full()).map(asReader);
    const expanded = expandSegments(list, doc.text);
    expect(expanded.map((s) => ({ ...s, codes: byCode(s.codes) }))).toEqual(expected.map((s) => ({ ...s, codes: byCode(s.codes) })));
    // Same order as the full listing: by start, then end.
    expect(expanded.map((s) => s.id)).toEqual(expected.map((s) => s.id));
  });

  it('carries the quote of an orphaned segment, and follows the current revision after a correction', async () => {
    await code(coder, 'older heroin users', ['Heroin use']);
    await code(coder, 'live near the station', ['Homelessness']);
    const corrected = text.replace('Mostly older', 'Mostly the older').replace(' and live near the station', '');
    const report = (await owner.post(`/api/documents/${documentId}/revisions`, { text: corrected })).json();
    expect(report.segments).toMatchObject({ anchored: 1, orphaned: 1 });

    const list = await compact(coder);
    expect(list.revisionId).toBe(report.document.revision.id);
    const orphan = list.segments.find((s) => s.status === 'orphaned')!;
    expect(orphan.exact).toBe('live near the station');
    expect(list.segments.filter((s) => s.status === 'anchored').map((s) => s.exact)).toEqual([undefined]);
    const expanded = expandSegments(list, corrected);
    expect(expanded.map((s) => [s.status, s.exact])).toEqual([['anchored', 'older heroin users'], ['orphaned', 'live near the station']]);
    expect(expanded).toEqual((await full()).map(asReader));
  });

  it('answers 404 for an unknown document and for a project the caller is not in', async () => {
    expect((await owner.get('/api/documents/nope/segments/compact')).statusCode).toBe(404);
    const outsider = await createUser(owner, 'outsider@example.org', 'Otto Outsider');
    expect((await outsider.get(`/api/documents/${documentId}/segments/compact`)).statusCode).toBe(404);
  });
});
