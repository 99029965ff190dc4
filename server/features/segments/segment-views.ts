import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Database, SegmentRow } from '../../db/schema';
import { segmentsRepository } from './segments.repository';
import type { CompactSegmentList } from './segments.schemas';

type Db = Kysely<Database>;

export interface ViewCoding {
  id: string;
  segment_id: string;
  code_id: string;
  coder_id: string | null;
  created_at: string;
  code_name: string;
  color: string;
}

/** Segments as the API shows them, with their codes, coder and memo count. */
export async function segmentViews(db: Db, segments: SegmentRow[]) {
  const ids = segments.map((s) => s.id);
  const [codings, memos, coders] = await Promise.all([
    segmentsRepository.codingsFor(db, ids),
    segmentsRepository.memoCounts(db, ids),
    coderNames(db, segments),
  ]);
  return assemble(segments, codings, memos, coders);
}

/**
 * Every segment of a document as the API shows it: the same answer as
 * `segmentViews(db, await segmentsRepository.forDocument(db, documentId))`, but the codings and
 * memo counts are read by document (indexed joins) instead of through lists of thousands of ids.
 */
export async function documentSegmentViews(db: Db, documentId: string) {
  const [segments, codings, memos] = await Promise.all([
    segmentsRepository.forDocument(db, documentId),
    db.selectFrom('codings')
      .innerJoin('segments', 'segments.id', 'codings.segment_id')
      .innerJoin('codes', 'codes.id', 'codings.code_id')
      .select(['codings.id', 'codings.segment_id', 'codings.code_id', 'codings.coder_id', 'codings.created_at', 'codes.name as code_name', 'codes.color'])
      .where('segments.document_id', '=', documentId)
      .execute(),
    memoCountsOfDocument(db, documentId),
  ]);
  return assemble(segments, codings, memos, await coderNames(db, segments));
}

/** Memo counts of a document's segments (those with at least one memo). */
function memoCountsOfDocument(db: Db, documentId: string) {
  return db.selectFrom('memos')
    .innerJoin('segments', 'segments.id', 'memos.target_id')
    .select((eb) => ['memos.target_id', eb.fn.countAll<number>().as('n')])
    .where('memos.target_type', '=', 'segment')
    .where('segments.document_id', '=', documentId)
    .groupBy('memos.target_id')
    .execute();
}

/** One segment as the API shows it, from rows already in hand (its coder's name and memo count given). */
export function segmentView(segment: SegmentRow, codings: ViewCoding[], memoCount: number, coderName: string | null) {
  return assemble([segment], codings, memoCount > 0 ? [{ target_id: segment.id, n: memoCount }] : [], new Map(segment.created_by && coderName !== null ? [[segment.created_by, coderName]] : []))[0]!;
}

function assemble(segments: SegmentRow[], codings: ViewCoding[], memos: { target_id: string | null; n: number | string }[], coders: Map<string, string>) {
  const codingsOf = new Map<string, ViewCoding[]>();
  for (const c of codings) {
    const list = codingsOf.get(c.segment_id);
    if (list) list.push(c);
    else codingsOf.set(c.segment_id, [c]);
  }
  const memoCount = new Map(memos.map((m) => [m.target_id, Number(m.n)]));
  return segments.map((s) => ({
    id: s.id, documentId: s.document_id, start: s.start_offset, end: s.end_offset, exact: s.exact, prefix: s.prefix, suffix: s.suffix,
    status: s.status, coderId: s.created_by, coderName: s.created_by ? coders.get(s.created_by) ?? null : null,
    createdAt: s.created_at, updatedAt: s.updated_at, memoCount: memoCount.get(s.id) ?? 0,
    codes: (codingsOf.get(s.id) ?? []).map((c) => ({ codingId: c.id, codeId: c.code_id, name: c.code_name, color: c.color, coderId: c.coder_id, createdAt: c.created_at })),
  }));
}

async function coderNames(db: Db, segments: Pick<SegmentRow, 'created_by'>[]) {
  const ids = [...new Set(segments.map((s) => s.created_by).filter((id): id is string => !!id))];
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * A document's segments in compact form, for drawing them over its text (`GET …/segments/compact`):
 * no quote or context for anchored segments (the reader has the text), codes by id with their names
 * and colours listed once, coders likewise. About a third of the bytes of `documentSegmentViews`.
 * One pass over the segments, each with its code ids aggregated in SQL (issue 9: reading a thousand
 * codings through a join cost as much as the segments themselves); names and colours come from the
 * project's codebook, which is small.
 */
export async function documentCompactSegments(db: Db, documentId: string): Promise<CompactSegmentList> {
  const codeIds = db.getExecutor().adapter instanceof PostgresAdapter
    ? sql<string | null>`(select string_agg(c.code_id, ',') from codings c where c.segment_id = segments.id)`
    : sql<string | null>`(select group_concat(c.code_id) from codings c where c.segment_id = segments.id)`;
  const [doc, segments, memos] = await Promise.all([
    db.selectFrom('documents').select(['current_revision_id', 'project_id']).where('id', '=', documentId).executeTakeFirst(),
    db.selectFrom('segments')
      .select((eb) => [
        'id', 'start_offset', 'end_offset', 'status', 'created_by', 'created_at',
        eb.case().when('status', '=', 'orphaned').then(eb.ref('exact')).else(null).end().as('exact'),
        codeIds.as('code_ids'),
      ])
      .where('document_id', '=', documentId).orderBy('start_offset').orderBy('end_offset').execute(),
    memoCountsOfDocument(db, documentId),
  ]);
  const used = new Set<string>();
  const listed = segments.map((s) => {
    const ids = s.code_ids ? s.code_ids.split(',') : [];
    for (const id of ids) used.add(id);
    return ids;
  });
  const [codes, coders] = await Promise.all([
    used.size === 0 || !doc ? [] : db.selectFrom('codes').select(['id', 'name', 'color']).where('project_id', '=', doc.project_id).orderBy('position').execute(),
    coderNames(db, segments),
  ]);
  const memoCount = new Map(memos.map((m) => [m.target_id, Number(m.n)]));
  return {
    revisionId: doc?.current_revision_id ?? null,
    segments: segments.map((s, i) => ({
      id: s.id, start: s.start_offset, end: s.end_offset, status: s.status, coderId: s.created_by, createdAt: s.created_at,
      memoCount: memoCount.get(s.id) ?? 0, codeIds: listed[i]!, exact: s.exact ?? undefined,
    })),
    codes: codes.filter((c) => used.has(c.id)),
    coders: [...coders].map(([id, name]) => ({ id, name })),
  };
}
