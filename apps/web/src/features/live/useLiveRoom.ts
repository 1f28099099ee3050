import { useEffect, useState, useSyncExternalStore } from 'react';
import { acquireLiveConnection, releaseLiveConnection } from '../../api/live-socket';
import { LiveRoom, type RoomSnapshot } from './room';

const IDLE: RoomSnapshot = {
  phase: 'joining',
  connection: 'connecting',
  room: null,
  canModerate: false,
  canSend: false,
  mutedUntil: null,
  readAtJoin: null,
  moderationTick: 0,
  messages: [],
  pending: [],
  present: [],
  typing: [],
  questions: [],
  hasEarlier: false,
  loadingEarlier: false,
  problem: null,
};

const noRoom = {
  subscribe: () => () => undefined,
  getSnapshot: () => IDLE,
};

/** Joins a live room for as long as the component is mounted; re-renders on every change. */
export function useLiveRoom(
  roomId: string,
  myId: string,
): { room: LiveRoom | null; state: RoomSnapshot } {
  const [room, setRoom] = useState<LiveRoom | null>(null);
  useEffect(() => {
    const connection = acquireLiveConnection();
    const live = new LiveRoom(connection, roomId, myId);
    setRoom(live);
    return () => {
      live.stop();
      setRoom(null);
      releaseLiveConnection();
    };
  }, [roomId, myId]);
  const source = room ?? noRoom;
  const state = useSyncExternalStore(source.subscribe, source.getSnapshot);
  return { room, state };
}
