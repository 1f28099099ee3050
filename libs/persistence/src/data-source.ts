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

/** Runs pending migrations on the database at `url` and closes the connection. */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(url));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
