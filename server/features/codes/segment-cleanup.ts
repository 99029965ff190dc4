import type { ChangeSet } from '../history/change-set';

/** Deletes a segment that has no coding and no memo left (a passage coded with nothing means nothing). */
export async function deleteSegmentIfEmpty(changes: ChangeSet, segmentId: string): Promise<boolean> {
  const db = changes.db;
  const coding = await db.selectFrom('codings').select('id').where('segment_id', '=', segmentId).executeTakeFirst();
  if (coding) return false;
  const memo = await db.selectFrom('memos').select('id').where('target_type', '=', 'segment').where('target_id', '=', segmentId).executeTakeFirst();
  if (memo) return false;
  await changes.delete('segments', segmentId);
  return true;
}
