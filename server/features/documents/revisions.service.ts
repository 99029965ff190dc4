import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { badRequest, conflict, notFound } from '../../errors';
import { createPositionMapper, type OrphanReason, reanchor } from '../../shared/anchoring';
import { newId, nowIso } from '../../shared/ids';
import { eventsRepository } from '../events/events.repository';
import { documentsRepository, insertChunked } from './documents.repository';

/** The canonical form of a corrected text: no BOM, `\n` line ends, NFC. */
export function canonicalCorrection(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').normalize('NFC');
}

export interface CorrectionReport {
  revision: { id: string; number: number };
  segments: { anchored: number; byDiff: number; byExact: number; byFuzzy: number; orphaned: number };
  /** `reason`: a code; the route words it in the user's language (`documentErrors.orphanReason.<code>`). */
  orphaned: { segmentId: string; quote: string; reason: OrphanReason }[];
}

/**
 * Transcript corrections: a new immutable revision of the text. Turns are mapped through the
 * diff; every anchored segment is re-anchored (diff, then exact quote with context, then fuzzy
 * match). Segments that cannot be placed are kept as `orphaned` (needs review), never deleted.
 */
export class RevisionsService {
  constructor(private readonly db: Kysely<Database>) {}

  correct(documentId: string, projectId: string, userId: string, input: { text: string; baseRevisionId?: string }): Promise<CorrectionReport> {
    const newText = canonicalCorrection(input.text);
    if (!newText.trim()) throw badRequest('EMPTY_TEXT', 'documentErrors.documents.emptyText');
    return this.db.transaction().execute(async (trx) => {
      const doc = await documentsRepository.findById(trx, documentId);
      if (!doc?.current_revision_id) throw notFound('document');
      if (input.baseRevisionId && input.baseRevisionId !== doc.current_revision_id) {
        throw conflict('REVISION_CONFLICT', 'documentErrors.documents.revisionConflict');
      }
      const old = await documentsRepository.findRevision(trx, doc.current_revision_id);
      if (old.text === newText) throw badRequest('NO_CHANGE', 'documentErrors.documents.noChange');
      const mapper = createPositionMapper(old.text, newText);
      const now = nowIso();
      const revision = { id: newId(), document_id: documentId, number: old.number + 1, text: newText, sha256: createHash('sha256').update(newText).digest('hex'), created_by: userId, created_at: now };
      await trx.insertInto('document_revisions').values(revision).execute();

      const turns = (await documentsRepository.turns(trx, old.id))
        .map((t) => ({ ...t, start_offset: mapper.map(t.start_offset, 'start'), end_offset: mapper.map(t.end_offset, 'end') }))
        .filter((t) => newText.slice(t.start_offset, t.end_offset).trim() !== '');
      await insertChunked(trx, 'turns', turns.map((t, position) => ({ ...t, id: newId(), revision_id: revision.id, position })));

      const segments = (await trx.selectFrom('segments').selectAll().where('document_id', '=', documentId).where('revision_id', '=', old.id).where('status', '=', 'anchored').execute());
      const results = reanchor(old.text, newText, segments.map((s) => ({ id: s.id, start: s.start_offset, end: s.end_offset, exact: s.exact, prefix: s.prefix, suffix: s.suffix })), { mapper });
      const report: CorrectionReport = { revision: { id: revision.id, number: revision.number }, segments: { anchored: 0, byDiff: 0, byExact: 0, byFuzzy: 0, orphaned: 0 }, orphaned: [] };
      for (const result of results) {
        if (result.status === 'anchored') {
          await trx.updateTable('segments').set({
            revision_id: revision.id, start_offset: result.start, end_offset: result.end, exact: result.exact, prefix: result.prefix, suffix: result.suffix, updated_at: now,
          }).where('id', '=', result.id).execute();
          report.segments.anchored += 1;
          report.segments[result.method === 'diff' ? 'byDiff' : result.method === 'exact' ? 'byExact' : 'byFuzzy'] += 1;
        } else {
          await trx.updateTable('segments').set({ status: 'orphaned', updated_at: now }).where('id', '=', result.id).execute();
          const segment = segments.find((s) => s.id === result.id)!;
          report.segments.orphaned += 1;
          report.orphaned.push({ segmentId: result.id, quote: segment.exact, reason: result.reason });
        }
      }
      await trx.updateTable('documents').set({ current_revision_id: revision.id, word_count: newText.match(/\S+/g)?.length ?? 0, updated_at: now }).where('id', '=', documentId).execute();
      await eventsRepository.record(trx, {
        projectId, userId, type: 'document.corrected', entityType: 'document', entityId: documentId,
        before: { revision: old.number }, after: { documentId, name: doc.name, revision: revision.number, ...report.segments },
      });
      return report;
    });
  }
}
