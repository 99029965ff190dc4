import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database, GapRelation, GapScope, GapStatus, LiteratureFocus } from '../db/schema';
import { retrieveCodedSegments } from '../features/retrieval/retrieval.service';
import type { Services } from '../services';

const FIXTURE = path.resolve(new URL('../../fixtures/demo/literature.json', import.meta.url).pathname);

interface LiteratureFixture {
  sources: { citationKey: string; kind: string; authors: string; year: number; title: string; venue: string; doi?: string; url?: string; focus: LiteratureFocus; notes: string }[];
  gaps: {
    statement: string; focus: LiteratureFocus; scope: GapScope; status: GapStatus; notes: string; sources: string[];
    links: { code: string; relation: GapRelation; note: string }[];
  }[];
}

/**
 * Seeds the demo's fictional literature through the literature services: sources, gaps with their sources,
 * code links, and 2–3 evidence passages per link (the first coded passages, one document after another).
 * Run after the codings are seeded. Returns a one-line summary.
 */
export async function seedLiterature(db: Kysely<Database>, services: Services, projectId: string, userId: string): Promise<string> {
  const fixture = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as LiteratureFixture;
  const actor = { userId, role: 'lead' as const };
  const { sources, gaps } = services.literature;
  const sourceIds = new Map<string, string>();
  for (const s of fixture.sources) {
    const created = await sources.create(projectId, actor, { ...s });
    sourceIds.set(s.citationKey, created.id);
  }
  const codes = await db.selectFrom('codes').select(['id', 'name']).where('project_id', '=', projectId).execute();
  const codeId = (name: string) => {
    const code = codes.find((c) => c.name === name);
    if (!code) throw new Error(`demo literature: no code named “${name}” in the codebook`);
    return code.id;
  };
  let links = 0;
  let evidence = 0;
  for (const g of fixture.gaps) {
    const gapId = await gaps.create(projectId, actor, { ...g, sourceIds: g.sources.map((key) => sourceIds.get(key)!) });
    for (const link of g.links) {
      const id = codeId(link.code);
      await gaps.linkCode(projectId, gapId, actor, { codeId: id, relation: link.relation, note: link.note });
      const linkRow = await db.selectFrom('gap_codes').select('id').where('gap_id', '=', gapId).where('code_id', '=', id).executeTakeFirstOrThrow();
      links++;
      for (const segmentId of await firstPassages(db, projectId, id, 3)) {
        await gaps.addEvidence(projectId, gapId, linkRow.id, actor, { segmentId });
        evidence++;
      }
    }
  }
  return `${fixture.sources.length} fictional literature sources, ${fixture.gaps.length} gaps, ${links} code links and ${evidence} evidence quotes`;
}

/** Up to `count` anchored passages coded with a code (or its sub-codes): one per document first, in document order. */
async function firstPassages(db: Kysely<Database>, projectId: string, codeId: string, count: number): Promise<string[]> {
  const passages = (await retrieveCodedSegments(db, projectId, codeId, { includeDescendants: true })).filter((p) => p.status === 'anchored');
  const chosen: string[] = [];
  const documents = new Set<string>();
  for (const p of passages) if (chosen.length < count && !documents.has(p.documentId)) { chosen.push(p.segmentId); documents.add(p.documentId); }
  for (const p of passages) if (chosen.length < count && !chosen.includes(p.segmentId)) chosen.push(p.segmentId);
  return chosen;
}
