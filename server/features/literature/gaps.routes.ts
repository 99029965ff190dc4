import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requestTranslator } from '../../i18n/translator';
import { actorOf } from '../../plugins/access';
import { errorResponses, Nullable } from '../../shared/schema-helpers';
import { ProjectParams } from '../projects/projects.schemas';
import { CreateGapBody, EvidenceParams, GapFilterQuery, GapPageSchema, GapParams, GapSchema, LinkParams, Relation, UpdateGapBody } from './literature.schemas';

const tags = ['literature'];
const Conflict = { 409: Type.Ref('Error') };

/** Literature gaps with their sources, code links and evidence passages: `/api/projects/:projectId/literature/gaps…`. */
export const gapsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const literature = app.services.literature;
  const service = literature.gaps;
  const base = '/api/projects/:projectId/literature/gaps';
  const page = (projectId: string, gapId: string) => literature.gapPage(projectId, gapId);

  app.get(base, {
    config: { access: { project: 'viewer' } },
    schema: {
      tags, params: ProjectParams, querystring: GapFilterQuery, summary: 'The gaps in their order, with their sources and mapped codes',
      response: { 200: Type.Object({ gaps: Type.Array(Type.Object({ ...GapSchema.properties, codeIds: Type.Array(Type.String()) })) }), ...errorResponses },
    },
  }, async (request) => ({ gaps: await service.list(request.params.projectId, request.query) }));

  app.post(base, {
    config: { access: { project: 'coder' } },
    schema: { tags, params: ProjectParams, body: CreateGapBody, summary: 'Record a gap (optionally with the sources that establish it)', response: { 201: GapSchema, ...errorResponses } },
  }, async (request, reply) => {
    const id = await service.create(request.params.projectId, actorOf(request), request.body);
    return reply.status(201).send(await service.get(request.params.projectId, id));
  });

  app.post(`${base}/order`, {
    config: { access: { project: 'coder' } },
    schema: {
      tags, params: ProjectParams, summary: 'Put the gaps in a new order (every gap id once)',
      body: Type.Object({ gapIds: Type.Array(Type.String(), { maxItems: 2000 }) }), response: { 204: Type.Null(), ...errorResponses },
    },
  }, async (request, reply) => {
    await service.reorder(request.params.projectId, actorOf(request), request.body.gapIds);
    return reply.status(204).send(null);
  });

  app.get(`${base}/:gapId`, {
    config: { access: { project: 'viewer' } },
    schema: {
      tags, params: GapParams, summary: "A gap's page: its sources, mapped codes with counts, chosen evidence with respondents, first supporting passages",
      querystring: Type.Object({ passageLimit: Type.Optional(Type.Integer({ minimum: 0, maximum: 200, default: 10 })) }),
      response: { 200: GapPageSchema, ...errorResponses },
    },
  }, async (request) => literature.gapPage(request.params.projectId, request.params.gapId, request.query.passageLimit ?? 10));

  app.patch(`${base}/:gapId`, {
    config: { access: { project: 'coder' } },
    schema: { tags, params: GapParams, body: UpdateGapBody, summary: 'Edit a gap, its order or its sources', response: { 200: GapSchema, ...errorResponses } },
  }, async (request) => {
    await service.update(request.params.projectId, request.params.gapId, actorOf(request), request.body);
    return service.get(request.params.projectId, request.params.gapId);
  });

  app.delete(`${base}/:gapId`, {
    config: { access: { project: 'coder' } },
    schema: { tags, params: GapParams, summary: 'Delete a gap with its links and evidence', response: { 204: Type.Null(), ...errorResponses } },
  }, async (request, reply) => {
    await service.delete(request.params.projectId, request.params.gapId, actorOf(request));
    return reply.status(204).send(null);
  });

  app.post(`${base}/:gapId/codes`, {
    config: { access: { project: 'coder' } },
    schema: {
      tags, params: GapParams, summary: 'Map a code to the gap with a relation (409 CODE_ALREADY_MAPPED); answers with the gap page',
      body: Type.Object({ codeId: Type.String({ minLength: 1 }), relation: Relation, note: Type.Optional(Type.String({ maxLength: 5000 })) }),
      response: { 201: GapPageSchema, ...errorResponses, ...Conflict },
    },
  }, async (request, reply) => {
    await service.linkCode(request.params.projectId, request.params.gapId, actorOf(request), request.body);
    return reply.status(201).send(await page(request.params.projectId, request.params.gapId));
  });

  app.patch(`${base}/:gapId/codes/:linkId`, {
    config: { access: { project: 'coder' } },
    schema: {
      tags, params: LinkParams, summary: "Change a code link's relation or note; answers with the gap page",
      body: Type.Object({ relation: Type.Optional(Relation), note: Type.Optional(Type.String({ maxLength: 5000 })) }),
      response: { 200: GapPageSchema, ...errorResponses },
    },
  }, async (request) => {
    await service.updateLink(request.params.projectId, request.params.gapId, request.params.linkId, actorOf(request), request.body);
    return page(request.params.projectId, request.params.gapId);
  });

  app.delete(`${base}/:gapId/codes/:linkId`, {
    config: { access: { project: 'coder' } },
    schema: { tags, params: LinkParams, summary: 'Remove a code link and its evidence', response: { 204: Type.Null(), ...errorResponses } },
  }, async (request, reply) => {
    await service.unlinkCode(request.params.projectId, request.params.gapId, request.params.linkId, actorOf(request));
    return reply.status(204).send(null);
  });

  app.post(`${base}/:gapId/codes/:linkId/evidence`, {
    config: { access: { project: 'coder' } },
    schema: {
      tags, params: LinkParams, summary: 'Choose a passage as evidence (allowed but flagged when it is not coded with the linked code or its sub-codes)',
      body: Type.Object({ segmentId: Type.String({ minLength: 1 }), note: Type.Optional(Type.String({ maxLength: 5000 })) }),
      response: {
        201: Type.Object({ id: Type.String(), segmentId: Type.String(), note: Type.String(), codedWithLink: Type.Boolean(), warning: Nullable(Type.String()) }),
        ...errorResponses, ...Conflict,
      },
    },
  }, async (request, reply) => reply.status(201).send(await service.addEvidence(request.params.projectId, request.params.gapId, request.params.linkId, actorOf(request), request.body, requestTranslator(request))));

  app.delete(`${base}/:gapId/codes/:linkId/evidence/:evidenceId`, {
    config: { access: { project: 'coder' } },
    schema: { tags, params: EvidenceParams, summary: 'Remove an evidence passage', response: { 204: Type.Null(), ...errorResponses } },
  }, async (request, reply) => {
    await service.removeEvidence(request.params.projectId, request.params.gapId, request.params.linkId, request.params.evidenceId, actorOf(request));
    return reply.status(204).send(null);
  });
};
