import type { Kysely, Selectable } from 'kysely';
import type { Database, GapRelation, GapScope, GapStatus, LiteratureFocus, LiteratureGapsTable } from '../../db/schema';
import { badRequest, conflict, notFound } from '../../errors';
import { type Translator, translator } from '../../i18n/translator';
import { newId, nowIso } from '../../shared/ids';
import { codesRepository, subtreeIds } from '../codes/codes.repository';
import { ChangeSet } from '../history/change-set';
import type { Actor } from '../segments/segments.service';

type Db = Kysely<Database>;
export type GapRow = Selectable<LiteratureGapsTable>;

export interface GapInput {
  statement?: string; focus?: LiteratureFocus; scope?: GapScope; status?: GapStatus; notes?: string; position?: number; sourceIds?: string[];
}

/** A gap as the API lists it. */
export const gapView = (g: GapRow, sourceIds: string[]) => ({
  id: g.id, statement: g.statement, focus: g.focus, scope: g.scope, status: g.status, notes: g.notes, position: g.position,
  sourceIds, createdAt: g.created_at, updatedAt: g.updated_at,
});

/** Literature gaps, the sources that establish them, the codes mapped to them and the chosen evidence passages. */
export class GapsService {
  constructor(private readonly db: Db) {}

  async find(db: Db, projectId: string, gapId: string): Promise<GapRow> {
    const gap = await db.selectFrom('literature_gaps').selectAll().where('id', '=', gapId).where('project_id', '=', projectId).executeTakeFirst();
    if (!gap) throw notFound('gap');
    return gap;
  }

  async list(projectId: string, filter: { focus?: LiteratureFocus; scope?: GapScope; status?: GapStatus } = {}) {
    let query = this.db.selectFrom('literature_gaps').selectAll().where('project_id', '=', projectId);
    if (filter.focus) query = query.where('focus', '=', filter.focus);
    if (filter.scope) query = query.where('scope', '=', filter.scope);
    if (filter.status) query = query.where('status', '=', filter.status);
    const gaps = await query.orderBy('position').orderBy('created_at').execute();
    if (gaps.length === 0) return [];
    const ids = gaps.map((g) => g.id);
    const [sources, links] = await Promise.all([
      this.db.selectFrom('gap_sources').select(['gap_id', 'source_id']).where('gap_id', 'in', ids).execute(),
      this.db.selectFrom('gap_codes').select(['gap_id', 'code_id']).where('gap_id', 'in', ids).execute(),
    ]);
    return gaps.map((g) => ({ ...gapView(g, sources.filter((s) => s.gap_id === g.id).map((s) => s.source_id)), codeIds: links.filter((l) => l.gap_id === g.id).map((l) => l.code_id) }));
  }

  async get(projectId: string, gapId: string) {
    const gap = await this.find(this.db, projectId, gapId);
    const sources = await this.db.selectFrom('gap_sources').select('source_id').where('gap_id', '=', gapId).execute();
    return gapView(gap, sources.map((s) => s.source_id));
  }

  private checkFields(input: GapInput) {
    if (input.statement !== undefined && !input.statement.trim()) throw badRequest('STATEMENT_REQUIRED', 'literatureErrors.gaps.statementRequired');
    if (input.position !== undefined && (!Number.isInteger(input.position) || input.position < 0)) throw badRequest('INVALID_POSITION', 'literatureErrors.gaps.invalidPosition');
  }

  /** Replaces the sources that establish a gap; every one must be a source of the project. */
  private async setSources(changes: ChangeSet, projectId: string, gapId: string, sourceIds: string[]) {
    const unique = [...new Set(sourceIds)];
    const found = unique.length === 0 ? [] : await changes.db.selectFrom('literature_sources').select('id').where('project_id', '=', projectId).where('id', 'in', unique).execute();
    if (found.length !== unique.length) throw badRequest('UNKNOWN_SOURCE', 'literatureErrors.gaps.unknownSource');
    const current = await changes.db.selectFrom('gap_sources').selectAll().where('gap_id', '=', gapId).execute();
    for (const link of current) if (!unique.includes(link.source_id)) await changes.delete('gap_sources', link.id);
    for (const sourceId of unique) if (!current.some((l) => l.source_id === sourceId)) await changes.insert('gap_sources', { id: newId(), gap_id: gapId, source_id: sourceId });
  }

