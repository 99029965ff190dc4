import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../errors';
import { errorResponses } from '../../shared/schema-helpers';
import { usersRepository } from '../users/users.repository';
import type { AuthUser } from './auth.service';
import { ChangePasswordBody, LoginBody, NewAccountBody, SessionSchema, UpdateMeBody } from './auth.schemas';
import { LoginThrottle } from './login-throttle';
import { assertPasswordPolicy, hashPassword, verifyPassword } from './password';
import { clearSessionCookie, setSessionCookie } from './session-cookie';

const tags = ['auth'];

/** Login, logout, the current user, and the first-owner set-up. */
export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const auth = app.services.auth;
  const throttle = new LoginThrottle();

  app.get('/api/setup', {
    config: { access: 'public' },
    schema: { tags, summary: 'Whether the server still needs its first owner account', response: { 200: Type.Object({ needsOwner: Type.Boolean() }) } },
  }, async () => ({ needsOwner: (await usersRepository.count(app.db)) === 0 }));

  app.post('/api/setup', {
    config: { access: 'public', csrf: false },
    schema: { tags, summary: 'Create the first owner (administrator) account; only while no account exists', body: NewAccountBody, response: { 201: SessionSchema, ...errorResponses, 409: Type.Ref('Error') } },
  }, async (request, reply) => {
    const user = await app.services.users.createFirstAdmin(request.body);
    const session = await auth.openSession(user.id, request.headers['user-agent']);
    setSessionCookie(app, reply, session.token, session.expiresAt);
    return reply.status(201).send({ user, csrfToken: session.csrfToken });
  });

  app.post('/api/auth/login', {
    config: { access: 'public', csrf: false },
    schema: { tags, summary: 'Log in with e-mail and password; sets the session cookie. Repeated failures answer 429 with Retry-After (exponential back-off per account and per IP)', body: LoginBody, response: { 200: SessionSchema, ...errorResponses, 429: Type.Ref('Error') } },
  }, async (request, reply) => {
    const { email } = request.body;
    try {
      throttle.assertAllowed(email, request.ip);
    } catch (error) {
      request.log.warn({ audit: 'login.throttled', email, ip: request.ip }, 'log-in refused: too many failures');
      reply.header('retry-after', String((error as AppError & { details: { retryAfterSeconds: number } }).details.retryAfterSeconds));
      throw error;
    }
    const session = await auth.login(email, request.body.password, request.headers['user-agent']).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'INVALID_CREDENTIALS') {
        const counts = throttle.recordFailure(email, request.ip);
        request.log.warn({ audit: 'login.failed', email, ip: request.ip, ...counts }, 'log-in failed');
      }
      throw error;
    });
    throttle.recordSuccess(email);
    request.log.info({ audit: 'login.succeeded', email, ip: request.ip }, 'logged in');
    const me = await auth.resolveSession(session.token);
    setSessionCookie(app, reply, session.token, session.expiresAt);
    return { user: me!.user, csrfToken: session.csrfToken };
  });

  app.post('/api/auth/logout', {
    config: { access: 'user' },
    schema: { tags, summary: 'Log out this session', response: { 204: Type.Null(), ...errorResponses } },
  }, async (request, reply) => {
    if (request.auth!.via === 'session') await auth.logout(request.auth!.sessionId);
    clearSessionCookie(app, reply);
    return reply.status(204).send(null);
  });

  app.post('/api/auth/logout-everywhere', {
    config: { access: 'user' },
    schema: { tags, summary: 'End every session of your account (API tokens stay valid)', response: { 204: Type.Null(), ...errorResponses } },
  }, async (request, reply) => {
    await auth.logoutEverywhere(request.auth!.user.id);
    clearSessionCookie(app, reply);
    return reply.status(204).send(null);
  });

  app.get('/api/auth/me', {
    config: { access: 'user' },
    schema: { tags, summary: 'The signed-in user and the CSRF token of this session', response: { 200: SessionSchema, ...errorResponses } },
  }, async (request) => ({ user: request.auth!.user, csrfToken: request.auth!.via === 'session' ? request.auth!.csrfToken : null }));

  app.patch('/api/auth/me', {
    config: { access: 'user' },
    schema: { tags, summary: 'Change your name or interface language', body: UpdateMeBody, response: { 200: SessionSchema, ...errorResponses } },
  }, async (request) => {
    const current = request.auth!.user;
    const next: AuthUser = {
      ...current,
      name: request.body.name?.trim() || current.name,
      locale: request.body.locale !== undefined ? request.body.locale : current.locale,
    };
    await usersRepository.update(app.db, current.id, { name: next.name, locale: next.locale, updated_at: new Date().toISOString() });
    return { user: next, csrfToken: request.auth!.via === 'session' ? request.auth!.csrfToken : null };
  });

  app.post('/api/auth/password', {
    config: { access: 'user' },
    schema: { tags, summary: 'Change your password (ends your other sessions; answers the new session)', body: ChangePasswordBody, response: { 200: SessionSchema, ...errorResponses } },
  }, async (request, reply) => {
    const user = (await usersRepository.findById(app.db, request.auth!.user.id))!;
    if (!(await verifyPassword(user.password_hash, request.body.currentPassword))) {
      throw new AppError(400, 'INVALID_CREDENTIALS', 'errors.currentPassword');
    }
    assertPasswordPolicy(request.body.newPassword, user.email);
    await usersRepository.update(app.db, user.id, { password_hash: await hashPassword(request.body.newPassword), updated_at: new Date().toISOString() });
    await auth.logoutEverywhere(user.id);
    const session = await auth.openSession(user.id, request.headers['user-agent']);
    setSessionCookie(app, reply, session.token, session.expiresAt);
    return { user: request.auth!.user, csrfToken: session.csrfToken };
  });
};
