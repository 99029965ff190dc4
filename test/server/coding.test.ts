import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Agent, createUser, setupOwner } from '../helpers/agent';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app';

const TEXT = `Interviewer: Who commits the thefts you see?

Respondent: Mostly older heroin users, to pay for their drugs. Some are homeless 🏚️ and live near the station.

Interviewer: And the young ones?

Respondent: The young ones are couriers for the dealers. They carry cocaine for a few euros.`;

describe.each(DIALECTS)('coding passages (%s)', (dialect) => {
  let t: TestApp;
  let owner: Agent;
  let coder: Agent;
  let projectId: string;
  let documentId: string;
  let text: string;
  let heroin: { id: string };
  let housing: { id: string };
  let youth: { id: string };

  const range = (phrase: string, from = 0) => {
    const start = text.indexOf(phrase, from);
    if (start < 0) throw new Error(`not in text: ${phrase}`);
    return { start, end: start + phrase.length, exact: phrase };
  };
  const code = (who: Agent, phrase: string, codeIds: string[]) => who.post(`/api/documents/${documentId}/segments`, { ...range(phrase), codeIds });
  const segments = async () => (await owner.get(`/api/documents/${documentId}/segments`)).json().segments;

  beforeEach(async () => {
    t = await createTestApp(dialect);
    owner = await setupOwner(t.app);
    coder = await createUser(owner, 'coder@example.org', 'Cora Coder');
    projectId = (await owner.post('/api/projects', { name: 'P' })).json().id;
    await owner.post(`/api/projects/${projectId}/members`, { userId: coder.user.id, role: 'coder' });
    documentId = (await owner.upload(`/api/projects/${projectId}/documents`, [{ name: 'i.txt', content: TEXT }])).json().documents[0].id;
    text = (await owner.get(`/api/documents/${documentId}`)).json().text;
    const mk = async (name: string, parentId?: string) => (await owner.post(`/api/projects/${projectId}/codes`, { name, parentId })).json();
    const characteristics = await mk('Offender characteristics');
    heroin = await mk('Heroin use', characteristics.id);
    housing = await mk('Homelessness', characteristics.id);
    youth = await mk('Young couriers');
  });
  afterEach(() => t.close());

  it('codes a passage with several codes and lists it with offsets, quote, codes and coder', async () => {
    const res = await code(coder, 'older heroin users', [heroin.id, youth.id]);
    expect(res.statusCode).toBe(201);
    const segment = res.json();
    expect(segment).toMatchObject({ ...range('older heroin users'), status: 'anchored', coderName: 'Cora Coder', prefix: expect.stringContaining('Mostly '), suffix: expect.stringContaining(', to pay') });
    expect(segment.codes.map((c: { name: string }) => c.name).sort()).toEqual(['Heroin use', 'Young couriers']);
    // The same coder coding the same range again adds codes to that segment.
    const again = await code(coder, 'older heroin users', [housing.id]);
    expect(again.json().id).toBe(segment.id);
    expect(again.json().codes).toHaveLength(3);
    expect(await segments()).toHaveLength(1);
  });

  it('codes a passage across turns, and emoji at the edges', async () => {
    const across = text.slice(text.indexOf('the station.'), text.indexOf('the young ones?') + 'the young ones?'.length);
    const res = await code(owner, across, [youth.id]);
    expect(res.statusCode).toBe(201);
    expect(res.json().exact).toContain('\n\n');
    const emoji = await code(owner, 'homeless 🏚️', [housing.id]);
    expect(emoji.statusCode).toBe(201);
  });

  it('refuses a quote that does not match (409), a range outside the text or splitting a surrogate pair (400)', async () => {
    const r = range('older heroin users');
    const mismatch = await owner.post(`/api/documents/${documentId}/segments`, { ...r, exact: 'older cocaine users', codeIds: [heroin.id] });
    expect(mismatch.statusCode).toBe(409);
    expect(mismatch.json().error.code).toBe('QUOTE_MISMATCH');
    const outside = await owner.post(`/api/documents/${documentId}/segments`, { start: text.length - 2, end: text.length + 5, exact: 'x', codeIds: [heroin.id] });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.code).toBe('OUT_OF_RANGE');
    const house = text.indexOf('🏚');
    const split = await owner.post(`/api/documents/${documentId}/segments`, { start: house + 1, end: house + 4, exact: text.slice(house + 1, house + 4), codeIds: [heroin.id] });
    expect(split.statusCode).toBe(400);
    expect(split.json().error.code).toBe('SPLITS_SURROGATE');
    expect((await owner.post(`/api/documents/${documentId}/segments`, { ...r, codeIds: [] })).statusCode).toBe(400);
    const otherProject = (await owner.post('/api/projects', { name: 'Q' })).json().id;
    const foreign = (await owner.post(`/api/projects/${otherProject}/codes`, { name: 'Foreign' })).json();
    expect((await owner.post(`/api/documents/${documentId}/segments`, { ...r, codeIds: [foreign.id] })).json().error.code).toBe('UNKNOWN_CODE');
  });

  it("changes and removes codings; only the coder or a lead may touch a coder's segment", async () => {
    const segment = (await code(coder, 'older heroin users', [heroin.id, youth.id])).json();
    const other = await createUser(owner, 'other@example.org');
    await owner.post(`/api/projects/${projectId}/members`, { userId: other.user.id, role: 'coder' });
    expect((await other.request('PUT', `/api/segments/${segment.id}/codes`, { codeIds: [housing.id] })).statusCode).toBe(403);
    const changed = await coder.request('PUT', `/api/segments/${segment.id}/codes`, { codeIds: [housing.id] });
    expect(changed.json().segment.codes.map((c: { name: string }) => c.name)).toEqual(['Homelessness']);
    const removed = await owner.request('PUT', `/api/segments/${segment.id}/codes`, { codeIds: [] });
    expect(removed.json()).toEqual({ segment: null });
    expect(await segments()).toEqual([]);
    const viewer = await createUser(owner, 'viewer@example.org');
    await owner.post(`/api/projects/${projectId}/members`, { userId: viewer.user.id, role: 'viewer' });
    expect((await code(viewer, 'older heroin users', [heroin.id])).statusCode).toBe(403);
  });

  it('retrieves a code with its sub-codes, with speaker, context and filters, as JSON, CSV and xlsx', async () => {
    await code(coder, 'older heroin users', [heroin.id]);
    await code(owner, 'Some are homeless', [housing.id]);
    const parent = (await owner.get(`/api/projects/${projectId}/codes`)).json().codes.find((c: { name: string }) => c.name === 'Offender characteristics');
    const base = `/api/projects/${projectId}/codes/${parent.id}/segments`;
    expect((await owner.get(base)).json().segments).toEqual([]);
    const all = (await owner.get(`${base}?includeDescendants=true`)).json().segments;
    expect(all).toHaveLength(2);
    expect(all[0]).toMatchObject({ documentName: 'i', speaker: 'Respondent', speakerRole: 'respondent', quote: 'older heroin users', coderName: 'Cora Coder' });
    expect(all[0].contextBefore).toMatch(/Mostly $/);
    expect(all[0].contextAfter).toMatch(/^, to pay for their drugs/);
    const byCoder = (await owner.get(`${base}?includeDescendants=true&coderId=${coder.user.id}`)).json().segments;
    expect(byCoder).toHaveLength(1);
    expect((await owner.get(`${base}?includeDescendants=true&respondentGroup=belgian`)).json().segments).toHaveLength(0);
    const csv = await owner.get(`${base}.csv?includeDescendants=true`);
    expect(csv.body).toContain('older heroin users');
    const xlsx = await owner.get(`${base}.xlsx?includeDescendants=true`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('keeps codings through transcript corrections and lists what it cannot place', async () => {
    await code(coder, 'older heroin users', [heroin.id]);
    await code(coder, 'They carry cocaine for a few euros.', [youth.id]);
    await code(coder, 'live near the station', [housing.id]);
    const corrected = text
      .replace('Mostly older heroin users', 'Mostly the older heroin users') // insertion before and inside the context
      .replace(' and live near the station', '') // the passage is deleted
      .replace('cocaine', 'crack cocaine'); // an edit inside a coded passage
    const res = await owner.post(`/api/documents/${documentId}/revisions`, { text: corrected });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.revision.number).toBe(2);
    expect(body.segments).toMatchObject({ anchored: 2, orphaned: 1 });
    expect(body.orphaned[0].quote).toBe('live near the station');
    expect(body.document.text).toBe(corrected);
    const list = await segments();
    const byQuote = Object.fromEntries(list.map((s: { exact: string; status: string }) => [s.exact, s.status]));
    expect(byQuote).toEqual({ 'older heroin users': 'anchored', 'They carry crack cocaine for a few euros.': 'anchored', 'live near the station': 'orphaned' });
    for (const s of list.filter((x: { status: string }) => x.status === 'anchored')) expect(corrected.slice(s.start, s.end)).toBe(s.exact);
    for (const turn of body.document.turns) expect(turn.end).toBeLessThanOrEqual(corrected.length);
    expect((await coder.post(`/api/documents/${documentId}/revisions`, { text: 'x' })).statusCode).toBe(403);
    expect((await owner.post(`/api/documents/${documentId}/revisions`, { text: corrected })).json().error.code).toBe('NO_CHANGE');

    const orphan = list.find((s: { status: string }) => s.status === 'orphaned');
    const place = corrected.indexOf('Some are homeless');
    const placed = await owner.patch(`/api/segments/${orphan.id}`, { start: place, end: place + 17, exact: 'Some are homeless' });
    expect(placed.json()).toMatchObject({ status: 'anchored', exact: 'Some are homeless' });
  });

  it('writes memos on a project, document, code and segment, linked to codes and editable by author or lead', async () => {
    const segment = (await code(coder, 'older heroin users', [heroin.id])).json();
    const memos = `/api/projects/${projectId}/memos`;
    const onSegment = await coder.post(memos, { targetType: 'segment', targetId: segment.id, title: 'Age', body: 'Is **age** a *working mechanism*? <script>alert(1)</script>', codeIds: [youth.id] });
    expect(onSegment.statusCode).toBe(201);
    await owner.post(memos, { targetType: 'project', body: 'Saturation looks close.' });
    await owner.post(memos, { targetType: 'document', targetId: documentId, body: 'Noisy recording.' });
    await owner.post(memos, { targetType: 'code', targetId: heroin.id, body: 'Merge with opioids?' });
    expect((await owner.post(memos, { targetType: 'code', targetId: 'nope', body: 'x' })).statusCode).toBe(404);
    expect((await owner.get(memos)).json().memos).toHaveLength(4);
    expect((await owner.get(`${memos}?codeId=${youth.id}`)).json().memos.map((m: { title: string }) => m.title)).toEqual(['Age']);
    expect((await owner.get(`${memos}?codeId=${heroin.id}`)).json().memos).toHaveLength(1);
    expect((await segments())[0].memoCount).toBe(1);
    const id = onSegment.json().id;
    const other = await createUser(owner, 'other@example.org');
    await owner.post(`/api/projects/${projectId}/members`, { userId: other.user.id, role: 'coder' });
    expect((await other.patch(`/api/memos/${id}`, { body: 'mine now' })).statusCode).toBe(403);
    expect((await owner.patch(`/api/memos/${id}`, { body: 'Edited by the lead' })).json()).toMatchObject({ body: 'Edited by the lead', authorName: 'Cora Coder' });
    expect((await coder.delete(`/api/memos/${id}`)).statusCode).toBe(204);
  });

  it('undoes and redoes your own actions, across sessions, and refuses when someone changed it since', async () => {
    const first = (await code(coder, 'older heroin users', [heroin.id])).json();
    await code(coder, 'Some are homeless', [housing.id]);
    const state = (await coder.get(`/api/projects/${projectId}/history`)).json();
    expect(state.undo).toMatchObject({ type: 'segment.coded' });
    expect(state.redo).toBeNull();
    expect((await coder.post(`/api/projects/${projectId}/undo`)).statusCode).toBe(200);
    expect((await segments()).map((s: { exact: string }) => s.exact)).toEqual(['older heroin users']);
    // A new session of the same user keeps the history.
    const again = await (await import('../helpers/agent')).Agent.login(t.app, 'coder@example.org', 'correct horse battery staple');
    expect((await again.post(`/api/projects/${projectId}/redo`)).statusCode).toBe(200);
    expect(await segments()).toHaveLength(2);
    expect((await again.post(`/api/projects/${projectId}/redo`)).json().error.code).toBe('NOTHING_TO_REDO');
    await again.post(`/api/projects/${projectId}/undo`);
    await again.post(`/api/projects/${projectId}/undo`);
    expect(await segments()).toEqual([]);
    await again.post(`/api/projects/${projectId}/redo`);
    expect((await segments())[0].id).toBe(first.id);
    // The owner renames the coded passage's codes: the coder's coding row is untouched, so undo still works…
    await owner.patch(`/api/projects/${projectId}/codes/${heroin.id}`, { name: 'Heroin' });
    // …but once the owner recodes the coder's segment, the coder's action can no longer be undone.
    await owner.request('PUT', `/api/segments/${first.id}/codes`, { codeIds: [heroin.id, youth.id] });
    await owner.request('PUT', `/api/segments/${first.id}/codes`, { codeIds: [youth.id] });
    const conflict = await again.post(`/api/projects/${projectId}/undo`);
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().error.code).toBe('HISTORY_CONFLICT');
    // Undo of code edits and merges.
    await owner.post(`/api/projects/${projectId}/undo`); // the recode
    await owner.post(`/api/projects/${projectId}/undo`); // the first recode
    await owner.post(`/api/projects/${projectId}/undo`); // the rename
    const names = (await owner.get(`/api/projects/${projectId}/codes`)).json().codes.map((c: { name: string }) => c.name);
    expect(names).toContain('Heroin use');
    await owner.post(`/api/projects/${projectId}/codes/${heroin.id}/merge`, { targetId: housing.id });
    expect((await owner.get(`/api/projects/${projectId}/codes`)).json().codes).toHaveLength(3);
    await owner.post(`/api/projects/${projectId}/undo`);
    const restored = (await owner.get(`/api/projects/${projectId}/codes`)).json().codes;
    expect(restored).toHaveLength(4);
    expect(restored.find((c: { id: string }) => c.id === heroin.id).codingCount).toBe(1);
  });

  it('loses nothing when two coders code the same document at the same moment', async () => {
    const phrases = ['Mostly', 'older', 'heroin', 'users', 'pay', 'their', 'drugs', 'homeless', 'live', 'near', 'station', 'young', 'couriers', 'dealers', 'carry', 'cocaine', 'few', 'euros'];
    const requests = phrases.flatMap((p) => [code(owner, p, [heroin.id]), code(coder, p, [youth.id])]);
    const results = await Promise.all(requests);
    expect(results.map((r) => r.statusCode)).toEqual(requests.map(() => 201));
    const list = await segments();
    expect(list).toHaveLength(phrases.length * 2);
    expect(new Set(list.map((s: { coderId: string; exact: string }) => `${s.coderId}:${s.exact}`)).size).toBe(phrases.length * 2);
  });

  it('feeds every change to live subscribers', async () => {
    const seen: { type: string }[] = [];
    const stop = t.app.live.subscribe(projectId, (e) => seen.push(e));
    await t.app.live.poll(); // sets the cursor
    await code(coder, 'older heroin users', [heroin.id]);
    await owner.post(`/api/projects/${projectId}/codes`, { name: 'Stigma' });
    await t.app.live.poll();
    stop();
    expect(seen.map((e) => e.type)).toEqual(['segment.coded', 'code.created']);
  });
});
