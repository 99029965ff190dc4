import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../server/app';
import { type Agent, createUser, setupOwner } from '../helpers/agent';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app';

const ALPHA = `Interviewer: How did it start? 😀

Respondent: After losing the flat in Liège I relapsed within weeks. The housing office never called back.

Interviewer: And the costs?

Respondent: Each client costs about forty euros a week — cheap compared to prison.`;
const BETA = 'Respondent: Ik woon nu in een opvang; de huisvesting is hopeloos. 👍🏽 Ik hervalde twee keer dit jaar.';

/** Everything a round trip must keep, described by names (ids differ between the two projects). */
async function snapshot(app: App, projectId: string) {
  const db = app.db;
  const users = new Map((await db.selectFrom('users').select(['id', 'name']).execute()).map((u) => [u.id, u.name]));
  const codes = await db.selectFrom('codes').selectAll().where('project_id', '=', projectId).execute();
  const path = (id: string): string => {
    const c = codes.find((x) => x.id === id)!;
    return c.parent_id ? `${path(c.parent_id)} > ${c.name}` : c.name;
  };
  const docs = await db.selectFrom('documents').innerJoin('document_revisions', 'document_revisions.id', 'documents.current_revision_id')
    .select(['documents.id', 'documents.name', 'documents.file_name', 'documents.respondent_group', 'documents.language', 'document_revisions.text']).where('project_id', '=', projectId).execute();
  const docName = new Map(docs.map((d) => [d.id, d.name]));
  const segments = await db.selectFrom('segments').selectAll('segments').innerJoin('documents', 'documents.id', 'segments.document_id').where('project_id', '=', projectId).execute();
  const segment = new Map(segments.map((s) => [s.id, `${docName.get(s.document_id)}@${s.start_offset}-${s.end_offset}`]));
  const codings = await db.selectFrom('codings').selectAll('codings').where('segment_id', 'in', segments.length ? segments.map((s) => s.id) : ['-']).execute();
  const memos = await db.selectFrom('memos').selectAll().where('project_id', '=', projectId).execute();
  const memoCodes = await db.selectFrom('memo_codes').selectAll().where('memo_id', 'in', memos.length ? memos.map((m) => m.id) : ['-']).execute();
  const target = (m: (typeof memos)[number]) => m.target_type === 'project' ? 'project'
    : m.target_type === 'document' ? `document ${docName.get(m.target_id!)}` : m.target_type === 'code' ? `code ${path(m.target_id!)}` : `segment ${segment.get(m.target_id!)}`;
  return {
    codes: codes.map((c) => `${path(c.id)} ${c.color.toLowerCase()} [${c.definition}|${c.inclusion}|${c.exclusion}|${c.example}]`).sort(),
    documents: docs.map((d) => ({ name: d.name, fileName: d.file_name, text: d.text, group: d.respondent_group, language: d.language })).sort((a, b) => a.name.localeCompare(b.name)),
    segments: segments.map((s) => `${segment.get(s.id)} "${s.exact}" by ${users.get(s.created_by!)} «${s.prefix}|${s.suffix}»`).sort(),
    codings: codings.map((c) => `${segment.get(c.segment_id)} ${path(c.code_id)} by ${users.get(c.coder_id!)}`).sort(),
    memos: memos.map((m) => `${target(m)}: ${m.title} = ${m.body} by ${users.get(m.author_id!)} [${memoCodes.filter((l) => l.memo_id === m.id).map((l) => path(l.code_id)).sort().join(', ')}]`).sort(),
  };
}

describe.each(DIALECTS)('REFI-QDA round trip: export as .qdpx, import, same project (%s)', (dialect) => {
  let t: TestApp;
  let owner: Agent;
  let coder: Agent;
  let projectId: string;

  beforeEach(async () => {
    t = await createTestApp(dialect);
    owner = await setupOwner(t.app);
    coder = await createUser(owner, 'coder@example.org', 'Cora Coder');
    projectId = (await owner.post('/api/projects', { name: 'Round trip', description: 'Drug-related crime prevention' })).json().id;
    await owner.post(`/api/projects/${projectId}/members`, { userId: coder.user.id, role: 'coder' });
    const docs: Record<string, { id: string; text: string }> = {};
    for (const [name, content] of [['alpha', ALPHA], ['beta', BETA]] as const) {
      const id = (await owner.upload(`/api/projects/${projectId}/documents`, [{ name: `${name}.txt`, content }])).json().documents[0].id;
      docs[name] = { id, text: (await owner.get(`/api/documents/${id}`)).json().text };
    }
    await owner.patch(`/api/documents/${docs.alpha!.id}`, { respondentGroup: 'belgian' });
    const code = async (name: string, extra: object = {}) => (await owner.post(`/api/projects/${projectId}/codes`, { name, ...extra })).json().id as string;
    const outcomes = await code('Outcomes', { color: '#0072b2', definition: 'What happened after.' });
    const relapse = await code('Relapse', { parentId: outcomes, inclusion: 'Any return to use.', example: 'I relapsed' });
    const housing = await code('Housing', { color: '#e69f00' });
    const mark = async (who: Agent, doc: 'alpha' | 'beta', phrase: string, codeIds: string[]) => {
      const start = docs[doc]!.text.indexOf(phrase);
      const res = await who.post(`/api/documents/${docs[doc]!.id}/segments`, { start, end: start + phrase.length, exact: phrase, codeIds });
      expect(res.statusCode).toBe(201);
      return res.json().id as string;
    };
    const seg = await mark(owner, 'alpha', 'I relapsed within weeks', [relapse]);
    await mark(coder, 'alpha', 'I relapsed within weeks', [relapse, housing]);
    await mark(owner, 'alpha', 'The housing office never called back.', [housing]);
    await mark(coder, 'beta', 'de huisvesting is hopeloos. 👍🏽 Ik hervalde', [housing, relapse]);
    await owner.post(`/api/projects/${projectId}/memos`, { targetType: 'project', title: 'Plan', body: 'Compare Liège & Gent.' });
    await owner.post(`/api/projects/${projectId}/memos`, { targetType: 'document', targetId: docs.beta!.id, title: 'About beta', body: 'Short one <b>.' });
    await coder.post(`/api/projects/${projectId}/memos`, { targetType: 'code', targetId: relapse, title: 'Relapse memo', body: 'Timing matters.', codeIds: [housing] });
    await owner.post(`/api/projects/${projectId}/memos`, { targetType: 'segment', targetId: seg, title: 'Why', body: 'Loss of housing first.' });
  });
  afterEach(() => t.close());

  it('keeps codes, documents, segments, codings, coders and memos', async () => {
    const exported = await owner.get(`/api/projects/${projectId}/export.qdpx`);
    expect(exported.statusCode).toBe(200);
    const res = await owner.upload('/api/projects/import', [{ name: 'round-trip.qdpx', content: exported.rawPayload }]);
    expect(res.statusCode).toBe(201);
    const { project, report } = res.json();
    expect(report.warnings).toEqual([]);
    expect(report.coders.map((c: { refiName: string; placeholder: boolean }) => `${c.refiName}:${c.placeholder}`).sort()).toEqual(['Cora Coder:false', 'Olivia Owner:false']);
    expect(project.description).toBe('Drug-related crime prevention');
    const before = await snapshot(t.app, projectId);
    const after = await snapshot(t.app, project.id);
    expect(after.codes).toEqual(before.codes);
    expect(after.documents).toEqual(before.documents);
    expect(after.segments).toEqual(before.segments);
    expect(after.codings).toEqual(before.codings);
    expect(after.memos).toEqual(before.memos);
    expect(before.codings.length).toBe(6);
  });
});
