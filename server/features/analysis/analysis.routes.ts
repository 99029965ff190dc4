import { exportPolicy } from '../consent/export-policy';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { requestTranslator } from '../../i18n/translator';
import { errorResponses } from '../../shared/schema-helpers';
import { ProjectParams } from '../projects/projects.schemas';
import { valueLabels } from '../retrieval/export-labels';
import { attachment, type ExportColumn, type ExportRow, tableCsv, tableXlsx, XLSX_TYPE } from '../retrieval/table-export';
import { computeAgreement } from './agreement.service';
import { codeCooccurrence, attributeCrosstab, frequencies } from './code-tables.service';
import { findDisagreements, resolveDisagreement } from './disagreements';
import { computeSaturation } from './saturation.service';

const tags = ['analysis'];
const Format = Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('xlsx')], { description: 'json (default), or a table download' }));
const IdList = Type.Optional(Type.String({ description: 'Comma-separated ids' }));
const list = (raw?: string) => (raw ? raw.split(',').map((s) => s.trim()).filter(Boolean) : undefined);
const fmt = (x: number | null | undefined) => (x === null || x === undefined ? '' : x);

/** Sends a table as CSV or .xlsx. */
async function sendTable(reply: FastifyReply, format: 'csv' | 'xlsx', name: string, columns: ExportColumn[], rows: ExportRow[]) {
  if (format === 'csv') return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', attachment(name, 'csv', 'table')).send(tableCsv(columns, rows));
  return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(name, 'xlsx', 'table')).send(await tableXlsx(name, columns, rows));
}

