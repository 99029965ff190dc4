import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

/** The key list and the transcripts it is applied to. */
export const pseudonymsRepository = {
  list: (db: Db, projectId: string) =>
    db.selectFrom('pseudonym_entries').selectAll().where('project_id', '=', projectId).orderBy('kind').orderBy('original').execute(),

  find: (db: Db, projectId: string, id: string) =>
    db.selectFrom('pseudonym_entries').selectAll().where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst(),

  /** The project's documents with their current text (all, or only `ids`), by name. */
  texts: (db: Db, projectId: string, ids?: string[]) => {
    let query = db.selectFrom('documents')
      .innerJoin('document_revisions', 'document_revisions.id', 'documents.current_revision_id')
      .select(['documents.id', 'documents.name', 'documents.current_revision_id as revisionId', 'document_revisions.text'])
      .where('documents.project_id', '=', projectId);
    if (ids) query = query.where('documents.id', 'in', ids.length > 0 ? ids : ['']);
    return query.orderBy('documents.name').orderBy('documents.id').execute();
  },
};
