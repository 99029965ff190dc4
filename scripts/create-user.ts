/** `npm run create-user -- <email> <name> [--admin]`: creates an account; reads the password from SOCPREV_NEW_PASSWORD or stdin. */
import { createInterface } from 'node:readline/promises';
import { loadConfig } from '../server/config';
import { createDb } from '../server/db/create-db';
import { migrateToLatest } from '../server/db/migrator';
import { UsersService } from '../server/features/users/users.service';

const args = process.argv.slice(2).filter((a) => a !== '--admin');
const [email, ...nameParts] = args;
if (!email || nameParts.length === 0) {
  console.error('Usage: npm run create-user -- <email> <name> [--admin]');
  process.exit(2);
}
const password = process.env.SOCPREV_NEW_PASSWORD
  ?? (await createInterface({ input: process.stdin, output: process.stdout }).question('Password: '));
const config = loadConfig();
const database = createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrateToLatest(database);
  const user = await new UsersService(database.db).create({ email, name: nameParts.join(' '), password, isAdmin: process.argv.includes('--admin') });
  console.log(`Created ${user.email}${user.isAdmin ? ' (administrator)' : ''}.`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await database.close();
}
