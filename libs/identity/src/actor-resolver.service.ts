// Turns an access token into the acting practitioner, checking that the account is still active
// and the signed-in session the token belongs to has not ended, so a suspension, sign-out or
// password change takes effect at once (tokens issued before it stay refused). Used by the HTTP
// guard and by the live handshake.
//
// A check that passed answers again for a few seconds without asking PostgreSQL: a person's
// browser asks in bursts, and the round trip was a third of a thread read's time. Every change
// that ends a session or an account forgets the person's checks on every API node before it is
// answered (`forget`, run by the realtime library's drop on each node, as it drops sockets);
// the time limit covers a node that did not answer within the drop's time-out.
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

/** How long a passed check answers again without a round trip (see the top of this file). */
export const CHECK_REUSE_MS = 5_000;
/** People whose checks are kept at most; the oldest are forgotten first. */
const PEOPLE_KEPT = 10_000;

interface KeptCheck {
  row: AccountRow;
  at: number;
}

@Injectable()
export class ActorResolver {
  /** Passed checks by person, then by session. */
  private readonly kept = new Map<string, Map<string, KeptCheck>>();
  /** Counts `forget` calls: a check asked before one may not be kept after it. */
  private forgetting = 0;

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
    const row = await this.accountAndSession(claims.sub, claims.sid);
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

  /**
   * Forgets the kept checks of a person (all their sessions): called on every node when one of
   * their sessions ends, their password changes, or their account is suspended or erased.
   */
  forget(practitionerId: string): void {
    this.forgetting += 1;
    this.kept.delete(practitionerId);
  }

  /** The account and whether the session lives: kept, or one named statement straight on the pool. */
  private async accountAndSession(
    practitionerId: string,
    sessionId: string,
  ): Promise<AccountRow | undefined> {
    const kept = this.kept.get(practitionerId)?.get(sessionId);
    if (kept && Date.now() - kept.at < CHECK_REUSE_MS) return kept.row;
    const asked = this.forgetting;
    const at = Date.now();
    const {
      rows: [row],
    } = await this.pool.query<AccountRow>({
      name: 'identity-account-and-session',
      text: ACCOUNT_AND_SESSION,
      values: [practitionerId, sessionId],
    });
    // Only a check that passes is kept, and only if nothing was forgotten while it was asked (its
    // answer may predate the change that the forgetting announced).
    if (row?.sessionAlive && row.status === 'active' && asked === this.forgetting)
      this.keep(practitionerId, sessionId, { row, at });
    return row;
  }

  private keep(practitionerId: string, sessionId: string, check: KeptCheck): void {
    let sessions = this.kept.get(practitionerId);
    if (!sessions) {
      if (this.kept.size >= PEOPLE_KEPT) this.kept.delete(this.kept.keys().next().value!);
      sessions = new Map();
      this.kept.set(practitionerId, sessions);
    }
    sessions.set(sessionId, check);
  }
}
