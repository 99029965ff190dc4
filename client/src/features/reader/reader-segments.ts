import type { CompactSegmentList, ReaderSegment } from '../../api/types';

/**
 * The compact segment listing as the reader's segments: each anchored segment's quote is cut from
 * `text` (the text of the listing's revision; orphaned segments bring their own), and code and coder
 * names come from the listing's tables.
 *
 * @example
 * const list = await segmentsApi.compact(doc.id);
 * if (list.revisionId === doc.revision.id) segments = expandSegments(list, doc.text);
 */
export function expandSegments(list: CompactSegmentList, text: string): ReaderSegment[] {
  const codes = new Map(list.codes.map((c) => [c.id, { codeId: c.id, name: c.name, color: c.color }]));
  const coders = new Map(list.coders.map((c) => [c.id, c.name]));
  return list.segments.map((s) => ({
    id: s.id, start: s.start, end: s.end, status: s.status, coderId: s.coderId,
    coderName: s.coderId ? coders.get(s.coderId) ?? null : null, createdAt: s.createdAt, memoCount: s.memoCount,
    exact: s.exact ?? text.slice(s.start, s.end),
    codes: s.codeIds.flatMap((id) => codes.get(id) ?? []),
  }));
}