  create(projectId: string, actor: Actor, input: GapInput & { statement: string }) {
    this.checkFields(input);
    return this.db.transaction().execute(async (trx) => {
      const last = await trx.selectFrom('literature_gaps').select((eb) => eb.fn.max('position').as('p')).where('project_id', '=', projectId).executeTakeFirst();
      const now = nowIso();
      const row: GapRow = {
        id: newId(), project_id: projectId, statement: input.statement.trim(), focus: input.focus ?? 'other', scope: input.scope ?? 'international',
        status: input.status ?? 'open', notes: input.notes ?? '', position: input.position ?? Number(last?.p ?? -1) + 1,
        created_by: actor.userId, created_at: now, updated_at: now,
      };
      const changes = new ChangeSet(trx);
      await changes.insert('literature_gaps', row);
      if (input.sourceIds?.length) await this.setSources(changes, projectId, row.id, input.sourceIds);
      await changes.commit({ projectId, userId: actor.userId, type: 'literature_gap.created', entityType: 'literature_gap', entityId: row.id, after: { statement: row.statement } });
      return row.id;
    });
  }

  update(projectId: string, gapId: string, actor: Actor, input: GapInput) {
    this.checkFields(input);
    return this.db.transaction().execute(async (trx) => {
      const before = await this.find(trx, projectId, gapId);
      const patch: Partial<GapRow> = { updated_at: nowIso() };
      if (input.statement !== undefined) patch.statement = input.statement.trim();
      for (const key of ['focus', 'scope', 'status', 'notes', 'position'] as const) if (input[key] !== undefined) (patch as Record<string, unknown>)[key] = input[key];
      const changes = new ChangeSet(trx);
      await changes.update('literature_gaps', gapId, patch);
      if (input.sourceIds) await this.setSources(changes, projectId, gapId, input.sourceIds);
      await changes.commit({ projectId, userId: actor.userId, type: 'literature_gap.updated', entityType: 'literature_gap', entityId: gapId, before: { statement: before.statement, status: before.status }, after: { statement: patch.statement ?? before.statement, status: patch.status ?? before.status } });
    });
  }

  /** Puts the project's gaps in the given order (every gap of the project, each once), in one undoable action. */
  reorder(projectId: string, actor: Actor, gapIds: string[]) {
    return this.db.transaction().execute(async (trx) => {
      const gaps = await trx.selectFrom('literature_gaps').select(['id', 'position']).where('project_id', '=', projectId).execute();
      if (new Set(gapIds).size !== gapIds.length || gapIds.length !== gaps.length || !gaps.every((g) => gapIds.includes(g.id))) {
        throw badRequest('INVALID_ORDER', 'literatureErrors.gaps.invalidOrder');
      }
      const changes = new ChangeSet(trx);
      for (const [position, id] of gapIds.entries()) {
        if (gaps.find((g) => g.id === id)!.position !== position) await changes.update('literature_gaps', id, { position });
      }
      await changes.commit({ projectId, userId: actor.userId, type: 'literature_gap.reordered', entityType: 'literature_gap', entityId: null, after: { count: gapIds.length } });
    });
  }

  /** Deletes a gap with its source links, code links and their evidence (all undoable together). */
  delete(projectId: string, gapId: string, actor: Actor) {
    return this.db.transaction().execute(async (trx) => {
      const gap = await this.find(trx, projectId, gapId);
      const changes = new ChangeSet(trx);
      const links = await trx.selectFrom('gap_codes').select('id').where('gap_id', '=', gapId).execute();
      for (const link of links) await this.deleteLinkRows(changes, link.id);
      for (const s of await trx.selectFrom('gap_sources').select('id').where('gap_id', '=', gapId).execute()) await changes.delete('gap_sources', s.id);
      await changes.delete('literature_gaps', gapId);
      await changes.commit({ projectId, userId: actor.userId, type: 'literature_gap.deleted', entityType: 'literature_gap', entityId: gapId, before: { statement: gap.statement } });
    });
  }

  private async deleteLinkRows(changes: ChangeSet, linkId: string) {
    for (const e of await changes.db.selectFrom('gap_code_evidence').select('id').where('gap_code_id', '=', linkId).execute()) await changes.delete('gap_code_evidence', e.id);
    await changes.delete('gap_codes', linkId);
  }

  private async findLink(db: Db, projectId: string, gapId: string, linkId: string) {
    await this.find(db, projectId, gapId);
    const link = await db.selectFrom('gap_codes').selectAll().where('id', '=', linkId).where('gap_id', '=', gapId).executeTakeFirst();
    if (!link) throw notFound('codeLink');
    return link;
  }

  /** Maps a code to a gap (409 CODE_ALREADY_MAPPED when it is mapped already). */
  linkCode(projectId: string, gapId: string, actor: Actor, input: { codeId: string; relation: GapRelation; note?: string }) {
    return this.db.transaction().execute(async (trx) => {
      const gap = await this.find(trx, projectId, gapId);
      const code = await codesRepository.find(trx, projectId, input.codeId);
      if (!code) throw badRequest('UNKNOWN_CODE', 'literatureErrors.gaps.unknownCode');
      const existing = await trx.selectFrom('gap_codes').select('id').where('gap_id', '=', gapId).where('code_id', '=', input.codeId).executeTakeFirst();
      if (existing) throw conflict('CODE_ALREADY_MAPPED', 'literatureErrors.gaps.codeMapped', { code: code.name }, { linkId: existing.id });
      const now = nowIso();
      const row = { id: newId(), gap_id: gapId, code_id: code.id, relation: input.relation, note: input.note?.trim() ?? '', created_by: actor.userId, created_at: now, updated_at: now };
      const changes = new ChangeSet(trx);
      await changes.insert('gap_codes', row);
      await changes.commit({ projectId, userId: actor.userId, type: 'gap_code.created', entityType: 'gap_code', entityId: row.id, after: { gap: gap.statement, code: code.name, relation: row.relation } });
      return row.id;
    });
  }

