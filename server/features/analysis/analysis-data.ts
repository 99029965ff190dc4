import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { analysisCache } from './analysis-cache';

export interface CodedPassage {
  segmentId: string;
  documentId: string;
  start: number;
  end: number;
  coderId: string | null;
  codeId: string;
}

export interface AnalysisDocument {
  id: string;
  name: string;
  respondentGroup: string | null;
  language: string;
  interviewDate: string | null;
  createdAt: string;
  length: number;
  revisionId: string;
}

export interface AnalysisData {
  documents: AnalysisDocument[];
  /** One row per coding of an anchored segment of a document's current revision. */
  passages: CodedPassage[];
  codes: { id: string; parentId: string | null; name: string; color: string; archived: boolean; position: number }[];
}

/**
 * Everything the analyses read, in three queries (optionally limited to some documents). A whole
 * project's data is read once per project version (event log) and shared by the analyses: treat
 * it as read-only.
 */
export async function loadAnalysisData(db: Kysely<Database>, projectId: string, documentIds?: string[], exclude?: ReadonlySet<string>): Promise<AnalysisData> {
  const data = documentIds?.length
    ? await readAnalysisData(db, projectId, documentIds)
    : await analysisCache(db).get(db, projectId, 'data', () => readAnalysisData(db, projectId));
  return exclude?.size ? withoutDocuments(data, exclude) : data;
}

/** The same data without some documents (downloads leave out participants who withdrew or refused export). */
export function withoutDocuments(data: AnalysisData, exclude: ReadonlySet<string>): AnalysisData {
  return { ...data, documents: data.documents.filter((d) => !exclude.has(d.id)), passages: data.passages.filter((p) => !exclude.has(p.documentId)) };
}

/** The turns of a whole project's documents (`loadTurns`), read once per project version. */
export function loadProjectTurns(db: Kysely<Database>, projectId: string, documents: AnalysisDocument[]) {
  return analysisCache(db).get(db, projectId, 'turns', () => loadTurns(db, documents));
}

async function readAnalysisData(db: Kysely<Database>, projectId: string, documentIds?: string[]): Promise<AnalysisData> {
  let docs = db
    .selectFrom('documents')
    .innerJoin('document_revisions', 'document_revisions.id', 'documents.current_revision_id')
    .select([
      'documents.id', 'documents.name', 'documents.respondent_group', 'documents.language', 'documents.interview_date', 'documents.created_at',
      // The text is read for its length in UTF-16 code units, the unit of every offset (SQL length() counts characters).
      'document_revisions.id as revision_id', 'document_revisions.text',
    ])
    .where('documents.project_id', '=', projectId);
  if (documentIds?.length) docs = docs.where('documents.id', 'in', documentIds);
  let passages = db
    .selectFrom('codings')
    .innerJoin('segments', 'segments.id', 'codings.segment_id')
    .innerJoin('documents', 'documents.id', 'segments.document_id')
    .select(['segments.id as segment_id', 'segments.document_id', 'segments.start_offset', 'segments.end_offset', 'segments.created_by', 'codings.code_id'])
    .where('documents.project_id', '=', projectId)
    .where('segments.status', '=', 'anchored')
    .whereRef('segments.revision_id', '=', 'documents.current_revision_id');
  if (documentIds?.length) passages = passages.where('documents.id', 'in', documentIds);
  const [docRows, passageRows, codeRows] = await Promise.all([
    docs.execute(),
    passages.execute(),
    db.selectFrom('codes').select(['id', 'parent_id', 'name', 'color', 'archived', 'position']).where('project_id', '=', projectId).execute(),
  ]);
  return {
    documents: docRows.map((d) => ({
      id: d.id, name: d.name, respondentGroup: d.respondent_group, language: d.language, interviewDate: d.interview_date,
      createdAt: d.created_at, length: d.text.length, revisionId: d.revision_id,
    })),
    passages: passageRows.map((p) => ({ segmentId: p.segment_id, documentId: p.document_id, start: p.start_offset, end: p.end_offset, coderId: p.created_by, codeId: p.code_id })),
    codes: codeRows.map((c) => ({ id: c.id, parentId: c.parent_id, name: c.name, color: c.color, archived: c.archived === 1, position: c.position })),
  };
}

/** Turns of the documents' current revisions (start, end, speaker and role), per document. */
export async function loadTurns(db: Kysely<Database>, documents: AnalysisDocument[]) {
  const byRevision = new Map(documents.map((d) => [d.revisionId, d.id]));
  const out = new Map<string, { start: number; end: number; speakerId: string | null; role: string | null }[]>();
  const ids = [...byRevision.keys()];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('turns')
      .leftJoin('speakers', 'speakers.id', 'turns.speaker_id')
      .select(['turns.revision_id', 'turns.start_offset', 'turns.end_offset', 'turns.speaker_id', 'speakers.role'])
      .where('turns.revision_id', 'in', ids.slice(i, i + 500))
      .orderBy('turns.revision_id').orderBy('turns.position')
      .execute();
    for (const r of rows) {
      const documentId = byRevision.get(r.revision_id)!;
      const list = out.get(documentId) ?? [];
      list.push({ start: r.start_offset, end: r.end_offset, speakerId: r.speaker_id, role: r.role });
      out.set(documentId, list);
    }
  }
  return out;
}
