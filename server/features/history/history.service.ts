import { type Kysely, PostgresAdapter, type Selectable, sql } from 'kysely';
import type { Database } from '../../db/schema';
import { conflict } from '../../errors';
import { eventsRepository } from '../events/events.repository';
import { TRACKED_TABLES } from './change-set';

type Row = Record<string, unknown>;
type Db = Kysely<Database>;
const TRACKED = new Set<string>(TRACKED_TABLES);

/** Row equality as stored (key order and integer/string forms do not matter). */
function sameRow(a: Row | undefined, b: Row | null): boolean {
  if (!a || !b) return !a && !b;
  const keys = Object.keys(b);
  return keys.every((k) => String(a[k] ?? null) === String(b[k] ?? null));
}

async function currentRow(db: Db, table: string, id: string): Promise<Row | undefined> {
  if (!TRACKED.has(table)) throw new Error(`untracked table ${table}`);
  const t = db as unknown as Kysely<Record<string, Row>>;
  return (await t.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst()) as Row | undefined;
}

/** Moves one row from `from` to `to`: insert, delete or update, after checking nobody changed it since. */
async function applyState(db: Db, table: string, id: string, from: Row | null, to: Row | null) {
  const current = await currentRow(db, table, id);
  if (!sameRow(current, from)) {
    throw conflict('HISTORY_CONFLICT', 'projectErrors.historyConflict');
  }
  const t = db as unknown as Kysely<Record<string, Row>>;
  if (!to) await t.deleteFrom(table).where('id', '=', id).execute();
  else if (!from) await t.insertInto(table).values(to).execute();
  else await t.updateTable(table).set(to).where('id', '=', id).execute();
}

export interface HistoryEntry {
  eventId: number;
  type: string;
  entityType: string;
  entityId: string | null;
  summary: unknown;
  createdAt: string;
}

/**
 * Undo and redo of a user's own recent actions in a project, across reloads: each undoable event
 * carries its row changes, which are replayed backwards (undo) or forwards (redo) in one
 * transaction. An action whose rows someone else changed since cannot be replayed (409).
 */
export class HistoryService {
  constructor(private readonly db: Db) {}

  private lastDone(db: Db, projectId: string, userId: string) {
    return db
      .selectFrom('project_events')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('user_id', '=', userId)
      .where('undoable', '=', 1)
      .where('undone_by_event_id', 'is', null)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** The undone action that redo would restore: undone after the user's newest remaining action. */
  private async nextRedo(db: Db, projectId: string, userId: string) {
    const done = await this.lastDone(db, projectId, userId);
    return db
      .selectFrom('project_events')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('user_id', '=', userId)
      .where('undoable', '=', 1)
      .where('undone_by_event_id', '>', done ? Number(done.id) : 0)
      .orderBy('undone_by_event_id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  private entry(e: Selectable<Database['project_events']>): HistoryEntry {
    return { eventId: Number(e.id), type: e.type, entityType: e.entity_type, entityId: e.entity_id, summary: e.after_json ? JSON.parse(e.after_json) : e.before_json ? JSON.parse(e.before_json) : null, createdAt: e.created_at };
  }

  async state(projectId: string, userId: string) {
    const [undo, redo] = await Promise.all([this.lastDone(this.db, projectId, userId), this.nextRedo(this.db, projectId, userId)]);
    return { undo: undo ? this.entry(undo) : null, redo: redo ? this.entry(redo) : null };
  }

  undo(projectId: string, userId: string): Promise<HistoryEntry> {
    return this.replay(projectId, userId, 'undo');
  }

  redo(projectId: string, userId: string): Promise<HistoryEntry> {
    return this.replay(projectId, userId, 'redo');
  }

  /** Replays an action's row changes backwards (undo) or forwards (redo), in one transaction. */
  private replay(projectId: string, userId: string, direction: 'undo' | 'redo'): Promise<HistoryEntry> {
    const undo = direction === 'undo';
    return this.db.transaction().execute(async (trx) => {
      // PostgreSQL: one undo or redo at a time per user and project, even across server processes
      // (a double click reaching two servers must not replay the same action twice).
      if (trx.getExecutor().adapter instanceof PostgresAdapter) {
        await sql`select pg_advisory_xact_lock(hashtext(${projectId}), hashtext(${userId}))`.execute(trx);
      }
      const event = undo ? await this.lastDone(trx, projectId, userId) : await this.nextRedo(trx, projectId, userId);
      if (!event) {
        throw undo ? conflict('NOTHING_TO_UNDO', 'projectErrors.nothingToUndo') : conflict('NOTHING_TO_REDO', 'projectErrors.nothingToRedo');
      }
      const changes = await trx.selectFrom('event_changes').selectAll().where('event_id', '=', Number(event.id)).orderBy('seq', undo ? 'desc' : 'asc').execute();
      for (const c of changes) {
        const before = c.before_json ? JSON.parse(c.before_json) : null;
        const after = c.after_json ? JSON.parse(c.after_json) : null;
        await applyState(trx, c.table_name, c.row_id, undo ? after : before, undo ? before : after);
      }
      const entry = this.entry(event);
      const auditId = await eventsRepository.record(trx, {
        projectId, userId, type: undo ? 'action.undone' : 'action.redone', entityType: event.entity_type, entityId: event.entity_id,
        after: { eventId: entry.eventId, type: event.type, summary: entry.summary },
      });
      await trx.updateTable('project_events').set({ undone_by_event_id: undo ? auditId : null }).where('id', '=', Number(event.id)).execute();
      return entry;
    });
  }
}
