// Per-member send limits for live messages: a steady rate with a burst allowance on top.
// Shared across API nodes through Redis when REDIS_URL is set; in memory on a single node.
import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import {
  BurstyRateLimiter,
  RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { RateLimitedError } from '#libs/common';
import { AppConfig, APP_CONFIG } from '#libs/config';

const BURST_WINDOW_SECONDS = 10;

@Injectable()
export class SendRateLimiter implements OnModuleDestroy {
  private readonly limiter: BurstyRateLimiter;
  private readonly redis: Redis | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = config.REDIS_URL
      ? new Redis(config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
      : null;
    this.redis?.on('error', () => undefined); // reported by the adapter's client; limits fail open below
    const make = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract =>
      this.redis
        ? new RateLimiterRedis({
            storeClient: this.redis,
            keyPrefix,
            points,
            duration,
            insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
          })
        : new RateLimiterMemory({ keyPrefix, points, duration });
    this.limiter = new BurstyRateLimiter(
      make(`${config.REDIS_PREFIX}:live-send`, config.LIVE_SEND_PER_SECOND, 1),
      make(
        `${config.REDIS_PREFIX}:live-send-burst`,
        Math.max(config.LIVE_SEND_BURST, 0) || 0,
        BURST_WINDOW_SECONDS,
      ),
    );
  }

  async consume(practitionerId: string): Promise<void> {
    try {
      await this.limiter.consume(practitionerId);
    } catch (rejection) {
      if (
        rejection instanceof RateLimiterRes ||
        (rejection as { msBeforeNext?: number }).msBeforeNext !== undefined
      ) {
        throw new RateLimitedError(
          Math.max(1, Math.ceil(((rejection as RateLimiterRes).msBeforeNext ?? 1000) / 1000)),
        );
      }
      throw rejection;
    }
  }

  onModuleDestroy(): void {
    this.redis?.disconnect();
  }
}
