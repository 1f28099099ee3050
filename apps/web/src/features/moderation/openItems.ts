// Whether the signed-in person moderates anything, and how many flagged items wait for them: one
// small store behind the header's "Moderation" link. The review queue itself answers (hosts see
// their exchanges', coordinators and admins everyone's, members are refused), so the link follows
// the server's rule, demotions included. Asked again on every (re)connection of the live client
// and whenever the server says a queue changed.
import { useEffect, useSyncExternalStore } from 'react';
import { ApiRequestError } from '../../api/client';
import { acquireLiveConnection, releaseLiveConnection } from '../../api/live-socket';
import { moderationApi } from './moderation.api';

export type OpenItems =
  /** Not asked yet, or the last question failed (`error`: said where it matters). */
  | { moderates: 'unknown'; error?: unknown }
  | { moderates: false }
  | { moderates: true; total: number };

const UNKNOWN: OpenItems = { moderates: 'unknown' };
let state: OpenItems = UNKNOWN;
const listeners = new Set<() => void>();

function publish(next: OpenItems): void {
  state = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useOpenItems(): OpenItems {
  return useSyncExternalStore(subscribe, () => state);
}

/** Asks the queue how many items wait; a refusal means this person moderates nothing. */
export async function refreshOpenItems(): Promise<void> {
  try {
    const page = await moderationApi.queue();
    publish({ moderates: true, total: page.total });
  } catch (error) {
    if (error instanceof ApiRequestError && error.statusCode === 403) publish({ moderates: false });
    // Otherwise keep what we knew (the next connection asks again), or say why we do not know.
    else if (state.moderates === 'unknown') publish({ moderates: 'unknown', error });
  }
}

/** Called whenever a moderator's queue changed (this tab decided, or the server said so). */
const changeListeners = new Set<() => void>();
export function onQueueChanged(listener: () => void): () => void {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}

function queueChanged(): void {
  void refreshOpenItems();
  for (const listener of changeListeners) listener();
}

/** Keeps the count fresh while mounted (the header mounts it once for signed-in people). */
export function useOpenItemsRefresh(): void {
  useEffect(() => {
    const connection = acquireLiveConnection();
    const stopConnect = connection.onConnect(() => void refreshOpenItems());
    connection.socket.on('moderation.queue-changed', queueChanged);
    void refreshOpenItems();
    return () => {
      connection.socket.off('moderation.queue-changed', queueChanged);
      stopConnect();
      releaseLiveConnection();
      publish(UNKNOWN);
    };
  }, []);
}
