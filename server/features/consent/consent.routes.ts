import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, Nullable } from '../../shared/schema-helpers';
import { DocumentParams } from '../documents/documents.schemas';
import { ProjectParams } from '../projects/projects.schemas';

const tags = ['consent'];
const Status = Type.Union([Type.Literal('given'), Type.Literal('restricted'), Type.Literal('withdrawn'), Type.Literal('unknown')]);
const ConsentSchema = Type.Object({ documentId: Type.String(), status: Status, date: Nullable(Type.String()), noQuotes: Type.Boolean(), noExport: Type.Boolean() });

/** Consent and retention per participant: `/api/projects/:projectId/consent`, `/api/documents/:documentId/consent`. */
export const consentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.services.consent;

  app.get('/api/projects/:projectId/consent', {
    config: { access: { project: 'viewer' } },
    schema: {
      tags, params: ProjectParams, summary: "Each participant's (document's) consent, and the records of deleted withdrawn participants",
      response: {
        200: Type.Object({
          participants: Type.Array(ConsentSchema),
          deletions: Type.Array(Type.Object({ date: Type.String(), count: Type.Integer(), userName: Nullable(Type.String()) })),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => service.list(request.params.projectId));

  app.put('/api/documents/:documentId/consent', {
    config: { access: { project: 'lead' } },
    schema: {
      tags, params: DocumentParams, summary: "Set a participant's consent: status, date and restrictions",
      description: 'Withdrawn or "no export": the document is left out of every export and report (not of backups). '
        + '"No quotes": its passages are counted but their text is withheld in exports and reports.',
      body: Type.Object({
        status: Status, date: Type.Optional(Nullable(Type.String({ maxLength: 10 }))),
        noQuotes: Type.Optional(Type.Boolean()), noExport: Type.Optional(Type.Boolean()),
      }),
      response: { 200: ConsentSchema, ...errorResponses },
    },
  }, async (request) => service.set(request.params.documentId, request.member!.projectId, request.auth!.user.id, request.body));

  app.post('/api/projects/:projectId/consent/delete-withdrawn', {
    config: { access: { project: 'lead' } },
    schema: {
      tags, params: ProjectParams, summary: 'Delete every document of a withdrawn participant, with its codings',
      description: 'Keeps one record without personal data (count, date, who). 409 NOTHING_TO_DELETE when nobody withdrew.',
      response: { 200: Type.Object({ deleted: Type.Integer() }), ...errorResponses, 409: Type.Ref('Error') },
    },
  }, async (request) => service.deleteWithdrawn(request.params.projectId, request.auth!.user.id));
};
