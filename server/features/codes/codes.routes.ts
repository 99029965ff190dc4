import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { CodeRow } from '../../db/schema';
import { requestTranslator } from '../../i18n/translator';
import { errorResponses } from '../../shared/schema-helpers';
import { readCsvUpload } from '../documents/read-uploads';
import { ProjectParams } from '../projects/projects.schemas';
import { exportCodebookCsv, importCodebookCsv } from './codebook-csv';
import { codesRepository } from './codes.repository';
import { CodeParams, CodeSchema, CreateCodeBody, UpdateCodeBody } from './codes.schemas';

const tags = ['codebook'];

function view(c: CodeRow, counts?: { codings: number; documents: number }) {
  return {
    id: c.id, parentId: c.parent_id, name: c.name, color: c.color, definition: c.definition, inclusion: c.inclusion,
    exclusion: c.exclusion, example: c.example, position: c.position, archived: c.archived === 1,
    codingCount: counts?.codings ?? 0, documentCount: counts?.documents ?? 0, createdAt: c.created_at, updatedAt: c.updated_at,
  };
}

/** The codebook: `/api/projects/:projectId/codes…`. */
export const codesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.services.codes;
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  const one = async (projectId: string, id: string) => {
    const [code, counts] = await Promise.all([codesRepository.find(app.db, projectId, id), codesRepository.counts(app.db, projectId)]);
    const c = counts.find((x) => x.code_id === id);
    return view(code!, c ? { codings: Number(c.codings), documents: Number(c.documents) } : undefined);
  };

  app.get('/api/projects/:projectId/codes', {
    config: { access: { project: 'viewer' } },
    schema: { tags, summary: 'The codebook: every code with its parent, position and coding counts', params: ProjectParams, response: { 200: Type.Object({ codes: Type.Array(CodeSchema) }), ...errorResponses } },
  }, async (request) => {
    const [codes, counts] = await Promise.all([codesRepository.list(app.db, request.params.projectId), codesRepository.counts(app.db, request.params.projectId)]);
    const byCode = new Map(counts.map((c) => [c.code_id, { codings: Number(c.codings), documents: Number(c.documents) }]));
    return { codes: codes.map((c) => view(c, byCode.get(c.id))) };
  });

  app.post('/api/projects/:projectId/codes', {
    config: { access: { project: 'coder' } },
    schema: { tags, summary: 'Create a code (at the top level or under `parentId`)', params: ProjectParams, body: CreateCodeBody, response: { 201: CodeSchema, ...errorResponses, 409: Type.Ref('Error') } },
  }, async (request, reply) => {
    const row = await service.create(request.params.projectId, request.auth!.user.id, request.body);
    return reply.status(201).send(view(row));
  });

  app.patch('/api/projects/:projectId/codes/:codeId', {
    config: { access: { project: 'coder' } },
    schema: { tags, summary: 'Rename, recolour, describe, archive or restore a code', params: CodeParams, body: UpdateCodeBody, response: { 200: CodeSchema, ...errorResponses, 409: Type.Ref('Error') } },
  }, async (request) => {
    await service.update(request.params.projectId, request.auth!.user.id, request.params.codeId, request.body);
    return one(request.params.projectId, request.params.codeId);
  });

  app.post('/api/projects/:projectId/codes/:codeId/move', {
    config: { access: { project: 'coder' } },
    schema: {
      tags, summary: 'Move a code under another (or to the top level) and/or to a position among its siblings', params: CodeParams,
      body: Type.Object({ parentId: Type.Union([Type.String(), Type.Null()]), position: Type.Optional(Type.Integer({ minimum: 0 })) }),
      response: { 200: CodeSchema, ...errorResponses, 409: Type.Ref('Error') },
    },
  }, async (request) => {
    await service.move(request.params.projectId, request.auth!.user.id, request.params.codeId, request.body.parentId, request.body.position);
    return one(request.params.projectId, request.params.codeId);
  });

  app.post('/api/projects/:projectId/codes/:codeId/merge', {
    config: { access: { project: 'lead' } },
    schema: {
      tags, summary: 'Merge this code into another: codings move to the target, duplicates collapse', params: CodeParams,
      body: Type.Object({ targetId: Type.String() }),
      response: { 200: Type.Object({ target: CodeSchema, moved: Type.Integer(), collapsed: Type.Integer() }), ...errorResponses, 409: Type.Ref('Error') },
    },
  }, async (request) => {
    const stats = await service.merge(request.params.projectId, request.auth!.user.id, request.params.codeId, request.body.targetId);
    return { target: await one(request.params.projectId, request.body.targetId), ...stats };
  });

  app.get('/api/projects/:projectId/codes/:codeId/delete-impact', {
    config: { access: { project: 'viewer' } },
    schema: { tags, summary: 'What deleting this code would remove (sub-codes, codings, segments)', params: CodeParams, response: { 200: Type.Object({ codes: Type.Integer(), codings: Type.Integer(), segments: Type.Integer() }), ...errorResponses } },
  }, async (request) => service.deleteImpact(request.params.projectId, request.params.codeId));

  app.delete('/api/projects/:projectId/codes/:codeId', {
    config: { access: { project: 'lead' } },
    schema: { tags, summary: 'Delete a code, its sub-codes and their codings', params: CodeParams, response: { 200: Type.Object({ codes: Type.Integer(), codings: Type.Integer() }), ...errorResponses } },
  }, async (request) => service.delete(request.params.projectId, request.auth!.user.id, request.params.codeId));

  app.get('/api/projects/:projectId/codebook.csv', {
    config: { access: { project: 'viewer' } },
    schema: { tags, summary: 'Export the codebook as CSV (hierarchy as a path "Parent > Child")', params: ProjectParams },
  }, async (request, reply) => reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', 'attachment; filename="codebook.csv"')
    .send(await exportCodebookCsv(app.db, request.params.projectId)));

  app.post('/api/projects/:projectId/codebook.csv', {
    config: { access: { project: 'lead' } },
    schema: {
      tags, summary: 'Import a codebook CSV (multipart field "file", or a text/csv body): creates missing codes, updates fields', params: ProjectParams, consumes: ['multipart/form-data', 'text/csv'],
      response: {
        200: Type.Object({
          created: Type.Integer(), updated: Type.Integer(),
          rows: Type.Array(Type.Object({ line: Type.Integer(), path: Type.String(), status: Type.String(), message: Type.Optional(Type.String()) })),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const text = await readCsvUpload(request);
    return importCodebookCsv(app.db, service, request.params.projectId, request.auth!.user.id, text, requestTranslator(request));
  });
};
