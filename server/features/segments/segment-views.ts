import type { Kysely } from 'kysely';
import type { Database, SegmentRow } from '../../db/schema';
import { segmentsRepository } from './segments.repository';

type Db = Kysely<Database>;

interface ViewCoding {
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
    db.selectFrom('memos')
      .innerJoin('segments', 'segments.id', 'memos.target_id')
      .select((eb) => ['memos.target_id', eb.fn.countAll<number>().as('n')])
      .where('memos.target_type', '=', 'segment')
      .where('segments.document_id', '=', documentId)
      .groupBy('memos.target_id')
      .execute(),
  ]);
  return assemble(segments, codings, memos, await coderNames(db, segments));
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

async function coderNames(db: Db, segments: SegmentRow[]) {
  const ids = [...new Set(segments.map((s) => s.created_by).filter((id): id is string => !!id))];
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
