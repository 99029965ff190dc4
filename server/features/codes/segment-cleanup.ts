import type { ChangeSet } from '../history/change-set';

const EVIDENCE_TABLES = ['gap_code_evidence', 'practice_code_evidence', 'assessment_evidence'] as const;

/**
 * Deletes a segment that has no coding, no memo and is no one's evidence (a passage coded with
 * nothing means nothing; one quoted as evidence for a gap, practice or assessment stays).
 */
export async function deleteSegmentIfEmpty(changes: ChangeSet, segmentId: string): Promise<boolean> {
  const db = changes.db;
  const coding = await db.selectFrom('codings').select('id').where('segment_id', '=', segmentId).executeTakeFirst();
  if (coding) return false;
  const memo = await db.selectFrom('memos').select('id').where('target_type', '=', 'segment').where('target_id', '=', segmentId).executeTakeFirst();
  if (memo) return false;
  for (const table of EVIDENCE_TABLES) {
    if (await db.selectFrom(table).select('id').where('segment_id', '=', segmentId).executeTakeFirst()) return false;
  }
  await changes.delete('segments', segmentId);
  return true;
}
