import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requestTranslator } from '../../i18n/translator';
import { errorResponses } from '../../shared/schema-helpers';
import { ProjectParams } from '../projects/projects.schemas';
import { XLSX_TYPE } from '../retrieval/table-export';
import { coverageCsv, coverageXlsx } from './coverage-export';
import { gapReportHtml, gapReportXlsx } from './gap-report';
import { CoverageSchema, GapFilterQuery } from './literature.schemas';

const tags = ['literature'];

/** Coverage matrices (JSON, CSV, .xlsx) and the gap report for policy makers (HTML, .xlsx). */
export const coverageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.services.literature;
  const base = '/api/projects/:projectId/literature';
  const access = { access: { project: 'viewer' as const } };

  app.get(`${base}/coverage`, {
    config: access,
    schema: {
      tags, params: ProjectParams, querystring: GapFilterQuery, response: { 200: CoverageSchema, ...errorResponses },
      summary: 'Gaps × mapped codes and gaps × respondent groups: supporting segments, respondents and chosen quotes; gaps without evidence flagged',
    },
  }, async (request) => service.coverage(request.params.projectId, request.query));

  app.get(`${base}/coverage.csv`, {
    config: access, schema: { tags, params: ProjectParams, querystring: GapFilterQuery, summary: 'The coverage as CSV (one row per gap and code, group, total)' },
  }, async (request, reply) => reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="gap-coverage.csv"')
    .send(coverageCsv((await service.coverage(request.params.projectId, request.query)).gaps, requestTranslator(request))));

  app.get(`${base}/coverage.xlsx`, {
    config: access, schema: { tags, params: ProjectParams, querystring: GapFilterQuery, summary: 'The coverage matrices as an Excel workbook' },
  }, async (request, reply) => reply.header('content-type', XLSX_TYPE).header('content-disposition', 'attachment; filename="gap-coverage.xlsx"')
    .send(await coverageXlsx((await service.coverage(request.params.projectId, request.query)).gaps, requestTranslator(request))));

  app.get(`${base}/gaps/report.html`, {
    config: access, schema: { tags, params: ProjectParams, querystring: GapFilterQuery, summary: 'The gap report for policy makers: a printable HTML page' },
  }, async (request, reply) => reply.header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
    .send(gapReportHtml(await service.report(request.params.projectId, request.query, requestTranslator(request)), requestTranslator(request))));

  app.get(`${base}/gaps/report.xlsx`, {
    config: access, schema: { tags, params: ProjectParams, querystring: GapFilterQuery, summary: 'The gap report as an Excel workbook (one row per quote)' },
  }, async (request, reply) => reply.header('content-type', XLSX_TYPE).header('content-disposition', 'attachment; filename="gap-report.xlsx"')
    .send(await gapReportXlsx(await service.report(request.params.projectId, request.query, requestTranslator(request)), requestTranslator(request))));
};
