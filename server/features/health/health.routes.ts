import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { APP_VERSION } from '../../version';

/** `GET /api/health`: 200 when the server and its database answer. */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/health', {
    config: { access: 'public' },
    schema: {
      tags: ['health'], summary: 'Liveness and database check',
      response: { 200: Type.Object({ status: Type.Literal('ok'), database: Type.String(), version: Type.String() }) },
    },
  }, async () => {
    await sql`select 1`.execute(app.db);
    return { status: 'ok' as const, database: app.dialect, version: APP_VERSION };
  });
};
