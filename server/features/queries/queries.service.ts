import type { Static } from 'typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { badRequest, conflict, notFound } from '../../errors';
import { newId, nowIso } from '../../shared/ids';
import { codePaths, codesRepository, subtreeIds } from '../codes/codes.repository';
import { eventsRepository } from '../events/events.repository';
import { contextAround, turnAt } from '../retrieval/passage-context';
import { allowedDocuments } from '../search/document-filter';
import type { Actor } from '../segments/segments.service';
import { evaluateQuery, type QuerySegment } from './evaluate';
import { queriesRepository } from './queries.repository';
import type { PassageSchema, QueryFiltersSchema, QueryResultSchema, SavedQuerySchema } from './queries.schemas';
import { codeRefs, foldName, parseQuery, resolveQuery, type ResolvedQuery } from './query-language';

type Db = Kysely<Database>;
export type QueryFilters = Static<typeof QueryFiltersSchema>;
export type QueryPassageView = Static<typeof PassageSchema>;
export type QueryResult = Static<typeof QueryResultSchema>;
export type SavedQuery = Static<typeof SavedQuerySchema>;

type SavedRow = Awaited<ReturnType<typeof queriesRepository.listSaved>>[number];

/** Whether any operation of the tree passes `test` (to load texts only for NEAR, turns only for AND/TURN). */
function uses(node: ResolvedQuery, test: (n: Exclude<ResolvedQuery, { type: 'code' }>) => boolean): boolean {
  return node.type !== 'code' && (test(node) || uses(node.left, test) || uses(node.right, test));
}

function checkFilters(filters: QueryFilters) {
  if (filters.attributeId && filters.attributeValue === undefined) {
    throw badRequest('INVALID_FILTER', 'projectErrors.queryFilterIncomplete');
  }
}

const savedView = (row: SavedRow): SavedQuery => ({
  id: row.id, name: row.name, expression: row.expression, filters: JSON.parse(row.filters) as QueryFilters,
  createdBy: row.created_by, createdAt: row.created_at, updatedAt: row.updated_at,
});

/**
 * Code queries: run an expression of the query language over a project's coded segments (see
 * `query-language.ts` and `evaluate.ts`), and keep queries under a name to run again.
 */
export class QueriesService {
  constructor(private readonly db: Db) {}

  /** Parses and resolves an expression against the project's codebook; 400 when it cannot. */
  async compile(projectId: string, expression: string, db: Db = this.db) {
    const codes = await codesRepository.list(db, projectId);
    const paths = codePaths(codes);
    const query = resolveQuery(parseQuery(expression), codes.map((c) => ({ id: c.id, path: paths.get(c.id)! })), (id) => subtreeIds(codes, id));
    return { query, paths, names: new Map(codes.map((c) => [c.id, c.name])) };
  }

  /**
   * Runs an expression: passages sorted by document name and start, each with its text, context,
   * speaker and the query's codes found on it.
   */
  async run(projectId: string, expression: string, filters: QueryFilters = {}): Promise<QueryResult> {
    checkFilters(filters);
    const { query, paths, names } = await this.compile(projectId, expression);
    const codeIds = [...new Set(codeRefs(query).flatMap((c) => c.codeIds))];
    let rows = await queriesRepository.codings(this.db, projectId, codeIds, filters.coderId);
    const { coderId: _coder, documentIds, ...documentFilter } = filters;
    let allowed = await allowedDocuments(this.db, projectId, documentFilter);
    if (documentIds) allowed = new Set(documentIds.filter((id) => !allowed || allowed.has(id)));
    if (allowed) rows = rows.filter((r) => allowed.has(r.document_id));

    const segments = new Map<string, QuerySegment & { codeIds: string[] }>();
    for (const r of rows) {
      const s = segments.get(r.id);
      if (s) s.codeIds.push(r.code_id);
      else segments.set(r.id, { id: r.id, documentId: r.document_id, start: r.start_offset, end: r.end_offset, codeIds: [r.code_id], coderId: r.created_by });
    }
    const near = uses(query, (n) => n.type === 'near');
    const sameTurn = uses(query, (n) => n.type === 'and' && n.mode === 'turn');
    const inPlay = [...new Set(rows.map((r) => r.document_id))];
    const documents = new Map((await queriesRepository.documents(this.db, near || sameTurn ? inPlay : [], near)).map((d) => [d.id, d]));
    const turns = sameTurn ? await this.turnsOf([...documents.values()]) : null;

    const passages = evaluateQuery(query, {
      segments: [...segments.values()],
      texts: near ? new Map([...documents.values()].map((d) => [d.id, d.text ?? ''])) : undefined,
      turns: new Map([...documents.values()].map((d) => [d.id, (turns?.get(d.current_revision_id) ?? []).map((t) => ({ start: t.start_offset, end: t.end_offset }))])),
    });

    const resultIds = [...new Set(passages.map((p) => p.documentId))];
    const missing = resultIds.filter((id) => documents.get(id)?.text === undefined);
    for (const d of await queriesRepository.documents(this.db, missing, true)) documents.set(d.id, d);
    const speakers = turns ?? await this.turnsOf(resultIds.map((id) => documents.get(id)!));

    const views = passages.map((p): QueryPassageView => {
      const document = documents.get(p.documentId)!;
      const text = document.text ?? '';
      const turn = turnAt(speakers.get(document.current_revision_id), p.start);
      const found = new Set(p.segmentIds.flatMap((id) => segments.get(id)?.codeIds ?? []));
      return {
        documentId: p.documentId, documentName: document.name, start: p.start, end: p.end, text: text.slice(p.start, p.end),
        ...contextAround(text, p.start, p.end), speaker: turn?.name ?? null, speakerRole: turn?.role ?? null,
        codes: codeIds.filter((id) => found.has(id)).map((codeId) => ({ codeId, name: names.get(codeId)!, path: paths.get(codeId)!.join(' > ') })),
        segmentIds: p.segmentIds,
      };
    });
    views.sort((a, b) => a.documentName.localeCompare(b.documentName) || a.documentId.localeCompare(b.documentId) || a.start - b.start || a.end - b.end);
    return { expression, passages: views, documents: resultIds.length };
  }

