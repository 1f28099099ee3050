// Who may invite whom. Coordinators grow the network with members and coordinators;
// only admins create other admins.
import type { NetworkRole } from '../../contracts/src/index.js';
import { type Actor, hasNetworkRole } from '../../common/src/index.js';

export function canInvite(actor: Actor, role: NetworkRole): boolean {
  if (role === 'admin') return actor.networkRole === 'admin';
  return hasNetworkRole(actor, 'coordinator');
}
