// Work without a budget is a weapon: every live connection may spend LIVE_EVENT_BUDGET points per
// 10 seconds on events (sends have their own per-person limit on top). Per connection, in memory:
// a connection lives on one node.
import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimitedError } from '#libs/common';
import { type AppConfig, APP_CONFIG } from '#libs/config';

export const EVENT_BUDGET_WINDOW_SECONDS = 10;

@Injectable()
export class EventBudget {
  private readonly limiter: RateLimiterMemory;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limiter = new RateLimiterMemory({
      keyPrefix: 'live-events',
      points: config.LIVE_EVENT_BUDGET,
      duration: EVENT_BUDGET_WINDOW_SECONDS,
    });
  }

  async spend(connectionId: string, cost: number): Promise<void> {
    try {
      await this.limiter.consume(connectionId, cost);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes)
        throw new RateLimitedError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      throw rejection;
    }
  }

  forget(connectionId: string): void {
    void this.limiter.delete(connectionId);
  }
}
