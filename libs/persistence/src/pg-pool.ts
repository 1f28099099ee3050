// The one place that reaches into TypeORM for its `pg` pool, for the hot paths that send named
// (prepared) statements and for libraries that need the pool itself (rate limiters, the keeper).
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

export const PG_POOL = Symbol('PG_POOL');

export function poolOf(dataSource: DataSource): Pool {
  return (dataSource.driver as unknown as { master: Pool }).master;
}

export const pgPoolProvider = {
  provide: PG_POOL,
  inject: [getDataSourceToken()],
  useFactory: poolOf,
};
