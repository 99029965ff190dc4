import type { Insertable, Kysely } from 'kysely';
import { precompiled } from '../../db/precompiled';
import type { Database } from '../../db/schema';
import { nowIso } from '../../shared/ids';

export interface ProjectEvent {
  projectId: string;
  userId: string | null;
  /** What happened, e.g. `document.imported`, `speaker.updated`. */
  type: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

type EventValues = Required<Omit<Insertable<Database['project_events']>, 'id'>>;

// Every change writes one: compiled once (db/precompiled.ts).
const insertEvent = precompiled((db, p: EventValues) =>
  db.insertInto('project_events').values({
    project_id: p.project_id, user_id: p.user_id, type: p.type, entity_type: p.entity_type, entity_id: p.entity_id,
    before_json: p.before_json, after_json: p.after_json, created_at: p.created_at, undoable: p.undoable, undone_by_event_id: p.undone_by_event_id,
  }).returning('id'));

/**
 * The audit trail: every change writes one event in the same transaction as the change
 * (pass the transaction as `db`), with the state before and after.
 */
export const eventsRepository = {
  /** Writes one event; returns its id. */
  record: async (db: Kysely<Database>, event: ProjectEvent, options: { undoable?: boolean } = {}): Promise<number> => {
    const row = await insertEvent.executeTakeFirst(db, {
      project_id: event.projectId,
      user_id: event.userId,
      type: event.type,
      entity_type: event.entityType,
      entity_id: event.entityId,
      before_json: event.before === undefined ? null : JSON.stringify(event.before),
      after_json: event.after === undefined ? null : JSON.stringify(event.after),
      created_at: nowIso(),
      undoable: options.undoable ? 1 : 0,
      undone_by_event_id: null,
    });
    return Number(row!.id);
  },

  listForProject: (db: Kysely<Database>, projectId: string, limit: number, beforeId?: number) => {
    let query = db
      .selectFrom('project_events')
      .leftJoin('users', 'users.id', 'project_events.user_id')
      .select([
        'project_events.id', 'project_events.type', 'project_events.entity_type', 'project_events.entity_id',
        'project_events.before_json', 'project_events.after_json', 'project_events.created_at',
        'project_events.user_id', 'users.name as user_name',
      ])
      .where('project_events.project_id', '=', projectId)
      .orderBy('project_events.id', 'desc')
      .limit(limit);
    if (beforeId !== undefined) query = query.where('project_events.id', '<', beforeId);
    return query.execute();
  },
};
