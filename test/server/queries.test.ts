import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Agent, createUser, setupOwner } from '../helpers/agent';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app';

const ALPHA = `Interviewer: How did the relapse happen?

Respondent: After losing the flat I relapsed within weeks. The housing office never called back.

Interviewer: And the costs?

Respondent: Each client costs the project about forty euros a week, which is cheap compared to prison.`;

const BETA = `Interviewer: Where do you live now?

Respondent: In a shelter, the housing situation is hopeless.

Interviewer: And your use?

Respondent: I relapsed twice this year, mostly in winter.`;

describe.each(DIALECTS)('code queries (%s)', (dialect) => {
  let t: TestApp;
  let owner: Agent;
  let coder: Agent;
  let viewer: Agent;
  let projectId: string;
  const docs: Record<string, { id: string; text: string }> = {};
  const codes: Record<string, string> = {};

  const code = async (who: Agent, doc: string, phrase: string, names: string[]) => {
    const { id, text } = docs[doc]!;
    const start = text.indexOf(phrase);
    if (start < 0) throw new Error(`not in ${doc}: ${phrase}`);
    const res = await who.post(`/api/documents/${id}/segments`, { start, end: start + phrase.length, exact: phrase, codeIds: names.map((n) => codes[n]!) });
    expect(res.statusCode).toBe(201);
  };
  const run = (expression: string, filters?: object, who = owner) => who.post(`/api/projects/${projectId}/queries/run`, { expression, filters });
  const texts = async (expression: string, filters?: object) => (await run(expression, filters)).json().passages.map((p: { documentName: string; text: string }) => `${p.documentName}: ${p.text}`);

  beforeEach(async () => {
    t = await createTestApp(dialect);
    owner = await setupOwner(t.app);
    coder = await createUser(owner, 'coder@example.org', 'Cora Coder');
    viewer = await createUser(owner, 'viewer@example.org', 'Vic Viewer');
    projectId = (await owner.post('/api/projects', { name: 'P' })).json().id;
    await owner.post(`/api/projects/${projectId}/members`, { userId: coder.user.id, role: 'coder' });
    await owner.post(`/api/projects/${projectId}/members`, { userId: viewer.user.id, role: 'viewer' });
    for (const [name, content] of [['alpha', ALPHA], ['beta', BETA]] as const) {
      const id = (await owner.upload(`/api/projects/${projectId}/documents`, [{ name: `${name}.txt`, content }])).json().documents[0].id;
      docs[name] = { id, text: (await owner.get(`/api/documents/${id}`)).json().text };
    }
    const mk = async (key: string, name: string, parent?: string) => {
      const res = await owner.post(`/api/projects/${projectId}/codes`, { name, parentId: parent ? codes[parent] : undefined });
      codes[key] = res.json().id;
    };
    await mk('Outcomes', 'Outcomes');
    await mk('Relapse', 'Relapse', 'Outcomes');
    await mk('Risks', 'Risks');
    await mk('Risky relapse', 'Relapse', 'Risks');
    await mk('Housing', 'Housing');
    await mk('Cost', 'Cost-effectiveness');
    await mk('Cost per client', 'Cost per client', 'Cost');
    await code(owner, 'alpha', 'I relapsed within weeks', ['Relapse']);
    await code(owner, 'alpha', 'losing the flat I relapsed', ['Housing']);
    await code(coder, 'alpha', 'The housing office never called back', ['Housing']);
    await code(owner, 'alpha', 'about forty euros a week', ['Cost per client']);
    await code(owner, 'beta', 'the housing situation is hopeless', ['Housing']);
    await code(coder, 'beta', 'I relapsed twice this year', ['Relapse']);
  });
  afterEach(() => t.close());

  it('runs AND, AND/TURN, OR, NOT and NEAR with context, speaker and codes', async () => {
    const res = await run('[Outcomes > Relapse] AND [housing]');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ expression: '[Outcomes > Relapse] AND [housing]', documents: 1 });
    const [passage] = res.json().passages;
    const start = docs.alpha!.text.indexOf('losing the flat');
    expect(passage).toMatchObject({
      documentId: docs.alpha!.id, documentName: 'alpha', start, end: start + 'losing the flat I relapsed within weeks'.length,
      text: 'losing the flat I relapsed within weeks', speaker: 'Respondent', speakerRole: 'respondent',
      codes: [{ codeId: codes.Relapse, name: 'Relapse', path: 'Outcomes > Relapse' }, { codeId: codes.Housing, name: 'Housing', path: 'Housing' }],
    });
    expect(passage.segmentIds).toHaveLength(2);
    expect(passage.contextBefore).toMatch(/After $/);
    expect(passage.contextAfter).toMatch(/^\. The housing office/);

    expect(await texts('[Outcomes > Relapse] AND/TURN [Housing]')).toEqual([
      'alpha: losing the flat I relapsed within weeks',
      'alpha: I relapsed within weeks. The housing office never called back',
    ]);
    expect(await texts('[Housing] NOT [Outcomes]+')).toEqual(['alpha: The housing office never called back', 'beta: the housing situation is hopeless']);
    expect(await texts('[Cost per client] OR [Outcomes > Relapse]')).toEqual([
      'alpha: I relapsed within weeks', 'alpha: about forty euros a week', 'beta: I relapsed twice this year',
    ]);
    // "hopeless." … "I relapsed": Interviewer: And your use? Respondent: → 3 words in the text between (labels are not text).
    expect(await texts('[Housing] NEAR/3 [Outcomes > Relapse]')).toHaveLength(3);
    expect((await texts('[Housing] NEAR/2 [Outcomes > Relapse]')).filter((p: string) => p.startsWith('beta'))).toEqual([]);
    expect(await texts('[Cost-effectiveness]')).toEqual([]);
    expect(await texts('[Cost-effectiveness]+ AND NOT [Housing]')).toEqual(['alpha: about forty euros a week']);
  });

  it('refuses bad expressions with the position: syntax, unknown and ambiguous codes', async () => {
    const syntax = await run('[Housing] AND');
    expect(syntax.statusCode).toBe(400);
    expect(syntax.json().error).toMatchObject({ code: 'QUERY_SYNTAX', details: { position: 13 } });
    expect(syntax.json().error.message).toContain('Expected a code in [brackets]');
    const unknown = await run('[Housing] OR [Shelter]');
    expect(unknown.json().error).toMatchObject({ code: 'UNKNOWN_CODE', details: { position: 13 } });
    expect(unknown.json().error.message).toContain('"Shelter"');
    const ambiguous = await run('[Relapse]');
    expect(ambiguous.statusCode).toBe(400);
    expect(ambiguous.json().error).toMatchObject({ code: 'AMBIGUOUS_CODE', details: { position: 0, candidates: ['Outcomes > Relapse', 'Risks > Relapse'] } });
    expect((await run('')).statusCode).toBe(400);
    expect((await run('[Housing]', { attributeId: 'x' })).json().error.code).toBe('INVALID_FILTER');
  });

  it('restricts by document attributes, documents and coder', async () => {
    await owner.patch(`/api/documents/${docs.beta!.id}`, { respondentGroup: 'belgian', language: 'en' });
    const site = (await owner.post(`/api/projects/${projectId}/attributes`, { name: 'Site', type: 'text' })).json();
    await owner.patch(`/api/documents/${docs.alpha!.id}`, { attributes: { [site.id]: 'Ghent' } });
    expect(await texts('[Housing]', { respondentGroup: 'belgian' })).toEqual(['beta: the housing situation is hopeless']);
    expect((await texts('[Housing]', { respondentGroup: 'international' }))).toEqual([]);
    expect(await texts('[Housing]', { attributeId: site.id, attributeValue: 'Ghent' })).toEqual([
      'alpha: losing the flat I relapsed', 'alpha: The housing office never called back',
    ]);
    expect(await texts('[Housing]', { documentIds: [docs.beta!.id] })).toEqual(['beta: the housing situation is hopeless']);
    expect(await texts('[Housing] OR [Outcomes]+', { coderId: coder.user.id })).toEqual([
      'alpha: The housing office never called back', 'beta: I relapsed twice this year',
    ]);
    const counted = (await run('[Housing]', { respondentGroup: 'belgian', documentIds: [docs.alpha!.id] })).json();
    expect(counted).toMatchObject({ documents: 0, passages: [] });
  });

  it('saves, lists, edits, reruns, exports and deletes a query, recording events', async () => {
    const url = `/api/projects/${projectId}/queries`;
    const created = await coder.post(url, { name: 'Relapse & housing', expression: '[Outcomes > Relapse] AND/TURN [Housing]', filters: { language: 'en' } });
    expect(created.statusCode).toBe(201);
    const saved = created.json();
    expect(saved).toMatchObject({ name: 'Relapse & housing', filters: { language: 'en' }, createdBy: coder.user.id });
    expect((await coder.post(url, { name: 'relapse & HOUSING', expression: '[Housing]' })).json().error.code).toBe('QUERY_NAME_TAKEN');
    expect((await coder.post(url, { name: 'Broken', expression: '[Housing] OR' })).json().error).toMatchObject({ code: 'QUERY_SYNTAX', details: { position: 12 } });
    expect((await coder.post(url, { name: 'Unknown', expression: '[Shelter]' })).json().error.code).toBe('UNKNOWN_CODE');
    expect((await coder.post(url, { name: '  ', expression: '[Housing]' })).json().error.code).toBe('INVALID_NAME');
    await coder.post(url, { name: 'All housing', expression: '[Housing]' });
    expect((await viewer.get(url)).json().queries.map((q: { name: string }) => q.name)).toEqual(['All housing', 'Relapse & housing']);

    await owner.patch(`/api/documents/${docs.alpha!.id}`, { language: 'en' });
    const rerun = await viewer.post(`${url}/${saved.id}/run`);
    expect(rerun.statusCode).toBe(200);
    expect(rerun.json().passages).toHaveLength(2);
    expect(rerun.json().expression).toBe('[Outcomes > Relapse] AND/TURN [Housing]');

    const patched = await coder.patch(`${url}/${saved.id}`, { name: 'Relapse near housing', expression: '[Outcomes > Relapse] NEAR/0 [Housing]' });
    expect(patched.json()).toMatchObject({ name: 'Relapse near housing', expression: '[Outcomes > Relapse] NEAR/0 [Housing]', filters: { language: 'en' } });
    expect((await coder.patch(`${url}/${saved.id}`, { name: 'All housing' })).statusCode).toBe(409);
    expect((await coder.patch(`${url}/${saved.id}`, { expression: '([Housing]' })).json().error.code).toBe('QUERY_SYNTAX');
    expect((await coder.patch(`${url}/${saved.id}`, { filters: {} })).json().filters).toEqual({});

    const csv = await viewer.get(`${url}/${saved.id}/results.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain("filename*=UTF-8''Relapse%20near%20housing.csv");
    expect(csv.body).toContain('Document,Speaker,Speaker role,Codes,Context before,Passage,Context after,Start,End');
    expect(csv.body).toContain('I relapsed within weeks. The housing office never called back');
    const xlsx = await viewer.get(`${url}/${saved.id}/results.xlsx`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');

    expect((await coder.delete(`${url}/${saved.id}`)).statusCode).toBe(204);
    expect((await owner.post(`${url}/${saved.id}/run`)).statusCode).toBe(404);
    expect((await owner.get(`${url}/${saved.id}/results.csv`)).statusCode).toBe(404);
    expect((await coder.delete(`${url}/${saved.id}`)).statusCode).toBe(404);
    const events = (await owner.get(`/api/projects/${projectId}/events`)).json().events.filter((e: { type: string }) => e.type.startsWith('query.'));
    expect(events.map((e: { type: string }) => e.type).sort()).toEqual(['query.deleted', 'query.saved', 'query.saved', 'query.updated', 'query.updated']);
  });

  it('lets viewers run and export but not save; non-members see nothing', async () => {
    const url = `/api/projects/${projectId}/queries`;
    expect((await run('[Housing]', undefined, viewer)).statusCode).toBe(200);
    expect((await viewer.post(url, { name: 'Mine', expression: '[Housing]' })).statusCode).toBe(403);
    const saved = (await coder.post(url, { name: 'Shared', expression: '[Housing]' })).json();
    expect((await viewer.patch(`${url}/${saved.id}`, { name: 'Renamed' })).statusCode).toBe(403);
    expect((await viewer.delete(`${url}/${saved.id}`)).statusCode).toBe(403);
    expect((await viewer.get(`${url}/${saved.id}/results.xlsx`)).statusCode).toBe(200);

    const stranger = await createUser(owner, 'stranger@example.org');
    expect((await run('[Housing]', undefined, stranger)).statusCode).toBe(404);
    expect((await stranger.get(url)).statusCode).toBe(404);
    expect((await stranger.post(`${url}/${saved.id}/run`)).statusCode).toBe(404);
    // A saved query of another project is not found through this one.
    const other = (await owner.post('/api/projects', { name: 'Q' })).json().id;
    expect((await owner.post(`/api/projects/${other}/queries/${saved.id}/run`)).statusCode).toBe(404);
  });
});