/** Team review: agreement, disagreements, saturation, frequencies, crosstabs and co-occurrence. */
export const analysisRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const isDownload = (format?: string): format is 'csv' | 'xlsx' => format === 'csv' || format === 'xlsx';
  /** Downloads (CSV, .xlsx) leave out participants who withdrew or refused export; the screen shows the team everything. */
  const excludedFromDownloads = async (download: boolean, projectId: string) => (download ? (await exportPolicy(app.db, projectId)).excluded : undefined);

  app.get('/api/projects/:projectId/analysis/agreement', {
    config: { access: { project: 'viewer' } },
    schema: {
      tags, params: ProjectParams, summary: 'Agreement between coders: character level, unitizing, document level; per code × transcript and pooled',
      querystring: Type.Object({ coderIds: IdList, documentIds: IdList, codeIds: IdList, format: Format }),
      response: { 200: Type.Unknown(), ...errorResponses },
    },
  }, async (request, reply) => {
    const download = isDownload(request.query.format);
    const result = await computeAgreement(app.db, request.params.projectId, {
      coderIds: list(request.query.coderIds), documentIds: list(request.query.documentIds), codeIds: list(request.query.codeIds), exclude: await excludedFromDownloads(download, request.params.projectId),
    });
    if (!isDownload(request.query.format)) return result;
    const { t } = requestTranslator(request);
    const columns: ExportColumn[] = [
      t('analysis.code'), t('analysis.agreement.both'), t('analysis.agreement.onlyFirst'), t('analysis.agreement.onlySecond'), t('analysis.agreement.neither'),
      t('analysis.agreement.percent'), t('analysis.agreement.cohenKappa'), t('analysis.agreement.krippendorffAlpha'), t('analysis.agreement.brennanPrediger'),
      t('analysis.agreement.unitizingAlpha'), t('analysis.agreement.fleissKappa'), t('analysis.agreement.documentKappa'),
    ].map((header, i) => ({ header, width: i === 0 ? 40 : 14 }));
    const rows = result.perCode.map((c) => [c.path, c.counts.both, c.counts.onlyA, c.counts.onlyB, c.counts.neither, fmt(c.percent), fmt(c.cohenKappa), fmt(c.krippendorffAlpha), fmt(c.brennanPrediger), fmt(c.unitizingAlpha), fmt(c.fleissKappa), fmt(c.documentLevel.cohenKappa)]);
    return sendTable(reply, request.query.format, 'agreement', columns, rows);
  });

  app.get('/api/projects/:projectId/analysis/disagreements', {
    config: { access: { project: 'viewer' } },
    schema: {
      tags, params: ProjectParams, summary: "Where two coders applied a code differently in a transcript, with both coders' passages",
      querystring: Type.Object({ documentId: Type.String(), codeId: Type.String(), coderA: Type.String(), coderB: Type.String() }),
      response: { 200: Type.Unknown(), ...errorResponses },
    },
  }, async (request) => ({ disagreements: await findDisagreements(app.db, request.query.documentId, request.query.codeId, request.query.coderA, request.query.coderB) }));

  app.post('/api/projects/:projectId/analysis/disagreements/resolve', {
    config: { access: { project: 'lead' } },
    schema: {
      tags, params: ProjectParams, summary: "Settle a disagreement: give one coder's version to the other, or merge both into one passage (one undoable action)",
      body: Type.Object({
        documentId: Type.String(), codeId: Type.String(), coderA: Type.String(), coderB: Type.String(),
        start: Type.Integer({ minimum: 0 }), end: Type.Integer({ minimum: 1 }),
        action: Type.Union([Type.Literal('accept-a'), Type.Literal('accept-b'), Type.Literal('merge')]),
      }),
      response: { 204: Type.Null(), ...errorResponses },
    },
  }, async (request, reply) => {
    await resolveDisagreement(app.db, { projectId: request.params.projectId, userId: request.auth!.user.id, ...request.body });
    return reply.status(204).send(null);
  });

  app.get('/api/projects/:projectId/analysis/saturation', {
    config: { access: { project: 'viewer' } },
    schema: {
      tags, params: ProjectParams, summary: 'Thematic saturation (Guest, Namey & Chen 2020): new codes per interview, curve, b+n, sensitivity, first appearances',
      querystring: Type.Object({
        order: Type.Optional(Type.Union([Type.Literal('date'), Type.Literal('name'), Type.Literal('custom')])), documentIds: IdList,
        coderId: Type.Optional(Type.String()), respondentGroup: Type.Optional(Type.String()), level: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
        baseSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })), runLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
        threshold: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })), format: Format,
      }),
      response: { 200: Type.Unknown(), ...errorResponses },
    },
  }, async (request, reply) => {
    const { documentIds, format, ...rest } = request.query;
    const download = isDownload(format);
    const result = await computeSaturation(app.db, request.params.projectId, { ...rest, documentIds: list(documentIds), exclude: await excludedFromDownloads(download, request.params.projectId) });
    if (!isDownload(format)) return result;
    const { t } = requestTranslator(request);
    const columns: ExportColumn[] = [
      { header: t('analysis.saturation.position'), width: 10 }, { header: t('analysis.saturation.interview'), width: 40 }, { header: t('analysis.saturation.interviewDate'), width: 14 },
      { header: t('analysis.saturation.codes'), width: 10 }, { header: t('analysis.saturation.newCodes'), width: 10 }, { header: t('analysis.saturation.cumulative'), width: 12 },
      { header: t('analysis.saturation.newCodeNames'), width: 60, wrap: true },
    ];
    const rows = result.interviews.map((i, n) => [n + 1, i.name, i.interviewDate ?? '', i.codes, i.newCodes.length, i.cumulative, i.newCodes.map((c) => c.name).join('; ')]);
    return sendTable(reply, format, 'saturation', columns, rows);
  });

  app.get('/api/projects/:projectId/analysis/frequencies', {
    config: { access: { project: 'viewer' } },
    schema: { tags, params: ProjectParams, summary: 'Code frequencies: passages, transcripts, respondents and coders per code', querystring: Type.Object({ format: Format }), response: { 200: Type.Unknown(), ...errorResponses } },
  }, async (request, reply) => {
    const download = isDownload(request.query.format);
    const rows = await frequencies(app.db, request.params.projectId, await excludedFromDownloads(download, request.params.projectId));
    if (!isDownload(request.query.format)) return { codes: rows };
    const { t } = requestTranslator(request);
    const headers = [t('analysis.code'), t('analysis.frequencies.passages'), t('analysis.frequencies.transcripts'), t('analysis.frequencies.respondents'), t('analysis.frequencies.coders')];
    return sendTable(reply, request.query.format, 'frequencies', headers.map((header, i) => ({ header, width: i ? 12 : 50 })),
      rows.map((r) => [r.path, r.segments, r.documents, r.respondents, r.coders]));
  });

  app.get('/api/projects/:projectId/analysis/crosstab', {
    config: { access: { project: 'viewer' } },
    schema: {
      tags, params: ProjectParams, summary: 'Codes × an attribute (respondentGroup, language or an attribute id): counts, row and column percentages',
      querystring: Type.Object({ attribute: Type.String({ minLength: 1 }), unit: Type.Optional(Type.Union([Type.Literal('documents'), Type.Literal('segments')])), format: Format }),
      response: { 200: Type.Unknown(), ...errorResponses },
    },
  }, async (request, reply) => {
    const download = isDownload(request.query.format);
    const table = await attributeCrosstab(app.db, request.params.projectId, request.query.attribute, request.query.unit ?? 'documents', await excludedFromDownloads(download, request.params.projectId));
    if (!isDownload(request.query.format)) return table;
    const tr = requestTranslator(request);
    const { t } = tr;
    const label = valueLabels(tr);
    // Built-in attributes store codes (`belgian`, `nl`): their columns are named in the reader's words.
    const valueOf = (c: string) => (!c ? t('common.none') : table.attribute === 'respondentGroup' || table.attribute === 'language' ? label(table.attribute, c) : c);
    const columns: ExportColumn[] = [
      { header: t('analysis.code'), width: 40 },
      ...table.columns.flatMap((c) => [t('analysis.crosstab.count', { value: valueOf(c) }), t('analysis.crosstab.rowPercent', { value: valueOf(c) }), t('analysis.crosstab.columnPercent', { value: valueOf(c) })]
        .map((header) => ({ header, width: 14 }))),
      { header: t('analysis.crosstab.total'), width: 10 },
    ];
    const rows = table.rows.map((r) => [r.path, ...r.cells.flatMap((c) => [c.count, fmt(c.rowPercent), fmt(c.columnPercent)]), r.total]);
    return sendTable(reply, request.query.format, `crosstab ${table.attributeName}`, columns, rows);
  });

  app.get('/api/projects/:projectId/analysis/cooccurrence', {
    config: { access: { project: 'viewer' } },
    schema: {
      tags, params: ProjectParams, summary: 'Code co-occurrence: overlapping passages or the same speaker turn',
      querystring: Type.Object({ mode: Type.Optional(Type.Union([Type.Literal('overlap'), Type.Literal('turn')])), codeIds: IdList, limit: Type.Optional(Type.Integer({ minimum: 2, maximum: 100 })), format: Format }),
      response: { 200: Type.Unknown(), ...errorResponses },
    },
  }, async (request, reply) => {
    const download = isDownload(request.query.format);
    const result = await codeCooccurrence(app.db, request.params.projectId, request.query.mode ?? 'overlap', list(request.query.codeIds), request.query.limit,
      await excludedFromDownloads(download, request.params.projectId));
    if (!isDownload(request.query.format)) return result;
    const { t } = requestTranslator(request);
    const columns: ExportColumn[] = [{ header: t('analysis.code'), width: 40 }, ...result.codes.map((c) => ({ header: c.name, width: 12 }))];
    return sendTable(reply, request.query.format, 'co-occurrence', columns, result.matrix.map((row, i) => [result.codes[i]!.path, ...row]));
  });
};
