// How the platform reaches PostgreSQL: one options builder for the app, migrations and tests.
import type { DataSourceOptions } from 'typeorm';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from './migrations/index.js';

export function dataSourceOptions(
  url: string,
  entities: DataSourceOptions['entities'] = [],
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
    extra: { max: 20, connectionTimeoutMillis: 5000 },
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
