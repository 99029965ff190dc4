import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setupOwner } from '../helpers/agent';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app';

/** Error sentences with a message key come in the user's language; the others stay English (issue 10). */
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
});
