import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { notFound } from '../../errors';
import { errorResponses } from '../../shared/schema-helpers';
import { ApiTokenSchema } from './auth.schemas';
import { apiTokensRepository } from './sessions.repository';

const tags = ['auth'];

/** Personal API tokens for scripts: `Authorization: Bearer spw_…`, no cookie and no CSRF token. */
export const tokensRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/tokens', {
    config: { access: 'user' },
    schema: { tags, summary: 'Your API tokens (never the secrets)', response: { 200: Type.Object({ tokens: Type.Array(ApiTokenSchema) }), ...errorResponses } },
  }, async (request) => {
    const rows = await apiTokensRepository.listForUser(app.db, request.auth!.user.id);
    return { tokens: rows.map((t) => ({ id: t.id, name: t.name, createdAt: t.created_at, lastUsedAt: t.last_used_at, revokedAt: t.revoked_at })) };
  });

  app.post('/api/tokens', {
    config: { access: 'user' },
    schema: {
      tags, summary: 'Create an API token; the secret is shown in this answer only',
      body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }),
      response: { 201: Type.Object({ id: Type.String(), name: Type.String(), token: Type.String(), createdAt: Type.String() }), ...errorResponses },
    },
  }, async (request, reply) => reply.status(201).send(await app.services.auth.createApiToken(request.auth!.user.id, request.body.name.trim())));

  app.delete('/api/tokens/:tokenId', {
    config: { access: 'user' },
    schema: { tags, summary: 'Revoke one of your API tokens', params: Type.Object({ tokenId: Type.String() }), response: { 204: Type.Null(), ...errorResponses } },
  }, async (request, reply) => {
    const result = await apiTokensRepository.revoke(app.db, request.auth!.user.id, request.params.tokenId, new Date().toISOString());
    if (Number(result.numUpdatedRows) === 0) throw notFound('apiToken');
    return reply.status(204).send(null);
  });
};
