import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import yazl from 'yazl';
import type { App } from '../../server/app';
import { newId, nowIso } from '../../server/shared/ids';
import type { Agent } from '../helpers/agent';

const ROOT = path.resolve(new URL('../..', import.meta.url).pathname);
export const DOCX = path.join(ROOT, 'fixtures/demo/transcripts/en-uk-drug-courts.docx');

const TEXT = `Interviewer: How did the relapse happen?

Respondent: After losing the flat I relapsed within weeks. The housing office never called back.

Interviewer: And the costs?

Respondent: Each client costs the project about forty euros a week, which is cheap compared to prison.`;

/** Ids of what `buildRichProject` made. */
export interface RichProject {
  projectId: string;
  docId: string;
  docxId: string;
  codes: Record<string, string>;
}

/**
 * A project with a bit of everything: a .txt and a .docx transcript, attributes, nested codes,
 * codings by two coders, memos (one per target type, with code links), a saved query, an undone
 * action, and literature, practice and assessment rows inserted directly into the database.
 */
export async function buildRichProject(app: App, owner: Agent, coder: Agent, name = 'Rich project'): Promise<RichProject> {
  const projectId = (await owner.post('/api/projects', { name, description: 'Everything in one project' })).json().id as string;
  expect((await owner.post(`/api/projects/${projectId}/members`, { userId: coder.user.id, role: 'coder' })).statusCode).toBe(201);
  const upload = await owner.upload(`/api/projects/${projectId}/documents`, [
    { name: 'alpha.txt', content: TEXT }, { name: 'drug-courts.docx', content: fs.readFileSync(DOCX) },
  ]);
  expect(upload.statusCode).toBe(201);
  const [docId, docxId] = upload.json().documents.map((d: { id: string }) => d.id) as [string, string];
  const attr = (await owner.post(`/api/projects/${projectId}/attributes`, { name: 'Sector', type: 'choice', choices: ['police', 'social'] })).json().id;
  expect((await owner.patch(`/api/documents/${docId}`, { respondentGroup: 'belgian', interviewDate: '2026-03-02', attributes: { [attr]: 'police' } })).statusCode).toBe(200);
  const codes: Record<string, string> = {};
  for (const [key, codeName, parent] of [['Outcomes', 'Outcomes'], ['Relapse', 'Relapse', 'Outcomes'], ['Housing', 'Housing'], ['Costs', 'Costs']] as const) {
    const res = await owner.post(`/api/projects/${projectId}/codes`, { name: codeName, parentId: parent ? codes[parent] : undefined, definition: `About ${codeName.toLowerCase()}` });
    expect(res.statusCode).toBe(201);
    codes[key] = res.json().id;
  }
  const text = (await owner.get(`/api/documents/${docId}`)).json().text as string;
  const code = async (who: Agent, phrase: string, ids: string[]) => {
    const start = text.indexOf(phrase);
    const res = await who.post(`/api/documents/${docId}/segments`, { start, end: start + phrase.length, exact: phrase, codeIds: ids });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };
  const seg1 = await code(owner, 'I relapsed within weeks', [codes.Relapse!]);
  await code(coder, 'The housing office never called back', [codes.Housing!, codes.Outcomes!]);
  await code(coder, 'about forty euros a week', [codes.Costs!]);
  const docxText = (await owner.get(`/api/documents/${docxId}`)).json().text as string;
  const word = docxText.match(/\p{L}{6,}/u)![0];
  const ds = docxText.indexOf(word);
  expect((await owner.post(`/api/documents/${docxId}/segments`, { start: ds, end: ds + word.length, exact: word, codeIds: [codes.Costs] })).statusCode).toBe(201);
  const memo = (who: Agent, body: object) => who.post(`/api/projects/${projectId}/memos`, body);
  expect((await memo(owner, { targetType: 'project', title: 'Project memo', body: 'Overall *impressions*.' })).statusCode).toBe(201);
  expect((await memo(coder, { targetType: 'document', targetId: docId, title: 'On alpha', body: 'A hard story.', codeIds: [codes.Housing] })).statusCode).toBe(201);
  expect((await memo(owner, { targetType: 'code', targetId: codes.Relapse, title: 'Relapse', body: 'Define relapse carefully.' })).statusCode).toBe(201);
  expect((await memo(owner, { targetType: 'segment', targetId: seg1, title: 'Passage', body: 'Weeks, not months.' })).statusCode).toBe(201);
  expect((await owner.post(`/api/projects/${projectId}/queries`, { name: 'Relapse and housing', expression: '[Relapse] OR [Housing]', filters: { respondentGroup: 'belgian' } })).statusCode).toBe(201);
  // An undone action (a code made then undone) and a live one left to undo (the last memo).
  expect((await owner.post(`/api/projects/${projectId}/codes`, { name: 'Temporary' })).statusCode).toBe(201);
  expect((await owner.post(`/api/projects/${projectId}/undo`)).statusCode).toBe(200);
  expect((await owner.post(`/api/projects/${projectId}/memos`, { targetType: 'project', title: 'Last memo', body: 'To be undone after restore.' })).statusCode).toBe(201);
  await insertLiteratureAndPractices(app, projectId, owner.user.id, codes.Relapse!, seg1);
  return { projectId, docId, docxId, codes };
}

