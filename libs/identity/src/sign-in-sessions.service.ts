// Signed-in sessions (not meetings: those are libs/sessions): rotating refresh tokens grouped
// in families, one family per sign-in.
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull, Not, Repository } from 'typeorm';
import { DomainError, DomainEvents, UnauthenticatedError } from '#libs/common';
import { AppConfig, APP_CONFIG } from '#libs/config';
import { RefreshToken } from './entities/refresh-token.entity.js';
import { hashToken, newSecretToken } from './secrets.js';

export class RefreshTokenReusedError extends DomainError {
  constructor() {
    super(
      'REFRESH_TOKEN_REUSED',
      401,
      'This session was ended because an old refresh token was used again.',
    );
  }
}

export interface IssuedRefreshToken {
  token: string;
  familyId: string;
  expiresAt: Date;
}

@Injectable()
export class SignInSessions {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(RefreshToken) private readonly refreshTokens: Repository<RefreshToken>,
    private readonly events: DomainEvents,
  ) {}

  /** Starts a new family (a new sign-in). */
  start(practitionerId: string): Promise<IssuedRefreshToken> {
    return this.issue(this.refreshTokens.manager, practitionerId, randomUUID());
  }

  /**
   * Exchanges a refresh token for a new one in the same family. A token that was already
   * used means someone replayed it: the whole family is revoked.
   */
  async rotate(token: string): Promise<{ practitionerId: string; next: IssuedRefreshToken }> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const current = await manager
        .getRepository(RefreshToken)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.token_hash = :hash', { hash: hashToken(token) })
        .getOne();
      if (!current) throw new UnauthenticatedError('The session has ended; sign in again.');
      if (current.usedAt) {
        await this.revokeFamilyWith(manager, current.familyId);
        return {
          reused: true as const,
          practitionerId: current.practitionerId,
          familyId: current.familyId,
        };
      }
      // Revoked but never used: the session was ended (sign-out, password change, suspension,
      // or a replay detected earlier). Nothing new to revoke, and no replay to report.
      if (current.revokedAt)
        throw new UnauthenticatedError('The session has ended; sign in again.');
      if (current.expiresAt.getTime() <= Date.now()) {
        throw new UnauthenticatedError('The session has expired; sign in again.');
      }
      await manager.update(RefreshToken, current.id, { usedAt: new Date() });
      const next = await this.issue(manager, current.practitionerId, current.familyId);
      return { reused: false as const, practitionerId: current.practitionerId, next };
    });
    if (outcome.reused) {
      // Whoever holds the family's live connections (the thief, or the owner) is cut off too.
      await this.events.emit('account.session-ended', {
        practitionerId: outcome.practitionerId,
        sessionId: outcome.familyId,
      });
      throw new RefreshTokenReusedError();
    }
    return { practitionerId: outcome.practitionerId, next: outcome.next };
  }

  /** Sign-out: ends the family the token belongs to. Unknown tokens are ignored. */
  async end(token: string): Promise<void> {
    const current = await this.refreshTokens.findOne({ where: { tokenHash: hashToken(token) } });
    if (!current) return;
    await this.revokeFamilyWith(this.refreshTokens.manager, current.familyId);
    // The session's access tokens and live connections end with it, on every node.
    await this.events.emit('account.session-ended', {
      practitionerId: current.practitionerId,
      sessionId: current.familyId,
    });
  }

  async familyOf(token: string | undefined): Promise<string | null> {
    if (!token) return null;
    const current = await this.refreshTokens.findOne({ where: { tokenHash: hashToken(token) } });
    return current?.familyId ?? null;
  }

  /** Ends every session of a practitioner except the given family (e.g. after a password change). */
  async endAllExcept(
    practitionerId: string,
    keepFamilyId: string | null,
    manager?: EntityManager,
  ): Promise<void> {
    await (manager ?? this.refreshTokens.manager).update(
      RefreshToken,
      {
        practitionerId,
        revokedAt: IsNull(),
        ...(keepFamilyId ? { familyId: Not(keepFamilyId) } : {}),
      },
      { revokedAt: new Date() },
    );
  }

  listFor(practitionerId: string): Promise<RefreshToken[]> {
    return this.refreshTokens.find({ where: { practitionerId }, order: { createdAt: 'ASC' } });
  }

  private async revokeFamilyWith(manager: EntityManager, familyId: string): Promise<void> {
    await manager.update(
      RefreshToken,
      { familyId, revokedAt: IsNull() },
      { revokedAt: new Date() },
    );
  }

  private async issue(
    manager: EntityManager,
    practitionerId: string,
    familyId: string,
  ): Promise<IssuedRefreshToken> {
    const { token, hash } = newSecretToken();
    const expiresAt = new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
    await manager.insert(RefreshToken, { practitionerId, familyId, tokenHash: hash, expiresAt });
    return { token, familyId, expiresAt };
  }
}
