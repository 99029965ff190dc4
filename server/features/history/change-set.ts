import type { Kysely } from 'kysely';
import { precompiled, type PrecompiledQuery } from '../../db/precompiled';
import type { Database } from '../../db/schema';
import { eventsRepository, type ProjectEvent } from '../events/events.repository';

/** Tables whose rows the undo history tracks; each has a text `id` primary key. */
export const TRACKED_TABLES = [
  'codes', 'segments', 'codings', 'memos', 'memo_codes',
  'literature_sources', 'literature_gaps', 'gap_sources', 'gap_codes', 'gap_code_evidence',
  'practice_records', 'practice_codes', 'practice_code_evidence', 'practice_sources',
  'assessment_criteria', 'assessments', 'assessment_evidence',
] as const satisfies readonly (keyof Database)[];
export type TrackedTable = (typeof TRACKED_TABLES)[number];
type Row = Record<string, unknown> & { id: string };

export interface RowChange {
  table: TrackedTable;
  rowId: string;
  before: Row | null;
  after: Row | null;
}

type Rows = Kysely<Record<string, Row>>;

// Inserts by table and column set, and the change records of small actions (applying a code makes
// two rows and two records), each compiled once (db/precompiled.ts; issue 9).
const inserts = new Map<string, PrecompiledQuery<Row, unknown>>();

function insertRow(db: Kysely<Database>, table: TrackedTable, row: Row) {
  const columns = Object.keys(row).filter((column) => row[column] !== undefined);
  const key = `${table}(${columns.join(',')})`;
  let query = inserts.get(key);
  if (!query) {
    query = precompiled((d, p: Row) => (d as unknown as Rows).insertInto(table).values(Object.fromEntries(columns.map((c) => [c, p[c]])) as Row));
    inserts.set(key, query);
  }
  return query.run(db, row);
}

const CHANGE_FIELDS = ['event_id', 'seq', 'table_name', 'row_id', 'before_json', 'after_json'] as const;
type ChangeRecord = Database['event_changes'];
const SMALL_BATCH = 4;
const changeInserts = Array.from({ length: SMALL_BATCH }, (_, i) => precompiled((d, p: Record<string, unknown>) =>
  d.insertInto('event_changes').values(Array.from({ length: i + 1 }, (_unused, r) =>
    Object.fromEntries(CHANGE_FIELDS.map((f) => [f, p[`${f}${r}`]])) as unknown as ChangeRecord))));

function insertChanges(db: Kysely<Database>, records: ChangeRecord[]) {
  if (records.length > SMALL_BATCH) return db.insertInto('event_changes').values(records).execute();
  const params: Record<string, unknown> = {};
  records.forEach((record, r) => { for (const f of CHANGE_FIELDS) params[`${f}${r}`] = record[f]; });
  return changeInserts[records.length - 1]!.run(db, params);
}

/**
 * Writes rows and remembers each change (before and after) so that the whole action can be
 * undone and redone later. Use it inside the action's transaction, then `commit` it with the event.
 *
 * @example
 * await db.transaction().execute(async (trx) => {
 *   const changes = new ChangeSet(trx);
 *   await changes.insert('codes', codeRow);
 *   await changes.commit({ projectId, userId, type: 'code.created', entityType: 'code', entityId: codeRow.id, after: codeRow });
 * });
 */
export class ChangeSet {
  readonly changes: RowChange[] = [];

  constructor(readonly db: Kysely<Database>) {}

  // Untyped view of the tracked tables: every one is keyed by a text `id`.
  private get rows() {
    return this.db as unknown as Rows;
  }

  async find(table: TrackedTable, id: string): Promise<Row | undefined> {
    return (await this.rows.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst()) as Row | undefined;
  }

  async insert<T extends TrackedTable>(table: T, row: Database[T]): Promise<void> {
    await insertRow(this.db, table, row as unknown as Row);
    this.changes.push({ table, rowId: row.id, before: null, after: { ...(row as unknown as Row) } });
  }

  /** Updates one row by id; returns the row after the change (undefined when it does not exist). */
  async update<T extends TrackedTable>(table: T, id: string, patch: Partial<Database[T]>): Promise<Row | undefined> {
    const before = await this.find(table, id);
    if (!before) return undefined;
    await this.rows.updateTable(table as string).set(patch as Partial<Row>).where('id', '=', id).execute();
    const after = { ...before, ...(patch as Partial<Row>) } as Row;
    this.changes.push({ table, rowId: id, before, after });
    return after;
  }

  /** Deletes one row by id; returns it as it was (undefined when it did not exist). */
  async delete(table: TrackedTable, id: string): Promise<Row | undefined> {
    const before = await this.find(table, id);
    if (!before) return undefined;
    await this.rows.deleteFrom(table).where('id', '=', id).execute();
    this.changes.push({ table, rowId: id, before, after: null });
    return before;
  }

  /** Records the action's event and its row changes (undoable by its author); returns the event id. */
  async commit(event: ProjectEvent): Promise<number> {
    const eventId = await eventsRepository.record(this.db, event, { undoable: this.changes.length > 0 });
    for (let i = 0; i < this.changes.length; i += 200) {
      await insertChanges(this.db, this.changes.slice(i, i + 200).map((c, j) => ({
        event_id: eventId,
        seq: i + j,
        table_name: c.table,
        row_id: c.rowId,
        before_json: c.before ? JSON.stringify(c.before) : null,
        after_json: c.after ? JSON.stringify(c.after) : null,
      })));
    }
    return eventId;
  }
}
