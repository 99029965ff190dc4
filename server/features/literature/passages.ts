import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { turnAt } from '../retrieval/passage-context';

/** A passage (segment) with who said it: document (respondent), respondent group and speaker. */
export interface PassageInfo {
  segmentId: string; documentId: string; documentName: string; respondentGroup: 'international' | 'belgian' | 'unknown';
  speaker: string | null; speakerRole: string | null; quote: string; start: number; end: number; status: 'anchored' | 'orphaned';
}

/**
 * Describes segments for display: document, respondent group, speaker of the turn it starts in, quote
 * and offsets. Returns them in the order asked for (unknown ids are left out).
 */
export async function describePassages(db: Kysely<Database>, projectId: string, segmentIds: string[]): Promise<PassageInfo[]> {
  const ids = [...new Set(segmentIds)];
  if (ids.length === 0) return [];
  const rows = [];
  for (let i = 0; i < ids.length; i += 500) {
    rows.push(...await db.selectFrom('segments').innerJoin('documents', 'documents.id', 'segments.document_id')
      .select(['segments.id', 'segments.document_id', 'segments.revision_id', 'segments.start_offset', 'segments.end_offset', 'segments.exact', 'segments.status', 'documents.name', 'documents.respondent_group'])
      .where('documents.project_id', '=', projectId).where('segments.id', 'in', ids.slice(i, i + 500)).execute());
  }
  const revisionIds = [...new Set(rows.map((r) => r.revision_id))];
  const turns = revisionIds.length === 0 ? [] : await db.selectFrom('turns').leftJoin('speakers', 'speakers.id', 'turns.speaker_id')
    .select(['turns.revision_id', 'turns.start_offset', 'turns.end_offset', 'speakers.name', 'speakers.role'])
    .where('turns.revision_id', 'in', revisionIds).orderBy('turns.start_offset').execute();
  const turnsOf = new Map<string, typeof turns>();
  for (const t of turns) turnsOf.set(t.revision_id, [...(turnsOf.get(t.revision_id) ?? []), t]);
  const byId = new Map(rows.map((r) => {
    const turn = turnAt(turnsOf.get(r.revision_id), r.start_offset);
    const info: PassageInfo = {
      segmentId: r.id, documentId: r.document_id, documentName: r.name, respondentGroup: r.respondent_group ?? 'unknown',
      speaker: turn?.name ?? null, speakerRole: turn?.role ?? null, quote: r.exact, start: r.start_offset, end: r.end_offset, status: r.status,
    };
    return [r.id, info];
  }));
  return segmentIds.map((id) => byId.get(id)).filter((p): p is PassageInfo => Boolean(p));
}
