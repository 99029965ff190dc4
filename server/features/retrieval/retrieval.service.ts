import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { notFound } from '../../errors';
import { codePaths, codesRepository, subtreeIds } from '../codes/codes.repository';
import { segmentsRepository } from '../segments/segments.repository';
import { contextAround, turnAt } from './passage-context';

export interface RetrievalFilter {
  includeDescendants?: boolean;
  coderId?: string;
  respondentGroup?: string;
  language?: string;
  documentId?: string;
  /** Project attribute id and the value it must have. */
  attributeId?: string;
  attributeValue?: string;
}

export interface RetrievedSegment {
  segmentId: string;
  documentId: string;
  documentName: string;
  status: 'anchored' | 'orphaned';
  start: number;
  end: number;
  quote: string;
  contextBefore: string;
  contextAfter: string;
  speaker: string | null;
  speakerRole: string | null;
  coderId: string | null;
  coderName: string | null;
  codes: { codeId: string; name: string; path: string }[];
  createdAt: string;
}

/**
 * Retrieval: every segment coded with a code (optionally with its sub-codes), with document,
 * speaker, coder, quote and surrounding context, filtered by coder and document attributes.
 */
export async function retrieveCodedSegments(db: Kysely<Database>, projectId: string, codeId: string, filter: RetrievalFilter = {}): Promise<RetrievedSegment[]> {
  const codes = await codesRepository.list(db, projectId);
  if (!codes.some((c) => c.id === codeId)) throw notFound('code');
  const codeIds = filter.includeDescendants ? subtreeIds(codes, codeId) : [codeId];
  const paths = codePaths(codes);
  let rows = await segmentsRepository.codedWith(db, projectId, codeIds);
  if (filter.coderId) rows = rows.filter((r) => r.created_by === filter.coderId);
  if (filter.respondentGroup) rows = rows.filter((r) => r.respondent_group === filter.respondentGroup);
  if (filter.language) rows = rows.filter((r) => r.language === filter.language);
  if (filter.documentId) rows = rows.filter((r) => r.document_id === filter.documentId);
  if (filter.attributeId && filter.attributeValue !== undefined) {
    const matching = await db.selectFrom('document_attributes').select('document_id')
      .where('attribute_id', '=', filter.attributeId).where('value', '=', filter.attributeValue).execute();
    const allowed = new Set(matching.map((m) => m.document_id));
    rows = rows.filter((r) => allowed.has(r.document_id));
  }
  if (rows.length === 0) return [];

  const revisionIds = [...new Set(rows.map((r) => r.revision_id))];
  const [revisions, turns, codings, coders] = await Promise.all([
    db.selectFrom('document_revisions').select(['id', 'text']).where('id', 'in', revisionIds).execute(),
    db.selectFrom('turns').leftJoin('speakers', 'speakers.id', 'turns.speaker_id')
      .select(['turns.revision_id', 'turns.start_offset', 'turns.end_offset', 'speakers.name', 'speakers.role'])
      .where('turns.revision_id', 'in', revisionIds).orderBy('turns.start_offset').execute(),
    segmentsRepository.codingsFor(db, rows.map((r) => r.id)),
    db.selectFrom('users').select(['id', 'name']).execute(),
  ]);
  const texts = new Map(revisions.map((r) => [r.id, r.text]));
  const turnsOf = new Map<string, typeof turns>();
  for (const t of turns) turnsOf.set(t.revision_id, [...(turnsOf.get(t.revision_id) ?? []), t]);
  const coderName = new Map(coders.map((c) => [c.id, c.name]));
  const codesOf = new Map<string, RetrievedSegment['codes']>();
  for (const c of codings) {
    codesOf.set(c.segment_id, [...(codesOf.get(c.segment_id) ?? []), { codeId: c.code_id, name: c.code_name, path: (paths.get(c.code_id) ?? [c.code_name]).join(' > ') }]);
  }
  return rows.map((r) => {
    const text = texts.get(r.revision_id) ?? '';
    const turn = turnAt(turnsOf.get(r.revision_id), r.start_offset);
    return {
      segmentId: r.id, documentId: r.document_id, documentName: r.document_name, status: r.status,
      start: r.start_offset, end: r.end_offset, quote: r.exact,
      ...contextAround(text, r.start_offset, r.end_offset),
      speaker: turn?.name ?? null, speakerRole: turn?.role ?? null,
      coderId: r.created_by, coderName: r.created_by ? coderName.get(r.created_by) ?? null : null,
      codes: codesOf.get(r.id) ?? [], createdAt: r.created_at,
    };
  });
}
