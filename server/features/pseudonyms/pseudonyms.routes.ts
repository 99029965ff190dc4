import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '../../shared/schema-helpers';
import { ProjectParams } from '../projects/projects.schemas';
import {
  ApplyBody, ApplyResultSchema, ApplyScopeBody, CandidateSchema, CreateEntryBody, EntryParams, PreviewSchema, PseudonymEntrySchema, UpdateEntryBody,
} from './pseudonyms.schemas';

const tags = ['pseudonyms'];
const owner = { access: { project: 'owner' as const } };
const MATCHING = 'Names match as whole words, whatever their case; the replacement keeps the case of what it replaces (ALL CAPS, all lower case, '
  + 'otherwise the pseudonym as written). Longer names win (`Jan Peeters` before `Jan`). Owners only: others get 403 (members) or 404.';

/** The pseudonymisation key list (owners only): entries, candidate names, preview and apply. */
export const pseudonymsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.services.pseudonyms;
  const userId = (request: { auth: { user: { id: string } } | null }) => request.auth!.user.id;

  app.get('/api/projects/:projectId/pseudonyms', {
    config: owner,
    schema: { tags, params: ProjectParams, summary: "The project's key list: names and their pseudonyms", response: { 200: Type.Object({ entries: Type.Array(PseudonymEntrySchema) }), ...errorResponses } },
  }, async (request) => ({ entries: await service.list(request.params.projectId) }));

  app.post('/api/projects/:projectId/pseudonyms', {
    config: owner,
    schema: {
      tags, params: ProjectParams, body: CreateEntryBody, summary: 'Add a name and its pseudonym (409 NAME_IN_KEY_LIST when the name is listed already)',
      response: { 201: PseudonymEntrySchema, ...errorResponses, 409: Type.Ref('Error') },
    },
  }, async (request, reply) => reply.status(201).send(await service.create(request.params.projectId, userId(request), request.body)));

  app.patch('/api/projects/:projectId/pseudonyms/:entryId', {
    config: owner,
    schema: { tags, params: EntryParams, body: UpdateEntryBody, summary: 'Change a key-list entry', response: { 200: PseudonymEntrySchema, ...errorResponses, 409: Type.Ref('Error') } },
  }, async (request) => service.update(request.params.projectId, request.params.entryId, userId(request), request.body));

  app.delete('/api/projects/:projectId/pseudonyms/:entryId', {
    config: owner,
    schema: { tags, params: EntryParams, summary: 'Remove a key-list entry (transcripts already pseudonymised stay as they are)', response: { 204: Type.Null(), ...errorResponses } },
  }, async (request, reply) => {
    await service.delete(request.params.projectId, request.params.entryId, userId(request));
    return reply.status(204).send(null);
  });

  app.get('/api/projects/:projectId/pseudonyms/suggestions', {
    config: owner,
    schema: {
      tags, params: ProjectParams, summary: 'Candidate names: capitalised words and names that recur across the transcripts, not in the key list yet',
      description: 'A word counts when it is capitalised somewhere other than at a sentence start, occurs at least twice and is not mostly written in lower case elsewhere.',
      response: { 200: Type.Object({ candidates: Type.Array(CandidateSchema) }), ...errorResponses },
    },
  }, async (request) => ({ candidates: await service.suggestions(request.params.projectId) }));

  app.post('/api/projects/:projectId/pseudonyms/preview', {
    config: owner,
    schema: { tags, params: ProjectParams, body: ApplyScopeBody, summary: 'Preview: every replacement in the chosen documents, with context and counts', description: MATCHING, response: { 200: PreviewSchema, ...errorResponses } },
  }, async (request) => service.preview(request.params.projectId, userId(request), request.body));

  app.post('/api/projects/:projectId/pseudonyms/apply', {
    config: owner,
    schema: {
      tags, params: ProjectParams, body: ApplyBody, summary: 'Apply the key list: a corrected revision of each chosen document where names occur',
      description: `${MATCHING} Each document is corrected like a manual correction: a new revision, coded segments re-anchored (those that cannot be placed become orphaned, `
        + 'never deleted). Send the preview\'s revision ids as `baseRevisionIds` to refuse (409 REVISION_CONFLICT) when a text changed meanwhile. To revert, correct the transcript again.',
      response: { 201: ApplyResultSchema, ...errorResponses, 409: Type.Ref('Error') },
    },
  }, async (request, reply) => reply.status(201).send(await service.apply(request.params.projectId, userId(request), request.body)));
};
