import type { Kysely } from 'kysely';

/**
 * Indexes for the reader and the history buttons at scale (issue 9):
 * - memos by target alone: the memo counts of a document's segments join memos on
 *   (target_type, target_id) without a project id, which the existing index leads with;
 * - a document's segments in reading order (start, then end) without a sort per request;
 * - a user's undone actions: "what would redo restore" seeks the newest undone_by_event_id
 *   instead of walking every event of the user.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('memos_target_only_idx').ifNotExists().on('memos').columns(['target_type', 'target_id']).execute();
  await db.schema.createIndex('segments_document_range_idx').ifNotExists().on('segments').columns(['document_id', 'start_offset', 'end_offset']).execute();
  await db.schema.createIndex('project_events_redo_idx').ifNotExists().on('project_events').columns(['project_id', 'user_id', 'undone_by_event_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('project_events_redo_idx').ifExists().execute();
  await db.schema.dropIndex('segments_document_range_idx').ifExists().execute();
  await db.schema.dropIndex('memos_target_only_idx').ifExists().execute();
}
