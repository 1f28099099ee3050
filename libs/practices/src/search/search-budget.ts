// Search is open to anyone and a broad query costs the database real work: each caller (a member
// by id, a visitor by address) gets a budget per minute on each node, then RATE_LIMITED.
import { Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { type Actor, RateLimitedError } from '#libs/common';

/** Searches per caller per minute on one node: far above a person's pace, far below a script's. */
export const SEARCH_BUDGET_PER_MINUTE = 600;

@Injectable()
export class SearchBudget {
  private readonly limiter = new RateLimiterMemory({
    points: SEARCH_BUDGET_PER_MINUTE,
    duration: 60,
  });

  async spend(actor: Actor | null, address: string): Promise<void> {
    try {
      await this.limiter.consume(actor ? `member:${actor.id}` : `address:${address}`);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes)
        throw new RateLimitedError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      throw rejection;
    }
  }
}
