import { randomBytes } from 'node:crypto';
import cookie from '@fastify/cookie';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../server/app';
import { loadConfig } from '../../server/config';
import type { Dialect } from '../../server/db/create-db';
import { migrateToLatest } from '../../server/db/migrator';
import { seedDemo } from '../../server/demo/seed-demo';
import access, { type AccessRule, type RegisteredRoute } from '../../server/plugins/access';
import type { AuthService } from '../../server/features/auth/auth.service';
import { roleAtLeast, type ProjectRoleName } from '../../server/shared/roles';
import { Agent, createUser, setupOwner } from '../helpers/agent';
import { createTestDatabase, DIALECTS } from '../helpers/test-app';

/**
 * The access-control matrix: every registered API route, called as each kind of caller, must give
 * exactly the answer its declared rule (`config.access`) promises. A test-only hook, added after
 * the access plugin, answers 200 `{ accessGranted: true }` to requests carrying the probe header,
 * so the real handler never runs (no fixture is changed) and a granted call is unmistakable.
 */
const PROBE = `probe-${randomBytes(8).toString('hex')}`;
const CALLERS = ['owner', 'lead', 'coder', 'viewer', 'outsider', 'anonymous'] as const;
type Caller = (typeof CALLERS)[number];
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Resolver parameters decide access, so they must point at real rows of the fixture project. */
const RESOLVER_PARAMS = new Set(['projectId', 'documentId', 'segmentId', 'memoId']);

/** Builds the app like createTestApp, but adds the probe hook before it is ready. */
async function buildProbedApp(dialect: Dialect): Promise<{ app: App; close: () => Promise<void> }> {
  const { database, drop } = await createTestDatabase(dialect);
  await migrateToLatest(database);
  const app = await buildApp({ config: loadConfig({ DATA_DIR: '/tmp/socprev-test-unused', SEARCH_SNAPSHOTS: '0' }), database });
  app.addHook('onRequest', async (request, reply) => {
    // A string body skips the route's response schema, which the probe answer does not match.
    if (request.headers['x-access-probe'] === PROBE) return reply.code(200).type('application/json').send('{"accessGranted":true}');
  });
  await app.ready();
  return { app, close: async () => { await app.close(); await drop(); } };
}

/** What a caller must get from a route with `rule`: 'granted' or the refusal status. */
export function expected(rule: AccessRule, caller: Caller, admins: Set<Caller>): 'granted' | 401 | 403 | 404 {
  if (rule === 'public') return 'granted';
  if (caller === 'anonymous') return 401;
  if (rule === 'user') return 'granted';
  if (rule === 'admin') return admins.has(caller) ? 'granted' : 403;
  if (caller === 'outsider') return 404;
  return roleAtLeast(caller as ProjectRoleName, rule.project) ? 'granted' : 403;
}

type Db = any; // eslint-disable-line @typescript-eslint/no-explicit-any
type Lookup = (db: Db, ids: Record<string, string>, url: string) => Promise<string | undefined>;
const first = async (query: Promise<{ id: string } | undefined>) => (await query)?.id;
const inProject = (table: string): Lookup => (db, ids) =>
  first(db.selectFrom(table).select('id').where('project_id', '=', ids.projectId).orderBy('id').executeTakeFirst());

/**
 * How each route parameter is filled. A route with a parameter not listed here fails the test:
 * add a lookup for it (a real row of the fixture project, found from the parameters before it).
 */
const FIXTURES: Record<string, Lookup> = {
  projectId: async (_db, ids) => ids.projectId,
  documentId: inProject('documents'),
  codeId: inProject('codes'),
  memoId: inProject('memos'),
  attributeId: inProject('attribute_definitions'),
  queryId: inProject('saved_queries'),
  sourceId: inProject('literature_sources'),
  gapId: inProject('literature_gaps'),
  practiceId: inProject('practice_records'),
  segmentId: (db, ids) => first(db.selectFrom('segments').innerJoin('documents', 'documents.id', 'segments.document_id')
    .select('segments.id as id').where('documents.project_id', '=', ids.projectId).orderBy('segments.id').executeTakeFirst()),
  speakerId: (db, ids) => first(db.selectFrom('speakers').select('id').where('document_id', '=', ids.documentId).orderBy('id').executeTakeFirst()),
  linkId: (db, ids, url) => url.includes('/practices/')
    ? first(db.selectFrom('practice_codes').select('id').where('practice_id', '=', ids.practiceId ?? '').executeTakeFirst())
    : first(db.selectFrom('gap_codes').select('id').where('gap_id', '=', ids.gapId ?? '').executeTakeFirst()),
  criterionId: inProject('assessment_criteria'),
  entryId: inProject('pseudonym_entries'),
  evidenceId: async (db, ids, url) => url.includes('/assessment/')
    ? first(db.selectFrom('assessment_evidence').innerJoin('assessments', 'assessments.id', 'assessment_evidence.assessment_id')
      .select('assessment_evidence.id as id').where('assessments.practice_id', '=', ids.practiceId ?? '')
      .where('assessments.criterion_id', '=', ids.criterionId ?? '').executeTakeFirst())
    : url.includes('/practices/')
    ? first(db.selectFrom('practice_code_evidence').select('id').where('practice_code_id', '=', ids.linkId ?? '').executeTakeFirst())
    : first(db.selectFrom('gap_code_evidence').select('id').where('gap_code_id', '=', ids.linkId ?? '').executeTakeFirst()),
  userId: async (_db, ids) => ids.memberUserId,
  tokenId: async (_db, ids) => ids.tokenId,
  format: async () => 'csv',
  table: async () => 'codebook',
};

