import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requestTranslator } from '../../i18n/translator';
import { errorResponses } from '../../shared/schema-helpers';
import { readCsvUpload } from '../documents/read-uploads';
import { ProjectParams } from '../projects/projects.schemas';
import { importAttributeCsv } from './attribute-csv';

const tags = ['attributes'];
const AttributeTypeSchema = Type.Union([Type.Literal('text'), Type.Literal('number'), Type.Literal('date'), Type.Literal('choice')]);
const AttributeSchema = Type.Object({
  id: Type.String(), name: Type.String(), type: AttributeTypeSchema, choices: Type.Array(Type.String()), position: Type.Integer(),
});
const AttributeParams = Type.Object({ projectId: Type.String(), attributeId: Type.String() });

/** A project's own typed document attributes, and setting them in bulk from a CSV. */
export const attributesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.services.attributes;
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.get('/api/projects/:projectId/attributes', {
    config: { access: { project: 'viewer' } },
    schema: { tags, summary: "The project's document attributes", params: ProjectParams, response: { 200: Type.Object({ attributes: Type.Array(AttributeSchema) }), ...errorResponses } },
  }, async (request) => ({ attributes: await service.list(request.params.projectId) }));

  app.post('/api/projects/:projectId/attributes', {
    config: { access: { project: 'lead' } },
    schema: {
      tags, summary: 'Add an attribute (text, number, date or choice)', params: ProjectParams,
      body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), type: AttributeTypeSchema, choices: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 200 })) }),
      response: { 201: AttributeSchema, ...errorResponses, 409: Type.Ref('Error') },
    },
  }, async (request, reply) => reply.status(201).send(await service.createInTransaction(request.params.projectId, request.auth!.user.id, request.body)));

  app.patch('/api/projects/:projectId/attributes/:attributeId', {
    config: { access: { project: 'lead' } },
    schema: {
      tags, summary: 'Rename an attribute or change its choices', params: AttributeParams,
      body: Type.Object({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), choices: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 200 })) }),
      response: { 200: AttributeSchema, ...errorResponses, 409: Type.Ref('Error') },
    },
  }, async (request) => service.update(request.params.projectId, request.auth!.user.id, request.params.attributeId, request.body));

  app.delete('/api/projects/:projectId/attributes/:attributeId', {
    config: { access: { project: 'lead' } },
    schema: { tags, summary: 'Delete an attribute and its values', params: AttributeParams, response: { 204: Type.Null(), ...errorResponses } },
  }, async (request, reply) => {
    await service.delete(request.params.projectId, request.auth!.user.id, request.params.attributeId);
    return reply.status(204).send(null);
  });

  app.post('/api/projects/:projectId/attributes/import', {
    config: { access: { project: 'lead' } },
    schema: {
      tags, params: ProjectParams, consumes: ['multipart/form-data', 'text/csv'],
      summary: 'Set attributes in bulk from a CSV keyed by file name (multipart field "file", or a text/csv body)',
      response: {
        200: Type.Object({
          updatedDocuments: Type.Integer(),
          createdAttributes: Type.Array(Type.String()),
          rows: Type.Array(Type.Object({ line: Type.Integer(), key: Type.String(), documentId: Type.Union([Type.String(), Type.Null()]), errors: Type.Array(Type.String()) })),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const text = await readCsvUpload(request);
    return importAttributeCsv(app.db, service, request.params.projectId, request.auth!.user.id, text, requestTranslator(request));
  });
};
