import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../plugins/access';
import { errorResponses } from '../../shared/schema-helpers';
import { AddEvidenceBody, AssessmentSchema, CellParams, EvidenceParams, SetScoreBody } from './assessment.schemas';

const tags = ['assessment'];

/** Scores: `/api/projects/:projectId/assessment/scores/:practiceId/:criterionId` (score, note, evidence). */
export const scoresRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.services.assessment.scores;
  const cell = '/api/projects/:projectId/assessment/scores/:practiceId/:criterionId';

  app.get(cell, {
    config: { access: { project: 'viewer' } },
    schema: { tags, params: CellParams, summary: "A practice's score on a criterion with its note and evidence passages", response: { 200: AssessmentSchema, ...errorResponses } },
  }, async (request) => service.get(request.params.projectId, request.params.practiceId, request.params.criterionId));

  app.put(cell, {
    config: { access: { project: 'coder' } },
    schema: { tags, params: CellParams, body: SetScoreBody, summary: 'Set the score (met, partly, not_met, unknown) and, when given, the note', response: { 200: AssessmentSchema, ...errorResponses } },
  }, async (request) => {
    const { projectId, practiceId, criterionId } = request.params;
    await service.set(projectId, practiceId, criterionId, actorOf(request), request.body);
    return service.get(projectId, practiceId, criterionId);
  });

  app.delete(cell, {
    config: { access: { project: 'coder' } },
    schema: { tags, params: CellParams, summary: 'Clear the score, its note and its evidence', response: { 204: Type.Null(), ...errorResponses } },
  }, async (request, reply) => {
    const { projectId, practiceId, criterionId } = request.params;
    await service.clear(projectId, practiceId, criterionId, actorOf(request));
    return reply.status(204).send(null);
  });

  app.post(`${cell}/evidence`, {
    config: { access: { project: 'coder' } },
    schema: {
      tags, params: CellParams, body: AddEvidenceBody, summary: 'Add a passage (segment of this project) as evidence for the score',
      response: { 201: AssessmentSchema, ...errorResponses, 409: Type.Ref('Error') },
    },
  }, async (request, reply) => {
    const { projectId, practiceId, criterionId } = request.params;
    await service.addEvidence(projectId, practiceId, criterionId, actorOf(request), request.body);
    return reply.status(201).send(await service.get(projectId, practiceId, criterionId));
  });

  app.delete(`${cell}/evidence/:evidenceId`, {
    config: { access: { project: 'coder' } },
    schema: { tags, params: EvidenceParams, summary: 'Remove an evidence passage from the score', response: { 200: AssessmentSchema, ...errorResponses } },
  }, async (request) => {
    const { projectId, practiceId, criterionId, evidenceId } = request.params;
    await service.removeEvidence(projectId, practiceId, criterionId, evidenceId, actorOf(request));
    return service.get(projectId, practiceId, criterionId);
  });
};
