// Who may invite whom. Coordinators grow the network with members and coordinators;
// only admins create other admins.
import type { NetworkRole } from '../../contracts/src/index.js';
import { type Actor, hasNetworkRole } from '../../common/src/index.js';

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
