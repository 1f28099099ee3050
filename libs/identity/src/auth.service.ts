import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  AccountSuspendedError,
  type Actor,
  DomainEvents,
  InvalidCredentialsError,
  UnauthenticatedError,
  ValidationFailedError,
} from '#libs/common';
import { Practitioner, PractitionersService } from '#libs/practitioners';
import { hashPassword, verifyPassword } from './passwords.js';
import { type IssuedRefreshToken, SignInSessions } from './sign-in-sessions.service.js';
import { SignInThrottle } from './sign-in-throttle.service.js';
import { TokenService } from './token.service.js';

const notYourCurrentPassword = () =>
  new ValidationFailedError('currentPassword: not your current password');

export interface SignedIn {
  accessToken: string;
  refresh: IssuedRefreshToken;
  practitioner: Practitioner;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly practitioners: PractitionersService,
    private readonly sessions: SignInSessions,
    private readonly tokens: TokenService,
    private readonly throttle: SignInThrottle,
    private readonly events: DomainEvents,
  ) {}

  /** `device`: the id proven by this browser's device cookie for the account, or null. */
  async signIn(
    email: string,
    password: string,
    address: string,
    device: string | null = null,
  ): Promise<SignedIn> {
    const reservation = await this.throttle.reserve({ email, address, device });
    await this.throttle.wait(reservation);
    const account = await this.practitioners.findByEmailWithPassword(email);
    const valid = await verifyPassword(account?.passwordHash ?? null, password);
    if (!account || !valid || account.status === 'erased') {
      await this.throttle.failed(reservation);
      throw new InvalidCredentialsError();
    }
    await this.throttle.succeeded(reservation);
    if (account.status === 'suspended') throw new AccountSuspendedError();
    return this.issueFor(account, await this.sessions.start(account.id));
  }

  async refresh(refreshToken: string | undefined): Promise<SignedIn> {
    if (!refreshToken) throw new UnauthenticatedError('No session; sign in.');
    const { practitionerId, next } = await this.sessions.rotate(refreshToken);
    const account = await this.practitioners.getById(practitionerId);
    if (account.status === 'suspended') throw new AccountSuspendedError();
    if (account.status !== 'active')
      throw new UnauthenticatedError('This account no longer exists.');
    return this.issueFor(account, next);
  }

  async signOut(refreshToken: string | undefined): Promise<void> {
    if (refreshToken) await this.sessions.end(refreshToken);
  }

  /**
   * Changes the password and ends every other session; the caller's own session continues (a
   * caller without a session cookie gets a new session, returned as `refresh`).
   */
  async changePassword(
    actor: Actor,
    currentPassword: string,
    newPassword: string,
    refreshToken: string | undefined,
  ): Promise<{ accessToken: string; refresh: IssuedRefreshToken | null }> {
    const hash = await this.practitioners.getPasswordHash(actor.id);
    if (!(await this.checkOwnPassword(actor.id, hash, currentPassword))) {
      throw notYourCurrentPassword();
    }
    const keepFamily = await this.sessions.familyOf(refreshToken);
    const newHash = await hashPassword(newPassword);
    await this.dataSource.transaction(async (manager) => {
      // The hash checked above must still be the current one: of two concurrent changes made
      // with the same current password, the second is refused instead of silently winning.
      const locked = await manager
        .getRepository(Practitioner)
        .createQueryBuilder('p')
        .select(['p.id', 'p.passwordHash'])
        .where('p.id = :id', { id: actor.id })
        .setLock('pessimistic_write')
        .getOne();
      if (!locked || locked.passwordHash !== hash) throw notYourCurrentPassword();
      await manager.update(Practitioner, actor.id, {
        passwordHash: newHash,
        passwordChangedAt: new Date(),
      });
      await this.sessions.endAllExcept(actor.id, keepFamily, manager);
    });
    // Access tokens issued before the change stop working (ActorResolver compares issue times),
    // and so do the live connections opened with them, on every node, before we answer.
    await this.events.emit('account.password-changed', { practitionerId: actor.id });
    const refresh = keepFamily ? null : await this.sessions.start(actor.id);
    return {
      accessToken: this.tokens.issueAccessToken(
        actor.id,
        actor.networkRole,
        keepFamily ?? refresh!.familyId,
      ),
      refresh,
    };
  }

  async confirmPassword(actor: Actor, password: string): Promise<void> {
    const hash = await this.practitioners.getPasswordHash(actor.id);
    if (!(await this.checkOwnPassword(actor.id, hash, password))) {
      throw new ValidationFailedError('password: not your current password');
    }
  }

  /** Checks a signed-in person's password under the same slow-down and limit as sign-in. */
  private async checkOwnPassword(
    practitionerId: string,
    hash: string | null,
    password: string,
  ): Promise<boolean> {
    const consumed = await this.throttle.reserveConfirmation(practitionerId);
    if (await verifyPassword(hash, password)) {
      await this.throttle.confirmationSucceeded(practitionerId);
      return true;
    }
    await this.throttle.slowDown(consumed);
    return false;
  }

  private async issueFor(account: Practitioner, refresh: IssuedRefreshToken): Promise<SignedIn> {
    return {
      accessToken: this.tokens.issueAccessToken(account.id, account.networkRole, refresh.familyId),
      refresh,
      practitioner: await this.practitioners.getById(account.id),
    };
  }
}
