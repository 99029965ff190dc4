import type { Kysely } from 'kysely';
import type { Database, GapRelation, GapScope, GapStatus, LiteratureFocus } from '../../db/schema';
import { codePaths, codesRepository, subtreeIds } from '../codes/codes.repository';
import { exportPolicy } from '../consent/export-policy';
import type { GapRow } from './gaps.service';

type Db = Kysely<Database>;
export const GROUPS = ['international', 'belgian', 'unknown'] as const;
export type Group = (typeof GROUPS)[number];

/** Supporting passages (distinct anchored segments), distinct respondents (documents) and chosen evidence quotes. */
export interface Counts { segments: number; respondents: number; evidence: number }

/** One gap's support: per mapped code, per respondent group, and in total. */
export interface GapCoverage {
  id: string; statement: string; focus: LiteratureFocus; scope: GapScope; status: GapStatus; position: number;
  codes: (Counts & { linkId: string; codeId: string; codeName: string; codePath: string; relation: GapRelation; note: string })[];
  groups: Record<Group, Counts>;
  totals: Counts;
  /** No coded passage supports the gap and no evidence was chosen. */
  noEvidence: boolean;
}

interface Support { segmentId: string; documentId: string; group: Group; passage: string }

/** Support of every mapped code: the anchored segments coded with it or its sub-codes, and the chosen evidence per link. */
export async function loadSupport(db: Db, projectId: string, gapIds: string[]) {
  const links = gapIds.length === 0 ? [] : await db.selectFrom('gap_codes').selectAll().where('gap_id', 'in', gapIds).orderBy('created_at').execute();
  const codes = await codesRepository.list(db, projectId);
  const paths = codePaths(codes);
  const subtree = new Map(links.map((l) => [l.code_id, subtreeIds(codes, l.code_id)]));
  const allCodeIds = [...new Set([...subtree.values()].flat())];
  // Consent: passages of withdrawn / "no export" participants support nothing in coverage and reports.
  const policy = await exportPolicy(db, projectId);
  const coded = allCodeIds.length === 0 ? [] : (await db.selectFrom('codings')
    .innerJoin('segments', 'segments.id', 'codings.segment_id').innerJoin('documents', 'documents.id', 'segments.document_id')
    .select(['codings.code_id', 'segments.id as segment_id', 'segments.document_id', 'segments.start_offset', 'segments.end_offset', 'documents.name', 'documents.respondent_group'])
    .where('documents.project_id', '=', projectId).where('segments.status', '=', 'anchored').where('codings.code_id', 'in', allCodeIds)
    .orderBy('documents.name').orderBy('segments.start_offset').execute()).filter((c) => policy.allows(c.document_id));
  const byCode = new Map<string, Support[]>();
  for (const c of coded) {
    const support = { segmentId: c.segment_id, documentId: c.document_id, group: c.respondent_group ?? 'unknown', passage: `${c.document_id}:${c.start_offset}:${c.end_offset}` } as const;
    byCode.set(c.code_id, [...(byCode.get(c.code_id) ?? []), support]);
  }
  const linkIds = links.map((l) => l.id);
  const evidence = linkIds.length === 0 ? [] : (await db.selectFrom('gap_code_evidence')
    .innerJoin('segments', 'segments.id', 'gap_code_evidence.segment_id').innerJoin('documents', 'documents.id', 'segments.document_id')
    .select(['gap_code_evidence.id', 'gap_code_evidence.gap_code_id', 'gap_code_evidence.segment_id', 'gap_code_evidence.note', 'gap_code_evidence.created_at', 'segments.document_id', 'documents.respondent_group'])
    .where('gap_code_evidence.gap_code_id', 'in', linkIds).orderBy('gap_code_evidence.created_at').execute()).filter((e) => policy.allows(e.document_id));
  /**
   * Distinct supporting passages of a link, in document and text order: segments over the same range of the
   * same document (two coders coding the same words) count once.
   */
  const supportOf = (codeId: string): Support[] => {
    const seen = new Map<string, Support>();
    for (const id of subtree.get(codeId) ?? [codeId]) for (const s of byCode.get(id) ?? []) if (!seen.has(s.passage)) seen.set(s.passage, s);
    return [...seen.values()];
  };
  /** Every segment id coded with the link's code or a sub-code (to tell whether evidence is coded with it). */
  const segmentIdsOf = (codeId: string) => new Set((subtree.get(codeId) ?? [codeId]).flatMap((id) => (byCode.get(id) ?? []).map((s) => s.segmentId)));
  return { links, paths, codeName: new Map(codes.map((c) => [c.id, c.name])), supportOf, segmentIdsOf, evidence };
}

const counts = (support: Support[], evidence: number): Counts => ({
  segments: new Set(support.map((s) => s.passage)).size, respondents: new Set(support.map((s) => s.documentId)).size, evidence,
});

/** The coverage of the given gaps (in their order): gaps × mapped codes and gaps × respondent groups. */
export async function coverageOf(db: Db, projectId: string, gaps: GapRow[]): Promise<GapCoverage[]> {
  const { links, paths, codeName, supportOf, evidence } = await loadSupport(db, projectId, gaps.map((g) => g.id));
  return gaps.map((gap) => {
    const gapLinks = links.filter((l) => l.gap_id === gap.id);
    const gapEvidence = evidence.filter((e) => gapLinks.some((l) => l.id === e.gap_code_id));
    const all = gapLinks.flatMap((l) => supportOf(l.code_id));
    const codeRows = gapLinks.map((l) => ({
      linkId: l.id, codeId: l.code_id, codeName: codeName.get(l.code_id) ?? '', codePath: (paths.get(l.code_id) ?? []).join(' > '), relation: l.relation, note: l.note,
      ...counts(supportOf(l.code_id), evidence.filter((e) => e.gap_code_id === l.id).length),
    }));
    const groups = Object.fromEntries(GROUPS.map((g) => [g, counts(all.filter((s) => s.group === g), gapEvidence.filter((e) => (e.respondent_group ?? 'unknown') === g).length)])) as Record<Group, Counts>;
    const totals = counts(all, gapEvidence.length);
    return {
      id: gap.id, statement: gap.statement, focus: gap.focus, scope: gap.scope, status: gap.status, position: gap.position,
      codes: codeRows, groups, totals, noEvidence: totals.segments === 0 && totals.evidence === 0,
    };
  });
}
