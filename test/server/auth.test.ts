import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Agent, createUser, PASSWORD, setupOwner } from '../helpers/agent';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app';

describe.each(DIALECTS)('accounts and sessions (%s)', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(() => t.close());

  it('asks for a first owner, creates it once, then refuses', async () => {
    expect((await t.app.inject({ url: '/api/setup' })).json()).toEqual({ needsOwner: true });
    const owner = await setupOwner(t.app);
    expect(owner.user.email).toBe('owner@example.org');
    expect((await t.app.inject({ url: '/api/setup' })).json()).toEqual({ needsOwner: false });
    const again = await t.app.inject({ method: 'POST', url: '/api/setup', payload: { email: 'x@example.org', name: 'X', password: PASSWORD } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_SET_UP');
  });

  it('creates the owner from SOCPREV_ADMIN_EMAIL and SOCPREV_ADMIN_PASSWORD', async () => {
    const created = await t.app.services.users.ensureAdmin({ email: 'Admin@Example.org', password: PASSWORD, name: 'Admin' });
    expect(created).toBe(true);
    expect(await t.app.services.users.ensureAdmin({ email: 'other@example.org', password: PASSWORD, name: 'X' })).toBe(false);
    const admin = await Agent.login(t.app, 'admin@example.org', PASSWORD);
    expect((await admin.get('/api/auth/me')).json().user).toMatchObject({ email: 'admin@example.org', isAdmin: true });
  });

  it('logs in with an httpOnly SameSite cookie, and refuses a wrong password with one message', async () => {
    await setupOwner(t.app);
    const ok = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'owner@example.org', password: PASSWORD } });
    expect(ok.statusCode).toBe(200);
    const cookie = ok.cookies.find((c) => c.name === 'socprev_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'owner@example.org', password: 'nope nope nope' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'ghost@example.org', password: 'nope nope nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('stores passwords with argon2id, never in clear', async () => {
    await setupOwner(t.app);
    const row = await t.app.db.selectFrom('users').select('password_hash').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
  });

  it('requires the CSRF header with the cookie, and none with a Bearer token', async () => {
    const owner = await setupOwner(t.app);
    const noCsrf = await t.app.inject({ method: 'POST', url: '/api/projects', headers: { cookie: owner.headers.cookie! }, payload: { name: 'P' } });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('CSRF_TOKEN_INVALID');
    expect((await owner.post('/api/projects', { name: 'P' })).statusCode).toBe(201);

    const created = await owner.post('/api/tokens', { name: 'script' });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^spw_/);
    const bearer = { authorization: `Bearer ${token}` };
    const viaToken = await t.app.inject({ method: 'POST', url: '/api/projects', headers: bearer, payload: { name: 'From a script' } });
    expect(viaToken.statusCode).toBe(201);
    const listed = (await owner.get('/api/tokens')).json().tokens;
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(token);
    expect((await owner.delete(`/api/tokens/${id}`)).statusCode).toBe(204);
    const revoked = await t.app.inject({ url: '/api/projects', headers: bearer });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.code).toBe('INVALID_TOKEN');
  });

  it('logs out one session, and every session', async () => {
    await setupOwner(t.app);
    const a = await Agent.login(t.app, 'owner@example.org', PASSWORD);
    const b = await Agent.login(t.app, 'owner@example.org', PASSWORD);
    expect((await a.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await a.get('/api/auth/me')).statusCode).toBe(401);
    expect((await b.get('/api/auth/me')).statusCode).toBe(200);
    const c = await Agent.login(t.app, 'owner@example.org', PASSWORD);
    expect((await c.post('/api/auth/logout-everywhere')).statusCode).toBe(204);
    expect((await b.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('lets the administrator create accounts, and nobody else', async () => {
    const owner = await setupOwner(t.app);
    const coder = await createUser(owner, 'coder@example.org', 'Cora Coder');
    expect((await coder.post('/api/users', { email: 'x@example.org', name: 'X', password: PASSWORD })).statusCode).toBe(403);
    const dup = await owner.post('/api/users', { email: 'CODER@example.org', name: 'Again', password: PASSWORD });
    expect(dup.statusCode).toBe(409);
    const weak = await owner.post('/api/users', { email: 'weak@example.org', name: 'W', password: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('WEAK_PASSWORD');
    const badEmail = await owner.post('/api/users', { email: 'not-an-email', name: 'W', password: PASSWORD });
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json().error.code).toBe('VALIDATION_ERROR');
    expect((await coder.get('/api/users/lookup?email=owner@example.org')).json().name).toBe('Olivia Owner');
  });

  it('changes the interface language and the password', async () => {
    const owner = await setupOwner(t.app);
    const res = await owner.patch('/api/auth/me', { locale: 'nl' });
    expect(res.json().user.locale).toBe('nl');
    const wrong = await owner.post('/api/auth/password', { currentPassword: 'wrong password!', newPassword: 'another long secret' });
    expect(wrong.statusCode).toBe(400);
    const changed = await owner.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'another long secret' });
    expect(changed.statusCode).toBe(200);
    expect((await owner.get('/api/auth/me')).statusCode).toBe(401);
    await Agent.login(t.app, 'owner@example.org', 'another long secret');
  });

  it('answers health, OpenAPI, and errors in one shape', async () => {
    const health = await t.app.inject({ url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'ok', database: dialect });
    const spec = await t.app.inject({ url: '/api/docs/json' });
    expect(spec.statusCode).toBe(200);
    expect(Object.keys(spec.json().paths)).toContain('/api/projects/{projectId}/documents');
    const missing = await t.app.inject({ url: '/api/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
    const anonymous = await t.app.inject({ url: '/api/projects' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
    const badJson = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{nope' });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().error.code).toBe('INVALID_JSON');
  });
});
