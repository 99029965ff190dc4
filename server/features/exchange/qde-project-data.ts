/**
 * Reads everything a REFI-QDA project export needs from the database, in one consistent set of
 * queries (documents with their current text, anchored segments, codings, memos, attributes).
 */
import type { Kysely } from 'kysely';
import type { AttributeType, Database, DocumentRow, MemoRow, ProjectRow } from '../../db/schema';
import { notFound } from '../../errors';
import { exportPolicy } from '../consent/export-policy';
import { applyConsentToRefi } from '../consent/refi-consent';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface RefiUser { id: string; name: string; email: string }
export interface RefiCode { id: string; parent_id: string | null; name: string; color: string; definition: string; inclusion: string; exclusion: string; example: string; position: number; archived: number }
export interface RefiDocument extends DocumentRow { text: string; docx: Buffer | null }
export interface RefiSegment { id: string; document_id: string; revision_id: string; start_offset: number; end_offset: number; exact: string; status: string; created_by: string | null; created_at: string; updated_at: string }
export interface RefiCoding { id: string; segment_id: string; code_id: string; coder_id: string | null; created_at: string }
export interface RefiAttribute { id: string; name: string; type: AttributeType; position: number }

/** Everything of one project that goes into project.qde and its sources. */
export interface RefiProjectData {
  project: ProjectRow;
  /** Members first (in joining order), then anyone else who coded, wrote or created something. */
  users: RefiUser[];
  codes: RefiCode[];
  documents: RefiDocument[];
  segments: RefiSegment[];
  codings: RefiCoding[];
  memos: MemoRow[];
  /** memo id → ids of the codes the memo is tagged with. */
  memoCodes: Map<string, string[]>;
  attributes: RefiAttribute[];
  /** document id → attribute id → value. */
  attributeValues: Map<string, Map<string, string>>;
}

/** Splits a list for `in (…)` so no query gets too many parameters (and none gets an empty list). */
function chunks<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Loads one project for export. Throws 404 when the project does not exist.
 *
 * @example
 * const data = await loadRefiProject(db, projectId);
 * data.documents[0].text; // the current revision's canonical text
 */
export async function loadRefiProject(db: Kysely<Database>, projectId: string): Promise<RefiProjectData> {
  const project = await db.selectFrom('projects').selectAll().where('id', '=', projectId).executeTakeFirst();
  if (!project) throw notFound('project');
  const members = await db.selectFrom('project_members').innerJoin('users', 'users.id', 'project_members.user_id')
    .select(['users.id', 'users.name', 'users.email']).where('project_members.project_id', '=', projectId)
    .orderBy('project_members.created_at').orderBy('users.id').execute();
  const codes = await db.selectFrom('codes')
    .select(['id', 'parent_id', 'name', 'color', 'definition', 'inclusion', 'exclusion', 'example', 'position', 'archived'])
    .where('project_id', '=', projectId).orderBy('position').orderBy('name').orderBy('id').execute();
  const docRows = await db.selectFrom('documents').innerJoin('document_revisions', 'document_revisions.id', 'documents.current_revision_id')
    .selectAll('documents').select(['document_revisions.text as text', 'document_revisions.number as revision_number'])
    .where('documents.project_id', '=', projectId).orderBy('documents.created_at').orderBy('documents.name').orderBy('documents.id').execute();
  const docIds = docRows.map((d) => d.id);
  const docx = new Map<string, Buffer>();
  const segments: RefiSegment[] = [];
  const attributeValueRows: { document_id: string; attribute_id: string; value: string }[] = [];
  for (const ids of chunks(docIds)) {
    const originals = await db.selectFrom('document_originals').select(['document_id', 'bytes'])
      .where('document_id', 'in', ids).where('media_type', '=', DOCX_TYPE).execute();
    for (const o of originals) docx.set(o.document_id, Buffer.from(o.bytes as Uint8Array));
    segments.push(...await db.selectFrom('segments')
      .select(['id', 'document_id', 'revision_id', 'start_offset', 'end_offset', 'exact', 'status', 'created_by', 'created_at', 'updated_at'])
      .where('document_id', 'in', ids).orderBy('document_id').orderBy('start_offset').orderBy('end_offset').orderBy('id').execute());
    attributeValueRows.push(...await db.selectFrom('document_attributes').select(['document_id', 'attribute_id', 'value']).where('document_id', 'in', ids).execute());
  }
  const codings: RefiCoding[] = [];
  for (const ids of chunks(segments.map((s) => s.id))) {
    codings.push(...await db.selectFrom('codings').select(['id', 'segment_id', 'code_id', 'coder_id', 'created_at'])
      .where('segment_id', 'in', ids).orderBy('created_at').orderBy('id').execute());
  }
  const memos = await db.selectFrom('memos').selectAll().where('project_id', '=', projectId).orderBy('created_at').orderBy('id').execute();
  const memoCodes = new Map<string, string[]>();
  for (const ids of chunks(memos.map((m) => m.id))) {
    const rows = await db.selectFrom('memo_codes').select(['memo_id', 'code_id']).where('memo_id', 'in', ids).orderBy('id').execute();
    for (const r of rows) memoCodes.set(r.memo_id, [...memoCodes.get(r.memo_id) ?? [], r.code_id]);
  }
  const attributes = await db.selectFrom('attribute_definitions').select(['id', 'name', 'type', 'position'])
    .where('project_id', '=', projectId).orderBy('position').orderBy('id').execute();
  const attributeValues = new Map<string, Map<string, string>>();
  for (const r of attributeValueRows) {
    if (!attributeValues.has(r.document_id)) attributeValues.set(r.document_id, new Map());
    attributeValues.get(r.document_id)!.set(r.attribute_id, r.value);
  }

  const users: RefiUser[] = [...members];
  const known = new Set(users.map((u) => u.id));
  const others = new Set<string>();
  const want = (id: string | null) => { if (id && !known.has(id)) others.add(id); };
  want(project.created_by);
  for (const d of docRows) want(d.created_by);
  for (const s of segments) want(s.created_by);
  for (const c of codings) want(c.coder_id);
  for (const m of memos) want(m.author_id);
  for (const ids of chunks([...others])) {
    users.push(...await db.selectFrom('users').select(['id', 'name', 'email']).where('id', 'in', ids).orderBy('name').orderBy('id').execute());
  }

  // The original .docx goes along only while it is the text exported: once a transcript was corrected
  // (a typo fixed, or names replaced by pseudonyms) it would contradict the text, and could carry the
  // very names the correction removed.
  const documents = docRows.map(({ text, revision_number, ...row }) => ({ ...row, text, docx: revision_number === 1 ? docx.get(row.id) ?? null : null }));
  // Consent: withdrawn / "no export" participants leave; "no quotes" passages are masked.
  return applyConsentToRefi({ project, users, codes, documents, segments, codings, memos, memoCodes, attributes, attributeValues }, await exportPolicy(db, projectId));
}
