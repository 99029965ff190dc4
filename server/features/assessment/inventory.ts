import type { Kysely } from 'kysely';
import type { AssessmentScore, Database } from '../../db/schema';
import { notFound } from '../../errors';
import type { Translator } from '../../i18n/translator';
import { codePaths, codesRepository } from '../codes/codes.repository';
import { exportPolicy } from '../consent/export-policy';
import { formatCitation } from '../literature/citations';
import { assessmentRepository, crimeTypesOf, type Passage, type PracticeRow, type ReportFilter } from './assessment.repository';

type Db = Kysely<Database>;

export interface InventoryTheme { codeId: string; name: string; path: string; note: string; quotes: (Passage & { note: string })[] }
export interface InventorySource { id: string; citation: string; direct: boolean; gaps: string[] }
export interface InventoryPractice {
  record: PracticeRow;
  crimeTypes: string[];
  scores: { criterion: string; score: AssessmentScore; note: string; evidence: number }[];
  themes: InventoryTheme[];
  literature: InventorySource[];
}
export interface Inventory {
  projectName: string;
  projectDescription: string;
  filter: ReportFilter;
  generatedAt: Date;
  criteria: { id: string; name: string }[];
  practices: InventoryPractice[];
}

/** Order of the report: best practice, promising, insufficient evidence, not effective, unrated. */
export const RATING_ORDER = ['best_practice', 'promising', 'insufficient', 'not_effective'] as const;
const rank = (rating: string | null) => {
  const i = RATING_ORDER.indexOf(rating as (typeof RATING_ORDER)[number]);
  return i < 0 ? RATING_ORDER.length : i;
};

/**
 * Everything the inventory shows, for the records matching the filter, ordered by rating then name:
 * the record's fields, its scores, its themes with the supporting interview quotes, and its
 * literature (linked directly and through the gaps its themes are mapped to).
 */
export async function buildInventory(db: Db, projectId: string, filter: ReportFilter, generatedAt = new Date(), tr?: Translator): Promise<Inventory> {
  const project = await db.selectFrom('projects').select(['name', 'description']).where('id', '=', projectId).executeTakeFirst();
  if (!project) throw notFound('project');
  const practices = (await assessmentRepository.practices(db, projectId, filter))
    .sort((a, b) => rank(a.evidence_rating) - rank(b.evidence_rating));
  const ids = practices.map((p) => p.id);
  const criteria = await assessmentRepository.criteria(db, projectId);
  const scores = await assessmentRepository.assessments(db, ids);
  const scoreEvidence = await assessmentRepository.evidence(db, scores.map((s) => s.id));
  const { links, evidence } = await assessmentRepository.themes(db, ids);
  const passages = await assessmentRepository.passages(db, projectId, evidence.map((e) => e.segment_id));
  const paths = codePaths(await codesRepository.list(db, projectId));
  const literature = await assessmentRepository.literature(db, ids, [...new Set(links.map((l) => l.code_id))]);
  // Consent: quotes of withdrawn / "no export" participants are left out, those of "no quotes" ones withheld.
  const policy = await exportPolicy(db, projectId, tr);

  const built = practices.map((record): InventoryPractice => {
    const own = scores.filter((s) => s.practice_id === record.id);
    const themes = links.filter((l) => l.practice_id === record.id).map((l) => ({
      codeId: l.code_id, name: l.name, path: (paths.get(l.code_id) ?? [l.name]).join(' > '), note: l.note,
      quotes: evidence.filter((e) => e.practice_code_id === l.id && passages.has(e.segment_id) && policy.allows(passages.get(e.segment_id)!.documentId))
        .map((e) => { const p = passages.get(e.segment_id)!; return { ...p, quote: policy.quote(p.documentId, p.quote), note: e.note }; }),
    })).sort((a, b) => a.path.localeCompare(b.path));
    const sources = new Map<string, InventorySource>();
    for (const s of literature.direct.filter((d) => d.practice_id === record.id)) {
      sources.set(s.id, { id: s.id, citation: formatCitation(s), direct: true, gaps: [] });
    }
    const codeIds = new Set(themes.map((t) => t.codeId));
    for (const s of literature.viaGaps.filter((g) => codeIds.has(g.code_id))) {
      const entry = sources.get(s.id) ?? { id: s.id, citation: formatCitation(s), direct: false, gaps: [] };
      if (!entry.gaps.includes(s.gap_statement)) entry.gaps.push(s.gap_statement);
      sources.set(s.id, entry);
    }
    return {
      record,
      crimeTypes: crimeTypesOf(record),
      scores: criteria.flatMap((c) => {
        const s = own.find((a) => a.criterion_id === c.id);
        return s ? [{ criterion: c.name, score: s.score, note: s.note, evidence: scoreEvidence.filter((e) => e.assessment_id === s.id).length }] : [];
      }),
      themes,
      literature: [...sources.values()].sort((a, b) => Number(b.direct) - Number(a.direct) || a.citation.localeCompare(b.citation)),
    };
  });
  return { projectName: project.name, projectDescription: project.description, filter, generatedAt, criteria: criteria.map((c) => ({ id: c.id, name: c.name })), practices: built };
}
