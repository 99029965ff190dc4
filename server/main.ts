import { buildApp } from './app';
import { loadConfig } from './config';
import { createDb } from './db/create-db';
import { migrateToLatest } from './db/migrator';
import { seedDemo } from './demo/seed-demo';

/** Starts the workbench: configuration → database → migrations → first owner → listen. */
async function main() {
  const config = loadConfig();
  const database = createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const applied = await migrateToLatest(database);
  const app = await buildApp({ config, database, serveClient: true, logger: { level: config.logLevel } });
  if (applied.length > 0) app.log.info({ migrations: applied }, 'database migrated');
  if (await app.services.users.ensureAdmin(config.admin)) {
    app.log.info(`created the owner account ${config.admin!.email} from SOCPREV_ADMIN_EMAIL`);
  }
  if (process.argv.includes('--demo')) {
    const result = await seedDemo(app.db, app.services, { onlyIfEmpty: true });
    app.log.info(result.message);
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.log.info(`${signal}: closing`);
      void app.close().then(() => process.exit(0));
    });
  }
  await app.listen({ port: config.port, host: config.host });
  // Search indexes of the most recent projects are built while the server already answers.
  void app.services.searchIndexes.warm().catch((error) => app.log.warn({ err: error }, 'search index warm-up failed'));
  const where = database.dialect === 'sqlite' ? `SQLite in ${config.dataDir}` : 'PostgreSQL';
  app.log.info(`SOCPREV Workbench is ready at http://${config.host}:${config.port} (${where})`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
