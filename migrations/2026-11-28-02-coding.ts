import { type Kysely, sql } from 'kysely';

/** Codebook, segments with codings, memos, and row-level changes for undo/redo. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('parent_id', 'text', (c) => c.references('codes.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('color', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('inclusion', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('exclusion', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('example', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('codes_project_parent_idx').on('codes').columns(['project_id', 'parent_id']).execute();
  // Names are unique among siblings, whatever their case (the service checks too, with a clear message).
  await sql`create unique index codes_sibling_name_uq on codes (project_id, coalesce(parent_id, ''), lower(name))`.execute(db);

  await db.schema
    .createTable('segments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('revision_id', 'text', (c) => c.notNull().references('document_revisions.id').onDelete('cascade'))
    .addColumn('start_offset', 'integer', (c) => c.notNull())
    .addColumn('end_offset', 'integer', (c) => c.notNull())
    .addColumn('exact', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('suffix', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('anchored'))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('segments_document_idx').on('segments').columns(['document_id', 'start_offset']).execute();

  await db.schema
    .createTable('codings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('segment_id', 'text', (c) => c.notNull().references('segments.id').onDelete('cascade'))
    .addColumn('code_id', 'text', (c) => c.notNull().references('codes.id').onDelete('cascade'))
    .addColumn('coder_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('codings_segment_code_uq', ['segment_id', 'code_id'])
    .execute();
  await db.schema.createIndex('codings_code_idx').on('codings').column('code_id').execute();

  await db.schema
    .createTable('memos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('memos_target_idx').on('memos').columns(['project_id', 'target_type', 'target_id']).execute();

  await db.schema
    .createTable('memo_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('memo_id', 'text', (c) => c.notNull().references('memos.id').onDelete('cascade'))
    .addColumn('code_id', 'text', (c) => c.notNull().references('codes.id').onDelete('cascade'))
    .addUniqueConstraint('memo_codes_uq', ['memo_id', 'code_id'])
    .execute();

  await db.schema.alterTable('project_events').addColumn('undoable', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('project_events').addColumn('undone_by_event_id', 'integer').execute();
  await db.schema.createIndex('project_events_user_idx').on('project_events').columns(['project_id', 'user_id', 'id']).execute();

  await db.schema
    .createTable('event_changes')
    .addColumn('event_id', 'integer', (c) => c.notNull().references('project_events.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('row_id', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addPrimaryKeyConstraint('event_changes_pk', ['event_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('event_changes').execute();
  await db.schema.dropIndex('project_events_user_idx').execute();
  await db.schema.alterTable('project_events').dropColumn('undone_by_event_id').execute();
  await db.schema.alterTable('project_events').dropColumn('undoable').execute();
  for (const table of ['memo_codes', 'memos', 'codings', 'segments', 'codes']) await db.schema.dropTable(table).execute();
}
