// Who may invite whom. Coordinators grow the network with members and coordinators;
// only admins create other admins.
import type { NetworkRole } from '#libs/contracts';
import { type Actor, hasNetworkRole } from '#libs/common';

export function canInvite(actor: Actor, role: NetworkRole): boolean {
  switch (role) {
    case 'member':
    case 'coordinator':
      return hasNetworkRole(actor, 'coordinator');
    case 'admin':
      return actor.networkRole === 'admin';
    default:
      return false; // a role this policy does not know is never granted
  }
}
