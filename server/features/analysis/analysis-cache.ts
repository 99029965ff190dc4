import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

// PostgreSQL may commit event ids out of order: the version covers the newest ids, so an event
// that commits late inside this window still changes it.
const WINDOW = 200;
const MAX_PROJECTS = 4;

/**
 * The version of a project's data as its event log tells it: every change to a project is
 * recorded as an event (changes.commit), so the same version means the same documents, codes and
 * codings. One indexed read of the newest event ids.
 */
export async function projectVersion(db: Db, projectId: string): Promise<string> {
  const rows = await db.selectFrom('project_events').select('id').where('project_id', '=', projectId).orderBy('id', 'desc').limit(WINDOW).execute();
  let sum = 0;
  for (const r of rows) sum += Number(r.id);
  return `${rows.length}:${rows.length ? Number(rows[0]!.id) : 0}:${sum}`;
}

interface Entry {
  version: string;
  values: Map<string, Promise<unknown>>;
}

/**
 * Per-project memo of what the analyses read from the database, valid for one project version:
 * agreement, saturation and co-occurrence asked one after the other load the 100,000 codings once,
 * not three times. A version change (any new event) drops the project's entries; at most a few
 * projects are kept, least recently used first out.
 */
export class AnalysisCache {
  private projects = new Map<string, Entry>();

  /** The value of `load` for this project, key and current version; loaded once per version. */
  async get<T>(db: Db, projectId: string, key: string, load: () => Promise<T>): Promise<T> {
    const version = await projectVersion(db, projectId);
    let entry = this.projects.get(projectId);
    if (!entry || entry.version !== version) entry = { version, values: new Map() };
    this.projects.delete(projectId);
    this.projects.set(projectId, entry);
    while (this.projects.size > MAX_PROJECTS) this.projects.delete(this.projects.keys().next().value!);
    let value = entry.values.get(key) as Promise<T> | undefined;
    if (!value) {
      value = load();
      entry.values.set(key, value);
      const values = entry.values;
      value.catch(() => values.delete(key)); // a failed load is retried next time
    }
    return value;
  }
}

const caches = new WeakMap<Db, AnalysisCache>();

/** The cache shared by every analysis on this database handle. */
export function analysisCache(db: Db): AnalysisCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new AnalysisCache()));
  return cache;
}
