// Who is in a room, counted once per person however many tabs and devices they have open,
// across every API node (fetchSockets asks the other nodes through the adapter). Changes are
// debounced per room; a periodic refresh clears people whose node died.
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { PresenceEntry } from '#libs/contracts';
import { RealtimeServer, type RealtimeSocketData } from '#libs/realtime';

export const roomChannel = (roomId: string) => `room:${roomId}`;
export const moderatorsChannel = (roomId: string) => `mods:${roomId}`;
const ROOM_PREFIX = 'room:';

const PRESENCE_DEBOUNCE_MS = 150;
const PRESENCE_REFRESH_MS = 5_000;

@Injectable()
export class PresenceService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Presence');
  private readonly timers = new Map<string, { force: boolean; timer?: NodeJS.Timeout }>();
  private readonly lastSent = new Map<string, string>();
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(private readonly server: RealtimeServer) {}

  onModuleInit(): void {
    // Presence of people whose node died clears on the next refresh.
    this.refreshTimer = setInterval(() => this.refreshLocalRooms(), PRESENCE_REFRESH_MS);
    this.refreshTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.refreshTimer);
    for (const { timer } of this.timers.values()) clearTimeout(timer);
  }

  async present(roomId: string): Promise<PresenceEntry[]> {
    const sockets = await this.server.namespace.in(roomChannel(roomId)).fetchSockets();
    const byPerson = new Map<string, PresenceEntry>();
    for (const socket of sockets) {
      const data = socket.data as Partial<RealtimeSocketData>;
      if (!data.person) continue;
      const entry = byPerson.get(data.person.id);
      if (entry) entry.connections += 1;
      else byPerson.set(data.person.id, { person: data.person, connections: 1 });
    }
    return [...byPerson.values()].sort((a, b) =>
      a.person.displayName.localeCompare(b.person.displayName),
    );
  }

  /** The room ids a connection is in (it is about to leave them, or they are re-derived). */
  roomsOf(channels: Iterable<string>): string[] {
    return [...channels].filter((c) => c.startsWith(ROOM_PREFIX)).map((c) => c.slice(5));
  }

  /** After a join, leave or disconnect; the periodic refresh passes `onlyIfChanged`. */
  schedule(roomId: string, onlyIfChanged = false): void {
    const pending = this.timers.get(roomId);
    if (pending) {
      if (!onlyIfChanged) pending.force = true;
      return;
    }
    const entry = { force: !onlyIfChanged, timer: undefined as NodeJS.Timeout | undefined };
    entry.timer = setTimeout(() => {
      this.timers.delete(roomId);
      this.present(roomId)
        .then((present) => {
          // The refresh re-sends a room's presence only when it changed (a node died), so
          // 2,000 idle members do not each parse the whole list every few seconds.
          const key = JSON.stringify(present);
          if (!entry.force && this.lastSent.get(roomId) === key) return;
          if (present.length === 0) this.lastSent.delete(roomId);
          else this.lastSent.set(roomId, key);
          this.server.to(roomChannel(roomId)).emit('presence.changed', { roomId, present });
        })
        .catch((error: Error) => this.logger.warn(`presence of ${roomId}: ${error.message}`));
    }, PRESENCE_DEBOUNCE_MS);
    entry.timer.unref();
    this.timers.set(roomId, entry);
  }

  private refreshLocalRooms(): void {
    let channels: Iterable<string>;
    try {
      channels = this.server.namespace.adapter.rooms.keys();
    } catch {
      return; // not listening yet
    }
    for (const roomId of this.roomsOf(channels)) this.schedule(roomId, true);
  }
}
