// The global guard: every route declares its access level with @Access(); anything else is refused.
import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import {
  ACCESS_METADATA,
  type AccessLevel,
  ForbiddenError,
  hasNetworkRole,
  type RequestWithActor,
  UnauthenticatedError,
} from '#libs/common';
import { ActorResolver } from './actor-resolver.service.js';

export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer ([A-Za-z0-9\-_.]+)$/.exec(header);
  return match?.[1] ?? null;
}

@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('AuthGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly actors: ActorResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true; // sockets authenticate in their own middleware
    const level = this.reflector.getAllAndOverride<AccessLevel | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!level) {
      this.logger.error(
        `Route ${context.getClass().name}.${context.getHandler().name} declares no @Access level`,
      );
      throw new ForbiddenError();
    }
    const request = context.switchToHttp().getRequest<Request & RequestWithActor>();
    const token = bearerToken(request.headers.authorization);
    if (level === 'public') {
      if (token) request.actor = await this.actors.resolve(token).catch(() => undefined);
      return true;
    }
    if (!token) throw new UnauthenticatedError();
    request.actor = await this.actors.resolve(token);
    if (!hasNetworkRole(request.actor, level)) {
      throw new ForbiddenError(`This needs the ${level} role.`);
    }
    return true;
  }
}
