import type { Kysely } from 'kysely';
import type { Database, SegmentRow } from '../../db/schema';
import { segmentsRepository } from './segments.repository';

type CodingRow = Awaited<ReturnType<typeof segmentsRepository.codingsFor>>[number];

/** Segments as the API shows them, with their codes, coder and memo count. */
export async function segmentViews(db: Kysely<Database>, segments: SegmentRow[]) {
  const ids = segments.map((s) => s.id);
  const [codings, memos, coders] = await Promise.all([
    segmentsRepository.codingsFor(db, ids),
    segmentsRepository.memoCounts(db, ids),
    coderNames(db, segments),
  ]);
  const codingsOf = new Map<string, CodingRow[]>();
  for (const c of codings) codingsOf.set(c.segment_id, [...(codingsOf.get(c.segment_id) ?? []), c]);
  const memoCount = new Map(memos.map((m) => [m.target_id, Number(m.n)]));
  return segments.map((s) => ({
    id: s.id, documentId: s.document_id, start: s.start_offset, end: s.end_offset, exact: s.exact, prefix: s.prefix, suffix: s.suffix,
    status: s.status, coderId: s.created_by, coderName: s.created_by ? coders.get(s.created_by) ?? null : null,
    createdAt: s.created_at, updatedAt: s.updated_at, memoCount: memoCount.get(s.id) ?? 0,
    codes: (codingsOf.get(s.id) ?? []).map((c) => ({ codingId: c.id, codeId: c.code_id, name: c.code_name, color: c.color, coderId: c.coder_id, createdAt: c.created_at })),
  }));
}

async function coderNames(db: Kysely<Database>, segments: SegmentRow[]) {
  const ids = [...new Set(segments.map((s) => s.created_by).filter((id): id is string => !!id))];
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
