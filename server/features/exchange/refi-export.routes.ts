import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ProjectParams } from '../projects/projects.schemas';
import { attachment } from '../retrieval/table-export';
import { buildCodebookQdc } from './qdc-writer';
import { buildProjectExport } from './qde-writer';
import { zipProjectExport } from './qdpx-writer';

const tags = ['exchange'];

/** REFI-QDA export: the project as .qdpx and the codebook as .qdc, for NVivo, ATLAS.ti, MAXQDA, QualCoder… */
export const refiExportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/projects/:projectId/export.qdpx', {
    config: { access: { project: 'viewer' } },
    schema: {
      tags, params: ProjectParams,
      summary: 'Download the project as a REFI-QDA project (.qdpx) for other qualitative analysis software',
      description: 'A zip with project.qde (urn:QDA-XML:project:1.0) and sources/<guid>.txt (the canonical text, UTF-8) plus sources/<guid>.docx where '
        + 'the document came from Word and its text was not corrected since (a correction, such as pseudonyms, would contradict it). Users, codebook, selections with their codings and coders (positions in Unicode code points), memos as notes, '
        + 'attributes as variables and cases, documents by respondent group as sets. Orphaned segments are left out; their number is in the '
        + '`x-skipped-segments` header.',
    },
  }, async (request, reply) => {
    const exported = await buildProjectExport(app.db, request.params.projectId);
    return reply.header('content-type', 'application/zip')
      .header('content-disposition', attachment(exported.name, 'qdpx', 'project'))
      .header('x-skipped-segments', String(exported.skippedSegments))
      .send(await zipProjectExport(exported));
  });

  app.get('/api/projects/:projectId/codebook.qdc', {
    config: { access: { project: 'viewer' } },
    schema: {
      tags, params: ProjectParams,
      summary: 'Download the codebook as a REFI-QDA codebook (.qdc)',
      description: 'urn:QDA-XML:codebook:1.0: the code tree with colours, descriptions (definition, inclusion, exclusion, example) and isCodable '
        + '(false for archived codes). 400 EMPTY_CODEBOOK when the project has no codes.',
    },
  }, async (request, reply) => {
    const xml = await buildCodebookQdc(app.db, request.params.projectId);
    const project = await app.db.selectFrom('projects').select('name').where('id', '=', request.params.projectId).executeTakeFirstOrThrow();
    return reply.header('content-type', 'application/xml; charset=utf-8')
      .header('content-disposition', attachment(`${project.name} codebook`, 'qdc', 'codebook'))
      .send(xml);
  });
};
