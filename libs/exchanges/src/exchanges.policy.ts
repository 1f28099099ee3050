// Who may do what in an exchange. `role` is the actor's exchange role, or null if not a member.
import type { ExchangeRole, ExchangeStatus } from '#libs/contracts';
import { type Actor, hasNetworkRole } from '#libs/common';

export type ExchangeAction =
  'create' | 'list' | 'read-content' | 'manage' | 'request-to-join' | 'leave';

export function canInExchange(
  actor: Actor,
  action: ExchangeAction,
  role: ExchangeRole | null,
  status: ExchangeStatus = 'active',
): boolean {
  const networkModerator = hasNetworkRole(actor, 'coordinator');
  switch (action) {
    case 'create':
      return networkModerator;
    case 'list':
      return true;
    case 'read-content':
      return role !== null || networkModerator;
    case 'manage':
      return role === 'host' || networkModerator;
    case 'request-to-join':
      return role === null && status !== 'concluded';
    case 'leave':
      return role !== null;
  }
}
