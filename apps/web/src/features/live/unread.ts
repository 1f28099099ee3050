// Unread counts for the navigation: one small store filled by `GET /api/me/unread` (one query on
// the server) when a page is opened, when the tab comes back into view, when the live connection
// returns and once a minute while the tab is visible (messages in rooms this tab has not joined
// do not reach it live), and corrected at once when this tab or another marks a room read.
import type { RoomReadState, UnreadCounts } from '@contracts';
import { useEffect, useSyncExternalStore } from 'react';
import { useLocation } from 'react-router-dom';
import { api } from '../../api/client';
import { acquireLiveConnection, releaseLiveConnection } from '../../api/live-socket';

const REFRESH_MS = 60_000;
const EMPTY: UnreadCounts = { rooms: [], exchanges: [], total: 0 };

let counts: UnreadCounts = EMPTY;
const listeners = new Set<() => void>();

function publish(next: UnreadCounts): void {
  counts = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const unreadApi = {
  get: () => api.get<UnreadCounts>('/api/me/unread'),
};

export function useUnreadCounts(): UnreadCounts {
  return useSyncExternalStore(subscribe, () => counts);
}

export async function refreshUnread(): Promise<void> {
  try {
    publish(await unreadApi.get());
  } catch {
    // the badges keep their last counts; the next refresh tries again
  }
}

/** A room's new read position (from this tab's ack or another tab's unread.changed). */
export function setRoomRead(state: RoomReadState): void {
  const rooms = counts.rooms.filter((r) => r.roomId !== state.roomId);
  if (state.unread > 0) rooms.push(state);
  const byExchange = new Map<string, number>();
  for (const room of rooms)
    byExchange.set(room.exchangeId, (byExchange.get(room.exchangeId) ?? 0) + room.unread);
  publish({
    rooms,
    exchanges: [...byExchange].map(([exchangeId, unread]) => ({ exchangeId, unread })),
    total: rooms.reduce((sum, room) => sum + room.unread, 0),
  });
}

/** Keeps the counts fresh while mounted (the header mounts it once for signed-in people). */
export function useUnreadRefresh(): void {
  const location = useLocation();
  useEffect(() => {
    void refreshUnread();
  }, [location.pathname]);
  useEffect(() => {
    const connection = acquireLiveConnection();
    const stopConnect = connection.onConnect(() => void refreshUnread());
    const onRead = (state: RoomReadState) => setRoomRead(state);
    connection.socket.on('unread.changed', onRead);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refreshUnread();
    };
    document.addEventListener('visibilitychange', onVisible);
    const timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') void refreshUnread();
    }, REFRESH_MS);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
      connection.socket.off('unread.changed', onRead);
      stopConnect();
      releaseLiveConnection();
      publish(EMPTY);
    };
  }, []);
}
