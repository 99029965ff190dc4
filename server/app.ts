import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from './config';
import type { DbHandle, Dialect } from './db/create-db';
import type { Database } from './db/schema';
import { analysisRoutes } from './features/analysis/analysis.routes';
import { assessmentRoutes } from './features/assessment/assessment.routes';
import { attributesRoutes } from './features/attributes/attributes.routes';
import { authRoutes } from './features/auth/auth.routes';
import { tokensRoutes } from './features/auth/tokens.routes';
import { documentsRoutes } from './features/documents/documents.routes';
import { documentProject } from './features/documents/documents.repository';
import { codesRoutes } from './features/codes/codes.routes';
import { consentRoutes } from './features/consent/consent.routes';
import { eventsRoutes } from './features/events/events.routes';
import { backupRoutes } from './features/exchange/backup.routes';
import { tablesRoutes } from './features/exchange/tables.routes';
import { refiExportRoutes } from './features/exchange/refi-export.routes';
import { refiImportRoutes } from './features/exchange/refi-import.routes';
import { historyRoutes } from './features/history/history.routes';
import { LiveFeed } from './features/live/live-feed';
import { liveRoutes } from './features/live/live.routes';
import { liveAnnounce } from './features/live/live-announce';
import { literatureRoutes } from './features/literature/literature.routes';
import { memosRoutes } from './features/memos/memos.routes';
import { practicesRoutes } from './features/practices/practices.routes';
import { pseudonymsRoutes } from './features/pseudonyms/pseudonyms.routes';
import { retrievalRoutes } from './features/retrieval/retrieval.routes';
import { segmentProject } from './features/segments/segments.repository';
import { segmentsRoutes } from './features/segments/segments.routes';
import { searchRoutes } from './features/search/search.routes';
import { healthRoutes } from './features/health/health.routes';
import { projectsRoutes } from './features/projects/projects.routes';
import { queriesRoutes } from './features/queries/queries.routes';
import { usersRoutes } from './features/users/users.routes';
import access from './plugins/access';
import errorHandler from './plugins/error-handler';
import openapi from './plugins/openapi';
import securityHeaders from './plugins/security-headers';
import { installValidation } from './plugins/validation';
import { lazySerializerFactory } from './plugins/lazy-compile';
import staticClient from './plugins/static-client';
import { createServices, type Services } from './services';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>;
    dialect: Dialect;
    config: Config;
    services: Services;
    live: LiveFeed;
  }
}

export interface BuildAppOptions {
  config: Config;
  database: DbHandle;
  logger?: FastifyServerOptions['logger'];
  /** Serve the built client from `client/dist` (off in API tests). */
  serveClient?: boolean;
}

/**
 * Builds the whole workbench as a Fastify instance without listening (tests use `app.inject`).
 *
 * @example
 * const app = await buildApp({ config: loadConfig(), database: createDb({ dataDir: 'data' }) });
 * await app.listen({ port: 8080 });
 */
export async function buildApp(options: BuildAppOptions) {
  const { config, database } = options;
  const app = Fastify({
    logger: options.logger ?? false,
    // Behind a reverse proxy, the client's address (login back-off per address) comes from X-Forwarded-For.
    trustProxy: config.trustProxy,
    // Upload limits are per file (multipart); JSON bodies stay small.
    bodyLimit: 2 * 1024 * 1024,
    schemaController: { compilersFactory: { buildSerializer: lazySerializerFactory } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  installValidation(app);

  app.decorate('db', database.db);
  app.decorate('dialect', database.dialect);
  app.decorate('config', config);
  app.decorate('services', createServices(database.db, config));
  app.decorate('live', new LiveFeed(database.db, {
    databaseUrl: database.dialect === 'postgres' ? config.databaseUrl : undefined,
    onListenError: (error) => app.log.warn({ err: error }, 'live updates: LISTEN connection lost, reconnecting'),
  }));
  app.addHook('onClose', async () => {
    await app.live.stop();
    await app.services.searchIndexes.close();
    await database.close();
  });

  await app.register(errorHandler);
  await app.register(securityHeaders);
  await app.register(cookie);
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: config.maxUploadBytes, files: config.maxUploadFiles, fields: 20, fieldSize: 64 * 1024 },
  });
  await app.register(openapi);
  await app.register(access, {
    authService: app.services.auth,
    resolvers: {
      projectId: { label: 'project', projectOf: (db, id) => db.selectFrom('projects').select('id').where('id', '=', id) },
      documentId: { label: 'document', projectOf: documentProject },
      segmentId: { label: 'segment', projectOf: segmentProject },
      memoId: { label: 'memo', projectOf: (db, id) => db.selectFrom('memos').select('project_id').where('id', '=', id) },
    },
  });

  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(tokensRoutes);
  await app.register(usersRoutes);
  await app.register(projectsRoutes);
  await app.register(documentsRoutes);
  await app.register(attributesRoutes);
  await app.register(eventsRoutes);
  await app.register(codesRoutes);
  await app.register(segmentsRoutes);
  await app.register(retrievalRoutes);
  await app.register(memosRoutes);
  await app.register(consentRoutes);
  await app.register(historyRoutes);
  await app.register(liveRoutes);
  await app.register(liveAnnounce);
  await app.register(searchRoutes);
  await app.register(analysisRoutes);
  await app.register(queriesRoutes);
  await app.register(literatureRoutes);
  await app.register(practicesRoutes);
  await app.register(assessmentRoutes);
  await app.register(pseudonymsRoutes);
  await app.register(backupRoutes);
  await app.register(tablesRoutes);
  await app.register(refiExportRoutes);
  await app.register(refiImportRoutes);
  if (options.serveClient) await app.register(staticClient);
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
