// Keeps the PostgreSQL pool warm: DATABASE_POOL_WARM connections are opened at start and kept
// open, and when some break (a restart, pg_terminate_backend, a network blip) new ones are
// opened in the background, so that no request pays for a connection and its statements'
// preparation. During an outage it probes with one connection at a time, backing off, and
// leaves the requests to fail fast (503) instead of competing with them.
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { AppConfig, APP_CONFIG } from '#libs/config';
import { poolOf } from './pg-pool.js';

/** How often a healthy pool is counted (cheap: no I/O unless connections are missing). */
const CHECK_EVERY_MS = 1_000;
/** After a failed refill: 250 ms, 500 ms, 1 s, then every 2 s until PostgreSQL answers. */
const BACKOFF_MS = [250, 500, 1_000, 2_000];
/** A dropped connection is replaced this soon (several usually drop together). */
const AFTER_REMOVE_MS = 50;

@Injectable()
export class ConnectionPoolKeeper implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('PostgreSQL');
  private timer: NodeJS.Timeout | undefined;
  private refilling: Promise<void> | undefined;
  private failures = 0;
  private stopped = false;
  private readonly onRemove = () => this.schedule(AFTER_REMOVE_MS);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get pool(): Pool {
    return poolOf(this.dataSource);
  }

  get warmSize(): number {
    return this.config.DATABASE_POOL_WARM;
  }

  /** Opens the warm connections before the app serves anything. */
  async onModuleInit(): Promise<void> {
    if (this.warmSize === 0) return;
    this.pool.on('remove', this.onRemove);
    await this.refill();
    this.schedule(this.failures ? this.backoff() : CHECK_EVERY_MS);
  }

  onModuleDestroy(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.pool.off('remove', this.onRemove);
  }

  /** Resolves once the pool has its warm size again (or a refill attempt failed). */
  refill(): Promise<void> {
    this.refilling ??= this.openMissing().finally(() => (this.refilling = undefined));
    return this.refilling;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.refill().then(() => this.schedule(this.failures ? this.backoff() : CHECK_EVERY_MS));
    }, delayMs);
    this.timer.unref();
  }

  private backoff(): number {
    return BACKOFF_MS[Math.max(0, Math.min(this.failures, BACKOFF_MS.length) - 1)] ?? 0;
  }

  private async openMissing(): Promise<void> {
    const pool = this.pool;
    const missing = this.warmSize - pool.totalCount;
    if (this.stopped || missing <= 0 || (pool as Pool & { ending?: boolean }).ending) return;
    // The pool hands out idle connections before it opens new ones: to open `missing` new
    // ones, borrow the idle ones too, for the few milliseconds the new ones take. While
    // PostgreSQL is unreachable, one attempt at a time is enough to notice its return.
    const count = this.failures > 0 ? 1 : pool.idleCount + missing;
    const borrowed = await Promise.allSettled(Array.from({ length: count }, () => pool.connect()));
    for (const result of borrowed) if (result.status === 'fulfilled') result.value.release();
    const failed = borrowed.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) {
      this.failures += 1;
      if (this.failures === 1)
        this.logger.warn(
          `cannot open connections (${(failed.reason as Error).message}); retrying in the background`,
        );
      return;
    }
    if (this.failures > 0) {
      this.failures = 0;
      this.logger.log(`reachable again: refilling the pool to ${this.warmSize} connections`);
      return this.openMissing();
    }
  }

  /** For tests and health: connections open now. */
  get size(): number {
    return this.pool.totalCount;
  }
}
