// Who may do what with threads. Pure: decided from the actor, their role in the thread's exchange
// (the commons has none) and the thread's state; used by REST and the live gateway alike.
import type { ExchangeRole, ThreadKind } from '#libs/contracts';
import { type Actor, hasNetworkRole } from '#libs/common';
import { canModerate } from '#libs/moderation';

/** Where threads live: an exchange (with the actor's role in it) or the commons. */
export interface PlaceState {
  commons: boolean;
  /** The actor's role in the exchange, or null (always null in the commons). */
  role: ExchangeRole | null;
  /** A concluded exchange keeps its threads readable, not writable. */
  concluded: boolean;
  /** The actor is muted in this place's threads now. */
  muted: boolean;
}

export type PlaceAction = 'read' | 'start' | 'moderate';

export function canInPlace(actor: Actor, action: PlaceAction, place: PlaceState): boolean {
  const moderator = canModerate(actor, place.commons ? null : place.role);
  switch (action) {
    case 'read':
      return place.commons || place.role !== null || hasNetworkRole(actor, 'coordinator');
    case 'moderate':
      return moderator;
    case 'start':
      // Observers read but do not post; a mute silences; a concluded exchange is read-only.
      if (!canInPlace(actor, 'read', place) || place.muted) return false;
      if (place.concluded && !moderator) return false;
      return place.commons || moderator || place.role === 'participant';
  }
}

export interface ThreadState extends PlaceState {
  kind: ThreadKind;
  locked: boolean;
  hidden: boolean;
  /** Merged into another thread: read there. */
  merged: boolean;
  /** The actor wrote the opening post. */
  isAuthor: boolean;
}

export type ThreadAction = 'read' | 'post' | 'moderate' | 'mark-answer';

export function canInThread(actor: Actor, action: ThreadAction, thread: ThreadState): boolean {
  const moderator = canInPlace(actor, 'moderate', thread);
  switch (action) {
    case 'read':
      // A hidden thread stays visible to moderators and its author (who learns why).
      return canInPlace(actor, 'read', thread) && (!thread.hidden || moderator || thread.isAuthor);
    case 'moderate':
      return canInThread(actor, 'read', thread) && moderator;
    case 'post':
      // A lock stops everyone but moderators; a merged thread continues in the other one.
      return (
        canInThread(actor, 'read', thread) &&
        canInPlace(actor, 'start', thread) &&
        !thread.merged &&
        (!thread.locked || moderator)
      );
    case 'mark-answer':
      return (
        thread.kind === 'question' &&
        canInThread(actor, 'read', thread) &&
        !thread.merged &&
        (moderator || (thread.isAuthor && canInThread(actor, 'post', thread)))
      );
  }
}
