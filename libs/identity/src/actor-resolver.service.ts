// Turns an access token into the acting practitioner, checking on every call that the account
// is still active and the signed-in session the token belongs to has not ended, so a suspension,
// sign-out or password change takes effect at once (tokens issued before it stay refused).
// Used by the HTTP guard and by the live handshake.
import { Inject, Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Pool } from 'pg';
import { AccountSuspendedError, type Actor, UnauthenticatedError } from '#libs/common';
import { PG_POOL } from '#libs/persistence';
import { type AccessClaims, TokenService } from './token.service.js';

export interface ResolvedToken {
  actor: Actor;
  claims: AccessClaims;
}

interface AccountRow {
  id: string;
  networkRole: Actor['networkRole'];
  status: string;
  passwordChangedAt: Date | string | null;
  suspendedAt: Date | string | null;
  sessionAlive: boolean;
}

const ACCOUNT_AND_SESSION = `
  SELECT p.id, p.network_role AS "networkRole", p.status,
         p.password_changed_at AS "passwordChangedAt", p.suspended_at AS "suspendedAt",
         EXISTS (SELECT 1 FROM refresh_tokens r
                  WHERE r.family_id = $2 AND r.practitioner_id = p.id AND r.revoked_at IS NULL)
           AS "sessionAlive"
    FROM practitioners p
   WHERE p.id = $1`;

@Injectable()
export class ActorResolver {
  constructor(
    private readonly tokens: TokenService,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  async resolve(accessToken: string): Promise<Actor> {
    return (await this.resolveToken(accessToken)).actor;
  }

  /** The actor and the token's claims (its session and expiry), for the live handshake. */
  async resolveToken(accessToken: string): Promise<ResolvedToken> {
    const claims = this.tokens.verifyAccessToken(accessToken);
    // Only this server signs tokens, but a malformed id must not reach PostgreSQL as a uuid.
    if (!isUUID(claims.sub) || !isUUID(claims.sid)) {
      throw new UnauthenticatedError('This session has ended; sign in again.');
    }
    // One round trip on every request and handshake: the account and whether the session lives
    // (a session lives while its family holds a token nobody revoked; rotation only marks used).
    // A named statement, straight on the pool: each connection plans it once.
    const {
      rows: [row],
    } = await this.pool.query<AccountRow>({
      name: 'identity-account-and-session',
      text: ACCOUNT_AND_SESSION,
      values: [claims.sub, claims.sid],
    });
    const account = row
      ? {
          ...row,
          passwordChangedAt: row.passwordChangedAt ? new Date(row.passwordChangedAt) : null,
          suspendedAt: row.suspendedAt ? new Date(row.suspendedAt) : null,
        }
      : null;
    const sessionAlive = row?.sessionAlive === true;
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
