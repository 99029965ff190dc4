import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export interface LiveEvent {
  id: number;
  type: string;
  entityType: string;
  entityId: string | null;
  userId: string | null;
  after: unknown;
  before: unknown;
  createdAt: string;
}

type Listener = (event: LiveEvent) => void;

const POLL_MS = 250;
// PostgreSQL may commit ids out of order; look back this far and skip what was already sent.
const LOOK_BACK = 200;

/**
 * Live updates fed from the event log: one poller per server process reads new `project_events`
 * rows for the projects someone is watching and hands them to the subscribers. Built on the
 * database alone, so several server processes on one PostgreSQL stay in step.
 */
export class LiveFeed {
  private listeners = new Map<string, Set<Listener>>();
  private cursor: number | null = null;
  /** Events up to here existed before anyone subscribed: never sent. */
  private floor = 0;
  private sent = new Set<number>();
  private timer: NodeJS.Timeout | null = null;
  private polling = false;

  constructor(private readonly db: Kysely<Database>) {}

  /** Calls `listener` with every new event of `projectId` until the returned function is called. */
  subscribe(projectId: string, listener: Listener): () => void {
    const set = this.listeners.get(projectId) ?? new Set();
    set.add(listener);
    this.listeners.set(projectId, set);
    this.timer ??= setInterval(() => void this.poll(), POLL_MS);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(projectId);
      if (this.listeners.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.listeners.clear();
  }

  /** Reads what is new since the last poll; public so tests can drive it without waiting. */
  async poll() {
    if (this.polling || this.listeners.size === 0) return;
    this.polling = true;
    try {
      if (this.cursor === null) {
        const row = await this.db.selectFrom('project_events').select((eb) => eb.fn.max<number>('id').as('max')).executeTakeFirst();
        this.cursor = Number(row?.max ?? 0);
        this.floor = this.cursor;
        return;
      }
      const rows = await this.db
        .selectFrom('project_events')
        .selectAll()
        .where('id', '>', Math.max(this.floor, this.cursor - LOOK_BACK))
        .where('project_id', 'in', [...this.listeners.keys()])
        .orderBy('id')
        .limit(1000)
        .execute();
      for (const row of rows) {
        const id = Number(row.id);
        this.cursor = Math.max(this.cursor, id);
        if (this.sent.has(id)) continue;
        this.sent.add(id);
        const event: LiveEvent = {
          id, type: row.type, entityType: row.entity_type, entityId: row.entity_id, userId: row.user_id,
          after: row.after_json ? JSON.parse(row.after_json) : null, before: row.before_json ? JSON.parse(row.before_json) : null, createdAt: row.created_at,
        };
        for (const listener of this.listeners.get(row.project_id) ?? []) listener(event);
      }
      if (this.sent.size > 5000) this.sent = new Set([...this.sent].slice(-2000));
    } catch {
      // A failed poll (database busy or restarting) is retried at the next tick.
    } finally {
      this.polling = false;
    }
  }
}
