import type { Kysely } from 'kysely';
import type { Database, DocumentRow, DocumentUpdate, NewDocument } from '../../db/schema';

type Db = Kysely<Database>;

/** Inserts rows in chunks, keeping under both dialects' bound-parameter limits. */
export async function insertChunked<T extends keyof Database & string>(db: Db, table: T, rows: Database[T][], chunk = 500) {
  for (let i = 0; i < rows.length; i += chunk) {
    await db.insertInto(table).values(rows.slice(i, i + chunk) as never).execute();
  }
}

/** The project a document belongs to (for access checks: a subquery of the membership check). */
export const documentProject = (db: Db, documentId: string) => db.selectFrom('documents').select('project_id').where('id', '=', documentId);

export interface NewDocumentBundle {
  document: NewDocument;
  original: Database['document_originals'];
  revision: Database['document_revisions'];
  speakers: Database['speakers'][];
  turns: Database['turns'][];
}

/** Documents with their current revision, speakers and turns. */
export const documentsRepository = {
  /** Writes a whole imported document; call inside a transaction. */
  async insertBundle(db: Db, bundle: NewDocumentBundle) {
    await db.insertInto('documents').values({ ...bundle.document, current_revision_id: null }).execute();
    await db.insertInto('document_originals').values(bundle.original).execute();
    await db.insertInto('document_revisions').values(bundle.revision).execute();
    await insertChunked(db, 'speakers', bundle.speakers);
    await insertChunked(db, 'turns', bundle.turns);
    await db.updateTable('documents').set({ current_revision_id: bundle.revision.id }).where('id', '=', bundle.document.id).execute();
  },

  findById: (db: Db, id: string) => db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst(),

  findByHash: (db: Db, projectId: string, contentHash: string) =>
    db.selectFrom('documents').select(['id', 'name']).where('project_id', '=', projectId).where('content_hash', '=', contentHash).executeTakeFirst(),

  /** A project's documents with turn and speaker counts. */
  listForProject: (db: Db, projectId: string) =>
    db
      .selectFrom('documents')
      .select((eb) => [
        'documents.id', 'documents.name', 'documents.file_name', 'documents.format', 'documents.language',
        'documents.respondent_group', 'documents.interview_date', 'documents.word_count', 'documents.created_at',
        'documents.updated_at', 'documents.encoding',
        eb.selectFrom('turns').select(eb.fn.countAll<number>().as('n')).whereRef('turns.revision_id', '=', 'documents.current_revision_id').as('turn_count'),
      ])
      .where('documents.project_id', '=', projectId)
      .orderBy('documents.name')
      .execute(),

  speakersForProject: (db: Db, projectId: string) =>
    db
      .selectFrom('speakers')
      .innerJoin('documents', 'documents.id', 'speakers.document_id')
      .select(['speakers.document_id', 'speakers.id', 'speakers.name', 'speakers.role'])
      .where('documents.project_id', '=', projectId)
      .orderBy('speakers.position')
      .execute(),

  hasOriginal: async (db: Db, documentId: string) =>
    (await db.selectFrom('document_originals').select('document_id').where('document_id', '=', documentId).executeTakeFirst()) !== undefined,

  /** A revision without its text (which is most of its size). */
  revisionHeader: (db: Db, revisionId: string) =>
    db.selectFrom('document_revisions').select(['id', 'number', 'created_at', 'sha256']).where('id', '=', revisionId).executeTakeFirstOrThrow(),

  revisionText: async (db: Db, revisionId: string) =>
    (await db.selectFrom('document_revisions').select('text').where('id', '=', revisionId).executeTakeFirstOrThrow()).text,

  findRevision: (db: Db, revisionId: string) =>
    db.selectFrom('document_revisions').selectAll().where('id', '=', revisionId).executeTakeFirstOrThrow(),

  turns: (db: Db, revisionId: string) =>
    db.selectFrom('turns').selectAll().where('revision_id', '=', revisionId).orderBy('position').execute(),

  speakers: (db: Db, documentId: string) =>
    db.selectFrom('speakers').selectAll().where('document_id', '=', documentId).orderBy('position').execute(),

  findSpeaker: (db: Db, documentId: string, speakerId: string) =>
    db.selectFrom('speakers').selectAll().where('document_id', '=', documentId).where('id', '=', speakerId).executeTakeFirst(),

  updateSpeaker: (db: Db, speakerId: string, changes: Partial<Pick<Database['speakers'], 'name' | 'role'>>) =>
    db.updateTable('speakers').set(changes).where('id', '=', speakerId).execute(),

  update: (db: Db, id: string, changes: DocumentUpdate) => db.updateTable('documents').set(changes).where('id', '=', id).execute(),

  delete: (db: Db, id: string) => db.deleteFrom('documents').where('id', '=', id).execute(),

  original: (db: Db, id: string) =>
    db
      .selectFrom('document_originals')
      .innerJoin('documents', 'documents.id', 'document_originals.document_id')
      .select(['document_originals.bytes', 'document_originals.media_type', 'documents.file_name'])
      .where('document_originals.document_id', '=', id)
      .executeTakeFirst(),
};

export type { DocumentRow };
