import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { notFound } from '../../errors';
import { actorOf } from '../../plugins/access';
import { errorResponses, Nullable } from '../../shared/schema-helpers';
import { ProjectParams } from '../projects/projects.schemas';

const tags = ['memos'];
const TargetType = Type.Union([Type.Literal('project'), Type.Literal('document'), Type.Literal('code'), Type.Literal('segment')]);
const MemoSchema = Type.Object({
  id: Type.String(), targetType: TargetType, targetId: Nullable(Type.String()), title: Type.String(),
  body: Type.String({ description: 'Markdown' }), authorId: Nullable(Type.String()), authorName: Nullable(Type.String()),
  codeIds: Type.Array(Type.String()), createdAt: Type.String(), updatedAt: Type.String(),
});
const MemoParams = Type.Object({ memoId: Type.String() });

/** Memos: `/api/projects/:projectId/memos`, `/api/memos/:memoId`. */
export const memosRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.services.memos;
  const one = async (projectId: string, id: string) => {
    const memo = (await service.list(projectId)).find((m) => m.id === id);
    if (!memo) throw notFound('memo');
    return memo;
  };

  app.get('/api/projects/:projectId/memos', {
    config: { access: { project: 'viewer' } },
    schema: {
      tags, summary: "The project's memos, newest first, filtered by target, linked code or author", params: ProjectParams,
      querystring: Type.Object({ targetType: Type.Optional(TargetType), targetId: Type.Optional(Type.String()), codeId: Type.Optional(Type.String()), authorId: Type.Optional(Type.String()) }),
      response: { 200: Type.Object({ memos: Type.Array(MemoSchema) }), ...errorResponses },
    },
  }, async (request) => ({ memos: await service.list(request.params.projectId, request.query) }));

  app.post('/api/projects/:projectId/memos', {
    config: { access: { project: 'coder' } },
    schema: {
      tags, summary: 'Write a memo on the project, a document, a code or a segment', params: ProjectParams,
      body: Type.Object({
        targetType: TargetType, targetId: Type.Optional(Nullable(Type.String())), title: Type.Optional(Type.String({ maxLength: 300 })),
        body: Type.String({ minLength: 1, maxLength: 100_000 }), codeIds: Type.Optional(Type.Array(Type.String(), { maxItems: 100 })),
      }),
      response: { 201: MemoSchema, ...errorResponses },
    },
  }, async (request, reply) => {
    const id = await service.create(request.params.projectId, actorOf(request), request.body);
    return reply.status(201).send(await one(request.params.projectId, id));
  });

  app.patch('/api/memos/:memoId', {
    config: { access: { project: 'coder' } },
    schema: {
      tags, summary: 'Edit a memo (its author or a lead)', params: MemoParams,
      body: Type.Object({ title: Type.Optional(Type.String({ maxLength: 300 })), body: Type.Optional(Type.String({ minLength: 1, maxLength: 100_000 })), codeIds: Type.Optional(Type.Array(Type.String(), { maxItems: 100 })) }),
      response: { 200: MemoSchema, ...errorResponses },
    },
  }, async (request) => {
    await service.update(request.member!.projectId, request.params.memoId, actorOf(request), request.body);
    return one(request.member!.projectId, request.params.memoId);
  });

  app.delete('/api/memos/:memoId', {
    config: { access: { project: 'coder' } },
    schema: { tags, summary: 'Delete a memo (its author or a lead)', params: MemoParams, response: { 204: Type.Null(), ...errorResponses } },
  }, async (request, reply) => {
    await service.delete(request.member!.projectId, request.params.memoId, actorOf(request));
    return reply.status(204).send(null);
  });
};
