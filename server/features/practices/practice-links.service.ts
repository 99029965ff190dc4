import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { badRequest, conflict, notFound } from '../../errors';
import { newId, nowIso } from '../../shared/ids';
import { codesRepository } from '../codes/codes.repository';
import { deleteSegmentIfEmpty } from '../codes/segment-cleanup';
import { ChangeSet } from '../history/change-set';
import type { Actor } from '../segments/segments.service';
import type { PracticeRow } from './practice-record';
import { practicesRepository } from './practices.repository';

type Db = Kysely<Database>;
type RequireRow = (db: Db, projectId: string, practiceId: string) => Promise<PracticeRow>;

/**
 * The links of a practice record: themes (codes of the codebook, with a note and the interview
 * passages that show the theme in this practice) and literature sources. Each change is one
 * undoable action; the record's id is the event's entity.
 */
export class PracticeLinksService {
  constructor(private readonly db: Db, private readonly requireRow: RequireRow) {}

  private async theme(db: Db, practiceId: string, linkId: string) {
    const link = await db.selectFrom('practice_codes').selectAll().where('id', '=', linkId).where('practice_id', '=', practiceId).executeTakeFirst();
    if (!link) throw notFound('practiceTheme');
    return link;
  }

  private event(projectId: string, actor: Actor, type: string, practiceId: string, detail: Record<string, unknown>) {
    return { projectId, userId: actor.userId, type, entityType: 'practice', entityId: practiceId, after: detail };
  }

  /** Links a code as a theme of the record (409 THEME_EXISTS when it already is); returns the link id. */
  addTheme(projectId: string, practiceId: string, actor: Actor, input: { codeId: string; note?: string }): Promise<string> {
    return this.db.transaction().execute(async (trx) => {
      await this.requireRow(trx, projectId, practiceId);
      const code = await codesRepository.find(trx, projectId, input.codeId);
      if (!code) throw badRequest('UNKNOWN_CODE', 'literatureErrors.practices.unknownCode');
      const existing = await trx.selectFrom('practice_codes').select('id').where('practice_id', '=', practiceId).where('code_id', '=', input.codeId).executeTakeFirst();
      if (existing) throw conflict('THEME_EXISTS', 'literatureErrors.practices.themeExists', { code: code.name }, { linkId: existing.id });
      const changes = new ChangeSet(trx);
      const now = nowIso();
      const id = newId();
      await changes.insert('practice_codes', { id, practice_id: practiceId, code_id: input.codeId, note: input.note?.trim() ?? '', created_by: actor.userId, created_at: now, updated_at: now });
      await changes.commit(this.event(projectId, actor, 'practice.theme_added', practiceId, { codeId: code.id, code: code.name }));
      return id;
    });
  }

  /** Changes a theme's note. */
  updateTheme(projectId: string, practiceId: string, linkId: string, actor: Actor, note: string): Promise<void> {
    return this.db.transaction().execute(async (trx) => {
      await this.requireRow(trx, projectId, practiceId);
      const link = await this.theme(trx, practiceId, linkId);
      const changes = new ChangeSet(trx);
      await changes.update('practice_codes', linkId, { note: note.trim(), updated_at: nowIso() });
      await changes.commit(this.event(projectId, actor, 'practice.theme_updated', practiceId, { codeId: link.code_id, note: note.trim() }));
    });
  }

  /** Deletes a theme link with its evidence (the passages stay coded). */
  async deleteThemeIn(changes: ChangeSet, linkId: string) {
    const evidence = await changes.db.selectFrom('practice_code_evidence').select(['id', 'segment_id']).where('practice_code_id', '=', linkId).execute();
    for (const e of evidence) await changes.delete('practice_code_evidence', e.id);
    await changes.delete('practice_codes', linkId);
    for (const e of evidence) await deleteSegmentIfEmpty(changes, e.segment_id);
  }

  removeTheme(projectId: string, practiceId: string, linkId: string, actor: Actor): Promise<void> {
    return this.db.transaction().execute(async (trx) => {
      await this.requireRow(trx, projectId, practiceId);
      const link = await this.theme(trx, practiceId, linkId);
      const changes = new ChangeSet(trx);
      await this.deleteThemeIn(changes, linkId);
      await changes.commit(this.event(projectId, actor, 'practice.theme_removed', practiceId, { codeId: link.code_id }));
    });
  }

