import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requestTranslator } from '../../i18n/translator';
import { exportCodebookCsv } from '../codes/codebook-csv';
import { attachment, tableCsv, tableXlsx, XLSX_TYPE } from '../retrieval/table-export';
import { EXPORT_TABLES, type ExportTableName } from './tables-export';

const tags = ['exchange'];

const TableParams = Type.Object({
  projectId: Type.String(),
  table: Type.Union(Object.keys(EXPORT_TABLES).map((k) => Type.Literal(k)), { description: 'documents, codebook, segments or memos' }),
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
});

/** Whole-project tables as CSV or Excel: `/api/projects/:projectId/exports/<documents|codebook|segments|memos>.<csv|xlsx>`. */
export const tablesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/projects/:projectId/exports/:table.:format', {
    config: { access: { project: 'viewer' } },
    schema: {
      tags, params: TableParams,
      summary: 'Export the documents (with attributes), the codebook, every coding (with coder) or the memos as CSV or .xlsx',
    },
  }, async (request, reply) => {
    const { projectId, format } = request.params;
    const table = request.params.table as ExportTableName;
    const project = (await app.db.selectFrom('projects').select('name').where('id', '=', projectId).executeTakeFirstOrThrow()).name;
    const disposition = attachment(`${project} ${table}`, format, table);
    const tr = requestTranslator(request);
    if (format === 'csv') {
      // The codebook CSV is the one the codebook import reads back: its headings stay the import's, in every language.
      const body = table === 'codebook' ? await exportCodebookCsv(app.db, projectId) : await EXPORT_TABLES[table](app.db, projectId, tr).then((t) => tableCsv(t.columns, t.rows));
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', disposition).send(body);
    }
    const t = await EXPORT_TABLES[table](app.db, projectId, tr);
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', disposition).send(await tableXlsx(t.sheet, t.columns, t.rows));
  });
};
