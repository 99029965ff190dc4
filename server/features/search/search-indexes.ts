import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { currentRevisions, loadIndexedDocuments, loadNotes } from './index-loader';
import { ProjectIndex } from './project-index';
import { decodeSnapshot, encodeSnapshot } from './snapshot-codec';

type Db = Kysely<Database>;

interface Loaded {
  index: ProjectIndex;
  lastEventId: number;
  applied: Set<number>;
  lastUsed: number;
  queue: Promise<unknown>;
}

export interface SearchIndexesOptions {
  /** Where snapshots are kept (`<dir>/<projectId>.index`); none: always rebuilt from the database. */
  snapshotDir?: string;
  /** Unload a project's index after this long without use. */
  idleMs?: number;
  /** Most indexes kept in memory at once (least recently used go first). */
  maxLoaded?: number;
}

const DOCUMENT_EVENTS = new Set(['document.imported', 'document.corrected', 'document.deleted', 'speaker.updated', 'consent.document_deleted']);
// PostgreSQL may commit event ids out of order: look back this far, skipping events already applied.
const LOOK_BACK = 200;

/**
 * One search index per project, kept current from the event log: before each use, the events
 * since the index was last brought up to date are read and the documents they touched are
 * re-indexed (imports, corrections, deletions, speaker roles; memos and codes as a whole). Built
 * from the database on first use, or loaded from a snapshot and checked against the database;
 * idle indexes are written to a snapshot and unloaded, so memory stays bounded.
 */
export class SearchIndexes {
  private loaded = new Map<string, Loaded>();
  private loading = new Map<string, Promise<Loaded>>();
  private sweeper: NodeJS.Timeout;

  constructor(private readonly db: Db, private readonly options: SearchIndexesOptions = {}) {
    this.sweeper = setInterval(() => void this.sweep(), Math.min(60_000, options.idleMs ?? 600_000));
    this.sweeper.unref();
  }

  /** The project's index, up to date with every change committed before the call. */
  async get(projectId: string): Promise<ProjectIndex> {
    let entry = this.loaded.get(projectId);
    if (!entry) {
      let pending = this.loading.get(projectId);
      if (!pending) {
        pending = this.load(projectId).finally(() => this.loading.delete(projectId));
        this.loading.set(projectId, pending);
      }
      entry = await pending;
    }
    entry.lastUsed = Date.now();
    // One catch-up at a time per project.
    const run = entry.queue.then(() => this.catchUp(projectId, entry!));
    entry.queue = run.catch(() => {});
    await run;
    return entry.index;
  }

  /** Builds (or loads) the indexes of the most recently active projects in the background, so the first searches are fast. */
  async warm(limit = 5) {
    const projects = await this.db.selectFrom('projects').select('id').orderBy('updated_at', 'desc').limit(limit).execute();
    for (const p of projects) await this.get(p.id);
  }

  isLoaded(projectId: string) {
    return this.loaded.has(projectId);
  }

  private snapshotPath(projectId: string) {
    return this.options.snapshotDir ? path.join(this.options.snapshotDir, `${projectId}.index`) : null;
  }

  private async maxEventId(projectId: string): Promise<number> {
    const row = await this.db.selectFrom('project_events').select((eb) => eb.fn.max<number>('id').as('max')).where('project_id', '=', projectId).executeTakeFirst();
    return Number(row?.max ?? 0);
  }

  private async load(projectId: string): Promise<Loaded> {
    const fromSnapshot = await this.loadSnapshot(projectId);
    let entry: Loaded;
    if (fromSnapshot) {
      entry = fromSnapshot;
      // Check the snapshot against the database: any document added, removed or corrected since is re-indexed.
      const current = await currentRevisions(this.db, projectId);
      const stale = [...current].filter(([id, revision]) => entry.index.documents.get(id)?.revisionId !== revision).map(([id]) => id);
      for (const id of [...entry.index.documents.keys()]) if (!current.has(id)) entry.index.removeDocument(id);
      for (const doc of await loadIndexedDocuments(this.db, projectId, stale)) entry.index.putDocument(doc);
      entry.index.setNotes(await loadNotes(this.db, projectId));
      entry.applied = await this.seenUpTo(projectId, entry.lastEventId);
    } else {
      const lastEventId = await this.maxEventId(projectId);
      const index = new ProjectIndex();
      for (const doc of await loadIndexedDocuments(this.db, projectId)) index.putDocument(doc);
      index.setNotes(await loadNotes(this.db, projectId));
      index.trim(); // postings grew by doubling while indexing
      entry = { index, lastEventId, applied: await this.seenUpTo(projectId, lastEventId), lastUsed: Date.now(), queue: Promise.resolve() };
    }
    this.loaded.set(projectId, entry);
    await this.evictBeyondLimit();
    return entry;
  }

