import type { Kysely, Selectable } from 'kysely';
import type { Database, PracticeRecordsTable } from '../../db/schema';
import { turnAt } from '../retrieval/passage-context';

type Db = Kysely<Database>;

export type PracticeRow = Selectable<PracticeRecordsTable>;
export type RatingFilter = 'best_practice' | 'promising' | 'insufficient' | 'not_effective' | 'unrated';
export interface ReportFilter { crimeType?: string; region?: string; rating?: RatingFilter }

/** A passage with who said it: document (= respondent), respondent group, speaker of its turn. */
export interface Passage {
  segmentId: string; documentId: string; documentName: string; respondentGroup: 'international' | 'belgian' | 'unknown';
  speaker: string | null; quote: string; start: number; end: number;
}

/** The crime types of a record (its JSON text column), tolerant of bad JSON. */
export function crimeTypesOf(row: Pick<PracticeRow, 'crime_types'>): string[] {
  try {
    const value = JSON.parse(row.crime_types) as unknown;
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
}

/** Reads for criteria, scores, matrices and the inventory (Kysely only; no rules). */
export const assessmentRepository = {
  criteria: (db: Db, projectId: string) => db.selectFrom('assessment_criteria').leftJoin('codes', 'codes.id', 'assessment_criteria.code_id')
    .selectAll('assessment_criteria').select('codes.name as code_name')
    .where('assessment_criteria.project_id', '=', projectId).orderBy('assessment_criteria.position').orderBy('assessment_criteria.name').execute(),

  criterion: (db: Db, projectId: string, id: string) => db.selectFrom('assessment_criteria').selectAll()
    .where('id', '=', id).where('project_id', '=', projectId).executeTakeFirst(),

  practice: (db: Db, projectId: string, id: string) => db.selectFrom('practice_records').selectAll()
    .where('id', '=', id).where('project_id', '=', projectId).executeTakeFirst(),

  /** The project's records matching the filter (region and rating in SQL, crime type on the parsed JSON), by name. */
  async practices(db: Db, projectId: string, filter: ReportFilter = {}): Promise<PracticeRow[]> {
    let query = db.selectFrom('practice_records').selectAll().where('project_id', '=', projectId);
    if (filter.region) query = query.where('region', '=', filter.region as PracticeRow['region']);
    if (filter.rating === 'unrated') query = query.where('evidence_rating', 'is', null);
    else if (filter.rating) query = query.where('evidence_rating', '=', filter.rating);
    const rows = await query.execute();
    return rows.filter((r) => !filter.crimeType || crimeTypesOf(r).includes(filter.crimeType))
      .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.municipality.localeCompare(b.municipality));
  },

  assessments: (db: Db, practiceIds: string[]) => practiceIds.length === 0 ? Promise.resolve([])
    : db.selectFrom('assessments').selectAll().where('practice_id', 'in', practiceIds).execute(),

  assessment: (db: Db, practiceId: string, criterionId: string) => db.selectFrom('assessments').selectAll()
    .where('practice_id', '=', practiceId).where('criterion_id', '=', criterionId).executeTakeFirst(),

  evidence: (db: Db, assessmentIds: string[]) => assessmentIds.length === 0 ? Promise.resolve([])
    : db.selectFrom('assessment_evidence').selectAll().where('assessment_id', 'in', assessmentIds).orderBy('created_at').orderBy('id').execute(),

  /** Theme links of the records with their evidence segment ids. */
  async themes(db: Db, practiceIds: string[]) {
    if (practiceIds.length === 0) return { links: [], evidence: [] };
    const links = await db.selectFrom('practice_codes').innerJoin('codes', 'codes.id', 'practice_codes.code_id')
      .select(['practice_codes.id', 'practice_codes.practice_id', 'practice_codes.code_id', 'practice_codes.note', 'codes.name', 'codes.color', 'codes.parent_id'])
      .where('practice_codes.practice_id', 'in', practiceIds).execute();
    const evidence = links.length === 0 ? [] : await db.selectFrom('practice_code_evidence')
      .select(['id', 'practice_code_id', 'segment_id', 'note', 'created_at'])
      .where('practice_code_id', 'in', links.map((l) => l.id)).orderBy('created_at').orderBy('id').execute();
    return { links, evidence };
  },

  /** Distinct current passages coded with each code (segments ⨝ codings, anchored only). */
  async passageCounts(db: Db, projectId: string, codeIds: string[]): Promise<Map<string, number>> {
    if (codeIds.length === 0) return new Map();
    const rows = await db.selectFrom('codings').innerJoin('segments', 'segments.id', 'codings.segment_id')
      .innerJoin('documents', 'documents.id', 'segments.document_id')
      .select(['codings.code_id', 'segments.id as segment_id'])
      .where('documents.project_id', '=', projectId).where('segments.status', '=', 'anchored').where('codings.code_id', 'in', codeIds).execute();
    const sets = new Map<string, Set<string>>();
    for (const r of rows) sets.set(r.code_id, (sets.get(r.code_id) ?? new Set()).add(r.segment_id));
    return new Map([...sets].map(([k, v]) => [k, v.size]));
  },

  /** The literature of the records: linked directly, and through gaps mapped to the records' codes. */
  async literature(db: Db, practiceIds: string[], codeIds: string[]) {
    const direct = practiceIds.length === 0 ? [] : await db.selectFrom('practice_sources').innerJoin('literature_sources', 'literature_sources.id', 'practice_sources.source_id')
      .selectAll('literature_sources').select('practice_sources.practice_id').where('practice_sources.practice_id', 'in', practiceIds).execute();
    const viaGaps = codeIds.length === 0 ? [] : await db.selectFrom('gap_codes').innerJoin('gap_sources', 'gap_sources.gap_id', 'gap_codes.gap_id')
      .innerJoin('literature_sources', 'literature_sources.id', 'gap_sources.source_id').innerJoin('literature_gaps', 'literature_gaps.id', 'gap_codes.gap_id')
      .selectAll('literature_sources').select(['gap_codes.code_id', 'literature_gaps.statement as gap_statement'])
      .where('gap_codes.code_id', 'in', codeIds).execute();
    return { direct, viaGaps };
  },

  /** Describes segments of the project (document, respondent group, speaker of the turn it starts in); unknown ids are left out. */
  async passages(db: Db, projectId: string, segmentIds: string[]): Promise<Map<string, Passage>> {
    const ids = [...new Set(segmentIds)];
    const rows = [];
    for (let i = 0; i < ids.length; i += 500) {
      rows.push(...await db.selectFrom('segments').innerJoin('documents', 'documents.id', 'segments.document_id')
        .select(['segments.id', 'segments.document_id', 'segments.revision_id', 'segments.start_offset', 'segments.end_offset', 'segments.exact', 'documents.name', 'documents.respondent_group'])
        .where('documents.project_id', '=', projectId).where('segments.id', 'in', ids.slice(i, i + 500)).execute());
    }
    const revisionIds = [...new Set(rows.map((r) => r.revision_id))];
    const turns = revisionIds.length === 0 ? [] : await db.selectFrom('turns').leftJoin('speakers', 'speakers.id', 'turns.speaker_id')
      .select(['turns.revision_id', 'turns.start_offset', 'turns.end_offset', 'speakers.name'])
      .where('turns.revision_id', 'in', revisionIds).orderBy('turns.start_offset').execute();
    const turnsOf = new Map<string, typeof turns>();
    for (const t of turns) turnsOf.set(t.revision_id, [...(turnsOf.get(t.revision_id) ?? []), t]);
    return new Map(rows.map((r) => [r.id, {
      segmentId: r.id, documentId: r.document_id, documentName: r.name, respondentGroup: r.respondent_group ?? 'unknown',
      speaker: turnAt(turnsOf.get(r.revision_id), r.start_offset)?.name ?? null, quote: r.exact, start: r.start_offset, end: r.end_offset,
    } satisfies Passage]));
  },
};
