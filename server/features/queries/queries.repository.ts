import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

/** Long `in (…)` lists are sent in slices (SQLite and PostgreSQL cap bound parameters). */
const SLICE = 1000;

async function inSlices<T>(ids: string[], load: (slice: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += SLICE) out.push(...(await load(ids.slice(i, i + SLICE))));
  return out;
}

/** What code queries read, and saved queries. */
export const queriesRepository = {
  /**
   * One row per coding of an anchored segment with one of `codeIds`, in the project's documents:
   * the segment's range, coder and document.
   */
  codings: (db: Db, projectId: string, codeIds: string[], coderId?: string) => {
    if (codeIds.length === 0) return Promise.resolve([]);
    let query = db
      .selectFrom('codings')
      .innerJoin('segments', 'segments.id', 'codings.segment_id')
      .innerJoin('documents', 'documents.id', 'segments.document_id')
      .select(['segments.id', 'segments.document_id', 'segments.start_offset', 'segments.end_offset', 'segments.created_by', 'codings.code_id'])
      .where('documents.project_id', '=', projectId)
      .where('segments.status', '=', 'anchored')
      .whereRef('segments.revision_id', '=', 'documents.current_revision_id')
      .where('codings.code_id', 'in', codeIds);
    if (coderId) query = query.where('segments.created_by', '=', coderId);
    return query.execute();
  },

  /** Documents with their current text (only when `withText`). */
  documents: (db: Db, ids: string[], withText: boolean) =>
    inSlices(ids, (slice) => db
      .selectFrom('documents')
      .leftJoin('document_revisions', 'document_revisions.id', 'documents.current_revision_id')
      .select(['documents.id', 'documents.name', 'documents.current_revision_id'])
      .$if(withText, (q) => q.select('document_revisions.text'))
      .where('documents.id', 'in', slice)
      .execute()),

  /** Turns of the given revisions with their speaker, sorted by start. */
  turns: (db: Db, revisionIds: string[]) =>
    inSlices(revisionIds, (slice) => db
      .selectFrom('turns')
      .leftJoin('speakers', 'speakers.id', 'turns.speaker_id')
      .select(['turns.revision_id', 'turns.start_offset', 'turns.end_offset', 'speakers.name', 'speakers.role'])
      .where('turns.revision_id', 'in', slice)
      .orderBy('turns.revision_id')
      .orderBy('turns.start_offset')
      .execute()),

  listSaved: (db: Db, projectId: string) =>
    db.selectFrom('saved_queries').selectAll().where('project_id', '=', projectId).orderBy('name').execute(),

  findSaved: (db: Db, projectId: string, id: string) =>
    db.selectFrom('saved_queries').selectAll().where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst(),
};
