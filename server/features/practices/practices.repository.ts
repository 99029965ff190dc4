import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';
import type { PracticeFilter } from './practices.schemas';

type Db = Kysely<Database>;

/** What practice records read (writes go through the ChangeSet in the services). */
export const practicesRepository = {
  /** A project's records sorted by name, filtered by region, evaluation status and rating in SQL. */
  list: (db: Db, projectId: string, filter: Omit<PracticeFilter, 'q' | 'crimeType'> = {}) => {
    let query = db.selectFrom('practice_records').selectAll().where('project_id', '=', projectId);
    if (filter.region) query = query.where('region', '=', filter.region);
    if (filter.evaluationStatus) query = query.where('evaluation_status', '=', filter.evaluationStatus);
    if (filter.rating === 'unrated') query = query.where('evidence_rating', 'is', null);
    else if (filter.rating) query = query.where('evidence_rating', '=', filter.rating);
    return query.orderBy(sql`lower(name)`).orderBy(sql`lower(municipality)`).execute();
  },

  find: (db: Db, projectId: string, id: string) =>
    db.selectFrom('practice_records').selectAll().where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst(),

  /** Theme links of the given records, with how many evidence segments each has. */
  codeLinks: (db: Db, practiceIds: string[]) => practiceIds.length === 0 ? Promise.resolve([]) : db
    .selectFrom('practice_codes')
    .leftJoin('practice_code_evidence', 'practice_code_evidence.practice_code_id', 'practice_codes.id')
    .select(['practice_codes.id', 'practice_codes.practice_id', 'practice_codes.code_id', 'practice_codes.note', 'practice_codes.created_at'])
    .select((eb) => eb.fn.count<number>('practice_code_evidence.id').as('evidence_count'))
    .where('practice_codes.practice_id', 'in', practiceIds)
    .groupBy(['practice_codes.id', 'practice_codes.practice_id', 'practice_codes.code_id', 'practice_codes.note', 'practice_codes.created_at'])
    .orderBy('practice_codes.created_at').orderBy('practice_codes.id')
    .execute(),

  sourceLinks: (db: Db, practiceIds: string[]) => practiceIds.length === 0 ? Promise.resolve([]) : db
    .selectFrom('practice_sources').selectAll().where('practice_id', 'in', practiceIds).execute(),

  /** Evidence of the given theme links with the segment, its document and the document's current text. */
  evidence: (db: Db, linkIds: string[]) => linkIds.length === 0 ? Promise.resolve([]) : db
    .selectFrom('practice_code_evidence as e')
    .innerJoin('segments', 'segments.id', 'e.segment_id')
    .innerJoin('documents', 'documents.id', 'segments.document_id')
    .select(['e.id', 'e.practice_code_id', 'e.segment_id', 'e.note', 'e.created_at', 'segments.start_offset', 'segments.end_offset', 'segments.exact',
      'segments.status', 'segments.revision_id', 'documents.id as document_id', 'documents.name as document_name', 'documents.respondent_group'])
    .where('e.practice_code_id', 'in', linkIds)
    .orderBy('documents.name').orderBy('segments.start_offset')
    .execute(),

  /** A segment of the project (any document of it), or undefined. */
  segmentInProject: (db: Db, projectId: string, segmentId: string) => db
    .selectFrom('segments').innerJoin('documents', 'documents.id', 'segments.document_id')
    .select(['segments.id']).where('segments.id', '=', segmentId).where('documents.project_id', '=', projectId)
    .executeTakeFirst(),

  /** Literature sources of the project (read only: the literature feature owns them). */
  sources: (db: Db, projectId: string, ids?: string[]) => {
    if (ids && ids.length === 0) return Promise.resolve([]);
    let query = db.selectFrom('literature_sources').selectAll().where('project_id', '=', projectId);
    if (ids) query = query.where('id', 'in', ids);
    return query.execute();
  },
};
