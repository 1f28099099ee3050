// The live handshake: the access token travels in `auth.token` (never the query string). Missing,
// expired, invalid, ended or suspended → the connection is refused with a typed connect_error.
import { Injectable } from '@nestjs/common';
import { DomainError, ForbiddenError, toApiError, UnauthenticatedError } from '#libs/common';
import { ActorResolver } from '#libs/identity';
import { PractitionersService, presentPerson } from '#libs/practitioners';
import type { RealtimeSocketData } from './channels.js';

export interface RealtimeConnectError extends Error {
  data: { code: string; message: string };
}

export class TooManyConnectionsError extends DomainError {
  constructor(limit: number) {
    super(
      'TOO_MANY_CONNECTIONS',
      429,
      `You already have ${limit} live connections open; close a tab or device first.`,
    );
  }
}

@Injectable()
export class RealtimeAuthenticator {
  constructor(
    private readonly actors: ActorResolver,
    private readonly practitioners: PractitionersService,
  ) {}

  async authenticate(auth: unknown): Promise<RealtimeSocketData> {
    const token =
      typeof auth === 'object' && auth !== null ? (auth as { token?: unknown }).token : undefined;
    if (typeof token !== 'string' || token.length === 0 || token.length > 4000) {
      throw new UnauthenticatedError('Send the access token in the handshake: auth.token.');
    }
    return this.socketDataFor(token);
  }

  /** A fresh token for the same person keeps the connection and its rooms. */
  async renew(current: RealtimeSocketData, token: string): Promise<RealtimeSocketData> {
    const next = await this.socketDataFor(token);
    if (next.actor.id !== current.actor.id)
      throw new ForbiddenError('The new token belongs to someone else.');
    return next;
  }

  connectError(error: unknown): RealtimeConnectError {
    const api = toApiError(error);
    const connectError = new Error(api.message) as RealtimeConnectError;
    connectError.data = { code: api.code, message: api.message };
    return connectError;
  }

  private async socketDataFor(token: string): Promise<RealtimeSocketData> {
    const { actor, claims } = await this.actors.resolveToken(token);
    const practitioner = await this.practitioners.getById(actor.id);
    return {
      actor,
      person: presentPerson(practitioner),
      sessionId: claims.sid,
      tokenExpiresAt: claims.exp * 1000,
    };
  }
}
