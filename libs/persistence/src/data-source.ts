// How the platform reaches PostgreSQL: one options builder for the app, migrations and tests.
import type { DataSourceOptions } from 'typeorm';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from './migrations/index.js';

export function dataSourceOptions(
  url: string,
  entities: DataSourceOptions['entities'] = [],
  poolSize = 20,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Expected failures (unique violations we turn into 409s) are not worth a console line;
    // unexpected ones reach the exception filter, which logs them.
    logging: false,
    // Idle connections stay open: one closed when idle is re-opened under the next burst, and
    // every send waits behind it (ConnectionPoolKeeper keeps the pool warm).
    extra: { max: poolSize, idleTimeoutMillis: 0, connectionTimeoutMillis: 5000 },
    // Names the API's connections in pg_stat_activity (the job queue's are `crossings-jobs`).
    applicationName: 'crossings-api',
  };
}

/** PostgreSQL 15 or newer: the practice search finds a snippet's first match with regexp_instr. */
export const MIN_POSTGRES_VERSION_NUM = 150000;

/** A server the platform cannot run on: a person can fix it (the start says it in one sentence). */
export class DatabaseVersionError extends Error {}

/** Refuses a server too old for the platform, saying which it found (else the first search fails). */
export function assertPostgresVersion(versionNum: number, version: string): void {
  if (versionNum < MIN_POSTGRES_VERSION_NUM)
    throw new DatabaseVersionError(
      `PostgreSQL 15 or newer is needed (the practice search uses regexp_instr); the server at DATABASE_URL is ${version}`,
    );
}

/** Runs pending migrations on the database at `url` and closes the connection. */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(url));
  await dataSource.initialize();
  try {
    const [server] = (await dataSource.query(
      `SELECT current_setting('server_version_num')::int AS num, current_setting('server_version') AS version`,
    )) as [{ num: number; version: string }];
    assertPostgresVersion(server.num, server.version);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
