import type { Kysely } from 'kysely';
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
    return this.db as unknown as Kysely<Record<string, Row>>;
  }

  async find(table: TrackedTable, id: string): Promise<Row | undefined> {
    return (await this.rows.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst()) as Row | undefined;
  }

  async insert<T extends TrackedTable>(table: T, row: Database[T]): Promise<void> {
    await this.rows.insertInto(table).values(row as unknown as Row).execute();
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
      await this.db
        .insertInto('event_changes')
        .values(this.changes.slice(i, i + 200).map((c, j) => ({
          event_id: eventId,
          seq: i + j,
          table_name: c.table,
          row_id: c.rowId,
          before_json: c.before ? JSON.stringify(c.before) : null,
          after_json: c.after ? JSON.stringify(c.after) : null,
        })))
        .execute();
    }
    return eventId;
  }
}
