import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, Nullable } from '../../shared/schema-helpers';
import { ProjectParams } from '../projects/projects.schemas';

const Entry = Type.Object({
  eventId: Type.Integer(), type: Type.String(), entityType: Type.String(), entityId: Nullable(Type.String()),
  summary: Type.Unknown(), createdAt: Type.String(),
});

/** Undo and redo of your own recent actions in a project (coding, uncoding, code edits, merges, memos). */
export const historyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.services.history;

  app.get('/api/projects/:projectId/history', {
    config: { access: { project: 'viewer' } },
    schema: { tags: ['history'], summary: 'What undo and redo would do now', params: ProjectParams, response: { 200: Type.Object({ undo: Nullable(Entry), redo: Nullable(Entry) }), ...errorResponses } },
  }, async (request) => service.state(request.params.projectId, request.auth!.user.id));

  app.post('/api/projects/:projectId/undo', {
    config: { access: { project: 'coder' } },
    schema: { tags: ['history'], summary: 'Undo your most recent action (409 when nothing is left or someone changed it since)', params: ProjectParams, response: { 200: Type.Object({ undone: Entry }), ...errorResponses, 409: Type.Ref('Error') } },
  }, async (request) => ({ undone: await service.undo(request.params.projectId, request.auth!.user.id) }));

  app.post('/api/projects/:projectId/redo', {
    config: { access: { project: 'coder' } },
    schema: { tags: ['history'], summary: 'Redo the action you undid last', params: ProjectParams, response: { 200: Type.Object({ redone: Entry }), ...errorResponses, 409: Type.Ref('Error') } },
  }, async (request) => ({ redone: await service.redo(request.params.projectId, request.auth!.user.id) }));
};
