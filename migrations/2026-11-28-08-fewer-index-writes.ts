import type { Kysely } from 'kysely';
import { isPostgres } from './is-postgres';

/**
 * Drops indexes that another index already serves: applying a code writes every index of the
 * segment, coding and event it adds, through SQLite's log (issue 9).
 * - `segments_document_idx` (document_id, start_offset): `segments_document_range_idx`
 *   (document_id, start_offset, end_offset) serves every query it served.
 * - On SQLite, `project_events_user_idx` (project_id, user_id, id): SQLite ends every index with
 *   the rowid, which is the event id, so `project_events_redo_idx` (project_id, user_id,
 *   undone_by_event_id) finds a user's newest action without a sort. PostgreSQL keeps it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('segments_document_idx').ifExists().execute();
  if (!isPostgres(db)) await db.schema.dropIndex('project_events_user_idx').ifExists().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('project_events_user_idx').ifNotExists().on('project_events').columns(['project_id', 'user_id', 'id']).execute();
  await db.schema.createIndex('segments_document_idx').ifNotExists().on('segments').columns(['document_id', 'start_offset']).execute();
}
