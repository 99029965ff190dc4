import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requestTranslator } from '../../i18n/translator';
import { errorResponses } from '../../shared/schema-helpers';
import { ProjectParams } from '../projects/projects.schemas';
import { attachment, tableCsv, tableXlsx, XLSX_TYPE } from '../retrieval/table-export';
import { CriteriaMatrixSchema, InventorySummarySchema, ReportFilter, ThemeMatrixSchema } from './assessment.schemas';
import { inventoryHtml } from './inventory-html';
import { criteriaMatrixTable, inventoryXlsx, themeMatrixTable } from './report-export';

const tags = ['assessment'];
const viewer = { access: { project: 'viewer' as const } };
/** The printable page may use its own inline styles and nothing else (no script, no remote content). */
const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'";

/** Matrices (JSON, CSV, .xlsx) and the inventory report (summary, printable HTML, .xlsx), filtered by crime type, region and rating. */
export const reportsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.services.assessment;
  const base = '/api/projects/:projectId';
  const stamp = () => new Date().toISOString().slice(0, 10);

  app.get(`${base}/assessment/matrix`, {
    config: viewer,
    schema: { tags, params: ProjectParams, querystring: ReportFilter, summary: 'Practice × criterion: scores, notes, evidence, shares met', response: { 200: CriteriaMatrixSchema, ...errorResponses } },
  }, async (request) => service.criteriaMatrix(request.params.projectId, request.query));

  for (const ext of ['csv', 'xlsx'] as const) {
    app.get(`${base}/assessment/matrix.${ext}`, {
      config: viewer, schema: { tags, params: ProjectParams, querystring: ReportFilter, summary: `Practice × criterion as ${ext === 'csv' ? 'CSV' : 'an Excel workbook'}` },
    }, async (request, reply) => {
      const tr = requestTranslator(request);
      const { columns, rows } = criteriaMatrixTable(await service.criteriaMatrix(request.params.projectId, request.query), tr);
      const name = `Assessment matrix ${stamp()}`;
      reply.header('content-disposition', attachment(name, ext, 'assessment-matrix'));
      return ext === 'csv' ? reply.header('content-type', 'text/csv; charset=utf-8').send(tableCsv(columns, rows))
        : reply.header('content-type', XLSX_TYPE).send(await tableXlsx(tr.t('assessment.matrix.criteriaSheet'), columns, rows));
    });
    app.get(`${base}/assessment/themes.${ext}`, {
      config: viewer, schema: { tags, params: ProjectParams, querystring: ReportFilter, summary: `Practice × theme as ${ext === 'csv' ? 'CSV' : 'an Excel workbook'}` },
    }, async (request, reply) => {
      const tr = requestTranslator(request);
      const { columns, rows } = themeMatrixTable(await service.themeMatrix(request.params.projectId, request.query), tr);
      reply.header('content-disposition', attachment(`Theme matrix ${stamp()}`, ext, 'theme-matrix'));
      return ext === 'csv' ? reply.header('content-type', 'text/csv; charset=utf-8').send(tableCsv(columns, rows))
        : reply.header('content-type', XLSX_TYPE).send(await tableXlsx(tr.t('assessment.matrix.themesSheet'), columns, rows));
    });
  }

  app.get(`${base}/assessment/themes`, {
    config: viewer,
    schema: { tags, params: ProjectParams, querystring: ReportFilter, summary: 'Practice × theme: links with evidence quotes, coded passages per theme', response: { 200: ThemeMatrixSchema, ...errorResponses } },
  }, async (request) => service.themeMatrix(request.params.projectId, request.query));

  app.get(`${base}/inventory`, {
    config: viewer,
    schema: { tags, params: ProjectParams, querystring: ReportFilter, summary: 'What the inventory report holds for this selection', response: { 200: InventorySummarySchema, ...errorResponses } },
  }, async (request) => service.inventorySummary(request.params.projectId, request.query));

  app.get(`${base}/inventory.html`, {
    config: viewer,
    schema: { tags, params: ProjectParams, querystring: ReportFilter, summary: 'The inventory as a printable HTML page (print to PDF)' },
  }, async (request, reply) => reply.header('content-type', 'text/html; charset=utf-8').header('content-security-policy', REPORT_CSP)
    .send(inventoryHtml(await service.inventory(request.params.projectId, request.query, requestTranslator(request)), requestTranslator(request))));

  app.get(`${base}/inventory.xlsx`, {
    config: viewer,
    schema: { tags, params: ProjectParams, querystring: ReportFilter, summary: 'The inventory as a workbook: practices, themes and quotes, assessment scores' },
  }, async (request, reply) => reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(`Inventory ${stamp()}`, 'xlsx', 'inventory'))
    .send(await inventoryXlsx(await service.inventory(request.params.projectId, request.query, requestTranslator(request)), requestTranslator(request))));
};
