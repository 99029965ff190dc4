import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { badRequest } from '../../errors';
import { requestTranslator } from '../../i18n/translator';
import { actorOf } from '../../plugins/access';
import { errorResponses } from '../../shared/schema-helpers';
import { readUploads } from '../documents/read-uploads';
import { ProjectParams } from '../projects/projects.schemas';
import { CreateSourceBody, Focus, ImportReportSchema, SourceParams, SourceSchema, UpdateSourceBody } from './literature.schemas';

const tags = ['literature'];
const FOCI = ['offenders', 'cost_effectiveness', 'evaluation', 'other'] as const;
const Usage = Type.Object({ gapCount: Type.Integer(), practiceCount: Type.Integer() });

/** Literature sources: `/api/projects/:projectId/literature/sources…` (list, CRUD, BibTeX/RIS import, BibTeX export). */
export const sourcesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.services.literature.sources;
  const base = '/api/projects/:projectId/literature/sources';

  app.get(base, {
    config: { access: { project: 'viewer' } },
    schema: {
      tags, params: ProjectParams, summary: 'Literature sources with their APA citation, filtered by focus and text',
      querystring: Type.Object({ focus: Type.Optional(Focus), q: Type.Optional(Type.String({ maxLength: 200 })) }),
      response: { 200: Type.Object({ sources: Type.Array(SourceSchema) }), ...errorResponses },
    },
  }, async (request) => ({ sources: await service.list(request.params.projectId, request.query) }));

  app.get(`${base}.bib`, {
    config: { access: { project: 'viewer' } },
    schema: { tags, params: ProjectParams, summary: 'All sources (or one focus) as a BibTeX file', querystring: Type.Object({ focus: Type.Optional(Focus) }) },
  }, async (request, reply) => reply.header('content-type', 'application/x-bibtex; charset=utf-8')
    .header('content-disposition', 'attachment; filename="literature.bib"').send(await service.bibtex(request.params.projectId, request.query.focus)));

  app.post(`${base}/import`, {
    config: { access: { project: 'coder' } },
    schema: {
      tags, params: ProjectParams, consumes: ['multipart/form-data'],
      summary: 'Import BibTeX (.bib) or RIS (.ris) files (multipart "file", field "focus"): imported, skipped duplicates (DOI, or title and year), errors',
      description: 'All or nothing: a file that is not BibTeX/RIS, cannot be read or holds no reference gives 400 and nothing is imported.',
      response: { 200: ImportReportSchema, ...errorResponses },
    },
  }, async (request) => {
    const { files, tooLarge, fields } = await readUploads(request, app.config);
    if (tooLarge.length > 0) throw badRequest('FILE_TOO_LARGE', 'literatureErrors.sources.tooLarge', { files: tooLarge.join(', ') });
    const focus = fields.focus || 'other';
    if (!(FOCI as readonly string[]).includes(focus)) throw badRequest('INVALID_FOCUS', 'literatureErrors.sources.invalidFocus');
    const texts = files.map((f) => ({ fileName: f.fileName, text: f.bytes.toString('utf8') }));
    return service.import(request.params.projectId, actorOf(request), texts, requestTranslator(request), focus as (typeof FOCI)[number], app.config.importTimeLimitMs);
  });

  app.get(`${base}/:sourceId`, {
    config: { access: { project: 'viewer' } },
    schema: { tags, params: SourceParams, summary: 'One source with its citation', response: { 200: SourceSchema, ...errorResponses } },
  }, async (request) => service.get(request.params.projectId, request.params.sourceId));

  app.get(`${base}/:sourceId/usage`, {
    config: { access: { project: 'viewer' } },
    schema: { tags, params: SourceParams, summary: 'How many gaps and practice records cite this source', response: { 200: Usage, ...errorResponses } },
  }, async (request) => service.usage(request.params.projectId, request.params.sourceId));

  app.post(base, {
    config: { access: { project: 'coder' } },
    schema: { tags, params: ProjectParams, body: CreateSourceBody, summary: 'Add a source by hand', response: { 201: SourceSchema, ...errorResponses } },
  }, async (request, reply) => reply.status(201).send(await service.create(request.params.projectId, actorOf(request), request.body)));

  app.patch(`${base}/:sourceId`, {
    config: { access: { project: 'coder' } },
    schema: { tags, params: SourceParams, body: UpdateSourceBody, summary: 'Edit a source', response: { 200: SourceSchema, ...errorResponses } },
  }, async (request) => service.update(request.params.projectId, request.params.sourceId, actorOf(request), request.body));

  app.delete(`${base}/:sourceId`, {
    config: { access: { project: 'coder' } },
    schema: { tags, params: SourceParams, summary: 'Delete a source; tells how many gaps and practice records cited it', response: { 200: Usage, ...errorResponses } },
  }, async (request) => service.delete(request.params.projectId, request.params.sourceId, actorOf(request)));
};
