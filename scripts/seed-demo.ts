/** `npm run seed:demo`: loads the fictional demo project into the configured database. */
import { buildApp } from '../server/app';
import { loadConfig } from '../server/config';
import { createDb } from '../server/db/create-db';
import { migrateToLatest } from '../server/db/migrator';
import { seedDemo } from '../server/demo/seed-demo';

const config = loadConfig();
const database = createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await migrateToLatest(database);
const app = await buildApp({ config, database });
try {
  await app.services.users.ensureAdmin(config.admin);
  const result = await seedDemo(app.db, app.services);
  console.log(`SOCPREV demo: ${result.message}`);
} catch (error) {
  console.error(`SOCPREV demo could not be loaded: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await app.close();
}
