// Who may do what to a practitioner's account. Pure functions, used by services and tested alone.
import {
  type NetworkRole,
  type Position,
  POSITIONS_RESERVED_FOR,
  type PractitionerStatus,
} from '#libs/contracts';
import { type Actor, hasNetworkRole } from '#libs/common';

export type PractitionerAction = 'view' | 'view-suspended' | 'suspend' | 'reinstate';

interface Subject {
  id: string;
  networkRole: NetworkRole;
  status: PractitionerStatus;
}

export function canActOnPractitioner(
  actor: Actor,
  action: PractitionerAction,
  subject?: Subject,
): boolean {
  switch (action) {
    case 'view':
      if (!subject) return false;
      if (subject.status === 'active' || subject.id === actor.id) return true;
      return subject.status === 'suspended' && hasNetworkRole(actor, 'coordinator');
    case 'view-suspended':
      return hasNetworkRole(actor, 'coordinator');
    case 'suspend':
    case 'reinstate':
      if (!subject || subject.id === actor.id || subject.status === 'erased') return false;
      // Coordinators manage members; admins manage members and coordinators and other admins.
      if (actor.networkRole === 'admin') return true;
      return actor.networkRole === 'coordinator' && subject.networkRole === 'member';
  }
}

/** Whether a person with `networkRole` may call themselves `position` (coordinator is reserved). */
export function canHoldPosition(networkRole: NetworkRole, position: Position | null): boolean {
  const reservedFor = position ? POSITIONS_RESERVED_FOR[position] : undefined;
  return !reservedFor || hasNetworkRole({ id: '', networkRole }, reservedFor);
}
