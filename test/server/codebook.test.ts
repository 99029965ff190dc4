import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Agent, createUser, setupOwner } from '../helpers/agent';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app';

const TEXT = 'Interviewer: Who commits the thefts?\n\nRespondent: Mostly older heroin users, to pay for their drugs. Some are homeless.';

describe.each(DIALECTS)('codebook (%s)', (dialect) => {
  let t: TestApp;
  let owner: Agent;
  let projectId: string;
  let documentId: string;
  let text: string;
  const codes = () => `/api/projects/${projectId}/codes`;
  const create = async (name: string, parentId?: string) => (await owner.post(codes(), { name, ...(parentId ? { parentId } : {}) })).json();
  const code = async (codeIds: string[], phrase: string, who: Agent = owner) => {
    const start = text.indexOf(phrase);
    return who.post(`/api/documents/${documentId}/segments`, { start, end: start + phrase.length, exact: phrase, codeIds });
  };

  beforeEach(async () => {
    t = await createTestApp(dialect);
    owner = await setupOwner(t.app);
    projectId = (await owner.post('/api/projects', { name: 'P' })).json().id;
    documentId = (await owner.upload(`/api/projects/${projectId}/documents`, [{ name: 'i.txt', content: TEXT }])).json().documents[0].id;
    text = (await owner.get(`/api/documents/${documentId}`)).json().text;
  });
  afterEach(() => t.close());

  it('nests codes to any depth with unique names among siblings', async () => {
    const a = await create('Offender characteristics');
    const b = await create('Housing', a.id);
    const c = await create('Homelessness', b.id);
    expect(c).toMatchObject({ parentId: b.id, position: 0, color: expect.stringMatching(/^#[0-9A-Fa-f]{6}$/) });
    const clash = await owner.post(codes(), { name: 'HOUSING', parentId: a.id });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.code).toBe('CODE_NAME_TAKEN');
    expect((await owner.post(codes(), { name: 'Housing' })).statusCode).toBe(201); // another level
    expect((await owner.post(codes(), { name: 'x', parentId: 'nope' })).statusCode).toBe(404);
    expect((await owner.post(codes(), { name: 'x', color: 'red' })).statusCode).toBe(400);
    const list = (await owner.get(codes())).json().codes;
    expect(list).toHaveLength(4);
  });

  it('renames, recolours, describes, archives; archived codes cannot be applied', async () => {
    const a = await create('Relapse');
    const res = await owner.patch(`${codes()}/${a.id}`, { name: 'Relapse after treatment', color: '#112233', definition: 'Return to use', inclusion: 'Any use', exclusion: 'Craving only', example: '"I started again"' });
    expect(res.json()).toMatchObject({ name: 'Relapse after treatment', color: '#112233', definition: 'Return to use', exclusion: 'Craving only' });
    await owner.patch(`${codes()}/${a.id}`, { archived: true });
    const coded = await code([a.id], 'older heroin users');
    expect(coded.statusCode).toBe(400);
    expect(coded.json().error.code).toBe('CODE_ARCHIVED');
  });

  it('moves and reorders codes, refusing cycles', async () => {
    const a = await create('A');
    const b = await create('B');
    const c = await create('C');
    const child = await create('A1', a.id);
    expect((await owner.post(`${codes()}/${a.id}/move`, { parentId: child.id })).json().error.code).toBe('CODE_CYCLE');
    await owner.post(`${codes()}/${c.id}/move`, { parentId: null, position: 0 });
    const top = (await owner.get(codes())).json().codes.filter((x: { parentId: string | null }) => x.parentId === null);
    expect(top.sort((x: { position: number }, y: { position: number }) => x.position - y.position).map((x: { name: string }) => x.name)).toEqual(['C', 'A', 'B']);
    const moved = await owner.post(`${codes()}/${b.id}/move`, { parentId: a.id, position: 0 });
    expect(moved.json()).toMatchObject({ parentId: a.id, position: 0 });
    const siblings = (await owner.get(codes())).json().codes.filter((x: { parentId: string }) => x.parentId === a.id);
    expect(siblings.map((x: { name: string; position: number }) => [x.name, x.position]).sort()).toEqual([['A1', 1], ['B', 0]]);
  });

  it('merges: codings move to the target and duplicates collapse', async () => {
    const heroin = await create('Heroin');
    const opioids = await create('Opioids');
    const sub = await create('Methadone', heroin.id);
    await code([heroin.id, opioids.id], 'older heroin users'); // both on one passage: collapses
    await code([heroin.id], 'to pay for their drugs'); // moves
    const merged = await owner.post(`${codes()}/${heroin.id}/merge`, { targetId: opioids.id });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ moved: 1, collapsed: 1, target: { codingCount: 2 } });
    const list = (await owner.get(codes())).json().codes;
    expect(list.find((x: { id: string }) => x.id === heroin.id)).toBeUndefined();
    expect(list.find((x: { id: string }) => x.id === sub.id).parentId).toBe(opioids.id);
    expect((await owner.post(`${codes()}/${opioids.id}/merge`, { targetId: sub.id })).json().error.code).toBe('CODE_CYCLE');
  });

  it('tells how many codings a delete removes, then deletes the subtree', async () => {
    const parent = await create('Systemic crime');
    const child = await create('Dealer violence', parent.id);
    await code([child.id], 'older heroin users');
    await code([parent.id, child.id], 'Some are homeless.');
    const impact = (await owner.get(`${codes()}/${parent.id}/delete-impact`)).json();
    expect(impact).toEqual({ codes: 2, codings: 3, segments: 2 });
    const deleted = await owner.delete(`${codes()}/${parent.id}`);
    expect(deleted.json()).toEqual({ codes: 2, codings: 3 });
    expect((await owner.get(codes())).json().codes).toEqual([]);
    expect((await owner.get(`/api/documents/${documentId}/segments`)).json().segments).toEqual([]);
  });

  it('exports and imports the codebook as CSV with the hierarchy as a path', async () => {
    const a = await create('Working mechanisms');
    await create('Outreach', a.id);
    await owner.patch(`${codes()}/${a.id}`, { definition: 'How, "why" it works; for whom' });
    const csv = await owner.get(`/api/projects/${projectId}/codebook.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Working mechanisms > Outreach');

    const other = (await owner.post('/api/projects', { name: 'Q' })).json().id;
    const imported = await t.app.inject({ method: 'POST', url: `/api/projects/${other}/codebook.csv`, headers: { ...owner.headers, 'content-type': 'text/csv' }, payload: csv.body });
    expect(imported.json()).toMatchObject({ created: 2 });
    const copy = (await owner.get(`/api/projects/${other}/codes`)).json().codes;
    expect(copy.find((c: { name: string }) => c.name === 'Working mechanisms').definition).toBe('How, "why" it works; for whom');
    expect(copy.find((c: { name: string }) => c.name === 'Outreach').parentId).toBe(copy.find((c: { name: string }) => c.name === 'Working mechanisms').id);

    const again = await t.app.inject({
      method: 'POST', url: `/api/projects/${other}/codebook.csv`, headers: { ...owner.headers, 'content-type': 'text/csv' },
      payload: 'path;color\nWorking mechanisms > Outreach;#00ff00\nCost-effectiveness > Cost per client;\nBad;not-a-colour\n',
    });
    const report = again.json();
    expect(report).toMatchObject({ created: 2, updated: 1 });
    expect(report.rows.map((r: { status: string }) => r.status)).toEqual(['updated', 'created', 'error']);
  });

  it('lets coders create codes but not merge or delete them', async () => {
    const coder = await createUser(owner, 'coder@example.org');
    await owner.post(`/api/projects/${projectId}/members`, { userId: coder.user.id, role: 'coder' });
    const a = (await coder.post(codes(), { name: 'Stigma' })).json();
    const b = await create('Shame');
    expect((await coder.post(`${codes()}/${a.id}/merge`, { targetId: b.id })).statusCode).toBe(403);
    expect((await coder.delete(`${codes()}/${a.id}`)).statusCode).toBe(403);
  });
});
