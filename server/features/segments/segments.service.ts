import type { Kysely } from 'kysely';
import type { CodeRow, Database, ProjectRole, SegmentRow } from '../../db/schema';
import { badRequest, conflict, type ErrorKey, forbidden, notFound } from '../../errors';
import { isValidRange, quoteSelector } from '../../shared/anchoring';
import { newId, nowIso } from '../../shared/ids';
import { LruBySize, revisionKey } from '../../shared/lru-bytes';
import { roleAtLeast } from '../../shared/roles';
import { codesRepository } from '../codes/codes.repository';
import { deleteSegmentIfEmpty } from '../codes/segment-cleanup';
import { ChangeSet } from '../history/change-set';
import { segmentsRepository } from './segments.repository';
import type { ViewCoding } from './segment-views';

type Db = Kysely<Database>;

export interface Actor {
  userId: string;
  role: ProjectRole;
}

const RANGE_MESSAGES = {
  OUT_OF_RANGE: 'documentErrors.segments.outOfRange',
  EMPTY: 'documentErrors.segments.empty',
  SPLITS_SURROGATE: 'documentErrors.segments.splitsSurrogate',
} as const satisfies Record<string, ErrorKey>;

const short = (text: string) => (text.length > 120 ? `${text.slice(0, 117)}…` : text);

/** Coding passages: segments of the current revision with one or more codes. */
export class SegmentsService {
  /** Texts of recently coded revisions: the quote check need not read a whole transcript per request. */
  private readonly revisionTexts = new LruBySize<string>(4_000_000, (text) => text.length);

  constructor(private readonly db: Db) {}

  /** A document and its current revision; the text comes from memory when that revision was used lately. */
  private async currentRevision(db: Db, documentId: string) {
    const doc = await segmentsRepository.documentWithRevision(db, documentId);
    if (!doc) return undefined;
    const key = revisionKey(doc.revision_id, doc.sha256);
    let text = this.revisionTexts.get(key);
    if (text === undefined) {
      text = await segmentsRepository.revisionText(db, doc.revision_id);
      this.revisionTexts.set(key, text);
    }
    return { doc, revision: { id: doc.revision_id, document_id: doc.id, text } };
  }

  /** Loads the document's current text and checks the range and its quote (400 / 409). */
  private async checkedRange(db: Db, documentId: string, start: number, end: number, exact: string) {
    const current = await this.currentRevision(db, documentId);
    if (!current) throw notFound('document');
    const { doc, revision } = current;
    const valid = isValidRange(revision.text, start, end);
    if (!valid.ok) throw badRequest(valid.reason, RANGE_MESSAGES[valid.reason]);
    const actual = revision.text.slice(start, end);
    if (actual !== exact) {
      throw conflict('QUOTE_MISMATCH', 'documentErrors.segments.quoteMismatch', undefined, { actual: short(actual) });
    }
    return { doc, revision };
  }

  private async usableCodes(db: Db, projectId: string, codeIds: string[]): Promise<CodeRow[]> {
    const unique = [...new Set(codeIds)];
    if (unique.length === 0) throw badRequest('NO_CODES', 'documentErrors.segments.noCodes');
    const codes = await codesRepository.findMany(db, projectId, unique);
    if (codes.length !== unique.length) throw badRequest('UNKNOWN_CODE', 'documentErrors.segments.unknownCode');
    const archived = codes.find((c) => c.archived === 1);
    if (archived) throw badRequest('CODE_ARCHIVED', 'documentErrors.segments.codeArchived', { name: archived.name });
    return codes;
  }

  private canChange(segment: SegmentRow, actor: Actor) {
    if (segment.created_by !== actor.userId && !roleAtLeast(actor.role, 'lead')) {
      throw forbidden('documentErrors.segments.notYours');
    }
  }

  /**
   * Codes a passage of the document's current text. A passage the same coder already coded with
   * exactly these bounds gets the new codes added instead of a second segment.
   */
  code(projectId: string, documentId: string, actor: Actor, input: { start: number; end: number; exact: string; codeIds: string[] }) {
    return this.db.transaction().execute(async (trx) => {
      const { doc, revision } = await this.checkedRange(trx, documentId, input.start, input.end, input.exact);
      const codes = await this.usableCodes(trx, projectId, input.codeIds);
      const changes = new ChangeSet(trx);
      const { segment, added, isNew, codings } = await this.codeIn(changes, revision, input.start, input.end, codes, actor);
      if (added.length > 0) {
        await changes.commit({
          projectId, userId: actor.userId, type: 'segment.coded', entityType: 'segment', entityId: segment.id,
          after: { documentId, documentName: doc.name, quote: short(segment.exact), codes: added.map((c) => c.name) },
        });
      }
      // The answer is built from what this transaction read and wrote (issue 9: reading the segment back cost four queries).
      const memoCount = isNew ? 0 : Number((await segmentsRepository.memoCounts(trx, [segment.id]))[0]?.n ?? 0);
      return { segment, codings, memoCount };
    });
  }

