import type { Kysely } from 'kysely';
import type { Static } from 'typebox';
import type { Database, PseudonymKind } from '../../db/schema';
import { badRequest, conflict, notFound } from '../../errors';
import { newId, nowIso } from '../../shared/ids';
import { RevisionsService } from '../documents/revisions.service';
import { eventsRepository } from '../events/events.repository';
import { contextAround } from '../retrieval/passage-context';
import { suggestNames } from './name-candidates';
import { createMatcher, foldName, normaliseName } from './pseudonym-matcher';
import { pseudonymsRepository } from './pseudonyms.repository';
import type { ApplyResultSchema, CandidateSchema, PreviewSchema, PseudonymEntrySchema } from './pseudonyms.schemas';

type Db = Kysely<Database>;
export type PseudonymEntry = Static<typeof PseudonymEntrySchema>;
type EntryRow = Awaited<ReturnType<typeof pseudonymsRepository.list>>[number];
type EntryInput = { original?: string; pseudonym?: string; kind?: PseudonymKind; notes?: string };
type Scope = { documentIds: string[]; entryIds?: string[] };

const MAX_SHOWN = 200;

const view = (r: EntryRow): PseudonymEntry => ({
  id: r.id, original: r.original, pseudonym: r.pseudonym, kind: r.kind, notes: r.notes, createdBy: r.created_by, createdAt: r.created_at, updatedAt: r.updated_at,
});

/**
 * The pseudonymisation key list of a project (owners only) and its use: candidate names, a
 * preview of every replacement, and applying it as a transcript correction per document (a new
 * revision; coded segments re-anchored by the correction path). Audit events never hold the
 * names themselves, since every member can read the activity log.
 */
export class PseudonymsService {
  private readonly revisions: RevisionsService;

  constructor(private readonly db: Db) {
    this.revisions = new RevisionsService(db);
  }

  async list(projectId: string): Promise<PseudonymEntry[]> {
    return (await pseudonymsRepository.list(this.db, projectId)).map(view);
  }

  private async checkEntry(db: Db, projectId: string, original: string, pseudonym: string, exceptId?: string) {
    if (!original) throw badRequest('INVALID_NAME', 'documentErrors.pseudonyms.nameRequired');
    if (!pseudonym) throw badRequest('INVALID_PSEUDONYM', 'documentErrors.pseudonyms.pseudonymRequired');
    if (foldName(original) === foldName(pseudonym)) throw badRequest('SAME_AS_ORIGINAL', 'documentErrors.pseudonyms.sameAsOriginal');
    const clash = (await pseudonymsRepository.list(db, projectId)).find((e) => e.id !== exceptId && foldName(e.original) === foldName(original));
    if (clash) throw conflict('NAME_IN_KEY_LIST', 'documentErrors.pseudonyms.nameInKeyList', { original: clash.original, pseudonym: clash.pseudonym });
  }

  /** Adds a name and its pseudonym; 409 NAME_IN_KEY_LIST when the name is already listed. */
  create(projectId: string, userId: string, input: Required<Pick<EntryInput, 'original' | 'pseudonym'>> & EntryInput): Promise<PseudonymEntry> {
    const original = normaliseName(input.original);
    const pseudonym = normaliseName(input.pseudonym);
    return this.db.transaction().execute(async (trx) => {
      await this.checkEntry(trx, projectId, original, pseudonym);
      const now = nowIso();
      const row: EntryRow = { id: newId(), project_id: projectId, original, pseudonym, kind: input.kind ?? 'person', notes: input.notes?.trim() ?? '', created_by: userId, created_at: now, updated_at: now };
      await trx.insertInto('pseudonym_entries').values(row).execute();
      await eventsRepository.record(trx, { projectId, userId, type: 'pseudonym.created', entityType: 'pseudonym', entityId: row.id, after: { kind: row.kind } });
      return view(row);
    });
  }

  update(projectId: string, entryId: string, userId: string, input: EntryInput): Promise<PseudonymEntry> {
    return this.db.transaction().execute(async (trx) => {
      const before = await pseudonymsRepository.find(trx, projectId, entryId);
      if (!before) throw notFound('keyListEntry');
      const after: EntryRow = {
        ...before, original: input.original !== undefined ? normaliseName(input.original) : before.original,
        pseudonym: input.pseudonym !== undefined ? normaliseName(input.pseudonym) : before.pseudonym,
        kind: input.kind ?? before.kind, notes: input.notes !== undefined ? input.notes.trim() : before.notes, updated_at: nowIso(),
      };
      await this.checkEntry(trx, projectId, after.original, after.pseudonym, entryId);
      await trx.updateTable('pseudonym_entries').set({ original: after.original, pseudonym: after.pseudonym, kind: after.kind, notes: after.notes, updated_at: after.updated_at })
        .where('id', '=', entryId).execute();
      const changed = (['original', 'pseudonym', 'kind', 'notes'] as const).filter((k) => before[k] !== after[k]);
      await eventsRepository.record(trx, { projectId, userId, type: 'pseudonym.updated', entityType: 'pseudonym', entityId: entryId, before: { kind: before.kind }, after: { kind: after.kind, changed } });
      return view(after);
    });
  }

  delete(projectId: string, entryId: string, userId: string): Promise<void> {
    return this.db.transaction().execute(async (trx) => {
      const row = await pseudonymsRepository.find(trx, projectId, entryId);
      if (!row) throw notFound('keyListEntry');
      await trx.deleteFrom('pseudonym_entries').where('id', '=', entryId).execute();
      await eventsRepository.record(trx, { projectId, userId, type: 'pseudonym.deleted', entityType: 'pseudonym', entityId: entryId, before: { kind: row.kind } });
    });
  }

