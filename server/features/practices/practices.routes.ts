import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { badRequest } from '../../errors';
import { actorOf } from '../../plugins/access';
import { memoTranslator } from '../../i18n/memo-translator';
import { requestTranslator } from '../../i18n/translator';
import { errorResponses } from '../../shared/schema-helpers';
import { withTimeLimit } from '../../shared/time-limit';
import { ProjectParams } from '../projects/projects.schemas';
import { tableCsv, tableXlsx, XLSX_TYPE } from '../retrieval/table-export';
import { PRACTICE_COLUMNS, practiceColumns, practiceRow } from './practice-columns';
import { importPractices } from './practice-import';
import { practiceLinksRoutes } from './practice-links.routes';
import { CreatePracticeBody, ImportReportSchema, PracticeListQuery, PracticeParams, PracticeSchema, UpdatePracticeBody } from './practices.schemas';
import { readSheet } from './sheet-reader';

const tags = ['practices'];
const Format = Type.Object({ projectId: Type.String(), format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]) });
const CSV_TYPE = 'text/csv; charset=utf-8';

/** The uploaded spreadsheet (multipart, any file field) with its name. */
async function readUpload(request: FastifyRequest): Promise<{ fileName: string; bytes: Buffer }> {
  if (!request.isMultipart()) throw badRequest('NOT_MULTIPART', 'literatureErrors.practices.notMultipart');
  const file = await request.file();
  if (!file) throw badRequest('NO_FILES', 'literatureErrors.practices.noFile');
  const bytes = await file.toBuffer();
  if (file.file.truncated) throw badRequest('FILE_TOO_LARGE', 'literatureErrors.practices.fileTooLarge');
  return { fileName: file.filename, bytes };
}

/**
 * Practice records: `/api/projects/:projectId/practices…` — list with filters, create, read,
 * edit, delete; import from CSV/.xlsx, export and an empty template; themes, evidence and sources.
 */
export const practicesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.services.practices;

  app.get('/api/projects/:projectId/practices', {
    config: { access: { project: 'viewer' } },
    schema: {
      tags, params: ProjectParams, querystring: PracticeListQuery, summary: "The project's practice records by name, filtered by crime type, region, rating (or `unrated`), evaluation status and words",
      response: { 200: Type.Object({ practices: Type.Array(PracticeSchema) }), ...errorResponses },
    },
  }, async (request) => ({ practices: await service.list(request.params.projectId, request.query) }));

  app.post('/api/projects/:projectId/practices', {
    config: { access: { project: 'coder' } },
    schema: {
      tags, params: ProjectParams, body: CreatePracticeBody,
      summary: 'Create a practice record (400 INVALID_PRACTICE with details.problems; 409 PRACTICE_EXISTS for the same name and municipality)',
      response: { 201: PracticeSchema, ...errorResponses, 409: Type.Ref('Error') },
    },
  }, async (request, reply) => reply.status(201).send(await service.create(request.params.projectId, actorOf(request), request.body, requestTranslator(request))));

  app.get('/api/projects/:projectId/practices/import-columns', {
    config: { access: { project: 'viewer' } },
    schema: {
      tags, params: ProjectParams, summary: 'The import/export columns: English header and the Dutch and French headers also accepted',
      response: { 200: Type.Object({ columns: Type.Array(Type.Object({ key: Type.String(), header: Type.String(), aliases: Type.Array(Type.String()) })) }), ...errorResponses },
    },
  }, async () => ({ columns: PRACTICE_COLUMNS.map((c) => ({ key: c.key, header: c.header, aliases: c.aliases })) }));

  app.post('/api/projects/:projectId/practices/import', {
    config: { access: { project: 'coder' } },
    schema: {
      tags, params: ProjectParams, consumes: ['multipart/form-data'],
      summary: 'Import records from a CSV or .xlsx file (one row a record; name + municipality matching an existing record updates it)',
      description: 'All or nothing: when any row has a problem nothing is written and the answer is 400 IMPORT_INVALID with `details.problems` = [{ row, column, value, message }] (row numbers as in the spreadsheet, the header being row 1).',
      response: { 200: ImportReportSchema, ...errorResponses },
    },
  }, async (request) => {
    const { fileName, bytes } = await readUpload(request);
    const sheet = await withTimeLimit(() => readSheet(fileName, bytes), app.config.importTimeLimitMs, 'spreadsheet');
    return importPractices(app.db, service, request.params.projectId, actorOf(request).userId, sheet, requestTranslator(request));
  });

  app.get('/api/projects/:projectId/practices/export.:format', {
    config: { access: { project: 'viewer' } },
    schema: { tags, params: Format, querystring: PracticeListQuery, summary: 'The (filtered) records as CSV or .xlsx, with exactly the import columns, headed (and valued) in the user\'s language' },
  }, async (request, reply) => {
    const tr = memoTranslator(requestTranslator(request));
    const rows = (await service.list(request.params.projectId, request.query)).map((p) => practiceRow(p, tr));
    const name = `practice-records.${request.params.format}`;
    reply.header('content-disposition', `attachment; filename="${name}"`);
    if (request.params.format === 'csv') return reply.header('content-type', CSV_TYPE).send(tableCsv(practiceColumns(tr), rows));
    return reply.header('content-type', XLSX_TYPE).send(await tableXlsx(tr.t('practices.sheet'), practiceColumns(tr), rows));
  });

  app.get('/api/projects/:projectId/practices/template.:format', {
    config: { access: { project: 'viewer' } },
    schema: { tags, params: Format, summary: 'An empty import sheet (the header row only), as CSV or .xlsx' },
  }, async (request, reply) => {
    const tr = requestTranslator(request);
    const name = `practice-records-template.${request.params.format}`;
    reply.header('content-disposition', `attachment; filename="${name}"`);
    if (request.params.format === 'csv') return reply.header('content-type', CSV_TYPE).send(tableCsv(practiceColumns(tr), []));
    return reply.header('content-type', XLSX_TYPE).send(await tableXlsx(tr.t('practices.sheet'), practiceColumns(tr), []));
  });

  app.get('/api/projects/:projectId/practices/:practiceId', {
    config: { access: { project: 'viewer' } },
    schema: { tags, params: PracticeParams, summary: 'One practice record', response: { 200: PracticeSchema, ...errorResponses } },
  }, async (request) => service.get(request.params.projectId, request.params.practiceId));

  app.patch('/api/projects/:projectId/practices/:practiceId', {
    config: { access: { project: 'coder' } },
    schema: {
      tags, params: PracticeParams, body: UpdatePracticeBody, summary: 'Change fields of a practice record (the whole record must still meet the rules)',
      response: { 200: PracticeSchema, ...errorResponses, 409: Type.Ref('Error') },
    },
  }, async (request) => service.update(request.params.projectId, request.params.practiceId, actorOf(request), request.body, requestTranslator(request)));

  app.delete('/api/projects/:projectId/practices/:practiceId', {
    config: { access: { project: 'coder' } },
    schema: { tags, params: PracticeParams, summary: 'Delete a practice record with its themes, evidence links, source links and assessments', response: { 204: Type.Null(), ...errorResponses } },
  }, async (request, reply) => {
    await service.delete(request.params.projectId, request.params.practiceId, actorOf(request));
    return reply.status(204).send(null);
  });

  await app.register(practiceLinksRoutes);
};
