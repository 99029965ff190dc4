import type { Kysely } from 'kysely';
import { precompiled } from '../../db/precompiled';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

// The queries of applying a code, compiled once (db/precompiled.ts; issue 9).
const documentWithRevision = precompiled((db, p: { documentId: string }) =>
  db.selectFrom('documents')
    .innerJoin('document_revisions', 'document_revisions.id', 'documents.current_revision_id')
    .select(['documents.id', 'documents.project_id', 'documents.name', 'document_revisions.id as revision_id', 'document_revisions.sha256'])
    .where('documents.id', '=', p.documentId));

const sameRange = precompiled((db, p: { documentId: string; revisionId: string; start: number; end: number; coderId: string }) =>
  db.selectFrom('segments').selectAll()
    .where('document_id', '=', p.documentId).where('revision_id', '=', p.revisionId).where('status', '=', 'anchored')
    .where('start_offset', '=', p.start).where('end_offset', '=', p.end).where('created_by', '=', p.coderId));

/** Codings with code names and coder names; narrowed to the segments wanted below. */
const codingsWithNames = (db: Db) =>
  db.selectFrom('codings')
    .innerJoin('codes', 'codes.id', 'codings.code_id')
    .leftJoin('users', 'users.id', 'codings.coder_id')
    .select(['codings.id', 'codings.segment_id', 'codings.code_id', 'codings.coder_id', 'codings.created_at', 'codes.name as code_name', 'codes.color', 'users.name as coder_name']);

const codingsOfOne = precompiled((db, p: { segmentId: string }) => codingsWithNames(db).where('codings.segment_id', '=', p.segmentId));

/** Memo counts per segment; narrowed to the segments wanted below. */
const segmentMemoCounts = (db: Db) =>
  db.selectFrom('memos').select((eb) => ['target_id', eb.fn.countAll<number>().as('n')]).where('target_type', '=', 'segment').groupBy('target_id');

const memoCountOfOne = precompiled((db, p: { segmentId: string }) => segmentMemoCounts(db).where('target_id', '=', p.segmentId));

/** Segments (anchored passages of a revision) and their codings. */
export const segmentsRepository = {
  find: (db: Db, id: string) => db.selectFrom('segments').selectAll().where('id', '=', id).executeTakeFirst(),

  /** A document with its current revision's id and hash, without the revision's text. */
  documentWithRevision: (db: Db, documentId: string) => documentWithRevision.executeTakeFirst(db, { documentId }),

  revisionText: async (db: Db, revisionId: string) =>
    (await db.selectFrom('document_revisions').select('text').where('id', '=', revisionId).executeTakeFirstOrThrow()).text,

  /** The coder's own anchored segment with exactly these bounds, if any. */
  findSameRange: (db: Db, documentId: string, revisionId: string, start: number, end: number, coderId: string) =>
    sameRange.executeTakeFirst(db, { documentId, revisionId, start, end, coderId }),

  forDocument: (db: Db, documentId: string) =>
    db.selectFrom('segments').selectAll().where('document_id', '=', documentId).orderBy('start_offset').orderBy('end_offset').execute(),

  /** Codings of many segments with code names and coder names. */
  codingsFor: (db: Db, segmentIds: string[]) => {
    if (segmentIds.length === 0) return Promise.resolve([]);
    if (segmentIds.length === 1) return codingsOfOne.execute(db, { segmentId: segmentIds[0]! });
    return codingsWithNames(db).where('codings.segment_id', 'in', segmentIds).execute();
  },

  /** Segments coded with any of `codeIds`, in a project, joined with their document. */
  codedWith: (db: Db, projectId: string, codeIds: string[]) =>
    codeIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('segments')
          .innerJoin('documents', 'documents.id', 'segments.document_id')
          .select([
            'segments.id', 'segments.document_id', 'segments.revision_id', 'segments.start_offset', 'segments.end_offset', 'segments.exact',
            'segments.status', 'segments.created_by', 'segments.created_at', 'documents.name as document_name',
            'documents.respondent_group', 'documents.language', 'documents.current_revision_id',
          ])
          .where('documents.project_id', '=', projectId)
          .where((eb) => eb.exists(eb.selectFrom('codings').select('codings.id').whereRef('codings.segment_id', '=', 'segments.id').where('codings.code_id', 'in', codeIds)))
          .orderBy('documents.name')
          .orderBy('segments.start_offset')
          .execute(),

  memoCounts: (db: Db, segmentIds: string[]) => {
    if (segmentIds.length === 0) return Promise.resolve([]);
    if (segmentIds.length === 1) return memoCountOfOne.execute(db, { segmentId: segmentIds[0]! });
    return segmentMemoCounts(db).where('target_id', 'in', segmentIds).execute();
  },
};

/** The project a segment belongs to (for access checks: a subquery of the membership check). */
export const segmentProject = (db: Db, segmentId: string) =>
  db.selectFrom('segments').innerJoin('documents', 'documents.id', 'segments.document_id').select('documents.project_id').where('segments.id', '=', segmentId);
