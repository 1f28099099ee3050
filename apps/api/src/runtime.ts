// Starting and stopping the platform: database (embedded or DATABASE_URL), migrations,
// demo data, the HTTP server. Used by main.ts, the seed script and the end-to-end tests.
import { Logger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  type AppConfig,
  type EmbeddedDatabase,
  runMigrations,
  startEmbeddedDatabase,
} from '../../../libs/persistence/src/index.js';
import { AppModule } from './app.module.js';
import { configureApp } from './configure-app.js';

export interface Database {
  url: string;
  embedded: EmbeddedDatabase | null;
}

export async function openDatabase(
  config: AppConfig,
  logger = new Logger('Database'),
): Promise<Database> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, embedded: null };
  const dataDir = path.resolve(config.DATA_DIR, 'postgres');
  logger.log(`DATABASE_URL is not set: starting embedded PostgreSQL in ${dataDir}`);
  const embedded = await startEmbeddedDatabase({ dataDir, database: 'crossings' });
  return { url: embedded.url, embedded };
}

/** The configured secret, or (for local use only) a random one kept in the data folder. */
export async function jwtSecretFor(config: AppConfig): Promise<string> {
  if (config.JWT_SECRET) return config.JWT_SECRET;
  const file = path.resolve(config.DATA_DIR, 'jwt-secret');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const secret = randomBytes(48).toString('base64url');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}

export async function createApp(
  config: AppConfig,
  databaseUrl: string,
  jwtSecret: string,
): Promise<INestApplication> {
  await runMigrations(databaseUrl);
  const app = await NestFactory.create(AppModule.forRoot({ config, databaseUrl, jwtSecret }), {
    bodyParser: false,
    logger: logLevels(config.LOG_LEVEL),
  });
  configureApp(app, config);
  return app;
}

function logLevels(level: AppConfig['LOG_LEVEL']): Array<AppConfig['LOG_LEVEL']> {
  const order: Array<AppConfig['LOG_LEVEL']> = [
    'fatal',
    'error',
    'warn',
    'log',
    'debug',
    'verbose',
  ];
  return order.slice(0, order.indexOf(level) + 1);
}
