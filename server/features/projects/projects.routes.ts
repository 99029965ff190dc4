import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '../../shared/schema-helpers';
import { projectsRepository } from './projects.repository';
import {
  AddMemberBody, ChangeRoleBody, CreateProjectBody, MemberParams, MemberSchema, ProjectParams, ProjectSchema, UpdateProjectBody,
} from './projects.schemas';

const tags = ['projects'];

/** Projects and their members: `/api/projects…`. */
export const projectsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.services.projects;

  app.get('/api/projects', {
    config: { access: 'user' },
    schema: { tags, summary: 'Projects you are a member of', response: { 200: Type.Object({ projects: Type.Array(ProjectSchema) }), ...errorResponses } },
  }, async (request) => {
    const rows = await projectsRepository.listForUser(app.db, request.auth!.user.id);
    return {
      projects: rows.map((r) => ({
        id: r.id, name: r.name, description: r.description, createdAt: r.created_at, updatedAt: r.updated_at,
        role: r.role, documentCount: Number(r.document_count ?? 0), memberCount: Number(r.member_count ?? 0),
      })),
    };
  });

  app.post('/api/projects', {
    config: { access: 'user' },
    schema: { tags, summary: 'Create a project (you become its owner)', body: CreateProjectBody, response: { 201: ProjectSchema, ...errorResponses } },
  }, async (request, reply) => {
    const p = await service.create(request.auth!.user.id, request.body.name, request.body.description ?? '');
    return reply.status(201).send({ id: p.id, name: p.name, description: p.description, createdAt: p.created_at, updatedAt: p.updated_at, role: 'owner' as const });
  });

  app.get('/api/projects/:projectId', {
    config: { access: { project: 'viewer' } },
    schema: { tags, summary: 'One project', params: ProjectParams, response: { 200: ProjectSchema, ...errorResponses } },
  }, async (request) => {
    const p = (await projectsRepository.findById(app.db, request.params.projectId))!;
    return { id: p.id, name: p.name, description: p.description, createdAt: p.created_at, updatedAt: p.updated_at, role: request.member!.role };
  });

  app.patch('/api/projects/:projectId', {
    config: { access: { project: 'owner' } },
    schema: { tags, summary: 'Rename a project or change its description', params: ProjectParams, body: UpdateProjectBody, response: { 200: ProjectSchema, ...errorResponses } },
  }, async (request) => {
    const p = await service.update(request.params.projectId, request.auth!.user.id, request.body);
    return { id: p.id, name: p.name, description: p.description, createdAt: p.created_at, updatedAt: p.updated_at, role: request.member!.role };
  });

  app.delete('/api/projects/:projectId', {
    config: { access: { project: 'owner' } },
    schema: { tags, summary: 'Delete a project with all its documents', params: ProjectParams, response: { 204: Type.Null(), ...errorResponses } },
  }, async (request, reply) => {
    await service.delete(request.params.projectId);
    return reply.status(204).send(null);
  });

  app.get('/api/projects/:projectId/members', {
    config: { access: { project: 'viewer' } },
    schema: { tags, summary: "A project's members and roles", params: ProjectParams, response: { 200: Type.Object({ members: Type.Array(MemberSchema) }), ...errorResponses } },
  }, async (request) => {
    const rows = await projectsRepository.listMembers(app.db, request.params.projectId);
    return { members: rows.map((m) => ({ userId: m.user_id, name: m.name, email: m.email, role: m.role, addedAt: m.created_at })) };
  });

  app.post('/api/projects/:projectId/members', {
    config: { access: { project: 'owner' } },
    schema: { tags, summary: 'Add a member with a role', params: ProjectParams, body: AddMemberBody, response: { 201: Type.Object({ ok: Type.Boolean() }), ...errorResponses } },
  }, async (request, reply) => {
    await service.addMember(request.params.projectId, request.auth!.user.id, request.body.userId, request.body.role);
    return reply.status(201).send({ ok: true });
  });

  app.patch('/api/projects/:projectId/members/:userId', {
    config: { access: { project: 'owner' } },
    schema: { tags, summary: "Change a member's role", params: MemberParams, body: ChangeRoleBody, response: { 200: Type.Object({ ok: Type.Boolean() }), ...errorResponses } },
  }, async (request) => {
    await service.changeRole(request.params.projectId, request.auth!.user.id, request.params.userId, request.body.role);
    return { ok: true };
  });

  app.delete('/api/projects/:projectId/members/:userId', {
    config: { access: { project: 'owner' } },
    schema: { tags, summary: 'Remove a member', params: MemberParams, response: { 204: Type.Null(), ...errorResponses } },
  }, async (request, reply) => {
    await service.removeMember(request.params.projectId, request.auth!.user.id, request.params.userId);
    return reply.status(204).send(null);
  });
};
