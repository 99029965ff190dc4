/** After a load run: compare what the server acknowledged with what it holds. */
import type { Client } from './client';
import type { CoderRecord } from './coder';

export interface CodingCheck {
  acknowledgedCreates: number;
  acknowledgedDeletes: number;
  expected: number;
  present: number;
  /** Acknowledged and not deleted, but missing (or with other codes / another coder). */
  lost: string[];
  /** Segment or coding ids that occur more than once. */
  duplicated: string[];
  /** Present though never acknowledged (a create that failed yet was written), or deleted yet still there. */
  unexpected: string[];
}

interface SegmentView {
  id: string;
  codes: { codeId: string; codingId: string; coderId: string | null }[];
}

/** Reads every document's segments as `reader` and checks them against the coders' records. */
export async function verifyCodings(reader: Client, documentIds: string[], records: CoderRecord[]): Promise<CodingCheck> {
  const expected = new Map<string, { documentId: string; codeIds: string[]; coderId: string }>();
  const deleted = new Set<string>();
  for (const r of records) {
    for (const [id, c] of r.created) expected.set(id, c);
    for (const id of r.deleted) deleted.add(id);
  }
  const acknowledgedCreates = expected.size;
  for (const id of deleted) expected.delete(id);
  const seenSegments = new Map<string, number>();
  const seenCodings = new Map<string, number>();
  const present = new Map<string, { documentId: string; segment: SegmentView }>();
  for (const documentId of documentIds) {
    const answer = await reader.get<{ segments: SegmentView[] }>(`/api/documents/${documentId}/segments`);
    if (answer.status !== 200) throw new Error(`reading the segments of ${documentId} answered ${answer.status}`);
    for (const segment of answer.body.segments) {
      seenSegments.set(segment.id, (seenSegments.get(segment.id) ?? 0) + 1);
      for (const c of segment.codes) seenCodings.set(c.codingId, (seenCodings.get(c.codingId) ?? 0) + 1);
      present.set(segment.id, { documentId, segment });
    }
  }
  const lost: string[] = [];
  for (const [id, want] of expected) {
    const got = present.get(id);
    const codes = got ? got.segment.codes.map((c) => c.codeId).sort() : [];
    const coders = new Set(got?.segment.codes.map((c) => c.coderId));
    if (!got || got.documentId !== want.documentId || codes.join() !== want.codeIds.join() || coders.size !== 1 || !coders.has(want.coderId)) lost.push(id);
  }
  const duplicated = [...seenSegments, ...seenCodings].filter(([, n]) => n > 1).map(([id]) => id);
  const unexpected = [...present.keys()].filter((id) => !expected.has(id));
  return { acknowledgedCreates, acknowledgedDeletes: deleted.size, expected: expected.size, present: present.size, lost, duplicated, unexpected };
}
