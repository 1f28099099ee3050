// `npm run seed:demo`: adds the demo network to the database at DATABASE_URL (or the embedded one)
// and opens its drop-in session.
import 'reflect-metadata';
import { loadConfig } from '#libs/config';
import { createApp, jwtSecretFor, openDatabase, prepareDataDir, usesDataDir } from './runtime.js';
import { prepareDemoNetwork } from './seed/demo-network.js';

const config = loadConfig();
if (usesDataDir(config)) await prepareDataDir(config);
const database = await openDatabase(config);
const app = await createApp(config, database.url, await jwtSecretFor(config));
const { seeded } = await prepareDemoNetwork(app, { seed: true });
console.log(
  seeded ? 'Seeded the demo network.' : 'The database already has accounts: nothing seeded.',
);
await app.close();
await database.embedded?.stop();
