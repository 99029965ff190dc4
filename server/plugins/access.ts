import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import { precompiled, type PrecompiledQuery } from '../db/precompiled';
import type { Database, ProjectRole } from '../db/schema';
import { AppError, forbidden, notFound, unauthorized, type MissingThing } from '../errors';
import type { Auth, AuthService } from '../features/auth/auth.service';
import { roleAtLeast } from '../shared/roles';

/**
 * Who may call a route. Every `/api` route declares one in `config.access`; a route without
 * a rule is refused at start-up, so no route is ever open by accident.
 * - `public`: anyone; `user`: any signed-in account; `admin`: the server's administrators;
 * - `{ project: role }`: members of the project named by the route's params with at least `role`.
 *   Non-members get 404 (a project you are not in does not exist for you), too low a role 403.
 */
export type AccessRule = 'public' | 'user' | 'admin' | { project: ProjectRole };

/**
 * The project a route parameter belongs to, as a query of one row and one column (no row when the
 * thing does not exist). Access runs it as a subquery of the membership check: one query per request.
 */
export type ProjectOf = (db: Kysely<Database>, value: string) => SelectQueryBuilder<Database, any, Record<string, string>>;

export interface ProjectResolverEntry {
  projectOf: ProjectOf;
  /** What the parameter names, for the 404 message (`errors.notFound.document`). */
  label: MissingThing;
}

/** One registered API route and the rule it declared (read by the access-matrix test and SECURITY.md). */
export interface RegisteredRoute {
  method: string;
  url: string;
  access: AccessRule;
  /** False when the route opens a session and so has no CSRF token to check (login, set-up). */
  csrf: boolean;
}

export interface AccessOptions {
  authService: AuthService;
  resolvers: Record<string, ProjectResolverEntry>;
}

export const SESSION_COOKIE = 'socprev_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
    /** Set false on routes that open a session (login, set-up): they have none to check against. */
    csrf?: boolean;
  }
  interface FastifyRequest {
    auth: Auth | null;
    member: { projectId: string; role: ProjectRole } | null;
  }
  interface FastifyInstance {
    /** Every `/api` route with its access rule, in registration order. */
    accessRules: readonly RegisteredRoute[];
  }
}

async function authenticate(request: FastifyRequest, authService: AuthService): Promise<Auth | null> {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const auth = match ? await authService.resolveApiToken(match[1]!) : null;
    if (!auth) throw new AppError(401, 'INVALID_TOKEN', 'errors.invalidToken');
    return auth;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? authService.resolveSession(cookie) : null;
}

/** The signed-in member behind a project route: who acts, with which role. */
export function actorOf(request: FastifyRequest): { userId: string; role: ProjectRole } {
  return { userId: request.auth!.user.id, role: request.member!.role };
}

export function isApiRoute(url: string): boolean {
  return url.startsWith('/api/') && !url.startsWith('/api/docs');
}

async function accessPlugin(app: FastifyInstance, options: AccessOptions) {
  app.decorateRequest('auth', null);
  app.decorateRequest('member', null);
  const registered: RegisteredRoute[] = [];
  app.decorate('accessRules', registered);
  // The caller's membership of the project behind each kind of parameter: one query, compiled once
  // (db/precompiled.ts), on every project request. No row: no such thing, or not a member (both 404).
  const memberships = new Map<string, PrecompiledQuery<{ value: string; userId: string }, { project_id: string; role: ProjectRole }>>(
    Object.entries(options.resolvers).map(([name, { projectOf }]) => [name, precompiled((db, p: { value: string; userId: string }) =>
      db.selectFrom('project_members').select(['project_id', 'role']).where('user_id', '=', p.userId).where('project_id', '=', projectOf(db, p.value)))]),
  );

  app.addHook('onRoute', (route) => {
    if (!isApiRoute(route.url)) return;
    const rule = route.config?.access;
    if (!rule) throw new Error(`Route ${route.method} ${route.url} declares no access rule (config.access)`);
    if (typeof rule === 'object' && !Object.keys(options.resolvers).some((p) => route.url.includes(`:${p}`))) {
      throw new Error(`Route ${route.method} ${route.url} has a project rule but no project parameter`);
    }
    for (const method of [route.method].flat()) {
      registered.push({ method, url: route.url, access: rule, csrf: route.config?.csrf !== false });
    }
  });

  app.addHook('onRequest', async (request) => {
    const rule = request.routeOptions.config?.access;
    if (!rule || rule === 'public') {
      request.auth = await authenticate(request, options.authService).catch(() => null);
      return;
    }
    const auth = await authenticate(request, options.authService);
    if (!auth) throw unauthorized();
    request.auth = auth;
    if (auth.via === 'session' && !SAFE_METHODS.has(request.method) && request.routeOptions.config?.csrf !== false) {
      if (request.headers[CSRF_HEADER] !== auth.csrfToken) {
        throw new AppError(403, 'CSRF_TOKEN_INVALID', 'errors.csrf');
      }
    }
    if (rule === 'user') return;
    if (rule === 'admin') {
      if (!auth.user.isAdmin) throw forbidden('errors.adminOnly');
      return;
    }
    const params = request.params as Record<string, string>;
    const name = Object.keys(options.resolvers).find((p) => params[p] !== undefined)!;
    const { label } = options.resolvers[name]!;
    const membership = await memberships.get(name)!.executeTakeFirst(app.db, { value: params[name]!, userId: auth.user.id });
    if (!membership) throw notFound(label);
    if (!roleAtLeast(membership.role, rule.project)) {
      throw forbidden('errors.roleNeeded', { needed: rule.project, role: membership.role });
    }
    request.member = { projectId: membership.project_id, role: membership.role };
  });
}

export default fp(accessPlugin, { name: 'access', dependencies: ['@fastify/cookie'] });
