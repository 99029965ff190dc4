import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, Nullable } from '../../shared/schema-helpers';
import { ProjectParams } from '../projects/projects.schemas';
import { eventsRepository } from './events.repository';

const EventSchema = Type.Object({
  id: Type.Integer(),
  type: Type.String(),
  entityType: Type.String(),
  entityId: Nullable(Type.String()),
  userId: Nullable(Type.String()),
  userName: Nullable(Type.String()),
  before: Type.Unknown(),
  after: Type.Unknown(),
  createdAt: Type.String(),
});

/** The project's audit trail (newest first). */
export const eventsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/projects/:projectId/events', {
    config: { access: { project: 'viewer' } },
    schema: {
      tags: ['events'], summary: "The project's activity: every change, who, when, before and after", params: ProjectParams,
      querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })), before: Type.Optional(Type.Integer()) }),
      response: { 200: Type.Object({ events: Type.Array(EventSchema) }), ...errorResponses },
    },
  }, async (request) => {
    const rows = await eventsRepository.listForProject(app.db, request.params.projectId, request.query.limit ?? 100, request.query.before);
    return {
      events: rows.map((e) => ({
        id: Number(e.id), type: e.type, entityType: e.entity_type, entityId: e.entity_id, userId: e.user_id, userName: e.user_name,
        before: e.before_json ? JSON.parse(e.before_json) : null, after: e.after_json ? JSON.parse(e.after_json) : null, createdAt: e.created_at,
      })),
    };
  });
};
