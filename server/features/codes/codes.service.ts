import type { Kysely } from 'kysely';
import type { CodeRow, Database } from '../../db/schema';
import { badRequest, conflict, notFound } from '../../errors';
import { COLOR_PATTERN, paletteColor } from '../../shared/code-colors';
import { newId, nowIso } from '../../shared/ids';
import { ChangeSet } from '../history/change-set';
import { codesRepository, subtreeIds } from './codes.repository';
import { deleteSegmentIfEmpty } from './segment-cleanup';

type Db = Kysely<Database>;

export interface CodeFields {
  name?: string;
  color?: string;
  definition?: string;
  inclusion?: string;
  exclusion?: string;
  example?: string;
  archived?: boolean;
}

const same = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/** The codebook's rules: unique names among siblings, no cycles, merges that collapse duplicates. */
export class CodesService {
  constructor(private readonly db: Db) {}

  private async assertUniqueName(db: Db, projectId: string, parentId: string | null, name: string, exceptId?: string) {
    const clash = (await codesRepository.siblings(db, projectId, parentId)).find((c) => c.id !== exceptId && same(c.name, name));
    if (clash) throw conflict('CODE_NAME_TAKEN', 'projectErrors.codeNameTaken', { name: clash.name });
  }

  private checkFields(fields: CodeFields) {
    if (fields.name !== undefined && !fields.name.trim()) throw badRequest('INVALID_NAME', 'projectErrors.codeNameRequired');
    if (fields.color !== undefined && !COLOR_PATTERN.test(fields.color)) throw badRequest('INVALID_COLOR', 'projectErrors.codeColour');
  }

  /** Creates a code inside an open change set (so callers can group it with other changes). */
  async createIn(changes: ChangeSet, projectId: string, userId: string, input: CodeFields & { name: string; parentId?: string | null }): Promise<CodeRow> {
    this.checkFields(input);
    const db = changes.db;
    const parentId = input.parentId ?? null;
    if (parentId && !(await codesRepository.find(db, projectId, parentId))) throw notFound('parentCode');
    await this.assertUniqueName(db, projectId, parentId, input.name);
    const siblings = await codesRepository.siblings(db, projectId, parentId);
    const now = nowIso();
    const row: CodeRow = {
      id: newId(), project_id: projectId, parent_id: parentId, name: input.name.trim(),
      color: input.color ?? paletteColor(await codesRepository.countInProject(db, projectId)),
      definition: input.definition ?? '', inclusion: input.inclusion ?? '', exclusion: input.exclusion ?? '', example: input.example ?? '',
      position: siblings.length === 0 ? 0 : Math.max(...siblings.map((s) => s.position)) + 1,
      archived: input.archived ? 1 : 0, created_by: userId, created_at: now, updated_at: now,
    };
    await changes.insert('codes', row);
    return row;
  }

  create(projectId: string, userId: string, input: CodeFields & { name: string; parentId?: string | null }) {
    return this.db.transaction().execute(async (trx) => {
      const changes = new ChangeSet(trx);
      const row = await this.createIn(changes, projectId, userId, input);
      await changes.commit({ projectId, userId, type: 'code.created', entityType: 'code', entityId: row.id, after: { name: row.name, parentId: row.parent_id, color: row.color } });
      return row;
    });
  }

  update(projectId: string, userId: string, id: string, fields: CodeFields) {
    this.checkFields(fields);
    return this.db.transaction().execute(async (trx) => {
      const before = await codesRepository.find(trx, projectId, id);
      if (!before) throw notFound('code');
      if (fields.name !== undefined && fields.name.trim() !== before.name) await this.assertUniqueName(trx, projectId, before.parent_id, fields.name, id);
      const patch: Partial<CodeRow> = { updated_at: nowIso() };
      for (const key of ['color', 'definition', 'inclusion', 'exclusion', 'example'] as const) if (fields[key] !== undefined) patch[key] = fields[key]!;
      if (fields.name !== undefined) patch.name = fields.name.trim();
      if (fields.archived !== undefined) patch.archived = fields.archived ? 1 : 0;
      const changes = new ChangeSet(trx);
      const after = (await changes.update('codes', id, patch)) as unknown as CodeRow;
      const type = fields.archived !== undefined && Object.keys(fields).length === 1 ? (fields.archived ? 'code.archived' : 'code.unarchived') : 'code.updated';
      await changes.commit({ projectId, userId, type, entityType: 'code', entityId: id, before: { name: before.name, color: before.color }, after: { name: after.name, color: after.color, ...fields } });
      return after;
    });
  }

