import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backoffDelay, ACCOUNT_POLICY, LoginThrottle } from '../../server/features/auth/login-throttle';
import { hashSecret } from '../../server/features/auth/tokens';
import { Agent, createUser, PASSWORD, setupOwner } from '../helpers/agent';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app';

const login = (t: TestApp, email: string, password: string, remoteAddress = '127.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress });

describe('login back-off (unit)', () => {
  it('waits 1 s after 5 failures, doubles, and caps at 15 minutes', () => {
    expect([4, 5, 6, 7].map((n) => backoffDelay(n, ACCOUNT_POLICY))).toEqual([0, 1000, 2000, 4000]);
    expect(backoffDelay(40, ACCOUNT_POLICY)).toBe(15 * 60_000);
  });

  it('blocks per account and per IP, forgets with time, and a success resets only the account', () => {
    let now = 0;
    const throttle = new LoginThrottle(() => now);
    for (let i = 0; i < 5; i++) throttle.recordFailure('A@x.org', '10.0.0.1');
    expect(throttle.waitFor('a@x.org', '10.0.0.2')).toBe(1000);
    expect(() => throttle.assertAllowed('a@x.org', '10.0.0.9')).toThrow(/Wait 1 second before/);
    expect(throttle.waitFor('b@x.org', '10.0.0.1')).toBe(0);
    now = 1000;
    expect(throttle.waitFor('a@x.org', '10.0.0.1')).toBe(0);
    throttle.recordSuccess('a@x.org');
    for (let i = 0; i < 14; i++) throttle.recordFailure(`user${i}@x.org`, '10.0.0.1');
    // 5 + 14 = 19 failures from this IP: still free; the 20th blocks the address for every account.
    expect(throttle.waitFor('new@x.org', '10.0.0.1')).toBe(0);
    throttle.recordFailure('z@x.org', '10.0.0.1');
    expect(throttle.waitFor('new@x.org', '10.0.0.1')).toBe(1000);
    now += 2 * 3_600_000;
    expect(throttle.waitFor('new@x.org', '10.0.0.1')).toBe(0);
  });
});

describe.each(DIALECTS)('sessions and log-in hardening (%s)', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(() => t.close());

  it('answers 429 with Retry-After after 5 failures, refuses even the right password, then lets it in', async () => {
    await setupOwner(t.app);
    for (let i = 0; i < 5; i++) expect((await login(t, 'owner@example.org', 'wrong password ' + i)).statusCode).toBe(401);
    const blocked = await login(t, 'owner@example.org', PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBe('1');
    expect(blocked.json().error).toMatchObject({ code: 'LOGIN_THROTTLED', details: { retryAfterSeconds: 1 } });
    expect(blocked.json().error.message).toMatch(/Too many failed log-in attempts/);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await login(t, 'owner@example.org', PASSWORD)).statusCode).toBe(200);
    // The success reset the account: one more failure is free again.
    expect((await login(t, 'owner@example.org', 'wrong again!')).statusCode).toBe(401);
    expect((await login(t, 'owner@example.org', PASSWORD)).statusCode).toBe(200);
  });

  it('throttles unknown e-mails and a guessing IP the same way', async () => {
    for (let i = 0; i < 5; i++) expect((await login(t, 'ghost@example.org', 'nope nope')).statusCode).toBe(401);
    expect((await login(t, 'ghost@example.org', 'nope nope')).statusCode).toBe(429);
    for (let i = 0; i < 20; i++) await login(t, `guess${i}@example.org`, 'nope nope', '10.9.9.9');
    const fromGuesser = await login(t, 'someone@example.org', 'nope nope', '10.9.9.9');
    expect(fromGuesser.statusCode).toBe(429);
    expect((await login(t, 'someone@example.org', 'nope nope', '10.1.1.1')).statusCode).toBe(401);
  });

  it('ends an expired session (401) and deletes it; keeps a used session alive (sliding expiry)', async () => {
    const owner = await setupOwner(t.app);
    const token = owner.headers.cookie!.split('=')[1]!;
    const id = hashSecret(token);
    const old = new Date(Date.now() - 10 * 60_000).toISOString();
    await t.app.db.updateTable('sessions').set({ last_seen_at: old }).where('id', '=', id).execute();
    expect((await owner.get('/api/auth/me')).statusCode).toBe(200);
    const touched = await t.app.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(touched.last_seen_at > old).toBe(true);
    expect(Date.parse(touched.expires_at) - Date.now()).toBeGreaterThan((t.config.sessionTtlHours - 1) * 3_600_000);

    await t.app.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', id).execute();
    const expired = await owner.get('/api/auth/me');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('UNAUTHENTICATED');
    expect(await t.app.db.selectFrom('sessions').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
  });

  it('sets the cookie expiry from SESSION_TTL_HOURS', async () => {
    const short = await createTestApp(dialect, { SESSION_TTL_HOURS: '2' });
    try {
      await setupOwner(short.app);
      const res = await login(short, 'owner@example.org', PASSWORD);
      const cookie = res.cookies.find((c) => c.name === 'socprev_session')!;
      const ms = new Date(cookie.expires!).getTime() - Date.now();
      expect(ms).toBeGreaterThan(2 * 3_600_000 - 60_000);
      expect(ms).toBeLessThanOrEqual(2 * 3_600_000);
    } finally {
      await short.close();
    }
  });

  it('logout clears the cookie and the session; a stolen old cookie is useless afterwards', async () => {
    const owner = await setupOwner(t.app);
    const out = await owner.post('/api/auth/logout');
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === 'socprev_session')!;
    expect(cleared.value).toBe('');
    expect((await owner.get('/api/projects')).statusCode).toBe(401);
    const id = hashSecret(owner.headers.cookie!.split('=')[1]!);
    expect(await t.app.db.selectFrom('sessions').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
  });

  it('logout everywhere ends every session of that account only, and keeps API tokens', async () => {
    const owner = await setupOwner(t.app);
    const coder = await createUser(owner, 'coder@example.org');
    const other = await Agent.login(t.app, 'owner@example.org', PASSWORD);
    const token = (await owner.post('/api/tokens', { name: 'script' })).json().token as string;
    expect((await owner.post('/api/auth/logout-everywhere')).statusCode).toBe(204);
    expect((await owner.get('/api/auth/me')).statusCode).toBe(401);
    expect((await other.get('/api/auth/me')).statusCode).toBe(401);
    expect((await coder.get('/api/auth/me')).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
  });

  it('a password change ends the other sessions but keeps the one that changed it', async () => {
    const owner = await setupOwner(t.app);
    const laptop = await Agent.login(t.app, 'owner@example.org', PASSWORD);
    const res = await owner.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'socprev_session')!;
    const renewed = new Agent(t.app, { cookie: `socprev_session=${cookie.value}`, 'x-csrf-token': res.json().csrfToken }, owner.user);
    expect((await laptop.get('/api/auth/me')).statusCode).toBe(401);
    expect((await renewed.get('/api/auth/me')).statusCode).toBe(200);
    expect((await login(t, 'owner@example.org', PASSWORD)).statusCode).toBe(401);
    expect((await login(t, 'owner@example.org', 'a brand new passphrase')).statusCode).toBe(200);
  });

  it('applies the password policy to new accounts and password changes', async () => {
    const owner = await setupOwner(t.app);
    for (const [password, reason] of [['short', /at least 10/], ['aaaaaaaaaaaaaa', /too few different/], ['owner-is-my-password', /e-mail name/], ['x'.repeat(300), /at most|VALIDATION|256/]] as const) {
      const res = await owner.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: password });
      expect(res.statusCode, password).toBe(400);
      expect(res.json().error.message, password).toMatch(reason);
    }
    const weak = await owner.post('/api/users', { email: 'w@example.org', name: 'W', password: 'abcabcabca' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('WEAK_PASSWORD');
  });

  it('refuses a CSRF token from another session, and a forged cookie', async () => {
    const owner = await setupOwner(t.app);
    const other = await Agent.login(t.app, 'owner@example.org', PASSWORD);
    const mixed = await t.app.inject({
      method: 'POST', url: '/api/projects', payload: { name: 'P' },
      headers: { cookie: owner.headers.cookie!, 'x-csrf-token': other.headers['x-csrf-token']! },
    });
    expect(mixed.statusCode).toBe(403);
    expect(mixed.json().error.code).toBe('CSRF_TOKEN_INVALID');
    const forged = await t.app.inject({ url: '/api/projects', headers: { cookie: 'socprev_session=not-a-session' } });
    expect(forged.statusCode).toBe(401);
  });

  it('lists API tokens without secrets, revokes only your own, and a revoked token stops at once', async () => {
    const owner = await setupOwner(t.app);
    const coder = await createUser(owner, 'coder@example.org');
    const a = (await owner.post('/api/tokens', { name: 'backup script' })).json();
    const b = (await owner.post('/api/tokens', { name: 'R notebook' })).json();
    const listed = (await owner.get('/api/tokens')).json().tokens as { id: string; name: string; revokedAt: string | null }[];
    expect(listed.map((x) => x.name).sort()).toEqual(['R notebook', 'backup script']);
    expect(JSON.stringify(listed)).not.toContain(a.token);
    expect((await coder.get('/api/tokens')).json().tokens).toEqual([]);
    expect((await coder.delete(`/api/tokens/${a.id}`)).statusCode).toBe(404);
    expect((await owner.delete(`/api/tokens/${a.id}`)).statusCode).toBe(204);
    expect((await owner.delete(`/api/tokens/${a.id}`)).statusCode).toBe(404);
    const after = (await owner.get('/api/tokens')).json().tokens as { id: string; revokedAt: string | null }[];
    expect(after.find((x) => x.id === a.id)!.revokedAt).not.toBeNull();
    expect((await t.app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${a.token}` } })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${b.token}` } })).statusCode).toBe(200);
    const stored = await t.app.db.selectFrom('api_tokens').select('token_hash').execute();
    expect(JSON.stringify(stored)).not.toContain(b.token);
  });

  it('sends the security headers and the strict CSP', async () => {
    const res = await t.app.inject({ url: '/api/health' });
    const csp = String(res.headers['content-security-policy']);
    for (const part of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'", "script-src-attr 'none'"]) {
      expect(csp).toContain(part);
    }
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['strict-transport-security']).toBeUndefined();
    const denied = await t.app.inject({ url: '/api/projects' });
    expect(denied.statusCode).toBe(401);
    expect(denied.headers['content-security-policy']).toBe(res.headers['content-security-policy']);
  });

  it('leaves the stricter policy of a printable HTML report in place', async () => {
    const owner = await setupOwner(t.app);
    const projectId = (await owner.post('/api/projects', { name: 'P' })).json().id;
    const report = await owner.get(`/api/projects/${projectId}/literature/gaps/report.html`);
    if (report.statusCode === 404 && report.json().error?.message?.startsWith('No API route')) return; // literature not installed
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-security-policy']).toMatch(/^default-src 'none'/);
    expect(report.headers['x-content-type-options']).toBe('nosniff');
  });
});