  /** Adds a passage (segment of this project) as evidence of a theme; returns the evidence id. */
  addEvidence(projectId: string, practiceId: string, linkId: string, actor: Actor, input: { segmentId: string; note?: string }): Promise<string> {
    return this.db.transaction().execute(async (trx) => {
      await this.requireRow(trx, projectId, practiceId);
      const link = await this.theme(trx, practiceId, linkId);
      if (!(await practicesRepository.segmentInProject(trx, projectId, input.segmentId))) {
        throw badRequest('UNKNOWN_SEGMENT', 'literatureErrors.practices.unknownSegment');
      }
      const twice = await trx.selectFrom('practice_code_evidence').select('id').where('practice_code_id', '=', linkId).where('segment_id', '=', input.segmentId).executeTakeFirst();
      if (twice) throw conflict('EVIDENCE_EXISTS', 'literatureErrors.practices.evidenceExists', undefined, { evidenceId: twice.id });
      const changes = new ChangeSet(trx);
      const id = newId();
      await changes.insert('practice_code_evidence', { id, practice_code_id: linkId, segment_id: input.segmentId, note: input.note?.trim() ?? '', created_by: actor.userId, created_at: nowIso() });
      await changes.commit(this.event(projectId, actor, 'practice.evidence_added', practiceId, { codeId: link.code_id, segmentId: input.segmentId }));
      return id;
    });
  }

  /** Changes an evidence passage's note. */
  updateEvidence(projectId: string, practiceId: string, linkId: string, evidenceId: string, actor: Actor, note: string): Promise<void> {
    return this.db.transaction().execute(async (trx) => {
      await this.requireRow(trx, projectId, practiceId);
      await this.theme(trx, practiceId, linkId);
      const changes = new ChangeSet(trx);
      const row = await trx.selectFrom('practice_code_evidence').select('segment_id').where('id', '=', evidenceId).where('practice_code_id', '=', linkId).executeTakeFirst();
      if (!row) throw notFound('evidencePassage');
      await changes.update('practice_code_evidence', evidenceId, { note: note.trim() });
      await changes.commit(this.event(projectId, actor, 'practice.evidence_updated', practiceId, { segmentId: row.segment_id, note: note.trim() }));
    });
  }

  removeEvidence(projectId: string, practiceId: string, linkId: string, evidenceId: string, actor: Actor): Promise<void> {
    return this.db.transaction().execute(async (trx) => {
      await this.requireRow(trx, projectId, practiceId);
      const link = await this.theme(trx, practiceId, linkId);
      const row = await trx.selectFrom('practice_code_evidence').select('segment_id').where('id', '=', evidenceId).where('practice_code_id', '=', linkId).executeTakeFirst();
      if (!row) throw notFound('evidencePassage');
      const changes = new ChangeSet(trx);
      await changes.delete('practice_code_evidence', evidenceId);
      await deleteSegmentIfEmpty(changes, row.segment_id);
      await changes.commit(this.event(projectId, actor, 'practice.evidence_removed', practiceId, { codeId: link.code_id, segmentId: row.segment_id }));
    });
  }

  /** Links a literature source of the project (409 SOURCE_LINKED when it already is). */
  linkSource(projectId: string, practiceId: string, actor: Actor, sourceId: string): Promise<void> {
    return this.db.transaction().execute(async (trx) => {
      await this.requireRow(trx, projectId, practiceId);
      const [source] = await practicesRepository.sources(trx, projectId, [sourceId]);
      if (!source) throw badRequest('UNKNOWN_SOURCE', 'literatureErrors.practices.unknownSource');
      const existing = await trx.selectFrom('practice_sources').select('id').where('practice_id', '=', practiceId).where('source_id', '=', sourceId).executeTakeFirst();
      if (existing) throw conflict('SOURCE_LINKED', 'literatureErrors.practices.sourceLinked', { title: source.title });
      const changes = new ChangeSet(trx);
      await changes.insert('practice_sources', { id: newId(), practice_id: practiceId, source_id: sourceId });
      await changes.commit(this.event(projectId, actor, 'practice.source_linked', practiceId, { sourceId, title: source.title }));
    });
  }

  unlinkSource(projectId: string, practiceId: string, actor: Actor, sourceId: string): Promise<void> {
    return this.db.transaction().execute(async (trx) => {
      await this.requireRow(trx, projectId, practiceId);
      const link = await trx.selectFrom('practice_sources').select('id').where('practice_id', '=', practiceId).where('source_id', '=', sourceId).executeTakeFirst();
      if (!link) throw notFound('sourceLink');
      const changes = new ChangeSet(trx);
      await changes.delete('practice_sources', link.id);
      await changes.commit(this.event(projectId, actor, 'practice.source_unlinked', practiceId, { sourceId }));
    });
  }
}
