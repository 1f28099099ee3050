// Starts the real API (real PostgreSQL, real HTTP) on a free port for an end-to-end test file.
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { loadConfig } from '#libs/config';
import { createApp } from '../../apps/api/src/runtime.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestApp {
  app: INestApplication;
  baseUrl: string;
  dataSource: DataSource;
  database: TestDatabase;
  /** The app's DATA_DIR (outgoing mail lands in its mail/ folder when SMTP_URL is unset). */
  dataDir: string;
  close(): Promise<void>;
}

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';

export interface StartOptions {
  /** Start on this (already migrated) database instead of a fresh one, e.g. to test a restart. */
  database?: TestDatabase;
  /** Leave the database in place on close(), so another app can start on it. */
  keepDatabase?: boolean;
}

export async function startTestApp(
  env: Record<string, string> = {},
  options: StartOptions = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  // A data folder per app: mail written there (no SMTP_URL) belongs to this test alone.
  const dataDir = await mkdtemp(path.join(tmpdir(), 'crossings-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    PORT: '0',
    DATA_DIR: dataDir,
    // Two warm connections per app: test files run side by side on one PostgreSQL.
    DATABASE_POOL_WARM: '2',
    ...env,
  });
  const app = await createApp(config, database.url, TEST_JWT_SECRET);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    baseUrl: `http://127.0.0.1:${address.port}`,
    dataSource: app.get<DataSource>(getDataSourceToken()),
    database,
    dataDir: config.DATA_DIR,
    close: async () => {
      await app.close();
      if (!options.keepDatabase) await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