  /** Recurring capitalised words and names across the project's transcripts that are not in the key list yet. */
  async suggestions(projectId: string): Promise<Static<typeof CandidateSchema>[]> {
    const entries = await pseudonymsRepository.list(this.db, projectId);
    const known = new Set(entries.flatMap((e) => [foldName(e.original), foldName(e.pseudonym)]));
    const documents = await pseudonymsRepository.texts(this.db, projectId);
    const byId = new Map(documents.map((d) => [d.id, d]));
    return suggestNames(documents.map((d) => ({ documentId: d.id, text: d.text })), known).map((c) => {
      const d = byId.get(c.example.documentId)!;
      return { text: c.text, count: c.count, documents: c.documents, example: { documentId: d.id, documentName: d.name, text: d.text.slice(c.example.start, c.example.end), ...contextAround(d.text, c.example.start, c.example.end) } };
    });
  }

  /** The chosen documents (all must be the project's) and the key list (all, or the chosen entries). */
  private async load(projectId: string, scope: Scope) {
    const documentIds = [...new Set(scope.documentIds)];
    const documents = await pseudonymsRepository.texts(this.db, projectId, documentIds);
    if (documents.length !== documentIds.length) throw notFound('someDocuments');
    let entries = await pseudonymsRepository.list(this.db, projectId);
    if (scope.entryIds) {
      const chosen = new Set(scope.entryIds);
      entries = entries.filter((e) => chosen.has(e.id));
      if (entries.length !== chosen.size) throw notFound('someKeyListEntries');
    }
    const matcher = createMatcher(entries);
    if (!matcher) throw badRequest('EMPTY_KEY_LIST', 'documentErrors.pseudonyms.emptyKeyList');
    return { documents, entries, matcher };
  }

  /** Every replacement applying the key list would make, per document, with context and counts (recorded in the audit log). */
  async preview(projectId: string, userId: string, scope: Scope): Promise<Static<typeof PreviewSchema>> {
    const { documents, entries, matcher } = await this.load(projectId, scope);
    const byId = new Map(entries.map((e) => [e.id, e]));
    const out = documents.map((d) => {
      const found = matcher.find(d.text);
      const counts = new Map<string, number>();
      for (const o of found) counts.set(o.entryId, (counts.get(o.entryId) ?? 0) + 1);
      return {
        documentId: d.id, documentName: d.name, revisionId: d.revisionId!, count: found.length,
        byEntry: [...counts].map(([entryId, count]) => ({ entryId, original: byId.get(entryId)!.original, pseudonym: byId.get(entryId)!.pseudonym, count })),
        occurrences: found.slice(0, MAX_SHOWN).map((o) => ({ ...o, ...contextAround(d.text, o.start, o.end) })),
      };
    });
    const total = out.reduce((n, d) => n + d.count, 0);
    await eventsRepository.record(this.db, { projectId, userId, type: 'pseudonyms.previewed', entityType: 'project', entityId: projectId, after: { documents: documents.length, entries: entries.length, count: total } });
    return { total, documents: out };
  }

  /**
   * Applies the key list: each chosen document with at least one occurrence gets a corrected
   * revision (its own transaction, re-anchoring its codings); one audit event records the use.
   * With `baseRevisionIds` (from the preview) nothing is applied when a text changed meanwhile (409).
   * To revert, correct the transcript again (the earlier revisions are kept).
   */
  async apply(projectId: string, userId: string, scope: Scope & { baseRevisionIds?: Record<string, string>; removeOriginals?: boolean }): Promise<Static<typeof ApplyResultSchema>> {
    const { documents, entries, matcher } = await this.load(projectId, scope);
    const stale = documents.filter((d) => scope.baseRevisionIds?.[d.id] !== undefined && scope.baseRevisionIds[d.id] !== d.revisionId);
    if (stale.length > 0) {
      throw conflict('REVISION_CONFLICT', 'documentErrors.pseudonyms.revisionConflict', { count: stale.length, names: stale.map((d) => d.name).join(', ') });
    }
    const results: Static<typeof ApplyResultSchema>['documents'] = [];
    let failure: unknown = null;
    for (const d of documents) {
      const found = matcher.find(d.text);
      if (found.length === 0) {
        results.push({ documentId: d.id, documentName: d.name, replaced: 0, revision: null, segments: { anchored: 0, orphaned: 0 } });
        continue;
      }
      try {
        const report = await this.revisions.correct(d.id, projectId, userId, { text: matcher.replace(d.text, found), baseRevisionId: d.revisionId! });
        results.push({ documentId: d.id, documentName: d.name, replaced: found.length, revision: report.revision, segments: { anchored: report.segments.anchored, orphaned: report.segments.orphaned } });
      } catch (error) {
        failure = error;
        break;
      }
    }
    const total = results.reduce((n, r) => n + r.replaced, 0);
    // The imported files still hold the names just replaced: deleted on request, for the transcripts that changed.
    const changed = results.filter((r) => r.revision).map((r) => r.documentId);
    const originalsRemoved = scope.removeOriginals && changed.length > 0
      ? Number((await this.db.deleteFrom('document_originals').where('document_id', 'in', changed).executeTakeFirst()).numDeletedRows)
      : 0;
    const eventId = await eventsRepository.record(this.db, {
      projectId, userId, type: 'pseudonyms.applied', entityType: 'project', entityId: projectId,
      after: {
        count: total, entries: entries.length, complete: failure === null, originalsRemoved,
        documents: results.filter((r) => r.revision).map((r) => ({ documentId: r.documentId, name: r.documentName, replaced: r.replaced, revision: r.revision!.number })),
      },
    });
    if (failure) throw failure;
    return { total, eventId, originalsRemoved, documents: results };
  }
}
