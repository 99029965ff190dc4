import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { badRequest } from '../../server/errors';
import errorHandler from '../../server/plugins/error-handler';

describe('configuration from the environment', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8080, host: '127.0.0.1', databaseUrl: undefined, logLevel: 'info', maxUploadBytes: 25 * 1024 * 1024, maxUploadFiles: 50, admin: undefined });
    expect(config.dataDir.endsWith('/data')).toBe(true);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '9000', HOST: '0.0.0.0', DATA_DIR: '/srv/socprev', DATABASE_URL: 'postgres://u@db/socprev', LOG_LEVEL: 'debug',
      MAX_UPLOAD_MB: '5', MAX_UPLOAD_FILES: '3', MAX_UPLOAD_TOTAL_MB: '10', SESSION_TTL_HOURS: '8', SECURE_COOKIES: '1',
      SOCPREV_ADMIN_EMAIL: 'admin@example.org', SOCPREV_ADMIN_PASSWORD: 'a long password', SOCPREV_ADMIN_NAME: 'Ada',
    });
    expect(config).toMatchObject({
      port: 9000, host: '0.0.0.0', dataDir: '/srv/socprev', databaseUrl: 'postgres://u@db/socprev', logLevel: 'debug',
      maxUploadBytes: 5 * 1024 * 1024, maxUploadFiles: 3, maxUploadTotalBytes: 10 * 1024 * 1024, sessionTtlHours: 8, secureCookies: true,
      admin: { email: 'admin@example.org', password: 'a long password', name: 'Ada' },
    });
  });

  it('reads which reverse proxies to trust', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.0.0.0/8' }).trustProxy).toEqual(['10.0.0.1', '10.0.0.0/8']);
  });

  it('refuses bad values with a readable message', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT must be a whole number/);
    expect(() => loadConfig({ MAX_UPLOAD_MB: '0' })).toThrow(/MAX_UPLOAD_MB/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/postgres:\/\//);
    expect(() => loadConfig({ SOCPREV_ADMIN_EMAIL: 'a@example.org' })).toThrow(/both/);
  });
});

describe('the error handler', () => {
  async function appThrowing(error: unknown) {
    const app = Fastify();
    await app.register(errorHandler);
    app.get('/api/boom', async () => {
      throw error;
    });
    return app;
  }

  it('hides internals behind a 500 with the one error shape', async () => {
    const app = await appThrowing(new Error('SQLITE_CORRUPT: database disk image is malformed at /srv/data/socprev.sqlite'));
    const res = await app.inject({ url: '/api/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'INTERNAL_ERROR', message: expect.any(String) } });
    expect(res.body).not.toMatch(/SQLITE|srv|stack/i);
  });

  it('passes an AppError through with its status and code', async () => {
    const app = await appThrowing(badRequest('WEAK_PASSWORD', 'errors.passwordRepeats'));
    const res = await app.inject({ url: '/api/boom' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'WEAK_PASSWORD', message: 'The password repeats too few different characters.' } });
  });
});
