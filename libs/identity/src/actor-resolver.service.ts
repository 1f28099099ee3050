// Turns an access token into the acting practitioner, checking on every call that the account
// is still active and the signed-in session the token belongs to has not ended, so a suspension,
// sign-out or password change takes effect at once (tokens issued before it stay refused).
// Used by the HTTP guard and by the live handshake.
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { AccountSuspendedError, type Actor, UnauthenticatedError } from '#libs/common';
import { Practitioner } from '#libs/practitioners';
import { RefreshToken } from './entities/refresh-token.entity.js';
import { type AccessClaims, TokenService } from './token.service.js';

export interface ResolvedToken {
  actor: Actor;
  claims: AccessClaims;
}

@Injectable()
export class ActorResolver {
  constructor(
    private readonly tokens: TokenService,
    @InjectRepository(Practitioner) private readonly practitioners: Repository<Practitioner>,
    @InjectRepository(RefreshToken) private readonly refreshTokens: Repository<RefreshToken>,
  ) {}

  async resolve(accessToken: string): Promise<Actor> {
    return (await this.resolveToken(accessToken)).actor;
  }

  /** The actor and the token's claims (its session and expiry), for the live handshake. */
  async resolveToken(accessToken: string): Promise<ResolvedToken> {
    const claims = this.tokens.verifyAccessToken(accessToken);
    const [account, sessionAlive] = await Promise.all([
      this.practitioners.findOne({
        where: { id: claims.sub },
        select: {
          id: true,
          networkRole: true,
          status: true,
          passwordChangedAt: true,
          suspendedAt: true,
        },
        // Its city and themes are not needed here (and would cost a second query per request).
        loadEagerRelations: false,
      }),
      // A session lives while its family holds a token nobody revoked (rotation only marks used).
      this.refreshTokens.exists({
        where: { familyId: claims.sid, practitionerId: claims.sub, revokedAt: IsNull() },
      }),
    ]);
    if (!account || account.status === 'erased' || account.status === 'invited') {
      throw new UnauthenticatedError('This account no longer exists.');
    }
    if (account.status === 'suspended') throw new AccountSuspendedError();
    const issuedAtMs = typeof claims.iam === 'number' ? claims.iam : claims.iat * 1000;
    if (account.passwordChangedAt && issuedAtMs < account.passwordChangedAt.getTime()) {
      throw new UnauthenticatedError('The password was changed; sign in again.');
    }
    // A reinstated account starts afresh: tokens from before its suspension stay refused.
    if (account.suspendedAt && issuedAtMs < account.suspendedAt.getTime()) {
      throw new UnauthenticatedError('This session ended with a suspension; sign in again.');
    }
    if (!sessionAlive) throw new UnauthenticatedError('This session has ended; sign in again.');
    // The role comes from the database, not the token, so a role change applies at once.
    return { actor: { id: account.id, networkRole: account.networkRole }, claims };
  }
}
