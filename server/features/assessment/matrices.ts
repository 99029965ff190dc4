import type { Kysely } from 'kysely';
import type { AssessmentScore, Database } from '../../db/schema';
import { codePaths, codesRepository } from '../codes/codes.repository';
import { assessmentRepository, crimeTypesOf, type PracticeRow, type ReportFilter } from './assessment.repository';
import type { Criterion } from './criteria.service';

type Db = Kysely<Database>;

export interface PracticeHead { id: string; name: string; municipality: string; region: string; crimeTypes: string[]; evidenceRating: string | null }

export interface CriteriaMatrix {
  criteria: (Criterion & { met: number; share: number | null })[];
  rows: { practice: PracticeHead; met: number; share: number | null; cells: { criterionId: string; score: AssessmentScore | null; hasNote: boolean; evidence: number }[] }[];
}

export interface ThemeMatrix {
  themes: { codeId: string; name: string; path: string; color: string; practices: number; passages: number }[];
  rows: { practice: PracticeHead; cells: { codeId: string; linked: boolean; evidence: number }[] }[];
}

/** The short head of a record every matrix row carries. */
export const headOf = (p: PracticeRow): PracticeHead => ({
  id: p.id, name: p.name, municipality: p.municipality, region: p.region, crimeTypes: crimeTypesOf(p), evidenceRating: p.evidence_rating,
});

/** Codes depth-first, siblings by position (codebook order). */
function treeOrder<T extends { id: string; parent_id: string | null }>(codes: T[]): T[] {
  const children = new Map<string | null, T[]>();
  for (const c of codes) children.set(c.parent_id, [...(children.get(c.parent_id) ?? []), c]);
  const out: T[] = [];
  const walk = (parent: string | null) => { for (const c of children.get(parent) ?? []) { out.push(c); walk(c.id); } };
  walk(null);
  return out;
}

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/**
 * Practice × criterion: each cell's score, whether it has a note and how much evidence; per
 * practice the share of criteria met, per criterion the share of practices meeting it ("partly" is not "met").
 */
export async function criteriaMatrix(db: Db, projectId: string, criteria: Criterion[], filter: ReportFilter): Promise<CriteriaMatrix> {
  const practices = await assessmentRepository.practices(db, projectId, filter);
  const scores = await assessmentRepository.assessments(db, practices.map((p) => p.id));
  const evidence = await assessmentRepository.evidence(db, scores.map((s) => s.id));
  const evidenceCount = new Map<string, number>();
  for (const e of evidence) evidenceCount.set(e.assessment_id, (evidenceCount.get(e.assessment_id) ?? 0) + 1);
  const byCell = new Map(scores.map((s) => [`${s.practice_id}|${s.criterion_id}`, s]));
  const rows = practices.map((p) => {
    const cells = criteria.map((c) => {
      const s = byCell.get(`${p.id}|${c.id}`);
      return { criterionId: c.id, score: s?.score ?? null, hasNote: Boolean(s?.note.trim()), evidence: s ? evidenceCount.get(s.id) ?? 0 : 0 };
    });
    const met = cells.filter((c) => c.score === 'met').length;
    return { practice: headOf(p), met, share: share(met, criteria.length), cells };
  });
  return {
    criteria: criteria.map((c, i) => {
      const met = rows.filter((r) => r.cells[i]!.score === 'met').length;
      return { ...c, met, share: share(met, rows.length) };
    }),
    rows,
  };
}

/**
 * Practice × theme: the codes linked to any of the chosen records (in codebook order), whether each
 * record is linked and with how many evidence quotes, and per theme the passages coded with it in the interviews.
 */
export async function themeMatrix(db: Db, projectId: string, filter: ReportFilter): Promise<ThemeMatrix> {
  const practices = await assessmentRepository.practices(db, projectId, filter);
  const { links, evidence } = await assessmentRepository.themes(db, practices.map((p) => p.id));
  const codes = await codesRepository.list(db, projectId);
  const paths = codePaths(codes);
  const used = new Set(links.map((l) => l.code_id));
  const themeCodes = treeOrder(codes).filter((c) => used.has(c.id));
  const passages = await assessmentRepository.passageCounts(db, projectId, themeCodes.map((c) => c.id));
  const evidenceOf = new Map<string, number>();
  for (const e of evidence) evidenceOf.set(e.practice_code_id, (evidenceOf.get(e.practice_code_id) ?? 0) + 1);
  const linkOf = new Map(links.map((l) => [`${l.practice_id}|${l.code_id}`, l]));
  return {
    themes: themeCodes.map((c) => ({
      codeId: c.id, name: c.name, path: (paths.get(c.id) ?? [c.name]).join(' > '), color: c.color,
      practices: links.filter((l) => l.code_id === c.id).length, passages: passages.get(c.id) ?? 0,
    })),
    rows: practices.map((p) => ({
      practice: headOf(p),
      cells: themeCodes.map((c) => {
        const link = linkOf.get(`${p.id}|${c.id}`);
        return { codeId: c.id, linked: Boolean(link), evidence: link ? evidenceOf.get(link.id) ?? 0 : 0 };
      }),
    })),
  };
}
