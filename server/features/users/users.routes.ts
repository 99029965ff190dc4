import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { notFound } from '../../errors';
import { errorResponses } from '../../shared/schema-helpers';
import { NewAccountBody, UserSchema } from '../auth/auth.schemas';
import { toPublicUser } from './users.service';
import { usersRepository } from './users.repository';

const tags = ['users'];

/** Accounts: administrators list and create them; anyone signed in can look one up by e-mail. */
export const usersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/users', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Every account (administrators only)', response: { 200: Type.Object({ users: Type.Array(UserSchema) }), ...errorResponses } },
  }, async () => ({ users: (await usersRepository.list(app.db)).map(toPublicUser) }));

  app.post('/api/users', {
    config: { access: 'admin' },
    schema: {
      tags, summary: 'Create an account (administrators only)',
      body: Type.Intersect([NewAccountBody, Type.Object({ isAdmin: Type.Optional(Type.Boolean()) })]),
      response: { 201: UserSchema, ...errorResponses, 409: Type.Ref('Error') },
    },
  }, async (request, reply) => reply.status(201).send(await app.services.users.create(request.body)));

  app.get('/api/users/lookup', {
    config: { access: 'user' },
    schema: {
      tags, summary: 'Find an account by its exact e-mail address (to add it to a project)',
      querystring: Type.Object({ email: Type.String({ minLength: 3, maxLength: 320 }) }),
      response: { 200: Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() }), ...errorResponses },
    },
  }, async (request) => {
    const user = await usersRepository.findByEmail(app.db, request.query.email);
    if (!user) throw notFound('account', { email: request.query.email });
    return { id: user.id, name: user.name, email: user.email };
  });
};
