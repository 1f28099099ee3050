import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig, APP_CONFIG } from './config.js';
import { ConnectionPoolKeeper } from './connection-pool-keeper.js';
import { dataSourceOptions } from './data-source.js';
import { JobQueue } from './job-queue.js';

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
            const pool = (
              dataSource.driver as unknown as {
                master?: { on(e: string, f: (err: Error) => void): void };
              }
            ).master;
            pool?.on('error', (err: Error & { code?: string }) => {
              // 57P01 admin_shutdown: the server is stopping (Ctrl-C reaches embedded PostgreSQL
              // too); the pool reconnects when it is back, so this is no error of ours.
              const logger = new Logger('PostgreSQL');
              if (err.code === '57P01') logger.warn(`connection closed: ${err.message}`);
              else logger.error(`pool error: ${err.message}`);
            });
            return dataSource;
          },
        }),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: JobQueue, useFactory: () => new JobQueue(databaseUrl) },
        ConnectionPoolKeeper,
      ],
      exports: [APP_CONFIG, JobQueue, ConnectionPoolKeeper],
    };
  }
}