  /** Moves a code under `parentId` (null: top level) at `position` among its new siblings. */
  move(projectId: string, userId: string, id: string, parentId: string | null, position?: number) {
    return this.db.transaction().execute(async (trx) => {
      const code = await codesRepository.find(trx, projectId, id);
      if (!code) throw notFound('code');
      if (parentId) {
        if (!(await codesRepository.find(trx, projectId, parentId))) throw notFound('parentCode');
        if (subtreeIds(await codesRepository.list(trx, projectId), id).includes(parentId)) {
          throw conflict('CODE_CYCLE', 'projectErrors.codeMoveCycle');
        }
      }
      if (parentId !== code.parent_id) await this.assertUniqueName(trx, projectId, parentId, code.name, id);
      const siblings = (await codesRepository.siblings(trx, projectId, parentId)).filter((s) => s.id !== id);
      const at = Math.max(0, Math.min(position ?? siblings.length, siblings.length));
      const ordered = [...siblings.slice(0, at), code, ...siblings.slice(at)];
      const changes = new ChangeSet(trx);
      for (const [index, sibling] of ordered.entries()) {
        const patch: Partial<CodeRow> = {};
        if (sibling.position !== index) patch.position = index;
        if (sibling.id === id && code.parent_id !== parentId) patch.parent_id = parentId;
        if (Object.keys(patch).length) await changes.update('codes', sibling.id, { ...patch, updated_at: nowIso() });
      }
      await changes.commit({ projectId, userId, type: 'code.moved', entityType: 'code', entityId: id, before: { parentId: code.parent_id, position: code.position }, after: { name: code.name, parentId, position: at } });
    });
  }

  /** Everything that deleting `id` (with its sub-codes) would remove. */
  async deleteImpact(projectId: string, id: string) {
    const codes = await codesRepository.list(this.db, projectId);
    if (!codes.some((c) => c.id === id)) throw notFound('code');
    const ids = subtreeIds(codes, id);
    const codings = await codesRepository.codingsOf(this.db, ids);
    return { codes: ids.length, codings: codings.length, segments: new Set(codings.map((c) => c.segment_id)).size };
  }

  /** Deletes a code and its sub-codes with their codings (segments left without codes go too). */
  delete(projectId: string, userId: string, id: string) {
    return this.db.transaction().execute(async (trx) => {
      const codes = await codesRepository.list(trx, projectId);
      const code = codes.find((c) => c.id === id);
      if (!code) throw notFound('code');
      const ids = subtreeIds(codes, id);
      const changes = new ChangeSet(trx);
      const codings = await codesRepository.codingsOf(trx, ids);
      for (const coding of codings) await changes.delete('codings', coding.id);
      for (const link of await codesRepository.memoLinksOf(trx, ids)) await changes.delete('memo_codes', link.id);
      for (const memo of await codesRepository.memosOn(trx, projectId, ids)) await changes.delete('memos', memo.id);
      for (const segmentId of new Set(codings.map((c) => c.segment_id))) await deleteSegmentIfEmpty(changes, segmentId);
      for (const codeId of [...ids].reverse()) await changes.delete('codes', codeId);
      await changes.commit({ projectId, userId, type: 'code.deleted', entityType: 'code', entityId: id, before: { name: code.name, codes: ids.length, codings: codings.length } });
      return { codes: ids.length, codings: codings.length };
    });
  }

  /**
   * Merges `sourceId` into `targetId`: its codings move to the target (a passage coded with both
   * keeps one coding), its sub-codes move under the target (merging into same-named ones), its
   * memo links follow, and the source is deleted.
   */
  merge(projectId: string, userId: string, sourceId: string, targetId: string) {
    return this.db.transaction().execute(async (trx) => {
      const codes = await codesRepository.list(trx, projectId);
      const source = codes.find((c) => c.id === sourceId);
      const target = codes.find((c) => c.id === targetId);
      if (!source || !target) throw notFound('code');
      if (subtreeIds(codes, sourceId).includes(targetId)) throw conflict('CODE_CYCLE', 'projectErrors.codeMergeCycle');
      const changes = new ChangeSet(trx);
      const stats = { moved: 0, collapsed: 0 };
      await this.mergeInto(changes, projectId, source, target, stats);
      await changes.commit({ projectId, userId, type: 'code.merged', entityType: 'code', entityId: targetId, before: { name: source.name }, after: { name: target.name, sourceName: source.name, ...stats } });
      return stats;
    });
  }

  private async mergeInto(changes: ChangeSet, projectId: string, source: CodeRow, target: CodeRow, stats: { moved: number; collapsed: number }) {
    const db = changes.db;
    const targetSegments = new Set((await codesRepository.codingsOf(db, [target.id])).map((c) => c.segment_id));
    for (const coding of await codesRepository.codingsOf(db, [source.id])) {
      if (targetSegments.has(coding.segment_id)) {
        await changes.delete('codings', coding.id);
        stats.collapsed += 1;
      } else {
        await changes.update('codings', coding.id, { code_id: target.id });
        targetSegments.add(coding.segment_id);
        stats.moved += 1;
      }
    }
    const targetLinks = new Set((await codesRepository.memoLinksOf(db, [target.id])).map((l) => l.memo_id));
    for (const link of await codesRepository.memoLinksOf(db, [source.id])) {
      if (targetLinks.has(link.memo_id)) await changes.delete('memo_codes', link.id);
      else await changes.update('memo_codes', link.id, { code_id: target.id });
    }
    for (const memo of await codesRepository.memosOn(db, projectId, [source.id])) await changes.update('memos', memo.id, { target_id: target.id });
    const targetChildren = await codesRepository.siblings(db, projectId, target.id);
    let next = targetChildren.length === 0 ? 0 : Math.max(...targetChildren.map((c) => c.position)) + 1;
    for (const child of await codesRepository.siblings(db, projectId, source.id)) {
      const twin = targetChildren.find((c) => same(c.name, child.name));
      if (twin) await this.mergeInto(changes, projectId, child, twin, stats);
      else await changes.update('codes', child.id, { parent_id: target.id, position: next++, updated_at: nowIso() });
    }
    await changes.delete('codes', source.id);
  }
}
