import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';
import { CHANGES_CHANNEL, PgListener } from './pg-listener';

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
// Changes announced within this window share one NOTIFY.
const ANNOUNCE_MS = 10;
// PostgreSQL may commit ids out of order; look back this far and skip what was already sent.
const LOOK_BACK = 200;

export interface LiveFeedOptions {
  /** PostgreSQL: listen for other servers' changes (LISTEN/NOTIFY) on a connection of its own. */
  databaseUrl?: string;
  /** Told when the listening connection fails (it reconnects by itself). */
  onListenError?: (error: unknown) => void;
  /** How often to read the event log when nothing woke the poller (default 250 ms). */
  pollMs?: number;
}

/**
 * Live updates fed from the event log: one poller per server process reads new `project_events`
 * rows for the projects someone is watching and hands them to the subscribers. Built on the
 * database alone, so several server processes on one PostgreSQL stay in step. On PostgreSQL every
 * server also announces its committed changes (`NOTIFY`) and wakes on the others' (`LISTEN`), so
 * changes arrive at once rather than at the next poll; the poll stays as the safety net.
 */
export class LiveFeed {
  private listeners = new Map<string, Set<Listener>>();
  private cursor: number | null = null;
  /** Events up to here existed before anyone subscribed: never sent. */
  private floor = 0;
  private sent = new Set<number>();
  private timer: NodeJS.Timeout | null = null;
  /** The read under way, and the one queued behind it (shared by everyone asking meanwhile). */
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private announcing: NodeJS.Timeout | null = null;
  private readonly listener: PgListener | null;
  private readonly pollMs: number;

  constructor(private readonly db: Kysely<Database>, options: LiveFeedOptions = {}) {
    this.pollMs = options.pollMs ?? POLL_MS;
    this.listener = options.databaseUrl ? new PgListener(options.databaseUrl, () => this.wake(), options.onListenError) : null;
  }

  /** Calls `listener` with every new event of `projectId` until the returned function is called. */
  subscribe(projectId: string, listener: Listener): () => void {
    const set = this.listeners.get(projectId) ?? new Set();
    set.add(listener);
    this.listeners.set(projectId, set);
    this.timer ??= setInterval(() => void this.poll(), this.pollMs);
    this.listener?.start();
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(projectId);
      if (this.listeners.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  /** Polls now (or right after the poll under way), e.g. when another server announced a change. */
  wake() {
    void this.poll();
  }

  /**
   * Says that this process has just committed changes: wakes its own poller and, on PostgreSQL,
   * every other server's (one `NOTIFY` for the changes of a few milliseconds).
   */
  announce() {
    this.wake();
    if (!this.listener || this.announcing) return;
    this.announcing = setTimeout(() => {
      this.announcing = null;
      sql`select pg_notify(${CHANGES_CHANNEL}, '')`.execute(this.db).catch(() => {});
    }, ANNOUNCE_MS);
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    if (this.announcing) clearTimeout(this.announcing);
    this.timer = null;
    this.announcing = null;
    this.listeners.clear();
    await this.listener?.stop();
  }

  /**
   * Reads what is new (public so tests can drive it without waiting). When a read is under way,
   * one more follows it, so the returned promise always covers events committed before the call.
   */
  poll(): Promise<void> {
    if (!this.running) {
      this.running = this.read().finally(() => {
        this.running = null;
      });
      return this.running;
    }
    this.queued ??= this.running.then(() => {
      this.queued = null;
      return this.poll();
    });
    return this.queued;
  }

  private async read() {
    if (this.listeners.size === 0) return;
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
    }
  }
}
