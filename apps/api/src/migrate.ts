// `npm run migration:run`: applies pending migrations to DATABASE_URL (or the embedded database).
import { runMigrations } from '#libs/persistence';
import { loadConfig } from '#libs/config';
import { openDatabase } from './runtime.js';

const config = loadConfig();
const database = await openDatabase(config);
const applied = await runMigrations(database.url);
console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The schema is up to date.');
await database.embedded?.stop();
