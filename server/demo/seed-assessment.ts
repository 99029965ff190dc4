import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { AssessmentScore, Database } from '../db/schema';
import { subtreeIds } from '../features/codes/codes.repository';
import type { Services } from '../services';

export const ASSESSMENT_FILE = fileURLToPath(new URL('../../fixtures/demo/assessment.json', import.meta.url));

interface DemoAssessment {
  criteria: { name: string; description: string; code: string | null }[];
  scores: { practice: string; scores: { criterion: string; score: AssessmentScore; note: string; evidence: number }[] }[];
}

/**
 * Creates the fictional demo assessment protocol (fixtures/demo/assessment.json) through the
 * assessment service: the criteria (linked to codebook codes by name) and the scores of the demo
 * practice records, found by name (run it after the practices are seeded). As evidence it takes the
 * first passages coded with the criterion's code or its sub-codes (by document name, then position). Returns a one-line summary.
 */
export async function seedDemoAssessment(db: Kysely<Database>, services: Services, projectId: string, userId: string): Promise<string> {
  const demo = JSON.parse(fs.readFileSync(ASSESSMENT_FILE, 'utf8')) as DemoAssessment;
  const actor = { userId, role: 'owner' as const };
  const codeRows = await db.selectFrom('codes').select(['id', 'name', 'parent_id']).where('project_id', '=', projectId).execute();
  const codes = new Map(codeRows.map((c) => [c.name, c.id]));
  const practices = new Map((await db.selectFrom('practice_records').select(['id', 'name']).where('project_id', '=', projectId).execute()).map((p) => [p.name, p.id]));
  const criteria = new Map<string, { id: string; codeId: string | null }>();
  for (const c of demo.criteria) {
    const codeId = (c.code && codes.get(c.code)) || null;
    const id = await services.assessment.criteria.create(projectId, actor, { name: c.name, description: c.description, codeId });
    criteria.set(c.name, { id, codeId });
  }
  let scored = 0;
  let evidence = 0;
  for (const entry of demo.scores) {
    const practiceId = practices.get(entry.practice);
    if (!practiceId) continue;
    for (const s of entry.scores) {
      const criterion = criteria.get(s.criterion);
      if (!criterion) continue;
      await services.assessment.scores.set(projectId, practiceId, criterion.id, actor, { score: s.score, note: s.note });
      scored += 1;
      if (!criterion.codeId || s.evidence === 0) continue;
      const passages = await db.selectFrom('codings').innerJoin('segments', 'segments.id', 'codings.segment_id')
        .innerJoin('documents', 'documents.id', 'segments.document_id')
        .select(['segments.id', 'segments.document_id', 'segments.start_offset', 'segments.end_offset'])
        .where('codings.code_id', 'in', subtreeIds(codeRows, criterion.codeId)).where('segments.status', '=', 'anchored').where('documents.project_id', '=', projectId)
        .orderBy('documents.name').orderBy('segments.start_offset').orderBy('segments.id').limit(s.evidence * 4).execute();
      // Two coders may have coded the same words: quote each passage once.
      const seen = new Set<string>();
      const distinct = passages.filter((p) => {
        const key = `${p.document_id}:${p.start_offset}:${p.end_offset}`;
        return !seen.has(key) && seen.add(key);
      }).slice(0, s.evidence);
      for (const passage of distinct) {
        await services.assessment.scores.addEvidence(projectId, practiceId, criterion.id, actor, { segmentId: passage.id, note: '' });
        evidence += 1;
      }
    }
  }
  return `${criteria.size} fictional assessment criteria with ${scored} scores and ${evidence} evidence passages`;
}
