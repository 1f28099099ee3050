// The unread count behind the bell, and the notifications that arrived live: one small store fed
// by `notification.created` on the tab's one live connection (no polling), asked afresh over REST
// whenever that connection (re)connects (something may have arrived while it was away), and set
// directly by the inbox when it knows better.
import type { NotificationView } from '@contracts';
import { useEffect, useSyncExternalStore } from 'react';
import { acquireLiveConnection, releaseLiveConnection } from '../../api/live-socket';
import { notificationsApi } from './notifications.api';

let unread = 0;
const listeners = new Set<() => void>();
const arrivals = new Set<(notification: NotificationView) => void>();

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

/** Called with each notification as it arrives live. */
export function onNotificationArrived(listener: (n: NotificationView) => void): () => void {
  arrivals.add(listener);
  return () => arrivals.delete(listener);
}

export async function refreshUnreadCount(): Promise<void> {
  try {
    setUnreadCount((await notificationsApi.inbox(undefined, { limit: 1 })).unreadCount);
  } catch {
    // the bell keeps its last count; the next connection asks again
  }
}

/** Listens while mounted (the bell, for signed-in people). */
export function useLiveNotifications(): void {
  useEffect(() => {
    const connection = acquireLiveConnection();
    const stopConnect = connection.onConnect(() => void refreshUnreadCount());
    const onCreated = (notification: NotificationView) => {
      if (!notification.readAt) setUnreadCount(unread + 1);
      for (const listener of arrivals) listener(notification);
    };
    connection.socket.on('notification.created', onCreated);
    void refreshUnreadCount();
    return () => {
      connection.socket.off('notification.created', onCreated);
      stopConnect();
      releaseLiveConnection();
      setUnreadCount(0);
    };
  }, []);
}
