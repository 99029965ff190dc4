/**
 * Applies the consent policy to a loaded REFI-QDA project: excluded documents (withdrawn, "no export")
 * leave with their segments, codings, attribute values and the memos written on them; for "no quotes"
 * documents the coded passages are masked in the source text (same length in UTF-16 units and in code
 * points, so every position stays right), the Word original is left out, and segment quotes are masked alike.
 */
import type { RefiProjectData } from '../exchange/qde-project-data';
import type { ExportPolicy } from './export-policy';

/** Replaces every code point but line breaks with a mask of the same UTF-16 length. */
export function maskText(text: string): string {
  return text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[^\n]/g, (ch) => (ch.length === 2 ? '\u{1F6AB}' : '\u2591'));
}

/** Masks the given [start, end) UTF-16 ranges of a text (ranges that cut a surrogate pair are widened to whole code points). */
function maskRanges(text: string, ranges: [number, number][]): string {
  let out = text;
  for (const [rawStart, rawEnd] of ranges) {
    let start = Math.max(0, rawStart);
    let end = Math.min(out.length, rawEnd);
    if (start > 0 && /[\uDC00-\uDFFF]/.test(out[start] ?? '')) start -= 1;
    if (end < out.length && /[\uDC00-\uDFFF]/.test(out[end] ?? '')) end += 1;
    if (start < end) out = out.slice(0, start) + maskText(out.slice(start, end)) + out.slice(end);
  }
  return out;
}

/**
 * Returns the project data as consent allows it to be exported.
 *
 * @example
 * const data = applyConsentToRefi(await loadRefiProject(db, id), await exportPolicy(db, id));
 */
export function applyConsentToRefi(data: RefiProjectData, policy: ExportPolicy): RefiProjectData {
  if (policy.excluded.size === 0 && policy.quoteRestricted.size === 0) return data;
  const segments = data.segments.filter((s) => policy.allows(s.document_id));
  const segmentIds = new Set(segments.map((s) => s.id));
  const droppedSegments = new Set(data.segments.filter((s) => !segmentIds.has(s.id)).map((s) => s.id));
  const documents = data.documents.filter((d) => policy.allows(d.id)).map((d) => {
    if (!policy.quoteRestricted.has(d.id)) return d;
    const ranges = segments.filter((s) => s.document_id === d.id && s.revision_id === d.current_revision_id)
      .map((s) => [s.start_offset, s.end_offset] as [number, number]);
    return { ...d, text: maskRanges(d.text, ranges), docx: null };
  });
  const textOf = new Map(documents.map((d) => [d.id, d]));
  const maskedSegments = segments.map((s) => {
    if (!policy.quoteRestricted.has(s.document_id)) return s;
    const doc = textOf.get(s.document_id)!;
    const current = s.revision_id === doc.current_revision_id && doc.text.length >= s.end_offset;
    return { ...s, exact: current ? doc.text.slice(s.start_offset, s.end_offset) : maskText(s.exact) };
  });
  const memos = data.memos.filter((m) => !(m.target_type === 'document' && m.target_id && !policy.allows(m.target_id))
    && !(m.target_type === 'segment' && m.target_id && droppedSegments.has(m.target_id)));
  const attributeValues = new Map([...data.attributeValues].filter(([id]) => policy.allows(id)));
  return {
    ...data, documents, segments: maskedSegments, codings: data.codings.filter((c) => segmentIds.has(c.segment_id)),
    memos, memoCodes: new Map([...data.memoCodes].filter(([id]) => memos.some((m) => m.id === id))), attributeValues,
  };
}