  updateLink(projectId: string, gapId: string, linkId: string, actor: Actor, input: { relation?: GapRelation; note?: string }) {
    return this.db.transaction().execute(async (trx) => {
      const link = await this.findLink(trx, projectId, gapId, linkId);
      const patch: { updated_at: string; relation?: GapRelation; note?: string } = { updated_at: nowIso() };
      if (input.relation) patch.relation = input.relation;
      if (input.note !== undefined) patch.note = input.note.trim();
      const changes = new ChangeSet(trx);
      await changes.update('gap_codes', linkId, patch);
      await changes.commit({ projectId, userId: actor.userId, type: 'gap_code.updated', entityType: 'gap_code', entityId: linkId, before: { relation: link.relation }, after: { relation: patch.relation ?? link.relation } });
    });
  }

  unlinkCode(projectId: string, gapId: string, linkId: string, actor: Actor) {
    return this.db.transaction().execute(async (trx) => {
      const link = await this.findLink(trx, projectId, gapId, linkId);
      const changes = new ChangeSet(trx);
      await this.deleteLinkRows(changes, linkId);
      await changes.commit({ projectId, userId: actor.userId, type: 'gap_code.deleted', entityType: 'gap_code', entityId: linkId, before: { codeId: link.code_id, relation: link.relation } });
    });
  }

  /**
   * Chooses a passage as evidence for a code link. The segment must be in the project; when it is not coded
   * with the linked code (or a sub-code) it is still added, `codedWithLink` is false and `warning` says so
   * in `tr`'s language.
   */
  addEvidence(projectId: string, gapId: string, linkId: string, actor: Actor, input: { segmentId: string; note?: string }, tr: Translator = translator('en')) {
    return this.db.transaction().execute(async (trx) => {
      const link = await this.findLink(trx, projectId, gapId, linkId);
      const segment = await trx.selectFrom('segments').innerJoin('documents', 'documents.id', 'segments.document_id').select(['segments.id'])
        .where('segments.id', '=', input.segmentId).where('documents.project_id', '=', projectId).executeTakeFirst();
      if (!segment) throw badRequest('UNKNOWN_SEGMENT', 'literatureErrors.unknownSegment');
      const duplicate = await trx.selectFrom('gap_code_evidence').select('id').where('gap_code_id', '=', linkId).where('segment_id', '=', input.segmentId).executeTakeFirst();
      if (duplicate) throw conflict('EVIDENCE_EXISTS', 'literatureErrors.gaps.evidenceExists', undefined, { evidenceId: duplicate.id });
      const codeIds = subtreeIds(await codesRepository.list(trx, projectId), link.code_id);
      const coded = await trx.selectFrom('codings').select('id').where('segment_id', '=', input.segmentId).where('code_id', 'in', codeIds).executeTakeFirst();
      const row = { id: newId(), gap_code_id: linkId, segment_id: input.segmentId, note: input.note?.trim() ?? '', created_by: actor.userId, created_at: nowIso() };
      const changes = new ChangeSet(trx);
      await changes.insert('gap_code_evidence', row);
      await changes.commit({ projectId, userId: actor.userId, type: 'gap_evidence.added', entityType: 'gap_code_evidence', entityId: row.id, after: { gapId, linkId, segmentId: row.segment_id } });
      return {
        id: row.id, segmentId: row.segment_id, note: row.note, codedWithLink: Boolean(coded),
        warning: coded ? null : tr.t('literatureErrors.gaps.notCoded'),
      };
    });
  }

  removeEvidence(projectId: string, gapId: string, linkId: string, evidenceId: string, actor: Actor) {
    return this.db.transaction().execute(async (trx) => {
      await this.findLink(trx, projectId, gapId, linkId);
      const row = await trx.selectFrom('gap_code_evidence').selectAll().where('id', '=', evidenceId).where('gap_code_id', '=', linkId).executeTakeFirst();
      if (!row) throw notFound('evidencePassage');
      const changes = new ChangeSet(trx);
      await changes.delete('gap_code_evidence', evidenceId);
      await changes.commit({ projectId, userId: actor.userId, type: 'gap_evidence.removed', entityType: 'gap_code_evidence', entityId: evidenceId, before: { gapId, linkId, segmentId: row.segment_id } });
    });
  }
}
