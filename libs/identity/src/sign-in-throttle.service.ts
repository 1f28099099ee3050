// Brute-force protection for sign-in that cannot be turned against an account's owner.
// Counters live in PostgreSQL (shared by every API node); each attempt reserves its points
// before the password is checked, so parallel guesses cannot slip past a limit.
//
//  - per account and client address: a hard limit (SIGNIN_MAX_FAILURES, then 429);
//  - per client address across accounts: a high limit (SIGNIN_MAX_FAILURES_PER_ADDRESS, 429);
//  - per account across all addresses: no refusal, but a delay that doubles with each failure
//    beyond SIGNIN_MAX_FAILURES, up to SIGNIN_MAX_DELAY_SECONDS: guessing from many addresses
//    gets slow, while the owner's right password still gets in;
//  - a browser with a device cookie for the account (it signed in there before) is counted on
//    its own (SIGNIN_MAX_FAILURES per device) and skips the three counters above, so nobody
//    else's failures, from anywhere, lock out or slow down the owner's known device.
// A success clears the account's counters.
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RateLimiterPostgres } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import { AppConfig, APP_CONFIG } from '#libs/config';
import { postgresLimiter, refusingWithRetryAfter } from './rate-limits.js';
import { hashToken } from './secrets.js';

/** Failures beyond this many are answered more slowly, before the hard limit refuses them. */
const FREE_FAILURES = 2;
const SLOWDOWN_STEP_MS = 200;
/** The first step of the delay per account across addresses; it doubles with each failure. */
const ACCOUNT_DELAY_BASE_MS = 500;
/** Counts, never refuses: a number no window can reach. */
const UNLIMITED = 1_000_000_000;

/**
 * The counter's key for an account: a hash of the email, so that the key fits rate_limits.key
 * (varchar 255, an email may be 254 characters) and the table holds no email in clear.
 */
function accountKey(email: string): string {
  return hashToken(email.trim().toLowerCase());
}

/** An address as the client or a trusted proxy gave it: hashed, so any length fits. */
function addressKey(address: string): string {
  return hashToken(address);
}

export interface SignInAttempt {
  email: string;
  address: string;
  /** The device id of a valid device cookie for this account, or null. */
  device: string | null;
}

/** What an attempt reserved: how many failures its limit has seen, and how long it must wait. */
export interface Reservation {
  attempt: SignInAttempt;
  consumed: number;
  delayMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

@Injectable()
export class SignInThrottle implements OnModuleInit {
  private byAccountAndAddress: RateLimiterPostgres;
  private byAddress: RateLimiterPostgres;
  private byAccount: RateLimiterPostgres;
  private byDevice: RateLimiterPostgres;
  /** Password confirmations by a signed-in account (password change, erasure). */
  private byConfirmingAccount: RateLimiterPostgres;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    const limiter = (keyPrefix: string, points: number) =>
      postgresLimiter(this.dataSource, keyPrefix, points, this.config.SIGNIN_WINDOW_SECONDS);
    this.byAccountAndAddress = limiter('signin-pair', this.config.SIGNIN_MAX_FAILURES);
    this.byAddress = limiter('signin-address', this.config.SIGNIN_MAX_FAILURES_PER_ADDRESS);
    this.byAccount = limiter('signin-account', UNLIMITED);
    this.byDevice = limiter('signin-device', this.config.SIGNIN_MAX_FAILURES);
    // A stolen access token must not become an unlimited password oracle either.
    this.byConfirmingAccount = limiter('password-confirm', this.config.SIGNIN_MAX_FAILURES);
  }

  /** Reserves one attempt; throws RATE_LIMITED (with Retry-After) when a hard limit is reached. */
  async reserve(attempt: SignInAttempt): Promise<Reservation> {
    return refusingWithRetryAfter(async () => {
      if (attempt.device) {
        const device = await this.byDevice.consume(attempt.device);
        return { attempt, consumed: device.consumedPoints, delayMs: 0 };
      }
      const pairKey = this.pairKey(attempt);
      const pair = await this.byAccountAndAddress.consume(pairKey);
      try {
        await this.byAddress.consume(addressKey(attempt.address));
      } catch (rejection) {
        // Refused for the address: the attempt never happened, so it must not count against
        // the account (or one blocked address could still lock any account out).
        await this.byAccountAndAddress.reward(pairKey, 1);
        throw rejection;
      }
      const account = await this.byAccount.consume(accountKey(attempt.email));
      return {
        attempt,
        consumed: pair.consumedPoints,
        delayMs: this.delayFor(account.consumedPoints),
      };
    });
  }

  /** Waits out the step-up delay of an account under attack, before the password is checked. */
  async wait(reservation: Reservation): Promise<void> {
    if (reservation.delayMs > 0) await sleep(reservation.delayMs);
  }

  /** A wrong password: answer later the more failures have piled up. */
  async failed(reservation: Reservation): Promise<void> {
    await this.slowDown(reservation.consumed);
  }

  async succeeded(reservation: Reservation): Promise<void> {
    const { attempt } = reservation;
    if (attempt.device) {
      await this.byDevice.delete(attempt.device);
    } else {
      await this.byAccountAndAddress.delete(this.pairKey(attempt));
      await this.byAddress.reward(addressKey(attempt.address), 1);
    }
    await this.byAccount.delete(accountKey(attempt.email));
  }

  /**
   * The owner proved themselves another way (a password reset by e-mail): the account starts
   * afresh everywhere. Also used when an account is erased, so no counter keeps its email hash.
   */
  async forget(email: string): Promise<void> {
    const key = accountKey(email);
    await this.byAccount.delete(key);
    // Counters per (account, address) of every address: the table is identity's own.
    await this.dataSource.query(`DELETE FROM rate_limits WHERE key LIKE $1`, [
      `signin-pair:${key}:%`,
    ]);
  }

  /** Reserves one password confirmation for a signed-in account; RATE_LIMITED when none is left. */
  async reserveConfirmation(practitionerId: string): Promise<number> {
    return refusingWithRetryAfter(
      async () => (await this.byConfirmingAccount.consume(practitionerId)).consumedPoints,
    );
  }

  async confirmationSucceeded(practitionerId: string): Promise<void> {
    await this.byConfirmingAccount.delete(practitionerId);
  }

  async slowDown(consumedPoints: number): Promise<void> {
    const extra = consumedPoints - FREE_FAILURES;
    if (extra > 0) await sleep(extra * SLOWDOWN_STEP_MS);
  }

  private pairKey(attempt: SignInAttempt): string {
    return `${accountKey(attempt.email)}:${addressKey(attempt.address)}`;
  }

  /** 0 up to SIGNIN_MAX_FAILURES attempts, then 0.5 s, 1 s, 2 s… up to SIGNIN_MAX_DELAY_SECONDS. */
  private delayFor(attempts: number): number {
    const beyond = attempts - this.config.SIGNIN_MAX_FAILURES;
    if (beyond <= 0) return 0;
    const stepped = ACCOUNT_DELAY_BASE_MS * 2 ** Math.min(beyond - 1, 20);
    return Math.min(stepped, this.config.SIGNIN_MAX_DELAY_SECONDS * 1000);
  }
}