async function insertLiteratureAndPractices(app: App, projectId: string, userId: string, codeId: string, segmentId: string) {
  const db = app.db;
  const now = nowIso();
  const stamp = { created_by: userId, created_at: now, updated_at: now };
  const source = newId(), gap = newId(), gapCode = newId(), practice = newId(), practiceCode = newId(), criterion = newId(), assessment = newId();
  await db.insertInto('literature_sources').values({
    id: source, project_id: projectId, citation_key: 'vandijk2024', kind: 'article-journal', authors: JSON.stringify([{ family: 'Van Dijk', given: 'Anna' }]),
    year: 2024, title: 'Drug courts revisited', venue: 'Journal of Prevention', doi: '10.1000/xyz', url: '', focus: 'evaluation', notes: 'Key source', csl: '{"type":"article-journal"}', ...stamp,
  }).execute();
  await db.insertInto('literature_gaps').values({ id: gap, project_id: projectId, statement: 'No Belgian cost data', focus: 'cost_effectiveness', scope: 'belgium', status: 'open', notes: '', position: 0, ...stamp }).execute();
  await db.insertInto('gap_sources').values({ id: newId(), gap_id: gap, source_id: source }).execute();
  await db.insertInto('gap_codes').values({ id: gapCode, gap_id: gap, code_id: codeId, relation: 'fills', note: 'Interviews speak to it', ...stamp }).execute();
  await db.insertInto('gap_code_evidence').values({ id: newId(), gap_code_id: gapCode, segment_id: segmentId, note: 'Clear case', created_by: userId, created_at: now }).execute();
  await db.insertInto('practice_records').values({
    id: practice, project_id: projectId, name: 'Drug court Ghent', description: 'A court', municipality: 'Gent', region: 'flanders', country: '', language: 'nl',
    organisation: 'Justice', target_group: 'Offenders', crime_types: '["economic_compulsive"]', intervention_type: 'court', working_mechanisms: 'Supervision',
    period_start: '2019', period_end: null, budget_eur: 125000.5, cost_notes: '', evaluation_status: 'process', sms_level: 3, evidence_rating: 'promising', record_source: 'list', ...stamp,
  }).execute();
  await db.insertInto('practice_codes').values({ id: practiceCode, practice_id: practice, code_id: codeId, note: 'Relapse follow-up', ...stamp }).execute();
  await db.insertInto('practice_code_evidence').values({ id: newId(), practice_code_id: practiceCode, segment_id: segmentId, note: '', created_by: userId, created_at: now }).execute();
  await db.insertInto('practice_sources').values({ id: newId(), practice_id: practice, source_id: source }).execute();
  await db.insertInto('assessment_criteria').values({ id: criterion, project_id: projectId, name: 'Evaluated', description: 'Has an evaluation', code_id: codeId, position: 0, ...stamp }).execute();
  await db.insertInto('assessments').values({ id: assessment, practice_id: practice, criterion_id: criterion, score: 'partly', note: 'Process only', ...stamp }).execute();
  await db.insertInto('assessment_evidence').values({ id: newId(), assessment_id: assessment, segment_id: segmentId, note: 'See passage', created_by: userId, created_at: now }).execute();
}

/** Writes a zip from entries (tests build hostile or altered backups with it). */
export function writeZip(entries: [string, Buffer | string][]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of entries) zip.addBuffer(Buffer.isBuffer(content) ? content : Buffer.from(content), name);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
    zip.end();
  });
}
