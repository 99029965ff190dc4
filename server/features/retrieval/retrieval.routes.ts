import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requestTranslator, type Translator } from '../../i18n/translator';
import { errorResponses, Nullable } from '../../shared/schema-helpers';
import { codesRepository } from '../codes/codes.repository';
import { CodeParams } from '../codes/codes.schemas';
import { exportablePassages, exportPolicy } from '../consent/export-policy';
import { retrievalCsv, retrievalXlsx } from './retrieval-export';
import { type RetrievalFilter, retrieveCodedSegments } from './retrieval.service';
import { attachment, XLSX_TYPE } from './table-export';

const tags = ['coding'];

const FilterQuery = Type.Object({
  includeDescendants: Type.Optional(Type.Boolean({ default: false, description: 'Also segments coded with sub-codes' })),
  coderId: Type.Optional(Type.String()),
  respondentGroup: Type.Optional(Type.Union([Type.Literal('international'), Type.Literal('belgian')])),
  language: Type.Optional(Type.Union([Type.Literal('nl'), Type.Literal('fr'), Type.Literal('en'), Type.Literal('other')])),
  documentId: Type.Optional(Type.String()),
  attributeId: Type.Optional(Type.String()),
  attributeValue: Type.Optional(Type.String()),
});

const RetrievedSchema = Type.Object({
  segmentId: Type.String(), documentId: Type.String(), documentName: Type.String(),
  status: Type.Union([Type.Literal('anchored'), Type.Literal('orphaned')]),
  start: Type.Integer(), end: Type.Integer(), quote: Type.String(), contextBefore: Type.String(), contextAfter: Type.String(),
  speaker: Nullable(Type.String()), speakerRole: Nullable(Type.String()), coderId: Nullable(Type.String()), coderName: Nullable(Type.String()),
  codes: Type.Array(Type.Object({ codeId: Type.String(), name: Type.String(), path: Type.String() })),
  createdAt: Type.String(),
});

/** Retrieval of coded segments per code, as JSON, CSV and .xlsx. */
export const retrievalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const run = (params: { projectId: string; codeId: string }, query: RetrievalFilter) => retrieveCodedSegments(app.db, params.projectId, params.codeId, query);
  // Files leave the workbench: consent applies (withdrawn / "no export" left out, "no quotes" withheld).
  const runExport = async (params: { projectId: string; codeId: string }, query: RetrievalFilter, tr: Translator) =>
    exportablePassages(await run(params, query), await exportPolicy(app.db, params.projectId, tr));
  const fileName = async (params: { projectId: string; codeId: string }, ext: string) => {
    const code = await codesRepository.find(app.db, params.projectId, params.codeId);
    return { name: code?.name ?? 'code', disposition: attachment(code?.name ?? 'code', ext, 'segments') };
  };

  app.get('/api/projects/:projectId/codes/:codeId/segments', {
    config: { access: { project: 'viewer' } },
    schema: {
      tags, summary: 'Every segment coded with this code (optionally its sub-codes): document, speaker, coder, quote and context', params: CodeParams,
      querystring: FilterQuery, response: { 200: Type.Object({ segments: Type.Array(RetrievedSchema) }), ...errorResponses },
    },
  }, async (request) => ({ segments: await run(request.params, request.query) }));

  app.get('/api/projects/:projectId/codes/:codeId/segments.csv', {
    config: { access: { project: 'viewer' } },
    schema: { tags, summary: 'The same retrieval as CSV', params: CodeParams, querystring: FilterQuery },
  }, async (request, reply) => {
    const { disposition } = await fileName(request.params, 'csv');
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', disposition).send(retrievalCsv(await runExport(request.params, request.query, requestTranslator(request)), requestTranslator(request)));
  });

  app.get('/api/projects/:projectId/codes/:codeId/segments.xlsx', {
    config: { access: { project: 'viewer' } },
    schema: { tags, summary: 'The same retrieval as an Excel workbook (.xlsx)', params: CodeParams, querystring: FilterQuery },
  }, async (request, reply) => {
    const { name, disposition } = await fileName(request.params, 'xlsx');
    return reply
      .header('content-type', XLSX_TYPE)
      .header('content-disposition', disposition)
      .send(await retrievalXlsx(await runExport(request.params, request.query, requestTranslator(request)), name, requestTranslator(request)));
  });
};
