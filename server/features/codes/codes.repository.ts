import type { Kysely } from 'kysely';
import { precompiled } from '../../db/precompiled';
import type { CodeRow, Database } from '../../db/schema';

type Db = Kysely<Database>;

// Applying a code checks its code here on every request: compiled once (db/precompiled.ts).
const codeInProject = precompiled((db, p: { projectId: string; id: string }) =>
  db.selectFrom('codes').selectAll().where('project_id', '=', p.projectId).where('id', '=', p.id));

/** The codebook: codes as an adjacency list, with coding counts. */
export const codesRepository = {
  list: (db: Db, projectId: string) =>
    db.selectFrom('codes').selectAll().where('project_id', '=', projectId).orderBy('position').orderBy('name').execute(),

  find: (db: Db, projectId: string, id: string) => codeInProject.executeTakeFirst(db, { projectId, id }),

  findMany: (db: Db, projectId: string, ids: string[]): Promise<CodeRow[]> => {
    if (ids.length === 0) return Promise.resolve([]);
    if (ids.length === 1) return codeInProject.execute(db, { projectId, id: ids[0]! });
    return db.selectFrom('codes').selectAll().where('project_id', '=', projectId).where('id', 'in', ids).execute();
  },

  siblings: (db: Db, projectId: string, parentId: string | null) => {
    const query = db.selectFrom('codes').selectAll().where('project_id', '=', projectId);
    return (parentId === null ? query.where('parent_id', 'is', null) : query.where('parent_id', '=', parentId)).orderBy('position').execute();
  },

  async countInProject(db: Db, projectId: string): Promise<number> {
    const row = await db.selectFrom('codes').select((eb) => eb.fn.countAll<number>().as('n')).where('project_id', '=', projectId).executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** Codings and coded documents per code (anchored and orphaned segments alike). */
  counts: (db: Db, projectId: string) =>
    db
      .selectFrom('codings')
      .innerJoin('codes', 'codes.id', 'codings.code_id')
      .innerJoin('segments', 'segments.id', 'codings.segment_id')
      .select((eb) => [
        'codings.code_id',
        eb.fn.countAll<number>().as('codings'),
        eb.fn.count<number>('segments.document_id').distinct().as('documents'),
      ])
      .where('codes.project_id', '=', projectId)
      .groupBy('codings.code_id')
      .execute(),

  codingsOf: (db: Db, codeIds: string[]) =>
    codeIds.length === 0 ? Promise.resolve([]) : db.selectFrom('codings').selectAll().where('code_id', 'in', codeIds).execute(),

  memoLinksOf: (db: Db, codeIds: string[]) =>
    codeIds.length === 0 ? Promise.resolve([]) : db.selectFrom('memo_codes').selectAll().where('code_id', 'in', codeIds).execute(),

  memosOn: (db: Db, projectId: string, codeIds: string[]) =>
    codeIds.length === 0
      ? Promise.resolve([])
      : db.selectFrom('memos').selectAll().where('project_id', '=', projectId).where('target_type', '=', 'code').where('target_id', 'in', codeIds).execute(),
};

/** Ids of `rootId` and every code below it, given the project's codes. */
export function subtreeIds(codes: Pick<CodeRow, 'id' | 'parent_id'>[], rootId: string): string[] {
  const children = new Map<string | null, string[]>();
  for (const c of codes) children.set(c.parent_id, [...(children.get(c.parent_id) ?? []), c.id]);
  const out: string[] = [];
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop()!;
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

/** `Parent > Child > Code` paths for every code id. */
export function codePaths(codes: Pick<CodeRow, 'id' | 'parent_id' | 'name'>[]): Map<string, string[]> {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const paths = new Map<string, string[]>();
  const pathOf = (id: string, seen = new Set<string>()): string[] => {
    const cached = paths.get(id);
    if (cached) return cached;
    const code = byId.get(id)!;
    const path = code.parent_id && byId.has(code.parent_id) && !seen.has(code.parent_id)
      ? [...pathOf(code.parent_id, new Set([...seen, id])), code.name]
      : [code.name];
    paths.set(id, path);
    return path;
  };
  for (const c of codes) pathOf(c.id);
  return paths;
}
