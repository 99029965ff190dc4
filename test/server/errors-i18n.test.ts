import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUser, setupOwner } from '../helpers/agent';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app';

/** Every error sentence comes in the user's language (issue 10); feature areas have their own errors-i18n-*.test.ts. */
describe.each(DIALECTS)('error messages in the user\'s language (%s)', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(() => t.close());

  const login = (language?: string) => t.app.inject({
    method: 'POST', url: '/api/auth/login', payload: { email: 'nobody@example.org', password: 'not the password 123' },
    headers: language ? { 'accept-language': language } : {},
  });

  it('answers sign-in, validation and routing errors in the browser\'s language, English by default', async () => {
    await setupOwner(t.app);
    expect((await login()).json().error).toEqual({ code: 'INVALID_CREDENTIALS', message: 'The e-mail address or password is not correct.' });
    expect((await login('nl-BE,nl;q=0.9')).json().error.message).toBe('Het e-mailadres of het wachtwoord is niet juist.');
    expect((await login('fr-BE')).json().error.message).toBe('L’adresse e-mail ou le mot de passe n’est pas correct.');
    const invalid = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'x' }, headers: { 'accept-language': 'fr' } });
    expect(invalid.json().error.code).toBe('VALIDATION_ERROR');
    expect(invalid.json().error.message).toMatch(/^Données non valides \(body\) : /);
    // Ajv's own detail is translated too (ajv-i18n), not left in English.
    expect(invalid.json().error.message).not.toMatch(/must/);
    const invalidNl = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'x' }, headers: { 'accept-language': 'nl' } });
    expect(invalidNl.json().error.message).toMatch(/^Ongeldige invoer \(body\): /);
    expect(invalidNl.json().error.message).not.toMatch(/must/);
    const route = await t.app.inject({ method: 'GET', url: '/api/nothing-here', headers: { 'accept-language': 'nl' } });
    expect(route.json().error.message).toBe('Geen API-route GET /api/nothing-here.');
  });

  it('follows the account\'s language for access errors', async () => {
    const owner = await setupOwner(t.app);
    expect((await owner.patch('/api/auth/me', { locale: 'nl' })).statusCode).toBe(200);
    const noCsrf = await t.app.inject({ method: 'POST', url: '/api/projects', payload: { name: 'x' }, headers: { cookie: owner.headers.cookie as string } });
    expect(noCsrf.json().error).toEqual({ code: 'CSRF_TOKEN_INVALID', message: 'Dit verzoek heeft geen geldig CSRF-token. Herlaad de pagina en probeer opnieuw.' });
    const short = await owner.post('/api/auth/password', { currentPassword: 'wrong', newPassword: 'x' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toMatch(/niet juist|minstens/);
  });

  it('names roles in the user\'s language when a role is too low', async () => {
    const owner = await setupOwner(t.app);
    const projectId = (await owner.post('/api/projects', { name: 'Rollen' })).json().id;
    const viewer = await createUser(owner, 'viewer@example.org');
    await owner.post(`/api/projects/${projectId}/members`, { userId: viewer.user.id, role: 'viewer' });
    expect((await viewer.patch('/api/auth/me', { locale: 'fr' })).statusCode).toBe(200);
    const denied = await viewer.post(`/api/projects/${projectId}/codes`, { name: 'Logement' });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.message).toBe('Il faut le rôle codeur·euse ou supérieur dans ce projet ; vous êtes lecteur·rice.');
    const missing = await viewer.get('/api/documents/00000000-0000-0000-0000-000000000000');
    expect(missing.json().error).toEqual({ code: 'NOT_FOUND', message: 'Le document est introuvable.' });
  });
});
