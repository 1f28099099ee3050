// `npm run seed:demo`: adds the demo network to the database at DATABASE_URL (or the embedded one).
import 'reflect-metadata';
import { loadConfig } from '../../../libs/persistence/src/index.js';
import { createApp, jwtSecretFor, openDatabase } from './runtime.js';
import { seedDemoNetworkIfEmpty } from './seed/demo-network.js';

const config = loadConfig();
const database = await openDatabase(config);
const app = await createApp(config, database.url, await jwtSecretFor(config));
const seeded = await seedDemoNetworkIfEmpty(app);
console.log(
  seeded ? 'Seeded the demo network.' : 'The database already has accounts: nothing seeded.',
);
await app.close();
await database.embedded?.stop();