  /** Codes one range of a revision inside an open change set; returns the segment and the codes it gained. */
  private async codeIn(changes: ChangeSet, revision: { id: string; document_id: string; text: string }, start: number, end: number, codes: CodeRow[], actor: Actor) {
    const trx = changes.db;
    const now = nowIso();
    let segment = await segmentsRepository.findSameRange(trx, revision.document_id, revision.id, start, end, actor.userId);
    const isNew = !segment;
    if (!segment) {
      const quote = quoteSelector(revision.text, start, end);
      segment = {
        id: newId(), document_id: revision.document_id, revision_id: revision.id, start_offset: start, end_offset: end,
        exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix, status: 'anchored', created_by: actor.userId, created_at: now, updated_at: now,
      };
      await changes.insert('segments', segment);
    }
    // A segment made just now has no codings yet.
    const codings: ViewCoding[] = isNew ? [] : await segmentsRepository.codingsFor(trx, [segment.id]);
    const existing = new Set(codings.map((c) => c.code_id));
    const added = codes.filter((c) => !existing.has(c.id));
    for (const code of added) {
      const coding = { id: newId(), segment_id: segment.id, code_id: code.id, coder_id: actor.userId, created_at: now };
      await changes.insert('codings', coding);
      codings.push({ ...coding, code_name: code.name, color: code.color });
    }
    return { segment, added, isNew, codings };
  }

  /**
   * Codes many passages of the project's current texts with one code, as ONE action (one undo
   * undoes them all): auto-coding from a search. Passages already coded so by this coder are skipped.
   */
  codeMany(projectId: string, actor: Actor, codeId: string, passages: { documentId: string; start: number; end: number }[], summary: Record<string, unknown>) {
    return this.db.transaction().execute(async (trx) => {
      const codes = await this.usableCodes(trx, projectId, [codeId]);
      const changes = new ChangeSet(trx);
      let coded = 0;
      const revisions = new Map<string, { id: string; document_id: string; text: string }>();
      for (const p of passages) {
        let revision = revisions.get(p.documentId);
        if (!revision) {
          const current = await this.currentRevision(trx, p.documentId);
          if (!current || current.doc.project_id !== projectId) throw badRequest('UNKNOWN_DOCUMENT', 'documentErrors.segments.unknownDocument');
          revision = current.revision;
          revisions.set(p.documentId, revision);
        }
        const valid = isValidRange(revision.text, p.start, p.end);
        if (!valid.ok) throw badRequest(valid.reason, RANGE_MESSAGES[valid.reason]);
        if ((await this.codeIn(changes, revision, p.start, p.end, codes, actor)).added.length > 0) coded += 1;
      }
      if (coded > 0) {
        await changes.commit({
          projectId, userId: actor.userId, type: 'search.autocoded', entityType: 'code', entityId: codeId,
          after: { ...summary, name: codes[0]!.name, codes: [codes[0]!.name], passages: coded, documents: revisions.size },
        });
      }
      return { coded, skipped: passages.length - coded };
    });
  }

  /** Sets a segment's codes to exactly `codeIds` (an empty list removes the segment). */
  setCodes(projectId: string, segmentId: string, actor: Actor, codeIds: string[]) {
    return this.db.transaction().execute(async (trx) => {
      const segment = await segmentsRepository.find(trx, segmentId);
      if (!segment) throw notFound('segment');
      this.canChange(segment, actor);
      const codes = codeIds.length === 0 ? [] : await this.usableCodes(trx, projectId, codeIds);
      const current = await segmentsRepository.codingsFor(trx, [segmentId]);
      const wanted = new Set(codes.map((c) => c.id));
      const changes = new ChangeSet(trx);
      const removed = current.filter((c) => !wanted.has(c.code_id));
      for (const coding of removed) await changes.delete('codings', coding.id);
      const have = new Set(current.map((c) => c.code_id));
      const added = codes.filter((c) => !have.has(c.id));
      for (const code of added) {
        await changes.insert('codings', { id: newId(), segment_id: segmentId, code_id: code.id, coder_id: segment.created_by ?? actor.userId, created_at: nowIso() });
      }
      const gone = await deleteSegmentIfEmpty(changes, segmentId);
      if (changes.changes.length > 0) {
        await changes.commit({
          projectId, userId: actor.userId, type: gone ? 'segment.uncoded' : 'segment.recoded', entityType: 'segment', entityId: segmentId,
          before: { codes: current.map((c) => c.code_name) },
          after: { documentId: segment.document_id, quote: short(segment.exact), added: added.map((c) => c.name), removed: removed.map((c) => c.code_name) },
        });
      }
      return { deleted: gone };
    });
  }

  /** Removes a segment with all its codings. */
  remove(projectId: string, segmentId: string, actor: Actor) {
    return this.setCodes(projectId, segmentId, actor, []);
  }

  /** Places a segment on a new range of the current text (a lead placing an orphaned passage, or its coder resizing it). */
  place(projectId: string, segmentId: string, actor: Actor, input: { start: number; end: number; exact: string }) {
    return this.db.transaction().execute(async (trx) => {
      const segment = await segmentsRepository.find(trx, segmentId);
      if (!segment) throw notFound('segment');
      this.canChange(segment, actor);
      const { revision } = await this.checkedRange(trx, segment.document_id, input.start, input.end, input.exact);
      const quote = quoteSelector(revision.text, input.start, input.end);
      const changes = new ChangeSet(trx);
      await changes.update('segments', segmentId, {
        revision_id: revision.id, start_offset: input.start, end_offset: input.end, ...quote, status: 'anchored', updated_at: nowIso(),
      });
      await changes.commit({
        projectId, userId: actor.userId, type: 'segment.placed', entityType: 'segment', entityId: segmentId,
        before: { status: segment.status, quote: short(segment.exact) }, after: { documentId: segment.document_id, quote: short(quote.exact) },
      });
    });
  }

  /** A document's segments with codes, coders and memo counts. */
  async forDocument(documentId: string) {
    const segments = await segmentsRepository.forDocument(this.db, documentId);
    const ids = segments.map((s) => s.id);
    const [codings, memos] = await Promise.all([segmentsRepository.codingsFor(this.db, ids), segmentsRepository.memoCounts(this.db, ids)]);
    return { segments, codings, memos };
  }
}

