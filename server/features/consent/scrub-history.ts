/**
 * When a withdrawn participant's documents are deleted, their words must not live on elsewhere: memos
 * written on those documents or their passages are deleted with them, and in the history
 * the undo records of their passages and codings (which hold the quoted text) are removed, and the
 * events about the documents and their passages keep their type, time and author but lose their content.
 * Those events can no longer be undone (what they changed is gone).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

const chunks = <T>(items: T[], size = 400): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/**
 * Scrubs the history of a project of the given documents' content. Call inside the deletion's
 * transaction, BEFORE the documents are deleted (it reads their segments and codings).
 */
export async function scrubHistory(trx: Kysely<Database>, projectId: string, documentIds: string[]): Promise<void> {
  if (documentIds.length === 0) return;
  const segmentIds: string[] = [];
  for (const ids of chunks(documentIds)) {
    segmentIds.push(...(await trx.selectFrom('segments').select('id').where('document_id', 'in', ids).execute()).map((r) => r.id));
  }
  const codingIds: string[] = [];
  for (const ids of chunks(segmentIds)) {
    codingIds.push(...(await trx.selectFrom('codings').select('id').where('segment_id', 'in', ids).execute()).map((r) => r.id));
  }
  const memoIds: string[] = [];
  for (const [type, ids] of [['document', documentIds], ['segment', segmentIds]] as const) {
    for (const part of chunks(ids)) {
      memoIds.push(...(await trx.selectFrom('memos').select('id').where('project_id', '=', projectId).where('target_type', '=', type).where('target_id', 'in', part).execute()).map((r) => r.id));
    }
  }
  const memoCodeIds: string[] = [];
  for (const ids of chunks(memoIds)) {
    memoCodeIds.push(...(await trx.selectFrom('memo_codes').select('id').where('memo_id', 'in', ids).execute()).map((r) => r.id));
    await trx.deleteFrom('memos').where('id', 'in', ids).execute(); // memo_codes cascade
  }
  const projectEvents = trx.selectFrom('project_events').select('id').where('project_id', '=', projectId);
  const rowIds = [...segmentIds, ...codingIds, ...memoIds, ...memoCodeIds];
  const touched = new Set<number>();
  for (const ids of chunks(rowIds)) {
    const rows = await trx.selectFrom('event_changes').select('event_id').where('row_id', 'in', ids).where('event_id', 'in', projectEvents).execute();
    for (const r of rows) touched.add(Number(r.event_id));
    await trx.deleteFrom('event_changes').where('row_id', 'in', ids).where('event_id', 'in', projectEvents).execute();
  }
  for (const ids of chunks([...touched])) {
    await trx.updateTable('project_events').set({ undoable: 0 }).where('id', 'in', ids).execute();
  }
  for (const ids of chunks([...documentIds, ...rowIds])) {
    await trx.updateTable('project_events').set({ before_json: null, after_json: null, undoable: 0 })
      .where('project_id', '=', projectId).where('entity_id', 'in', ids).execute();
  }
}
