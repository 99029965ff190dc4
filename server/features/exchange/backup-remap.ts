import { newId } from '../../shared/ids';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Keys of event JSON that hold event ids (`action.undone` → the undone event). */
const EVENT_KEYS = new Set(['eventId', 'event_id', 'undone_by_event_id']);
/** Keys of row JSON that hold user ids: matched like the user columns. */
const USER_KEYS = new Set(['created_by', 'coder_id', 'author_id', 'user_id', 'createdBy', 'coderId', 'authorId', 'userId']);

/**
 * Translates the ids of a backup into fresh ones, consistently: every old id gets one new id
 * (the same wherever it appears: key columns, references, event rows and the JSON of the undo
 * history), users go to the account matched by e-mail (or the restoring user), events to their
 * new numbers.
 */
export class IdRemapper {
  private readonly ids = new Map<string, string>();
  private readonly users = new Map<string, string>();
  readonly events = new Map<number, number>();

  constructor(private readonly fallbackUser: string) {}

  /** Maps a user id of the backup to an account of this server. */
  setUser(oldId: string, newUserId: string) {
    this.users.set(oldId, newUserId);
    this.ids.set(oldId, newUserId);
  }

  /** Fixes the new id of an old one (the project's own id). */
  set(oldId: string, newIdValue: string) {
    this.ids.set(oldId, newIdValue);
  }

  /** The new id of an old one, made on first sight. */
  id(oldId: string): string {
    let mapped = this.ids.get(oldId);
    if (!mapped) {
      mapped = newId();
      this.ids.set(oldId, mapped);
    }
    return mapped;
  }

  /** A user column: the matched account, or the restoring user for anyone else. */
  user(oldId: unknown): string | null {
    if (oldId === null || oldId === undefined) return null;
    return this.users.get(String(oldId)) ?? this.fallbackUser;
  }

  event(oldId: unknown): number | null {
    if (oldId === null || oldId === undefined) return null;
    return this.events.get(Number(oldId)) ?? null;
  }

  /**
   * Rewrites ids inside JSON text: every string (value or key) that is a UUID is remapped; with
   * `fresh` false only ids already known are (saved-query filters), with `fresh` true unknown ones
   * get new ids too (the undo history names rows deleted since). Numbers under event-id keys are remapped.
   */
  json(text: unknown, fresh: boolean): string | null {
    if (text === null || text === undefined) return null;
    let value: unknown;
    try {
      value = JSON.parse(String(text));
    } catch {
      return String(text);
    }
    return JSON.stringify(this.walk(value, fresh));
  }

  /** A reference column: UUIDs are remapped (new ones made on first sight), other text is kept. */
  ref(value: string): string {
    return this.mapString(value, true);
  }

  private mapString(s: string, fresh: boolean): string {
    if (!UUID.test(s)) return s;
    return fresh ? this.id(s) : this.ids.get(s) ?? s;
  }

  private walk(value: unknown, fresh: boolean, key?: string): unknown {
    if (typeof value === 'string' && key && USER_KEYS.has(key) && UUID.test(value)) return this.user(value);
    if (typeof value === 'string') return this.mapString(value, fresh);
    if (typeof value === 'number' && key && EVENT_KEYS.has(key)) return this.events.get(value) ?? value;
    if (Array.isArray(value)) return value.map((v) => this.walk(v, fresh));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[this.mapString(k, fresh)] = this.walk(v, fresh, k);
      return out;
    }
    return value;
  }
}
