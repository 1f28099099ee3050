// Turns an access token into the acting practitioner, checking on every call that the account
// is still active, so a suspension or password change takes effect at once (and tokens issued
// before either stay refused afterwards). Used by the HTTP guard and, later, by the socket.io
// handshake.
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AccountSuspendedError, type Actor, UnauthenticatedError } from '../../common/src/index.js';
import { Practitioner } from '../../practitioners/src/index.js';
import { TokenService } from './token.service.js';

@Injectable()
export class ActorResolver {
  constructor(
    private readonly tokens: TokenService,
    @InjectRepository(Practitioner) private readonly practitioners: Repository<Practitioner>,
  ) {}

  async resolve(accessToken: string): Promise<Actor> {
    const claims = this.tokens.verifyAccessToken(accessToken);
    const account = await this.practitioners.findOne({
      where: { id: claims.sub },
      select: {
        id: true,
        networkRole: true,
        status: true,
        passwordChangedAt: true,
        suspendedAt: true,
      },
    });
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
    // The role comes from the database, not the token, so a role change applies at once.
    return { id: account.id, networkRole: account.networkRole };
  }
}
