// Brute-force protection for sign-in, shared by every API node through PostgreSQL:
// each attempt reserves a point per account and per client address before the password is
// checked (so parallel guesses cannot slip past the limit); success gives the points back.
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import { RateLimitedError } from '../../common/src/index.js';
import { AppConfig, APP_CONFIG, poolOf } from '../../persistence/src/index.js';
import { hashToken } from './secrets.js';

/** Failures beyond this many are answered more slowly, before the hard limit refuses them. */
const FREE_FAILURES = 2;
const SLOWDOWN_STEP_MS = 200;

/**
 * The counter's key for an account: a hash of the email, so that the key fits rate_limits.key
 * (varchar 255, an email may be 254 characters) and the table holds no email in clear.
 */
function accountKey(email: string): string {
  return hashToken(email.trim().toLowerCase());
}

@Injectable()
export class SignInThrottle implements OnModuleInit {
  private byAccount: RateLimiterPostgres;
  private byAddress: RateLimiterPostgres;
  /** Password confirmations by a signed-in account (password change, erasure). */
  private byConfirmingAccount: RateLimiterPostgres;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    const pool = poolOf(this.dataSource);
    const common = {
      storeClient: pool,
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true,
      // Deletes rows that expired over an hour ago, every five minutes (timer is unref'd).
      clearExpiredByTimeout: true,
      duration: this.config.SIGNIN_WINDOW_SECONDS,
    };
    this.byAccount = new RateLimiterPostgres({
      ...common,
      keyPrefix: 'signin-account',
      points: this.config.SIGNIN_MAX_FAILURES,
    });
    this.byAddress = new RateLimiterPostgres({
      ...common,
      keyPrefix: 'signin-address',
      points: this.config.SIGNIN_MAX_FAILURES_PER_ADDRESS,
    });
    // A stolen access token must not become an unlimited password oracle either.
    this.byConfirmingAccount = new RateLimiterPostgres({
      ...common,
      keyPrefix: 'password-confirm',
      points: this.config.SIGNIN_MAX_FAILURES,
    });
  }

  /** Reserves one password confirmation for a signed-in account; RATE_LIMITED when none is left. */
  async reserveConfirmation(practitionerId: string): Promise<number> {
    try {
      return (await this.byConfirmingAccount.consume(practitionerId)).consumedPoints;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        throw new RateLimitedError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      }
      throw rejection;
    }
  }

  async confirmationSucceeded(practitionerId: string): Promise<void> {
    await this.byConfirmingAccount.delete(practitionerId);
  }

  /** Reserves one attempt; throws RATE_LIMITED (with Retry-After) when none is left. */
  async reserve(email: string, address: string): Promise<number> {
    const key = accountKey(email);
    try {
      const account = await this.byAccount.consume(key);
      try {
        await this.byAddress.consume(address);
      } catch (rejection) {
        // Refused for the address: the attempt never happened, so it must not count against the
        // account (or one blocked address could still lock any account out).
        await this.byAccount.reward(key, 1);
        throw rejection;
      }
      return account.consumedPoints;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        throw new RateLimitedError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      }
      throw rejection;
    }
  }

  /** A wrong password: answer later the more failures have piled up. */
  async slowDown(consumedPoints: number): Promise<void> {
    const extra = consumedPoints - FREE_FAILURES;
    if (extra > 0) await new Promise((resolve) => setTimeout(resolve, extra * SLOWDOWN_STEP_MS));
  }

  async succeeded(email: string, address: string): Promise<void> {
    await this.byAccount.delete(accountKey(email));
    await this.byAddress.reward(address, 1);
  }

  async forget(email: string): Promise<void> {
    await this.byAccount.delete(accountKey(email));
  }
}