  private async turnsOf(documents: { current_revision_id: string | null }[]) {
    const revisionIds = documents.map((d) => d.current_revision_id).filter((id): id is string => !!id);
    const byRevision = new Map<string | null, Awaited<ReturnType<typeof queriesRepository.turns>>>();
    for (const t of await queriesRepository.turns(this.db, revisionIds)) {
      const list = byRevision.get(t.revision_id);
      if (list) list.push(t); else byRevision.set(t.revision_id, [t]);
    }
    return byRevision;
  }

  async list(projectId: string): Promise<SavedQuery[]> {
    return (await queriesRepository.listSaved(this.db, projectId)).map(savedView);
  }

  async get(projectId: string, queryId: string): Promise<SavedQuery> {
    const row = await queriesRepository.findSaved(this.db, projectId, queryId);
    if (!row) throw notFound('savedQuery');
    return savedView(row);
  }

  private async assertFreeName(db: Db, projectId: string, name: string, exceptId?: string) {
    const clash = (await queriesRepository.listSaved(db, projectId)).find((q) => q.id !== exceptId && foldName(q.name) === foldName(name));
    if (clash) throw conflict('QUERY_NAME_TAKEN', 'projectErrors.queryNameTaken', { name: clash.name });
  }

  /** Saves a query under a new name (the expression must parse and name existing codes). */
  create(projectId: string, actor: Actor, input: { name: string; expression: string; filters?: QueryFilters }): Promise<SavedQuery> {
    const name = input.name.trim();
    if (!name) throw badRequest('INVALID_NAME', 'projectErrors.queryNameRequired');
    checkFilters(input.filters ?? {});
    return this.db.transaction().execute(async (trx) => {
      await this.compile(projectId, input.expression, trx);
      await this.assertFreeName(trx, projectId, name);
      const now = nowIso();
      const row: SavedRow = { id: newId(), project_id: projectId, name, expression: input.expression, filters: JSON.stringify(input.filters ?? {}), created_by: actor.userId, created_at: now, updated_at: now };
      await trx.insertInto('saved_queries').values(row).execute();
      await eventsRepository.record(trx, { projectId, userId: actor.userId, type: 'query.saved', entityType: 'query', entityId: row.id, after: { name, expression: row.expression, filters: input.filters ?? {} } });
      return savedView(row);
    });
  }

  update(projectId: string, queryId: string, actor: Actor, input: { name?: string; expression?: string; filters?: QueryFilters }): Promise<SavedQuery> {
    const name = input.name?.trim();
    if (name === '') throw badRequest('INVALID_NAME', 'projectErrors.queryNameRequired');
    if (input.filters) checkFilters(input.filters);
    return this.db.transaction().execute(async (trx) => {
      const before = await queriesRepository.findSaved(trx, projectId, queryId);
      if (!before) throw notFound('savedQuery');
      if (input.expression !== undefined) await this.compile(projectId, input.expression, trx);
      if (name !== undefined && name !== before.name) await this.assertFreeName(trx, projectId, name, queryId);
      const after: SavedRow = {
        ...before, name: name ?? before.name, expression: input.expression ?? before.expression,
        filters: input.filters ? JSON.stringify(input.filters) : before.filters, updated_at: nowIso(),
      };
      await trx.updateTable('saved_queries').set({ name: after.name, expression: after.expression, filters: after.filters, updated_at: after.updated_at }).where('id', '=', queryId).execute();
      const summary = (r: SavedRow) => ({ name: r.name, expression: r.expression, filters: JSON.parse(r.filters) as QueryFilters });
      await eventsRepository.record(trx, { projectId, userId: actor.userId, type: 'query.updated', entityType: 'query', entityId: queryId, before: summary(before), after: summary(after) });
      return savedView(after);
    });
  }

  delete(projectId: string, queryId: string, actor: Actor): Promise<void> {
    return this.db.transaction().execute(async (trx) => {
      const row = await queriesRepository.findSaved(trx, projectId, queryId);
      if (!row) throw notFound('savedQuery');
      await trx.deleteFrom('saved_queries').where('id', '=', queryId).execute();
      await eventsRepository.record(trx, { projectId, userId: actor.userId, type: 'query.deleted', entityType: 'query', entityId: queryId, before: { name: row.name, expression: row.expression } });
    });
  }

  /** Runs a saved query with its stored filters. */
  async runSaved(projectId: string, queryId: string): Promise<{ saved: SavedQuery; result: QueryResult }> {
    const saved = await this.get(projectId, queryId);
    return { saved, result: await this.run(projectId, saved.expression, saved.filters) };
  }
}
