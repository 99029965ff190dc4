import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { badRequest, conflict, notFound } from '../../errors';
import type { Translator } from '../../i18n/translator';
import { newId, nowIso } from '../../shared/ids';
import { codesRepository } from '../codes/codes.repository';
import { ChangeSet } from '../history/change-set';
import type { Actor } from '../segments/segments.service';
import { assessmentRepository } from './assessment.repository';

type Db = Kysely<Database>;

/** A criterion as the API shows it. */
export interface Criterion {
  id: string; name: string; description: string; codeId: string | null; codeName: string | null; position: number; createdAt: string; updatedAt: string;
}

export interface CriterionInput { name: string; description?: string; codeId?: string | null }

const fold = (name: string) => name.trim().toLocaleLowerCase();
const taken = (name: string) => conflict('CRITERION_NAME_TAKEN', 'literatureErrors.criteria.nameTaken', { name: name.trim() });

/**
 * Assessment criteria of a project: unique names (case-insensitive), an optional code they derive
 * from, an order. Every change goes through a ChangeSet, so it is audited and undoable.
 */
export class CriteriaService {
  constructor(private readonly db: Db) {}

  /** The project's criteria in their order. */
  async list(projectId: string, db: Db = this.db): Promise<Criterion[]> {
    return (await assessmentRepository.criteria(db, projectId)).map((c) => ({
      id: c.id, name: c.name, description: c.description, codeId: c.code_id, codeName: c.code_name ?? null, position: c.position, createdAt: c.created_at, updatedAt: c.updated_at,
    }));
  }

  async get(projectId: string, id: string): Promise<Criterion> {
    const found = (await this.list(projectId)).find((c) => c.id === id);
    if (!found) throw notFound('criterion');
    return found;
  }

  private async checkCode(db: Db, projectId: string, codeId: string | null | undefined) {
    if (codeId && !(await codesRepository.find(db, projectId, codeId))) throw badRequest('UNKNOWN_CODE', 'literatureErrors.criteria.unknownDerivedCode');
  }

  private async checkName(db: Db, projectId: string, name: string, exceptId?: string) {
    if (!name.trim()) throw badRequest('EMPTY_NAME', 'literatureErrors.criteria.emptyName');
    const clash = (await assessmentRepository.criteria(db, projectId)).find((c) => fold(c.name) === fold(name) && c.id !== exceptId);
    if (clash) throw taken(name);
  }

  /** Adds a criterion at the end of the list; returns its id. */
  create(projectId: string, actor: Actor, input: CriterionInput): Promise<string> {
    return this.db.transaction().execute(async (trx) => {
      await this.checkName(trx, projectId, input.name);
      await this.checkCode(trx, projectId, input.codeId);
      const existing = await assessmentRepository.criteria(trx, projectId);
      const now = nowIso();
      const row = {
        id: newId(), project_id: projectId, name: input.name.trim(), description: input.description?.trim() ?? '', code_id: input.codeId ?? null,
        position: existing.reduce((max, c) => Math.max(max, c.position + 1), 0), created_by: actor.userId, created_at: now, updated_at: now,
      };
      const changes = new ChangeSet(trx);
      await changes.insert('assessment_criteria', row);
      await changes.commit({ projectId, userId: actor.userId, type: 'criterion.created', entityType: 'assessment_criterion', entityId: row.id, after: { name: row.name, codeId: row.code_id } });
      return row.id;
    });
  }

