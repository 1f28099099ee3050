import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig, APP_CONFIG } from '#libs/config';
import { ConnectionPoolKeeper } from './connection-pool-keeper.js';
import { dataSourceOptions } from './data-source.js';
import { JobQueue } from './job-queue.js';
import { pgPoolProvider, PG_POOL, poolOf } from './pg-pool.js';

/** Provides the validated config everywhere and one TypeORM connection to `databaseUrl`. */
@Global()
@Module({})
export class PersistenceModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...dataSourceOptions(databaseUrl, [], config.DATABASE_POOL_SIZE),
            autoLoadEntities: true,
          }),
          dataSourceFactory: async (options) => {
            const { DataSource } = await import('typeorm');
            const dataSource: DataSource = new DataSource(options!);
            await dataSource.initialize();
            // A lost database must not crash the process: pg emits 'error' on idle clients.
            const pool = poolOf(dataSource);
            // 57P01 admin_shutdown: the server is stopping or restarting (Ctrl-C in a terminal
            // reaches embedded PostgreSQL too) and closes every idle connection at once; the
            // pool reconnects when it is back, so one warning line says it all.
            const logger = new Logger('PostgreSQL');
            let lastShutdownWarning = 0;
            pool.on('error', (err: Error & { code?: string }) => {
              if (err.code !== '57P01') return logger.error(`pool error: ${err.message}`);
              if (Date.now() - lastShutdownWarning > 5_000)
                logger.warn(`the server closed the connections: ${err.message}`);
              lastShutdownWarning = Date.now();
            });
            return dataSource;
          },
        }),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: JobQueue, useFactory: () => new JobQueue(databaseUrl) },
        ConnectionPoolKeeper,
        pgPoolProvider,
      ],
      exports: [APP_CONFIG, JobQueue, ConnectionPoolKeeper, PG_POOL],
    };
  }
}
