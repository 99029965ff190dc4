import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requestTranslator, type Translator } from '../../i18n/translator';
import { actorOf } from '../../plugins/access';
import { errorResponses } from '../../shared/schema-helpers';
import { exportablePassages, exportPolicy } from '../consent/export-policy';
import { ProjectParams } from '../projects/projects.schemas';
import { valueLabels } from '../retrieval/export-labels';
import { type ExportColumn, type ExportRow, attachment, tableCsv, tableXlsx, XLSX_TYPE } from '../retrieval/table-export';
import type { QueryResult } from './queries.service';
import { QueryParams, QueryResultSchema, RunQueryBody, SavedQuerySchema, SaveQueryBody, UpdateQueryBody } from './queries.schemas';

const tags = ['queries'];

const LANGUAGE = 'Codes in [brackets], by name or path (`[Parent > Child]`), `+` for sub-codes (`[Code]+`); operators, tightest first: '
  + 'NOT (passages of the left side overlapping nothing on the right); AND (overlapping), AND NOT, AND/TURN (same speaker turn), NEAR/n (at most n words apart); OR. '
  + 'Parentheses group. 400 QUERY_SYNTAX, UNKNOWN_CODE or AMBIGUOUS_CODE carry `details.position` (0-based offset in the expression).';

/** The columns of a query download, headed in the reader's language. */
const columnsOf = ({ t }: Translator): ExportColumn[] => [
  { header: t('tables.columns.document'), width: 28 }, { header: t('tables.columns.speaker'), width: 18 }, { header: t('tables.columns.speakerRole'), width: 12 },
  { header: t('tables.columns.codes'), width: 30 }, { header: t('tables.columns.contextBefore'), width: 40, wrap: true }, { header: t('tables.columns.passage'), width: 60, wrap: true },
  { header: t('tables.columns.contextAfter'), width: 40, wrap: true }, { header: t('tables.columns.start'), width: 8 }, { header: t('tables.columns.end'), width: 8 },
];

const rowsOf = (result: QueryResult, tr: Translator): ExportRow[] => {
  const label = valueLabels(tr);
  return result.passages.map((p) => [
    p.documentName, p.speaker ?? '', label('speakerRole', p.speakerRole), p.codes.map((c) => c.path).join('; '), p.contextBefore, p.text, p.contextAfter, p.start, p.end,
  ]);
};

/** Code queries: run an expression, keep it under a name, run it again, export its passages. */
export const queriesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.services.queries;

  app.post('/api/projects/:projectId/queries/run', {
    config: { access: { project: 'viewer' } },
    schema: {
      tags, params: ProjectParams, body: RunQueryBody, summary: 'Run a code query: the passages it finds, with context and speaker', description: LANGUAGE,
      response: { 200: QueryResultSchema, ...errorResponses },
    },
  }, async (request) => service.run(request.params.projectId, request.body.expression, request.body.filters ?? {}));

  app.get('/api/projects/:projectId/queries', {
    config: { access: { project: 'viewer' } },
    schema: { tags, params: ProjectParams, summary: "The project's saved queries, by name", response: { 200: Type.Object({ queries: Type.Array(SavedQuerySchema) }), ...errorResponses } },
  }, async (request) => ({ queries: await service.list(request.params.projectId) }));

  app.post('/api/projects/:projectId/queries', {
    config: { access: { project: 'coder' } },
    schema: {
      tags, params: ProjectParams, body: SaveQueryBody, summary: 'Save a query under a name (409 QUERY_NAME_TAKEN when the name is in use)', description: LANGUAGE,
      response: { 201: SavedQuerySchema, ...errorResponses, 409: Type.Ref('Error') },
    },
  }, async (request, reply) => reply.status(201).send(await service.create(request.params.projectId, actorOf(request), request.body)));

  app.patch('/api/projects/:projectId/queries/:queryId', {
    config: { access: { project: 'coder' } },
    schema: {
      tags, params: QueryParams, body: UpdateQueryBody, summary: 'Rename a saved query, change its expression or replace its filters',
      response: { 200: SavedQuerySchema, ...errorResponses, 409: Type.Ref('Error') },
    },
  }, async (request) => service.update(request.params.projectId, request.params.queryId, actorOf(request), request.body));

  app.delete('/api/projects/:projectId/queries/:queryId', {
    config: { access: { project: 'coder' } },
    schema: { tags, params: QueryParams, summary: 'Delete a saved query', response: { 204: Type.Null(), ...errorResponses } },
  }, async (request, reply) => {
    await service.delete(request.params.projectId, request.params.queryId, actorOf(request));
    return reply.status(204).send(null);
  });

  app.post('/api/projects/:projectId/queries/:queryId/run', {
    config: { access: { project: 'viewer' } },
    schema: { tags, params: QueryParams, summary: 'Run a saved query with its filters', response: { 200: QueryResultSchema, ...errorResponses } },
  }, async (request) => (await service.runSaved(request.params.projectId, request.params.queryId)).result);

  app.get('/api/projects/:projectId/queries/:queryId/results.csv', {
    config: { access: { project: 'viewer' } },
    schema: { tags, params: QueryParams, summary: "A saved query's passages as CSV" },
  }, async (request, reply) => {
    const { saved, result } = await service.runSaved(request.params.projectId, request.params.queryId);
    const passages = exportablePassages(result.passages, await exportPolicy(app.db, request.params.projectId, requestTranslator(request)));
    const tr = requestTranslator(request);
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', attachment(saved.name, 'csv', 'query'))
      .send(tableCsv(columnsOf(tr), rowsOf({ ...result, passages }, tr)));
  });

  app.get('/api/projects/:projectId/queries/:queryId/results.xlsx', {
    config: { access: { project: 'viewer' } },
    schema: { tags, params: QueryParams, summary: "A saved query's passages as an Excel workbook (.xlsx)" },
  }, async (request, reply) => {
    const { saved, result } = await service.runSaved(request.params.projectId, request.params.queryId);
    const passages = exportablePassages(result.passages, await exportPolicy(app.db, request.params.projectId, requestTranslator(request)));
    const tr = requestTranslator(request);
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(saved.name, 'xlsx', 'query'))
      .send(await tableXlsx(saved.name, columnsOf(tr), rowsOf({ ...result, passages }, tr)));
  });
};
