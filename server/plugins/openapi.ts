import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ErrorSchema } from '../shared/schema-helpers';
import { APP_VERSION } from '../version';

/** The HTTP API described in OpenAPI 3: JSON at `/api/docs/json`, browsable at `/api/docs`. */
async function openapi(app: FastifyInstance) {
  app.addSchema(ErrorSchema);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'SOCPREV Workbench API',
        version: APP_VERSION,
        description:
          'Every error is `{ "error": { "code", "message" } }`. Browsers authenticate with the session cookie and send ' +
          'the `X-CSRF-Token` header (from `/api/auth/me`) on state-changing requests; scripts send ' +
          '`Authorization: Bearer <token>` (create one with `POST /api/tokens`) and need neither.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'socprev_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
}

export default fp(openapi, { name: 'openapi' });
