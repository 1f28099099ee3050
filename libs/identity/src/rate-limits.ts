// Counters for identity's limits in PostgreSQL (rate_limits), shared by every API node.
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import { RateLimitedError } from '#libs/common';
import { poolOf } from '#libs/persistence';

export function postgresLimiter(
  dataSource: DataSource,
  keyPrefix: string,
  points: number,
  durationSeconds: number,
): RateLimiterPostgres {
  return new RateLimiterPostgres({
    storeClient: poolOf(dataSource),
    storeType: 'pool',
    tableName: 'rate_limits',
    tableCreated: true,
    // Deletes rows that expired over an hour ago, every five minutes (timer is unref'd).
    clearExpiredByTimeout: true,
    duration: durationSeconds,
    keyPrefix,
    points,
  });
}

/** Runs `work`; a limiter's refusal becomes RATE_LIMITED with the seconds to wait. */
export async function refusingWithRetryAfter<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      throw new RateLimitedError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
    }
    throw rejection;
  }
}

/** True when `work` was refused by a limiter (for limits that must not show). */
export async function isRefused(work: () => Promise<unknown>): Promise<boolean> {
  try {
    await work();
    return false;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return true;
    throw rejection;
  }
}
