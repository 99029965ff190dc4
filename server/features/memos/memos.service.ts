import type { Kysely } from 'kysely';
import type { Database, MemoRow, MemoTarget } from '../../db/schema';
import { badRequest, forbidden, notFound } from '../../errors';
import { newId, nowIso } from '../../shared/ids';
import { roleAtLeast } from '../../shared/roles';
import { codesRepository } from '../codes/codes.repository';
import { deleteSegmentIfEmpty } from '../codes/segment-cleanup';
import { ChangeSet } from '../history/change-set';
import type { Actor } from '../segments/segments.service';

type Db = Kysely<Database>;

export interface MemoInput {
  targetType: MemoTarget;
  targetId?: string | null;
  title?: string;
  body: string;
  codeIds?: string[];
}

/** Checks that a memo's target exists in the project. */
async function assertTarget(db: Db, projectId: string, type: MemoTarget, id: string | null) {
  if (type === 'project') {
    if (id !== null && id !== projectId) throw badRequest('INVALID_TARGET', 'projectErrors.memoProjectTarget');
    return;
  }
  if (!id) throw badRequest('INVALID_TARGET', `projectErrors.memoTargetIdRequired.${type}`);
  const found = type === 'document'
    ? await db.selectFrom('documents').select('id').where('id', '=', id).where('project_id', '=', projectId).executeTakeFirst()
    : type === 'code'
      ? await db.selectFrom('codes').select('id').where('id', '=', id).where('project_id', '=', projectId).executeTakeFirst()
      : await db.selectFrom('segments').innerJoin('documents', 'documents.id', 'segments.document_id').select('segments.id')
          .where('segments.id', '=', id).where('documents.project_id', '=', projectId).executeTakeFirst();
  if (!found) throw notFound(type);
}

/** Memos on the project, a document, a code or a segment; Markdown text; linked to codes. */
export class MemosService {
  constructor(private readonly db: Db) {}

  private async setLinks(changes: ChangeSet, projectId: string, memoId: string, codeIds: string[]) {
    const unique = [...new Set(codeIds)];
    if ((await codesRepository.findMany(changes.db, projectId, unique)).length !== unique.length) {
      throw badRequest('UNKNOWN_CODE', 'projectErrors.memoUnknownCode');
    }
    const current = await changes.db.selectFrom('memo_codes').selectAll().where('memo_id', '=', memoId).execute();
    for (const link of current) if (!unique.includes(link.code_id)) await changes.delete('memo_codes', link.id);
    for (const codeId of unique) if (!current.some((l) => l.code_id === codeId)) await changes.insert('memo_codes', { id: newId(), memo_id: memoId, code_id: codeId });
  }

  create(projectId: string, actor: Actor, input: MemoInput) {
    return this.db.transaction().execute(async (trx) => {
      const targetId = input.targetType === 'project' ? projectId : input.targetId ?? null;
      await assertTarget(trx, projectId, input.targetType, targetId);
      if (!input.body.trim()) throw badRequest('EMPTY_MEMO', 'projectErrors.memoEmpty');
      const now = nowIso();
      const row: MemoRow = { id: newId(), project_id: projectId, author_id: actor.userId, target_type: input.targetType, target_id: targetId, title: input.title?.trim() ?? '', body: input.body, created_at: now, updated_at: now };
      const changes = new ChangeSet(trx);
      await changes.insert('memos', row);
      if (input.codeIds?.length) await this.setLinks(changes, projectId, row.id, input.codeIds);
      await changes.commit({ projectId, userId: actor.userId, type: 'memo.created', entityType: 'memo', entityId: row.id, after: { title: row.title, targetType: row.target_type, targetId } });
      return row.id;
    });
  }

  private async editable(db: Db, projectId: string, memoId: string, actor: Actor) {
    const memo = await db.selectFrom('memos').selectAll().where('id', '=', memoId).where('project_id', '=', projectId).executeTakeFirst();
    if (!memo) throw notFound('memo');
    if (memo.author_id !== actor.userId && !roleAtLeast(actor.role, 'lead')) throw forbidden('projectErrors.memoNotYours');
    return memo;
  }

  update(projectId: string, memoId: string, actor: Actor, input: { title?: string; body?: string; codeIds?: string[] }) {
    return this.db.transaction().execute(async (trx) => {
      const memo = await this.editable(trx, projectId, memoId, actor);
      if (input.body !== undefined && !input.body.trim()) throw badRequest('EMPTY_MEMO', 'projectErrors.memoEmptied');
      const changes = new ChangeSet(trx);
      const patch: Partial<MemoRow> = { updated_at: nowIso() };
      if (input.title !== undefined) patch.title = input.title.trim();
      if (input.body !== undefined) patch.body = input.body;
      await changes.update('memos', memoId, patch);
      if (input.codeIds) await this.setLinks(changes, projectId, memoId, input.codeIds);
      await changes.commit({ projectId, userId: actor.userId, type: 'memo.updated', entityType: 'memo', entityId: memoId, before: { title: memo.title }, after: { title: patch.title ?? memo.title, targetType: memo.target_type, targetId: memo.target_id } });
    });
  }

  delete(projectId: string, memoId: string, actor: Actor) {
    return this.db.transaction().execute(async (trx) => {
      const memo = await this.editable(trx, projectId, memoId, actor);
      const changes = new ChangeSet(trx);
      for (const link of await trx.selectFrom('memo_codes').select('id').where('memo_id', '=', memoId).execute()) await changes.delete('memo_codes', link.id);
      await changes.delete('memos', memoId);
      if (memo.target_type === 'segment' && memo.target_id) await deleteSegmentIfEmpty(changes, memo.target_id);
      await changes.commit({ projectId, userId: actor.userId, type: 'memo.deleted', entityType: 'memo', entityId: memoId, before: { title: memo.title, targetType: memo.target_type, targetId: memo.target_id } });
    });
  }

  async list(projectId: string, filter: { targetType?: MemoTarget; targetId?: string; codeId?: string; authorId?: string } = {}) {
    let query = this.db.selectFrom('memos').leftJoin('users', 'users.id', 'memos.author_id').selectAll('memos').select('users.name as author_name')
      .where('memos.project_id', '=', projectId);
    if (filter.targetType) query = query.where('memos.target_type', '=', filter.targetType);
    if (filter.targetId) query = query.where('memos.target_id', '=', filter.targetId);
    if (filter.authorId) query = query.where('memos.author_id', '=', filter.authorId);
    if (filter.codeId) {
      const codeId = filter.codeId;
      query = query.where((eb) => eb.or([
        eb.and([eb('memos.target_type', '=', 'code'), eb('memos.target_id', '=', codeId)]),
        eb.exists(eb.selectFrom('memo_codes').select('memo_codes.id').whereRef('memo_codes.memo_id', '=', 'memos.id').where('memo_codes.code_id', '=', codeId)),
      ]));
    }
    const memos = await query.orderBy('memos.updated_at', 'desc').execute();
    const links = memos.length === 0 ? [] : await this.db.selectFrom('memo_codes').selectAll().where('memo_id', 'in', memos.map((m) => m.id)).execute();
    return memos.map((m) => ({
      id: m.id, targetType: m.target_type, targetId: m.target_id, title: m.title, body: m.body, authorId: m.author_id, authorName: m.author_name,
      codeIds: links.filter((l) => l.memo_id === m.id).map((l) => l.code_id), createdAt: m.created_at, updatedAt: m.updated_at,
    }));
  }
}