  private async catchUp(projectId: string, entry: Loaded) {
    const events = await this.db
      .selectFrom('project_events')
      .select(['id', 'type', 'entity_type', 'entity_id'])
      .where('project_id', '=', projectId)
      .where('id', '>', Math.max(0, entry.lastEventId - LOOK_BACK))
      .orderBy('id')
      .execute();
    const documents = new Set<string>();
    let notes = false;
    for (const e of events) {
      const id = Number(e.id);
      if (entry.applied.has(id)) continue;
      entry.applied.add(id);
      entry.lastEventId = Math.max(entry.lastEventId, id);
      if (DOCUMENT_EVENTS.has(e.type) && e.entity_id) documents.add(e.entity_id);
      if (e.entity_type === 'memo' || e.entity_type === 'code' || e.type === 'codebook.imported') notes = true;
    }
    if (documents.size > 0) {
      const fresh = await loadIndexedDocuments(this.db, projectId, [...documents]);
      for (const id of documents) {
        const doc = fresh.find((d) => d.id === id);
        if (doc) entry.index.putDocument(doc);
        else entry.index.removeDocument(id);
      }
    }
    if (notes) entry.index.setNotes(await loadNotes(this.db, projectId));
    if (entry.applied.size > 4 * LOOK_BACK) entry.applied = new Set([...entry.applied].filter((id) => id > entry.lastEventId - LOOK_BACK));
  }

  /** Ids of the events up to `lastEventId` inside the look-back window: already reflected in a fresh index. */
  private async seenUpTo(projectId: string, lastEventId: number): Promise<Set<number>> {
    const rows = await this.db.selectFrom('project_events').select('id').where('project_id', '=', projectId)
      .where('id', '>', Math.max(0, lastEventId - LOOK_BACK)).where('id', '<=', lastEventId).execute();
    return new Set(rows.map((r) => Number(r.id)));
  }

  private async loadSnapshot(projectId: string): Promise<Loaded | null> {
    const file = this.snapshotPath(projectId);
    if (!file || !fs.existsSync(file)) return null;
    try {
      const { lastEventId, parts } = decodeSnapshot(await fs.promises.readFile(file));
      return { index: ProjectIndex.fromParts(parts), lastEventId, applied: new Set(), lastUsed: Date.now(), queue: Promise.resolve() };
    } catch {
      return null; // a damaged, truncated or older snapshot is rebuilt from the database
    }
  }

  private async writeSnapshot(projectId: string, entry: Loaded) {
    const file = this.snapshotPath(projectId);
    if (!file) return;
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await fs.promises.writeFile(tmp, encodeSnapshot({ lastEventId: entry.lastEventId, parts: entry.index.toParts() }));
    await fs.promises.rename(tmp, file);
    // Versions 1 and 2 were JSON files beside it, never read again.
    await fs.promises.rm(path.join(path.dirname(file), `${projectId}.json`), { force: true });
  }

  private async unload(projectId: string) {
    const entry = this.loaded.get(projectId);
    if (!entry) return;
    this.loaded.delete(projectId);
    await entry.queue;
    await this.writeSnapshot(projectId, entry).catch(() => {});
  }

  private async evictBeyondLimit() {
    const max = this.options.maxLoaded ?? 20;
    const byAge = [...this.loaded].sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    while (byAge.length > max) await this.unload(byAge.shift()![0]);
  }

  /** Unloads indexes idle for longer than `idleMs`. */
  async sweep(now = Date.now()) {
    const idle = this.options.idleMs ?? 600_000;
    for (const [projectId, entry] of [...this.loaded]) if (now - entry.lastUsed > idle) await this.unload(projectId);
  }

  async close() {
    clearInterval(this.sweeper);
    for (const projectId of [...this.loaded.keys()]) await this.unload(projectId);
  }
}