interface World {
  app: App;
  close: () => Promise<void>;
  agents: Record<Exclude<Caller, 'anonymous'>, Agent>;
  tokens: Record<string, string>;
  base: Record<string, string>;
  routes: RegisteredRoute[];
  /** The outsider's own project. */
  otherProjectId: string;
}

/** Fills `:params` of a route URL from the fixtures; throws a clear error for an unknown one. */
async function fill(world: World, url: string): Promise<string> {
  const ids: Record<string, string> = { ...world.base };
  let out = url;
  for (const [, name] of url.matchAll(/:([A-Za-z]+)/g)) {
    const lookup = FIXTURES[name!];
    if (!lookup) {
      throw new Error(`Route ${url} takes the parameter :${name}, which the access matrix has no fixture for. ` +
        `Add a lookup for "${name}" to FIXTURES in test/server/access-matrix.test.ts.`);
    }
    const found = await lookup(world.app.db, ids, url);
    if (!found && RESOLVER_PARAMS.has(name!)) throw new Error(`The fixture project has no row for :${name} (route ${url})`);
    ids[name!] = found ?? `fixture-${name}`;
    out = out.replace(`:${name}`, encodeURIComponent(ids[name!]!));
  }
  return out;
}

async function setUpWorld(dialect: Dialect): Promise<World> {
  const { app, close } = await buildProbedApp(dialect);
  const owner = await setupOwner(app);
  const demo = await seedDemo(app.db, app.services);
  const projectId = demo.projectId!;
  const agents = { owner } as World['agents'];
  for (const role of ['lead', 'coder', 'viewer'] as const) {
    agents[role] = await createUser(owner, `${role}@example.org`);
    const added = await owner.post(`/api/projects/${projectId}/members`, { userId: agents[role].user.id, role });
    if (added.statusCode !== 201) throw new Error(`adding ${role}: ${added.statusCode} ${added.body}`);
  }
  agents.outsider = await createUser(owner, 'outsider@example.org');
  const elsewhere = await agents.outsider.post('/api/projects', { name: 'Somebody else’s project' });
  expect(elsewhere.statusCode).toBe(201);
  const tokens: Record<string, string> = {};
  for (const caller of ['owner', 'viewer'] as const) tokens[caller] = (await agents[caller].post('/api/tokens', { name: 'matrix' })).json().token;
  const tokenId = (await owner.get('/api/tokens')).json().tokens[0].id as string;
  const code = await app.db.selectFrom('codes').select('name').where('project_id', '=', projectId).orderBy('id').executeTakeFirstOrThrow();
  const query = await owner.post(`/api/projects/${projectId}/queries`, { name: 'Matrix query', expression: `[${code.name}]` });
  if (query.statusCode !== 201) throw new Error(`saving the query fixture: ${query.statusCode} ${query.body}`);
  const routes = app.accessRules.filter((r) => r.method !== 'HEAD');
  return { app, close, agents, tokens, routes, base: { projectId, memberUserId: agents.coder.user.id, tokenId }, otherProjectId: elsewhere.json().id };
}

function call(world: World, method: string, url: string, headers: Record<string, string>) {
  return world.app.inject({ method: method as 'GET', url, headers: { 'x-access-probe': PROBE, ...headers } });
}

describe('routes without a rule', () => {
  it('stop the server from starting', async () => {
    const app = Fastify();
    await app.register(cookie);
    await app.register(access, { authService: {} as AuthService, resolvers: {} });
    await expect((async () => {
      app.get('/api/forgotten', async () => ({ secret: true }));
      await app.ready();
    })()).rejects.toThrow(/GET \/api\/forgotten declares no access rule/);
    await app.close().catch(() => undefined);
  });
});

