// The unread count behind the bell: one small store, refreshed by polling and after navigation
// (live delivery over the socket comes later), and set directly by the inbox when it knows better.
import { useEffect, useSyncExternalStore } from 'react';
import { useLocation } from 'react-router-dom';
import { notificationsApi } from './notifications.api';

const POLL_MS = 30_000;

let unread = 0;
const listeners = new Set<() => void>();

export function setUnreadCount(count: number): void {
  if (count === unread) return;
  unread = count;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useUnreadCount(): number {
  return useSyncExternalStore(subscribe, () => unread);
}

export async function refreshUnreadCount(): Promise<void> {
  try {
    setUnreadCount((await notificationsApi.inbox(undefined, { limit: 1 })).unreadCount);
  } catch {
    // the bell keeps its last count; the next poll tries again
  }
}

/** Polls while mounted (only for signed-in people) and asks again after every navigation. */
export function useUnreadPolling(): void {
  const location = useLocation();
  useEffect(() => {
    void refreshUnreadCount();
  }, [location.pathname]);
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') void refreshUnreadCount();
    }, POLL_MS);
    return () => {
      clearInterval(timer);
      setUnreadCount(0);
    };
  }, []);
}
