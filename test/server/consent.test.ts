import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readZipEntries } from '../../server/features/exchange/backup-zip-reader';
import { WITHHELD_QUOTE } from '../../server/features/consent/export-policy';
import { type Agent, createUser, setupOwner } from '../helpers/agent';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app';

/** One participant per document; each says one phrase we look for in every export. */
const PARTICIPANTS = {
  keep: { consent: { status: 'given', date: '2026-01-10' }, phrase: 'the harbour project kept me busy' },
  quiet: { consent: { status: 'restricted', date: '2026-01-11', noQuotes: true }, phrase: 'my brother sold pills at school' },
  gone: { consent: { status: 'withdrawn', date: '2026-02-01' }, phrase: 'the police officer on Kerkstraat' },
  hidden: { consent: { status: 'restricted', noExport: true }, phrase: 'the night shelter turned me away' },
} as const;
type Key = keyof typeof PARTICIPANTS;
const KEYS = Object.keys(PARTICIPANTS) as Key[];
const transcript = (phrase: string) => `Interviewer: What happened then?\n\nRespondent: Well, ${phrase}, and after that things changed.`;

describe.each(DIALECTS)('consent and retention (%s)', (dialect) => {
  let t: TestApp;
  let owner: Agent;
  let viewer: Agent;
  let projectId: string;
  let codeId: string;
  const docs = {} as Record<Key, string>;
  const segments = {} as Record<Key, string>;

  /** Asserts an export shows `keep` verbatim, counts `quiet` without its words, and shows nothing of `gone` and `hidden`. */
  const expectConsentApplied = (body: string, { quotes = true, names = true } = {}) => {
    if (quotes) expect(body).toContain(PARTICIPANTS.keep.phrase);
    expect(body).not.toContain(PARTICIPANTS.quiet.phrase);
    if (quotes) expect(body).toContain(WITHHELD_QUOTE);
    expect(body).not.toContain(PARTICIPANTS.gone.phrase);
    expect(body).not.toContain(PARTICIPANTS.hidden.phrase);
    if (names) {
      expect(body).not.toContain('participant-gone');
      expect(body).not.toContain('participant-hidden');
    }
  };

  beforeEach(async () => {
    t = await createTestApp(dialect);
    owner = await setupOwner(t.app);
    viewer = await createUser(owner, 'viewer@example.org', 'Vic Viewer');
    projectId = (await owner.post('/api/projects', { name: 'Consent' })).json().id;
    await owner.post(`/api/projects/${projectId}/members`, { userId: viewer.user.id, role: 'viewer' });
    codeId = (await owner.post(`/api/projects/${projectId}/codes`, { name: 'Turning point' })).json().id;
    for (const key of KEYS) {
      const { phrase, consent } = PARTICIPANTS[key];
      const id = (await owner.upload(`/api/projects/${projectId}/documents`, [{ name: `participant-${key}.txt`, content: transcript(phrase) }])).json().documents[0].id;
      docs[key] = id;
      const text: string = (await owner.get(`/api/documents/${id}`)).json().text;
      const start = text.indexOf(phrase);
      const seg = await owner.post(`/api/documents/${id}/segments`, { start, end: start + phrase.length, exact: phrase, codeIds: [codeId] });
      expect(seg.statusCode).toBe(201);
      segments[key] = seg.json().id;
      const set = await owner.request('PUT', `/api/documents/${id}/consent`, consent);
      expect(set.statusCode).toBe(200);
      await owner.post(`/api/projects/${projectId}/memos`, { targetType: 'document', targetId: id, title: `About participant-${key}`, body: `Memo on ${key}` });
    }
  });
  afterEach(async () => t.app.close());

  it('records consent per participant, validates it, and lets only leads change it', async () => {
    const list = (await viewer.get(`/api/projects/${projectId}/consent`)).json();
    expect(list.participants.find((p: { documentId: string }) => p.documentId === docs.quiet))
      .toEqual({ documentId: docs.quiet, status: 'restricted', date: '2026-01-11', noQuotes: true, noExport: false });
    expect(list.deletions).toEqual([]);
    expect((await viewer.request('PUT', `/api/documents/${docs.keep}/consent`, { status: 'withdrawn' })).statusCode).toBe(403);
    const badDate = await owner.request('PUT', `/api/documents/${docs.keep}/consent`, { status: 'given', date: '2026-02-30' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error.code).toBe('INVALID_CONSENT_DATE');
    expect((await owner.request('PUT', `/api/documents/${docs.keep}/consent`, { status: 'maybe' })).statusCode).toBe(400);
    const events = await t.app.db.selectFrom('project_events').select('type').where('project_id', '=', projectId).where('type', '=', 'consent.updated').execute();
    expect(events).toHaveLength(4);
  });

  it('applies consent to the table exports (documents, coded segments, memos)', async () => {
    const documents = (await owner.get(`/api/projects/${projectId}/exports/documents.csv`)).body;
    expect(documents).toContain('participant-keep');
    expect(documents).toContain('participant-quiet');
    expectConsentApplied(documents, { quotes: false });
    const segs = (await owner.get(`/api/projects/${projectId}/exports/segments.csv`)).body;
    expectConsentApplied(segs);
    expect(segs).toContain('participant-quiet');
    const memos = (await owner.get(`/api/projects/${projectId}/exports/memos.csv`)).body;
    expect(memos).toContain('Memo on keep');
    expect(memos).not.toContain('Memo on gone');
    expect(memos).not.toContain('Memo on hidden');
    expect((await owner.get(`/api/projects/${projectId}/exports/segments.xlsx`)).statusCode).toBe(200);
  });

  it('applies consent to retrieval and query exports, but not to the work on screen', async () => {
    const csv = (await owner.get(`/api/projects/${projectId}/codes/${codeId}/segments.csv`)).body;
    expectConsentApplied(csv);
    expect((await owner.get(`/api/projects/${projectId}/codes/${codeId}/segments.xlsx`)).statusCode).toBe(200);
    expect((await owner.get(`/api/projects/${projectId}/codes/${codeId}/segments`)).json().segments).toHaveLength(4);
    const saved = await owner.post(`/api/projects/${projectId}/queries`, { name: 'Turning points', expression: '[Turning point]' });
    expect(saved.statusCode).toBe(201);
    const results = (await owner.get(`/api/projects/${projectId}/queries/${saved.json().id}/results.csv`)).body;
    expectConsentApplied(results);
  });

  it('applies consent to the analysis downloads, not to the analyses on screen', async () => {
    const onScreen = (await owner.get(`/api/projects/${projectId}/analysis/frequencies`)).json().codes;
    expect(onScreen[0]).toMatchObject({ name: 'Turning point', segments: 4, documents: 4 });
    const csv = (await owner.get(`/api/projects/${projectId}/analysis/frequencies?format=csv`)).body;
    expect(csv).toContain('Turning point,2,2');
    const crosstab = (await owner.get(`/api/projects/${projectId}/analysis/crosstab?attribute=language&format=csv`)).body;
    expect(crosstab).toMatch(/Turning point,2,/);
    const saturation = (await owner.get(`/api/projects/${projectId}/analysis/saturation?format=csv`)).body;
    expect(saturation).toContain('participant-keep');
    expect(saturation).not.toContain('participant-gone');
    expect(saturation).not.toContain('participant-hidden');
    // The cached analysis data is not changed by a download: the screen still sees every transcript.
    expect((await owner.get(`/api/projects/${projectId}/analysis/frequencies`)).json().codes[0]).toMatchObject({ segments: 4, documents: 4 });
  });

  it('applies consent to the REFI-QDA project export, positions intact', async () => {
    const res = await owner.get(`/api/projects/${projectId}/export.qdpx`);
    expect(res.statusCode).toBe(200);
    const entries = await readZipEntries(res.rawPayload);
    const all = [...entries.values()].map((b) => b.toString('utf8')).join('\n');
    expectConsentApplied(all, { quotes: false });
    expect(all).toContain(PARTICIPANTS.keep.phrase);
    const qde = entries.get('project.qde')!.toString('utf8');
    expect(qde).toContain('participant-quiet');
    // The masked passage keeps its length: the selection still points at it.
    const quietSource = [...entries.entries()].find(([name, b]) => name.endsWith('.txt') && b.toString('utf8').includes('my brother') === false && b.toString('utf8').includes('\u2591'));
    expect(quietSource).toBeDefined();
    expect(quietSource![1].toString('utf8').length).toBe(transcript(PARTICIPANTS.quiet.phrase).replace(/^Interviewer: |Respondent: /gm, '').length);
  });

  it('applies consent to the literature gap report and coverage', async () => {
    const url = (p: string) => `/api/projects/${projectId}/literature${p}`;
    const gap = (await owner.post(url('/gaps'), { statement: 'Turning points of young offenders' })).json();
    const linked = await owner.post(url(`/gaps/${gap.id}/codes`), { codeId, relation: 'fills' });
    const linkId = linked.json().links[0].linkId;
    for (const key of KEYS) expect((await owner.post(url(`/gaps/${gap.id}/codes/${linkId}/evidence`), { segmentId: segments[key] })).statusCode).toBe(201);
    const html = (await owner.get(url('/gaps/report.html'))).body;
    expectConsentApplied(html);
    expect(html).toContain('2 passages, 2 respondents');
    expect((await owner.get(url('/gaps/report.xlsx'))).statusCode).toBe(200);
    const coverage = (await owner.get(url('/coverage'))).json();
    expect(coverage.gaps[0].totals).toEqual({ segments: 2, respondents: 2, evidence: 2 });
    expect((await owner.get(url('/coverage.csv'))).body).toContain('Turning points of young offenders');
  });

  it('applies consent to the practice inventory quotes', async () => {
    const now = new Date().toISOString();
    const practiceId = crypto.randomUUID();
    await t.app.db.insertInto('practice_records').values({
      id: practiceId, project_id: projectId, name: 'Harbour mentoring', description: '', municipality: '', region: 'flanders', country: '', language: 'nl',
      organisation: '', target_group: '', crime_types: '[]', intervention_type: '', working_mechanisms: '', period_start: null, period_end: null, budget_eur: null,
      cost_notes: '', evaluation_status: 'none', sms_level: null, evidence_rating: null, record_source: '', created_by: owner.user.id, created_at: now, updated_at: now,
    }).execute();
    const linkId = crypto.randomUUID();
    await t.app.db.insertInto('practice_codes').values({ id: linkId, practice_id: practiceId, code_id: codeId, note: '', created_by: null, created_at: now, updated_at: now }).execute();
    for (const key of KEYS) {
      await t.app.db.insertInto('practice_code_evidence').values({ id: crypto.randomUUID(), practice_code_id: linkId, segment_id: segments[key], note: '', created_by: null, created_at: now }).execute();
    }
    const html = (await owner.get(`/api/projects/${projectId}/inventory.html`)).body;
    expectConsentApplied(html);
    expect((await owner.get(`/api/projects/${projectId}/inventory.xlsx`)).statusCode).toBe(200);
  });

  it('keeps everything in backups', async () => {
    const res = await owner.get(`/api/projects/${projectId}/backup`);
    expect(res.statusCode).toBe(200);
    const entries = await readZipEntries(res.rawPayload);
    const all = [...entries.values()].map((b) => b.toString('utf8')).join('\n');
    for (const key of KEYS) expect(all).toContain(PARTICIPANTS[key].phrase);
    expect(all).toContain('"consent_status":"withdrawn"');
  });

  it('deletes a withdrawn participant completely and keeps a record without personal data', async () => {
    const search = () => owner.get(`/api/projects/${projectId}/search?q=Kerkstraat`);
    expect((await search()).json().total).toBe(1);
    expect((await viewer.post(`/api/projects/${projectId}/consent/delete-withdrawn`)).statusCode).toBe(403);
    const res = await owner.post(`/api/projects/${projectId}/consent/delete-withdrawn`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ deleted: 1 });
    expect((await owner.get(`/api/documents/${docs.gone}`)).statusCode).toBe(404);
    expect(await t.app.db.selectFrom('segments').select('id').where('id', '=', segments.gone).execute()).toEqual([]);
    expect(await t.app.db.selectFrom('codings').select('id').where('segment_id', '=', segments.gone).execute()).toEqual([]);
    const list = (await owner.get(`/api/projects/${projectId}/consent`)).json();
    expect(list.participants).toHaveLength(3);
    expect(list.deletions).toEqual([{ date: expect.any(String), count: 1, userName: owner.user.name }]);
    const record = await t.app.db.selectFrom('project_events').selectAll().where('type', '=', 'consent.withdrawn_documents_deleted').executeTakeFirstOrThrow();
    expect(record.user_id).toBe(owner.user.id);
    expect(JSON.stringify(record)).not.toContain('participant-gone');
    // Nothing of the participant's words or name is left in the history (events and undo records).
    const history = JSON.stringify([
      await t.app.db.selectFrom('project_events').selectAll().where('project_id', '=', projectId).execute(),
      await t.app.db.selectFrom('event_changes').selectAll().execute(),
    ]);
    expect(history).not.toContain(PARTICIPANTS.gone.phrase);
    expect(history).not.toContain('participant-gone');
    expect(history).toContain(PARTICIPANTS.keep.phrase);
    const memos = (await owner.get(`/api/projects/${projectId}/memos`)).json().memos.map((m: { title: string }) => m.title).sort();
    expect(memos).toEqual(['About participant-hidden', 'About participant-keep', 'About participant-quiet']);
    const again = await owner.post(`/api/projects/${projectId}/consent/delete-withdrawn`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('NOTHING_TO_DELETE');
    // The search index, loaded before, no longer finds the deleted words.
    expect((await search()).json().total).toBe(0);
  });
});