describe.each(DIALECTS)('access-control matrix over every registered route (%s)', (dialect) => {
  let world: World;
  beforeAll(async () => {
    world = await setUpWorld(dialect);
  }, 120_000);
  afterAll(() => world?.close());

  it('finds the routes of every feature, each with a rule', () => {
    expect(world.routes.length).toBeGreaterThan(80);
    for (const path of ['/api/projects/:projectId/documents', '/api/segments/:segmentId', '/api/memos/:memoId', '/api/users']) {
      expect(world.routes.some((r) => r.url.startsWith(path)), path).toBe(true);
    }
  });

  it('answers each caller exactly as the route rule says', async () => {
    const admins = new Set<Caller>(['owner']);
    const wrong: string[] = [];
    for (const route of world.routes) {
      const url = await fill(world, route.url);
      for (const caller of CALLERS) {
        const headers = caller === 'anonymous' ? {} : world.agents[caller].headers;
        const res = await call(world, route.method, url, headers);
        const want = expected(route.access, caller, admins);
        const got = res.statusCode === 200 && res.json().accessGranted === true ? 'granted' : res.statusCode;
        if (got !== want) wrong.push(`${route.method} ${route.url} as ${caller} (rule ${JSON.stringify(route.access)}): expected ${want}, got ${got} ${got === 'granted' ? '' : res.body}`);
      }
    }
    expect(wrong, wrong.join('\n')).toEqual([]);
  });

  it('refuses every state-changing cookie request without the CSRF token (403), but not a Bearer token', async () => {
    const wrong: string[] = [];
    for (const route of world.routes.filter((r) => !SAFE.has(r.method))) {
      const url = await fill(world, route.url);
      if (route.access === 'public') {
        // A public write takes no session (log-in, set-up): it must say so explicitly.
        if (route.csrf) wrong.push(`${route.method} ${route.url} is public and state-changing: require a session, or declare csrf: false if it opens one`);
        continue;
      }
      const { cookie } = world.agents.owner.headers;
      const noToken = await call(world, route.method, url, { cookie: cookie! });
      if (noToken.statusCode !== 403 || noToken.json().error?.code !== 'CSRF_TOKEN_INVALID') {
        wrong.push(`${route.method} ${route.url} with the cookie but no x-csrf-token: expected 403 CSRF_TOKEN_INVALID, got ${noToken.statusCode}`);
      }
      const forged = await call(world, route.method, url, { cookie: cookie!, 'x-csrf-token': 'forged' });
      if (forged.statusCode !== 403) wrong.push(`${route.method} ${route.url} with a forged x-csrf-token: expected 403, got ${forged.statusCode}`);
      const bearer = await call(world, route.method, url, { authorization: `Bearer ${world.tokens.owner}` });
      if (bearer.statusCode !== 200) wrong.push(`${route.method} ${route.url} with the owner's API token: expected access, got ${bearer.statusCode} ${bearer.body}`);
    }
    expect(wrong, wrong.join('\n')).toEqual([]);
  });

  it('gives an API token exactly its owner’s rights', async () => {
    const wrong: string[] = [];
    for (const route of world.routes) {
      if (typeof route.access !== 'object') continue;
      const url = await fill(world, route.url);
      const res = await call(world, route.method, url, { authorization: `Bearer ${world.tokens.viewer}` });
      const want = expected(route.access, 'viewer', new Set());
      const got = res.statusCode === 200 && res.json().accessGranted === true ? 'granted' : res.statusCode;
      if (got !== want) wrong.push(`${route.method} ${route.url} with the viewer's token: expected ${want}, got ${got}`);
    }
    expect(wrong, wrong.join('\n')).toEqual([]);
  });

  it('runs every GET handler for its weakest allowed caller without a refusal or a server error', async () => {
    const wrong: string[] = [];
    for (const route of world.routes.filter((r) => r.method === 'GET')) {
      const caller = CALLERS.slice().reverse().find((c) => expected(route.access, c, new Set(['owner'])) === 'granted')!;
      const url = await fill(world, route.url);
      const headers = caller === 'anonymous' ? {} : world.agents[caller].headers;
      const answer = world.app.inject({ method: 'GET', url, headers });
      // A live stream (server-sent events) never ends: a handler still answering after 1.5 s is one.
      const res = await Promise.race([answer, new Promise<null>((r) => setTimeout(() => r(null), 1500))]);
      if (res === null) continue;
      if (res.statusCode === 401 || res.statusCode === 403 || res.statusCode >= 500) {
        wrong.push(`GET ${url} as ${caller}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
    }
    expect(wrong, wrong.join('\n')).toEqual([]);
  });

  // Runs last: were a handler to ignore the project, this would change the fixture project.
  it('never reaches a row of this project through another project’s id (no cross-project references)', async () => {
    const wrong: string[] = [];
    const candidates = world.routes.filter((r) => r.url.startsWith('/api/projects/:projectId/') && /:(?!projectId)[A-Za-z]+Id\b/.test(r.url));
    for (const route of candidates.sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'))) {
      const url = (await fill(world, route.url)).replace(world.base.projectId!, world.otherProjectId);
      const res = await world.app.inject({ method: route.method as 'GET', url, headers: world.agents.outsider.headers, ...(SAFE.has(route.method) || route.method === 'DELETE' ? {} : { payload: {} }) });
      if (res.statusCode < 400 || res.statusCode >= 500) wrong.push(`${route.method} ${url} (a row of another project): got ${res.statusCode} ${res.body.slice(0, 150)}`);
    }
    expect(candidates.length).toBeGreaterThan(10);
    expect(wrong, wrong.join('\n')).toEqual([]);
  });

  it('fails with a clear message for a route parameter without a fixture', async () => {
    await expect(fill(world, '/api/projects/:projectId/widgets/:widgetId')).rejects.toThrow(/no fixture for.*Add a lookup for "widgetId"/);
  });
});
