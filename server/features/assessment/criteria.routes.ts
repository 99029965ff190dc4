import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requestTranslator } from '../../i18n/translator';
import { actorOf } from '../../plugins/access';
import { errorResponses } from '../../shared/schema-helpers';
import { ProjectParams } from '../projects/projects.schemas';
import { CreateCriterionBody, CriterionParams, CriterionSchema, DeriveBody, DeriveResultSchema, ReorderBody, UpdateCriterionBody } from './assessment.schemas';

const tags = ['assessment'];

/** Assessment criteria: `/api/projects/:projectId/assessment/criteria`. */
export const criteriaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.services.assessment.criteria;
  const base = '/api/projects/:projectId/assessment/criteria';

  app.get(base, {
    config: { access: { project: 'viewer' } },
    schema: { tags, params: ProjectParams, summary: "The project's assessment criteria, in their order", response: { 200: Type.Object({ criteria: Type.Array(CriterionSchema) }), ...errorResponses } },
  }, async (request) => ({ criteria: await service.list(request.params.projectId) }));

  app.post(base, {
    config: { access: { project: 'coder' } },
    schema: {
      tags, params: ProjectParams, body: CreateCriterionBody, summary: 'Add a criterion at the end (409 CRITERION_NAME_TAKEN when the name is in use)',
      response: { 201: CriterionSchema, ...errorResponses, 409: Type.Ref('Error') },
    },
  }, async (request, reply) => {
    const id = await service.create(request.params.projectId, actorOf(request), request.body);
    return reply.status(201).send(await service.get(request.params.projectId, id));
  });

  app.post(`${base}/derive`, {
    config: { access: { project: 'coder' } },
    schema: {
      tags, params: ProjectParams, body: DeriveBody, summary: "Create criteria from codes: the code's name and definition; names already used are skipped",
      response: { 201: DeriveResultSchema, ...errorResponses },
    },
  }, async (request, reply) => reply.status(201).send(await service.derive(request.params.projectId, actorOf(request), request.body.codeIds, requestTranslator(request))));

  app.put(`${base}/order`, {
    config: { access: { project: 'coder' } },
    schema: { tags, params: ProjectParams, body: ReorderBody, summary: 'Put the criteria in a new order', response: { 200: Type.Object({ criteria: Type.Array(CriterionSchema) }), ...errorResponses } },
  }, async (request) => {
    await service.reorder(request.params.projectId, actorOf(request), request.body.criterionIds);
    return { criteria: await service.list(request.params.projectId) };
  });

  app.patch(`${base}/:criterionId`, {
    config: { access: { project: 'coder' } },
    schema: {
      tags, params: CriterionParams, body: UpdateCriterionBody, summary: 'Rename a criterion, change its description or its code',
      response: { 200: CriterionSchema, ...errorResponses, 409: Type.Ref('Error') },
    },
  }, async (request) => {
    await service.update(request.params.projectId, request.params.criterionId, actorOf(request), request.body);
    return service.get(request.params.projectId, request.params.criterionId);
  });

  app.delete(`${base}/:criterionId`, {
    config: { access: { project: 'coder' } },
    schema: { tags, params: CriterionParams, summary: 'Delete a criterion with its scores', response: { 204: Type.Null(), ...errorResponses } },
  }, async (request, reply) => {
    await service.delete(request.params.projectId, request.params.criterionId, actorOf(request));
    return reply.status(204).send(null);
  });
};
