import type { FastifyInstance, FastifyReply } from 'fastify';
import { SESSION_COOKIE } from '../../plugins/access';

/** Sets the httpOnly, SameSite=Lax session cookie. */
export function setSessionCookie(app: FastifyInstance, reply: FastifyReply, token: string, expiresAt: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: app.config.secureCookies,
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(app: FastifyInstance, reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: app.config.secureCookies });
}
