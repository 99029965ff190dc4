import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Agent, createUser, setupOwner } from '../helpers/agent';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app';

const INTERVIEW = `Interviewer: How did the outreach project start in your city?

Respondent: It started in 2019, after a wave of shoplifting by people who use heroin. We went to the station every night.

Interviewer: And who funded it?

Respondent: The city, for three years. Then the funding cycle ended, and we had to start again.`;

const VTT = `WEBVTT

00:00:01.000 --> 00:00:04.000
<v Anna>What does the project cost per client?

00:00:04.500 --> 00:00:09.000
<v Marc>About two thousand euros a year.

00:00:09.000 --> 00:00:12.000
<v Marc>Nobody has compared that with the cost of prison.`;

describe.each(DIALECTS)('transcript import and reading (%s)', (dialect) => {
  let t: TestApp;
  let owner: Agent;
  let projectId: string;
  beforeEach(async () => {
    t = await createTestApp(dialect, { MAX_UPLOAD_MB: '1', MAX_UPLOAD_FILES: '5' });
    owner = await setupOwner(t.app);
    projectId = (await owner.post('/api/projects', { name: 'SOCPREV' })).json().id;
  });
  afterEach(() => t.close());

  const url = () => `/api/projects/${projectId}/documents`;

  it('imports several files at once and reads a document by speaker turn', async () => {
    const res = await owner.upload(url(), [
      { name: 'interview-01.txt', content: INTERVIEW },
      { name: 'zoom-call.vtt', content: VTT },
    ]);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.failed).toEqual([]);
    expect(body.documents.map((d: { name: string }) => d.name).sort()).toEqual(['interview-01', 'zoom-call']);

    const txt = body.documents.find((d: { name: string }) => d.name === 'interview-01');
    expect(txt).toMatchObject({ format: 'txt', language: 'en', turnCount: 4 });
    const doc = (await owner.get(`/api/documents/${txt.id}`)).json();
    expect(doc.speakers.map((s: { name: string; role: string }) => [s.name, s.role])).toEqual([['Interviewer', 'interviewer'], ['Respondent', 'respondent']]);
    expect(doc.text).not.toContain('Interviewer:');
    for (const turn of doc.turns) expect(turn.end).toBeGreaterThan(turn.start);
    expect(doc.text.slice(doc.turns[1].start, doc.turns[1].end)).toMatch(/^It started in 2019/);
    expect(doc.turns[0].speakerId).toBe(doc.speakers[0].id);

    const vtt = (await owner.get(`/api/documents/${body.documents.find((d: { format: string }) => d.format === 'vtt').id}`)).json();
    expect(vtt.speakers.map((s: { name: string }) => s.name)).toEqual(['Anna', 'Marc']);
    expect(vtt.turns).toHaveLength(2); // Marc's two cues merge into one turn
    expect(vtt.turns[1]).toMatchObject({ mediaStartMs: 4500, mediaEndMs: 12000 });

    const list = (await owner.get(url())).json().documents;
    expect(list).toHaveLength(2);
    const events = (await owner.get(`/api/projects/${projectId}/events`)).json().events;
    expect(events.filter((e: { type: string }) => e.type === 'document.imported')).toHaveLength(2);
  });

  it('reports a bad file by name and still imports the others, leaving nothing of the bad one', async () => {
    const res = await owner.upload(url(), [
      { name: 'good.txt', content: INTERVIEW },
      { name: 'old-word.doc', content: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)]) },
      { name: 'empty.txt', content: '' },
      { name: 'broken.docx', content: 'PK this is not really a zip' },
      { name: 'photo.png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
    ]);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.documents).toHaveLength(1);
    const codes = Object.fromEntries(body.failed.map((f: { fileName: string; error: { code: string } }) => [f.fileName, f.error.code]));
    expect(codes).toEqual({ 'old-word.doc': 'UNSUPPORTED_FILE', 'empty.txt': 'EMPTY_FILE', 'broken.docx': 'CORRUPT_FILE', 'photo.png': 'UNSUPPORTED_FILE' });
    for (const f of body.failed) expect(f.error.message.length).toBeGreaterThan(10);
    expect(await t.app.db.selectFrom('documents').select('id').execute()).toHaveLength(1);
    expect(await t.app.db.selectFrom('document_revisions').select('id').execute()).toHaveLength(1);
  });

  it('answers a one-file failure with a 4xx and a code, never a 500', async () => {
    const empty = await owner.upload(url(), [{ name: 'empty.txt', content: '' }]);
    expect(empty.statusCode).toBe(422);
    expect(empty.json().error.code).toBe('EMPTY_FILE');
    const doc = await owner.upload(url(), [{ name: 'legacy.doc', content: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)]) }]);
    expect(doc.statusCode).toBe(415);
    expect(doc.json().error).toMatchObject({ code: 'UNSUPPORTED_FILE', details: { fileName: 'legacy.doc' } });
    const none = await owner.upload(url(), []);
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe('NO_FILES');
    const notMultipart = await owner.post(url(), { files: [] });
    expect(notMultipart.statusCode).toBe(400);
  });

  it('enforces the size and count limits with 413', async () => {
    const big = await owner.upload(url(), [{ name: 'big.txt', content: 'Interviewer: a question?\n\n' + 'word '.repeat(300_000) }]);
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('FILE_TOO_LARGE');
    const many = await owner.upload(url(), Array.from({ length: 6 }, (_, i) => ({ name: `f${i}.txt`, content: `${INTERVIEW} ${i}` })));
    expect(many.statusCode).toBe(413);
    expect(many.json().error.code).toBe('TOO_MANY_FILES');
    expect(await t.app.db.selectFrom('documents').select('id').execute()).toHaveLength(0);
  });

  it('flags the same file imported twice instead of duplicating it', async () => {
    await owner.upload(url(), [{ name: 'a.txt', content: INTERVIEW }]);
    const again = await owner.upload(url(), [{ name: 'a-copy.txt', content: INTERVIEW }]);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'DUPLICATE_FILE', details: { existingName: 'a' } });
    const batch = await owner.upload(url(), [{ name: 'a-copy.txt', content: INTERVIEW }, { name: 'b.vtt', content: VTT }]);
    expect(batch.json().duplicates).toEqual([expect.objectContaining({ fileName: 'a-copy.txt', existingName: 'a' })]);
    const anyway = await owner.upload(url(), [{ name: 'a-copy.txt', content: INTERVIEW }], { allowDuplicates: 'true' });
    expect(anyway.statusCode).toBe(201);
    expect((await owner.get(url())).json().documents).toHaveLength(3);
  });

  it('edits attributes and speakers, checking values by type', async () => {
    const id = (await owner.upload(url(), [{ name: 'a.txt', content: INTERVIEW }])).json().documents[0].id;
    const sector = (await owner.post(`/api/projects/${projectId}/attributes`, { name: 'Sector', type: 'choice', choices: ['police', 'social work'] })).json();
    const years = (await owner.post(`/api/projects/${projectId}/attributes`, { name: 'Years', type: 'number' })).json();
    expect((await owner.post(`/api/projects/${projectId}/attributes`, { name: 'sector', type: 'text' })).statusCode).toBe(201); // case differs
    expect((await owner.post(`/api/projects/${projectId}/attributes`, { name: 'Sector', type: 'text' })).statusCode).toBe(409);
    expect((await owner.post(`/api/projects/${projectId}/attributes`, { name: 'Kind', type: 'choice', choices: [] })).statusCode).toBe(400);

    const ok = await owner.patch(`/api/documents/${id}`, {
      respondentGroup: 'belgian', language: 'nl', interviewDate: '2026-02-12', attributes: { [sector.id]: 'Police', [years.id]: '12,5' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ respondentGroup: 'belgian', language: 'nl', interviewDate: '2026-02-12', attributes: { [sector.id]: 'police', [years.id]: '12.5' } });
    const bad = await owner.patch(`/api/documents/${id}`, { attributes: { [years.id]: 'twelve' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('Years');
    const badChoice = await owner.patch(`/api/documents/${id}`, { attributes: { [sector.id]: 'army' } });
    expect(badChoice.statusCode).toBe(400);
    expect((await owner.patch(`/api/documents/${id}`, { interviewDate: '12/02/2026' })).statusCode).toBe(400);
    expect((await owner.get(`/api/documents/${id}`)).json().attributes[years.id]).toBe('12.5');

    const inUse = await owner.patch(`/api/projects/${projectId}/attributes/${sector.id}`, { choices: ['social work'] });
    expect(inUse.statusCode).toBe(409);

    const speaker = (await owner.get(`/api/documents/${id}`)).json().speakers[1];
    const renamed = await owner.patch(`/api/documents/${id}/speakers/${speaker.id}`, { name: 'Mira (outreach worker)', role: 'respondent' });
    expect(renamed.json().speakers[1]).toMatchObject({ name: 'Mira (outreach worker)', role: 'respondent' });
  });

  it('sets attributes in bulk from a CSV keyed by file name, reporting bad lines', async () => {
    await owner.upload(url(), [{ name: 'a.txt', content: INTERVIEW }, { name: 'b.vtt', content: VTT }]);
    const csv = [
      'File name;Respondent group;Language;Interview date;Sector;Years of experience',
      'a.txt;Belgian;nl;12/02/2026;police;14',
      'b;international;en;2026-03-01;social work;7,5',
      'missing.docx;belgian;fr;2026-03-02;police;3',
      'a.txt;martian;xx;not a date;police;3',
    ].join('\n');
    const res = await owner.request('POST', `/api/projects/${projectId}/attributes/import`, undefined);
    expect(res.statusCode).toBe(400);
    const imported = await t.app.inject({
      method: 'POST', url: `/api/projects/${projectId}/attributes/import`,
      headers: { ...owner.headers, 'content-type': 'text/csv' }, payload: csv,
    });
    expect(imported.statusCode).toBe(200);
    const report = imported.json();
    expect(report.createdAttributes).toEqual(['Sector', 'Years of experience']);
    expect(report.updatedDocuments).toBe(3);
    expect(report.rows[2].errors[0]).toContain('missing.docx');
    expect(report.rows[3].errors).toHaveLength(3);
    const attributes = (await owner.get(`/api/projects/${projectId}/attributes`)).json().attributes;
    expect(attributes.map((a: { name: string; type: string }) => [a.name, a.type])).toEqual([['Sector', 'text'], ['Years of experience', 'number']]);
    const docs = (await owner.get(url())).json().documents;
    const b = docs.find((d: { name: string }) => d.name === 'b');
    expect(b).toMatchObject({ respondentGroup: 'international', language: 'en', interviewDate: '2026-03-01' });
    const a = docs.find((d: { name: string }) => d.name === 'a');
    expect(a).toMatchObject({ respondentGroup: 'belgian', language: 'nl', interviewDate: '2026-02-12' });
  });

  it('lets coders and viewers read but not import, edit or delete', async () => {
    const coder = await createUser(owner, 'coder@example.org');
    await owner.post(`/api/projects/${projectId}/members`, { userId: coder.user.id, role: 'coder' });
    const id = (await owner.upload(url(), [{ name: 'a.txt', content: INTERVIEW }])).json().documents[0].id;
    expect((await coder.get(`/api/documents/${id}`)).statusCode).toBe(200);
    expect((await coder.upload(url(), [{ name: 'b.txt', content: 'Interviewer: hello?\n\nRespondent: hi' }])).statusCode).toBe(403);
    expect((await coder.patch(`/api/documents/${id}`, { name: 'x' })).statusCode).toBe(403);
    expect((await coder.delete(`/api/documents/${id}`)).statusCode).toBe(403);
    const stranger = await createUser(owner, 'stranger@example.org');
    expect((await stranger.get(`/api/documents/${id}`)).statusCode).toBe(404);
    expect((await owner.delete(`/api/documents/${id}`)).statusCode).toBe(204);
    expect((await owner.get(`/api/documents/${id}`)).statusCode).toBe(404);
  });

  it('keeps the original file for download', async () => {
    const id = (await owner.upload(url(), [{ name: 'Entretien é.txt', content: INTERVIEW }])).json().documents[0].id;
    const res = await owner.get(`/api/documents/${id}/original`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(INTERVIEW);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''Entretien%20%C3%A9.txt");
  });
});
