// The live handshake: the access token travels in `auth.token` (never the query string). Missing,
// expired, invalid or suspended → the connection is refused with a typed connect_error.
import { Injectable } from '@nestjs/common';
import { DomainError, toApiError, UnauthenticatedError } from '../../common/src/index.js';
import { presentPerson } from '../../exchanges/src/index.js';
import { ActorResolver, TokenService } from '../../identity/src/index.js';
import { PractitionersService } from '../../practitioners/src/index.js';
import type { LiveSocketData } from './presence.service.js';

export interface LiveConnectError extends Error {
  data: { code: string; message: string };
}

@Injectable()
export class LiveAuthenticator {
  constructor(
    private readonly actors: ActorResolver,
    private readonly tokens: TokenService,
    private readonly practitioners: PractitionersService,
  ) {}

  async authenticate(auth: unknown): Promise<LiveSocketData> {
    const token =
      typeof auth === 'object' && auth !== null ? (auth as { token?: unknown }).token : undefined;
    if (typeof token !== 'string' || token.length === 0 || token.length > 4000) {
      throw new UnauthenticatedError('Send the access token in the handshake: auth.token.');
    }
    return this.socketDataFor(token);
  }

  /** A fresh token for the same person keeps the connection and its rooms. */
  async renew(current: LiveSocketData, token: string): Promise<LiveSocketData> {
    const next = await this.socketDataFor(token);
    if (next.actor.id !== current.actor.id)
      throw new DomainError('FORBIDDEN', 403, 'The new token belongs to someone else.');
    return next;
  }

  connectError(error: unknown): LiveConnectError {
    const api = toApiError(error);
    const connectError = new Error(api.message) as LiveConnectError;
    connectError.data = { code: api.code, message: api.message };
    return connectError;
  }

  private async socketDataFor(token: string): Promise<LiveSocketData> {
    const actor = await this.actors.resolve(token);
    const claims = this.tokens.verifyAccessToken(token);
    const practitioner = await this.practitioners.getById(actor.id);
    return { actor, person: presentPerson(practitioner), tokenExpiresAt: claims.exp * 1000 };
  }
}
