// Who may moderate where. Pure: decided from the actor, their role in the exchange where the
// content lives (or null), and, for actions on a person, the target's standing.
import type { ExchangeRole, NetworkRole } from '#libs/contracts';
import { type Actor, hasNetworkRole } from '#libs/common';

/** Hosts moderate their exchange; coordinators and admins moderate everywhere. */
export function canModerate(actor: Actor, exchangeRole: ExchangeRole | null): boolean {
  return hasNetworkRole(actor, 'coordinator') || exchangeRole === 'host';
}

export interface ModerationTarget {
  id: string;
  exchangeRole: ExchangeRole | null;
  networkRole: NetworkRole;
}

/**
 * May the actor act on this person (mute, remove…)? Never on themselves; hosts only on the
 * participants and observers of their exchange, never on another host or a coordinator.
 */
export function canModerateMember(
  actor: Actor,
  actorExchangeRole: ExchangeRole | null,
  target: ModerationTarget,
): boolean {
  if (target.id === actor.id || !canModerate(actor, actorExchangeRole)) return false;
  if (hasNetworkRole(actor, 'coordinator')) return true;
  return (
    target.exchangeRole !== 'host' &&
    !hasNetworkRole({ id: target.id, networkRole: target.networkRole }, 'coordinator')
  );
}
