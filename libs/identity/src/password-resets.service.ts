// A forgotten password, by e-mail link: single-use, expiring, rate-limited, and telling nobody
// whether an address has an account (every request gets the same 202, at the same speed).
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RateLimiterPostgres } from 'rate-limiter-flexible';
import { DataSource, IsNull } from 'typeorm';
import type { MailLanguage } from '#libs/contracts';
import { DomainError, DomainEvents } from '#libs/common';
import { MailService } from '#libs/mail';
import { AppConfig, APP_CONFIG } from '#libs/config';
import { Practitioner, PractitionersService } from '#libs/practitioners';
import { mailLanguage, passwordResetMail } from './account-mail.js';
import { PasswordReset } from './entities/password-reset.entity.js';
import { hashPassword } from './passwords.js';
import { isRefused, postgresLimiter, refusingWithRetryAfter } from './rate-limits.js';
import { hashToken, newSecretToken } from './secrets.js';
import { SignInSessions } from './sign-in-sessions.service.js';
import { SignInThrottle } from './sign-in-throttle.service.js';

export class PasswordResetInvalidError extends DomainError {
  constructor() {
    super(
      'PASSWORD_RESET_INVALID',
      410,
      'This link to choose a new password is not valid: it was used, has expired, or never existed. Ask for a new one.',
    );
  }
}

/** Requests per client address per hour (429 beyond: it says nothing about any account). */
const REQUESTS_PER_ADDRESS = 10;
/** Mails per address asked for per hour; beyond, requests are answered alike but send nothing. */
const MAILS_PER_EMAIL = 3;
/** Attempts to use a link per client address per 15 minutes. */
const RESETS_PER_ADDRESS = 10;

@Injectable()
export class PasswordResetsService implements OnModuleInit {
  private readonly logger = new Logger('PasswordResets');
  private requestsByAddress: RateLimiterPostgres;
  private mailsByEmail: RateLimiterPostgres;
  private resetsByAddress: RateLimiterPostgres;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly practitioners: PractitionersService,
    private readonly sessions: SignInSessions,
    private readonly throttle: SignInThrottle,
    private readonly mail: MailService,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.requestsByAddress = postgresLimiter(
      this.dataSource,
      'reset-request-address',
      REQUESTS_PER_ADDRESS,
      3600,
    );
    this.mailsByEmail = postgresLimiter(this.dataSource, 'reset-mail', MAILS_PER_EMAIL, 3600);
    this.resetsByAddress = postgresLimiter(
      this.dataSource,
      'reset-address',
      RESETS_PER_ADDRESS,
      900,
    );
  }

  /**
   * Asks for a reset link. Whether the address has an account is decided after the answer has
   * gone: the request path does the same work for every address.
   */
  async request(
    email: string,
    language: MailLanguage | undefined,
    address: string,
    baseUrl: string,
  ): Promise<void> {
    await refusingWithRetryAfter(() => this.requestsByAddress.consume(hashToken(address)));
    const key = hashToken(email.trim().toLowerCase());
    if (await isRefused(() => this.mailsByEmail.consume(key))) return;
    setImmediate(() => {
      this.issue(email, language, baseUrl).catch((error: Error) =>
        this.logger.error(`could not issue a password reset: ${error.message}`),
      );
    });
  }

  /** Sets a new password with a link's token; every session of the account ends. */
  async reset(token: string, password: string, address: string): Promise<Practitioner> {
    const addressKey = hashToken(address);
    await refusingWithRetryAfter(() => this.resetsByAddress.consume(addressKey));
    const tokenHash = hashToken(token);
    // A cheap look first: hashing a password costs 64 MiB and tens of milliseconds, and must not
    // be had for free with made-up tokens.
    if (!(await this.usable(tokenHash))) throw new PasswordResetInvalidError();
    const passwordHash = await hashPassword(password);
    const accountId = await this.dataSource.transaction(async (manager) => {
      const reset = await manager
        .getRepository(PasswordReset)
        .createQueryBuilder('r')
        .setLock('pessimistic_write')
        .where('r.token_hash = :tokenHash', { tokenHash })
        .getOne();
      if (!reset || reset.usedAt || reset.expiresAt.getTime() <= Date.now()) {
        throw new PasswordResetInvalidError();
      }
      const account = await manager
        .getRepository(Practitioner)
        .createQueryBuilder('p')
        .select(['p.id', 'p.status'])
        .where('p.id = :id', { id: reset.practitionerId })
        .setLock('pessimistic_write')
        .getOne();
      if (!account || account.status !== 'active') throw new PasswordResetInvalidError();
      await manager.update(Practitioner, account.id, {
        passwordHash,
        passwordChangedAt: new Date(),
      });
      // This link and every other open one of the account are spent.
      await manager.update(
        PasswordReset,
        { practitionerId: account.id, usedAt: IsNull() },
        { usedAt: new Date() },
      );
      await this.sessions.endAllExcept(account.id, null, manager);
      return account.id;
    });
    // Access tokens from before stop working, and so do the live connections opened with them.
    await this.events.emit('account.password-changed', { practitionerId: accountId });
    await this.resetsByAddress.reward(addressKey, 1);
    const account = await this.practitioners.getById(accountId);
    // The owner proved they read the account's mail: failed sign-ins by others no longer count.
    if (account.email) await this.throttle.forget(account.email);
    return account;
  }

  private async usable(tokenHash: string): Promise<boolean> {
    const reset = await this.dataSource
      .getRepository(PasswordReset)
      .createQueryBuilder('r')
      .where('r.token_hash = :tokenHash', { tokenHash })
      .getOne();
    return !!reset && !reset.usedAt && reset.expiresAt.getTime() > Date.now();
  }

  private async issue(
    email: string,
    language: MailLanguage | undefined,
    baseUrl: string,
  ): Promise<void> {
    const account = await this.practitioners.findByEmailWithPassword(email);
    if (!account || account.status !== 'active' || !account.email) return;
    const { token, hash } = newSecretToken();
    const minutes = this.config.PASSWORD_RESET_TTL_MINUTES;
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(PasswordReset, {
        practitionerId: account.id,
        tokenHash: hash,
        expiresAt: new Date(Date.now() + minutes * 60_000),
      });
      await this.mail.send(
        passwordResetMail(mailLanguage(language, ...account.languages), {
          to: account.email!,
          name: account.displayName,
          link: `${baseUrl}/reset-password/${token}`,
          minutes,
        }),
        manager,
      );
    });
  }
}
