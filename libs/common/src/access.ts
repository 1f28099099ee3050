// Who may call a route. Every controller method declares it; the global AuthGuard enforces it,
// and the authorization-matrix test fails for any route that does not declare it.
import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { NetworkRole } from '#libs/contracts';
import { UnauthenticatedError } from './errors.js';

/** public: anyone, signed in or not. member: any active account. coordinator: coordinators and admins. admin: admins. */
export type AccessLevel = 'public' | 'member' | 'coordinator' | 'admin';

export const ACCESS_METADATA = 'crossings:access';

export const Access = (level: AccessLevel) => SetMetadata(ACCESS_METADATA, level);

/** The signed-in person acting on a request or socket event. */
export interface Actor {
  id: string;
  networkRole: NetworkRole;
}

const RANK: Record<NetworkRole, number> = { member: 1, coordinator: 2, admin: 3 };

export function hasNetworkRole(actor: Actor | null | undefined, level: AccessLevel): boolean {
  if (level === 'public') return true;
  if (!actor) return false;
  return RANK[actor.networkRole] >= RANK[level];
}

export interface RequestWithActor {
  actor?: Actor;
}

export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor => {
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    if (!request.actor) throw new UnauthenticatedError();
    return request.actor;
  },
);

/** The signed-in person on a public route, or null for a reader without an account. */
export const OptionalActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor | null =>
    context.switchToHttp().getRequest<RequestWithActor>().actor ?? null,
);
