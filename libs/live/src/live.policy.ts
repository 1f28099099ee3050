// Who may do what in a live room. Pure: decided from the actor, their exchange role and the
// room's state, and used by the gateway and REST alike.
import type { ExchangeRole } from '#libs/contracts';
import { type Actor, hasNetworkRole } from '#libs/common';

export type RoomAction = 'read' | 'join' | 'send' | 'moderate';

export interface RoomState {
  /** The actor's role in the room's exchange, or null. */
  role: ExchangeRole | null;
  /** Sending is possible now (lobby of a live exchange, or a session room inside its window). */
  open: boolean;
  /** A session room before its window opens. */
  notYetOpen: boolean;
  removed: boolean;
}

export function canInRoom(actor: Actor, action: RoomAction, room: RoomState): boolean {
  const networkModerator = hasNetworkRole(actor, 'coordinator');
  const moderator = networkModerator || room.role === 'host';
  switch (action) {
    case 'read':
      return (room.role !== null && !room.removed) || networkModerator;
    case 'join':
      // Hosts and coordinators may enter early to prepare; others wait for the room to open.
      return canInRoom(actor, 'read', room) && (!room.notYetOpen || moderator);
    case 'send':
      return (
        canInRoom(actor, 'join', room) && room.open && (moderator || room.role === 'participant')
      );
    case 'moderate':
      return moderator;
  }
}
