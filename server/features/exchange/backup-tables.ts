import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Database } from '../../db/schema';

/** How a table's rows belong to a project: by `project_id`, or through a parent table's key. */
export interface BackupTable {
  name: keyof Database;
  /** `project_id` (or `id` for `projects`), or `{ column, parent }`: rows whose `column` is a key of the parent's rows. */
  scope: 'project' | { column: string; parent: keyof Database; parentKey?: string };
  /** Columns holding user ids (matched by e-mail at restore). */
  users?: string[];
  /** JSON text columns whose ids are remapped at restore. */
  json?: string[];
  /** Order rows on export, so that a restore inserts parents before children. */
  orderBy?: string[];
  /** Only in a backup when asked for (the pseudonymisation key list: `includeKeyList`); a backup without it restores too. */
  optional?: 'keyList';
}

/**
 * Every table of a project, parents before children (the order of a restore). A new project
 * table must be added here: test/exchange/backup.test.ts compares this list with the database.
 */
export const BACKUP_TABLES: BackupTable[] = [
  { name: 'projects', scope: 'project', users: ['created_by'] },
  { name: 'project_members', scope: 'project', users: ['user_id'], orderBy: ['created_at', 'user_id'] },
  { name: 'documents', scope: 'project', users: ['created_by'], orderBy: ['created_at', 'id'] },
  { name: 'document_originals', scope: { column: 'document_id', parent: 'documents' }, orderBy: ['document_id'] },
  { name: 'document_revisions', scope: { column: 'document_id', parent: 'documents' }, users: ['created_by'], orderBy: ['document_id', 'number'] },
  { name: 'speakers', scope: { column: 'document_id', parent: 'documents' }, orderBy: ['document_id', 'position'] },
  { name: 'turns', scope: { column: 'revision_id', parent: 'document_revisions' }, orderBy: ['revision_id', 'position'] },
  { name: 'attribute_definitions', scope: 'project', orderBy: ['position', 'id'] },
  { name: 'document_attributes', scope: { column: 'document_id', parent: 'documents' }, orderBy: ['document_id', 'attribute_id'] },
  // Codes are sorted parents first at restore (a code's parent is a code).
  { name: 'codes', scope: 'project', users: ['created_by'], orderBy: ['position', 'id'] },
  { name: 'segments', scope: { column: 'document_id', parent: 'documents' }, users: ['created_by'], orderBy: ['document_id', 'start_offset', 'id'] },
  { name: 'codings', scope: { column: 'segment_id', parent: 'segments' }, users: ['coder_id'], orderBy: ['created_at', 'id'] },
  { name: 'memos', scope: 'project', users: ['author_id'], orderBy: ['created_at', 'id'] },
  { name: 'memo_codes', scope: { column: 'memo_id', parent: 'memos' }, orderBy: ['memo_id', 'code_id'] },
  { name: 'saved_queries', scope: 'project', users: ['created_by'], json: ['filters'], orderBy: ['name'] },
  { name: 'literature_sources', scope: 'project', users: ['created_by'], orderBy: ['created_at', 'id'] },
  { name: 'literature_gaps', scope: 'project', users: ['created_by'], orderBy: ['position', 'id'] },
  { name: 'gap_sources', scope: { column: 'gap_id', parent: 'literature_gaps' }, orderBy: ['gap_id', 'source_id'] },
  { name: 'gap_codes', scope: { column: 'gap_id', parent: 'literature_gaps' }, users: ['created_by'], orderBy: ['gap_id', 'code_id'] },
  { name: 'gap_code_evidence', scope: { column: 'gap_code_id', parent: 'gap_codes' }, users: ['created_by'], orderBy: ['gap_code_id', 'segment_id'] },
  { name: 'practice_records', scope: 'project', users: ['created_by'], orderBy: ['created_at', 'id'] },
  { name: 'practice_codes', scope: { column: 'practice_id', parent: 'practice_records' }, users: ['created_by'], orderBy: ['practice_id', 'code_id'] },
  { name: 'practice_code_evidence', scope: { column: 'practice_code_id', parent: 'practice_codes' }, users: ['created_by'], orderBy: ['practice_code_id', 'segment_id'] },
  { name: 'practice_sources', scope: { column: 'practice_id', parent: 'practice_records' }, orderBy: ['practice_id', 'source_id'] },
  { name: 'assessment_criteria', scope: 'project', users: ['created_by'], orderBy: ['position', 'id'] },
  { name: 'assessments', scope: { column: 'practice_id', parent: 'practice_records' }, users: ['created_by'], orderBy: ['practice_id', 'criterion_id'] },
  { name: 'assessment_evidence', scope: { column: 'assessment_id', parent: 'assessments' }, users: ['created_by'], orderBy: ['assessment_id', 'segment_id'] },
  { name: 'pseudonym_entries', scope: 'project', users: ['created_by'], orderBy: ['created_at', 'id'], optional: 'keyList' },
  { name: 'project_events', scope: 'project', users: ['user_id'], json: ['before_json', 'after_json'], orderBy: ['id'] },
  { name: 'event_changes', scope: { column: 'event_id', parent: 'project_events' }, json: ['before_json', 'after_json'], orderBy: ['event_id', 'seq'] },
];

/** Tables that hold no project data (accounts, sessions, migrations): never in a backup. */
export const NON_PROJECT_TABLES = ['users', 'sessions', 'api_tokens', 'kysely_migration', 'kysely_migration_lock'];

const byName = new Map(BACKUP_TABLES.map((t) => [t.name, t]));

type AnyDb = Kysely<Record<string, Record<string, unknown>>>;

/** The keys (`parentKey`, default `id`) of a table's rows in the project, as a subquery. */
function keysOf(db: AnyDb, table: BackupTable, projectId: string, key: string): SelectQueryBuilder<any, any, any> {
  const base = db.selectFrom(table.name).select(key);
  if (table.scope === 'project') return base.where(table.name === 'projects' ? 'id' : 'project_id', '=', projectId);
  const parent = byName.get(table.scope.parent)!;
  return base.where(table.scope.column, 'in', keysOf(db, parent, projectId, table.scope.parentKey ?? 'id'));
}

/** Every row of one table that belongs to the project, in a stable order. */
export function selectProjectRows(db: Kysely<Database>, table: BackupTable, projectId: string): Promise<Record<string, unknown>[]> {
  const anyDb = db as unknown as AnyDb;
  let query = anyDb.selectFrom(table.name).selectAll();
  if (table.scope === 'project') query = query.where(table.name === 'projects' ? 'id' : 'project_id', '=', projectId);
  else query = query.where(table.scope.column, 'in', keysOf(anyDb, byName.get(table.scope.parent)!, projectId, table.scope.parentKey ?? 'id'));
  for (const column of table.orderBy ?? []) query = query.orderBy(column);
  return query.execute() as Promise<Record<string, unknown>[]>;
}