  /** Renames a criterion, changes its description or the code it derives from. */
  update(projectId: string, id: string, actor: Actor, input: Partial<CriterionInput>): Promise<void> {
    return this.db.transaction().execute(async (trx) => {
      const current = await assessmentRepository.criterion(trx, projectId, id);
      if (!current) throw notFound('criterion');
      if (input.name !== undefined) await this.checkName(trx, projectId, input.name, id);
      if (input.codeId !== undefined) await this.checkCode(trx, projectId, input.codeId);
      const patch = {
        updated_at: nowIso(),
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.description !== undefined ? { description: input.description.trim() } : {}),
        ...(input.codeId !== undefined ? { code_id: input.codeId } : {}),
      };
      const changes = new ChangeSet(trx);
      await changes.update('assessment_criteria', id, patch);
      await changes.commit({ projectId, userId: actor.userId, type: 'criterion.updated', entityType: 'assessment_criterion', entityId: id, before: { name: current.name }, after: { name: patch.name ?? current.name } });
    });
  }

  /** Deletes a criterion with its scores and their evidence (all in the one undoable action). */
  delete(projectId: string, id: string, actor: Actor): Promise<void> {
    return this.db.transaction().execute(async (trx) => {
      const current = await assessmentRepository.criterion(trx, projectId, id);
      if (!current) throw notFound('criterion');
      const changes = new ChangeSet(trx);
      const scores = await trx.selectFrom('assessments').select('id').where('criterion_id', '=', id).execute();
      for (const e of await assessmentRepository.evidence(trx, scores.map((s) => s.id))) await changes.delete('assessment_evidence', e.id);
      for (const s of scores) await changes.delete('assessments', s.id);
      await changes.delete('assessment_criteria', id);
      await changes.commit({ projectId, userId: actor.userId, type: 'criterion.deleted', entityType: 'assessment_criterion', entityId: id, before: { name: current.name, scores: scores.length } });
    });
  }

  /** Puts the criteria in the given order; the list must hold every criterion of the project once. */
  reorder(projectId: string, actor: Actor, ids: string[]): Promise<void> {
    return this.db.transaction().execute(async (trx) => {
      const current = await assessmentRepository.criteria(trx, projectId);
      const known = new Set(current.map((c) => c.id));
      if (new Set(ids).size !== ids.length || ids.length !== current.length || ids.some((i) => !known.has(i))) {
        throw badRequest('INVALID_ORDER', 'literatureErrors.criteria.invalidOrder');
      }
      const changes = new ChangeSet(trx);
      for (const [position, id] of ids.entries()) {
        if (current.find((c) => c.id === id)!.position !== position) await changes.update('assessment_criteria', id, { position, updated_at: nowIso() });
      }
      await changes.commit({ projectId, userId: actor.userId, type: 'criterion.reordered', entityType: 'assessment_criterion', entityId: null, after: { order: ids } });
    });
  }

  /**
   * Creates one criterion per chosen code (name and description from the code's name and definition),
   * skipping codes whose name is already a criterion (with the reason in `tr`'s language); one undoable action.
   */
  derive(projectId: string, actor: Actor, codeIds: string[], tr: Translator) {
    return this.db.transaction().execute(async (trx) => {
      const unique = [...new Set(codeIds)];
      const codes = await codesRepository.findMany(trx, projectId, unique);
      if (codes.length !== unique.length) throw badRequest('UNKNOWN_CODE', 'literatureErrors.criteria.unknownCodes');
      const existing = await assessmentRepository.criteria(trx, projectId);
      const names = new Set(existing.map((c) => fold(c.name)));
      let position = existing.reduce((max, c) => Math.max(max, c.position + 1), 0);
      const changes = new ChangeSet(trx);
      const createdIds: string[] = [];
      const skipped: { codeId: string; name: string; reason: string }[] = [];
      for (const codeId of unique) {
        const code = codes.find((c) => c.id === codeId)!;
        if (names.has(fold(code.name))) {
          skipped.push({ codeId, name: code.name, reason: tr.t('literatureErrors.criteria.skippedNameTaken') });
          continue;
        }
        names.add(fold(code.name));
        const now = nowIso();
        const row = { id: newId(), project_id: projectId, name: code.name.trim(), description: code.definition.trim(), code_id: code.id, position: position++, created_by: actor.userId, created_at: now, updated_at: now };
        await changes.insert('assessment_criteria', row);
        createdIds.push(row.id);
      }
      if (createdIds.length > 0) {
        await changes.commit({ projectId, userId: actor.userId, type: 'criterion.derived', entityType: 'assessment_criterion', entityId: null, after: { created: createdIds.length, codeIds: unique } });
      }
      const all = await this.list(projectId, trx);
      return { created: all.filter((c) => createdIds.includes(c.id)), skipped };
    });
  }
}
