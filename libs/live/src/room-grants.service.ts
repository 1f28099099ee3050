// What each connection may do in each room it joined: hear it, hear its moderators' channel,
// and show as typing. Decided at join, and re-derived on every node whenever the person's role,
// membership, mute or removal changes, so an open socket never keeps powers its person lost.
import { Injectable, OnModuleInit } from '@nestjs/common';
import type { RoomRemoved, RoomStateChanged } from '#libs/contracts';
import {
  type AuthorityChange,
  type RealtimeSocket,
  SocketAuthority,
  type SocketRederiver,
} from '#libs/realtime';
import { canInRoom } from './live.policy.js';
import { moderatorsChannel, PresenceService, roomChannel } from './presence.service.js';
import { type RoomContext, RoomReadOnlyError, RoomsService } from './rooms.service.js';
import { MutedError } from './messages.service.js';

interface RoomGrant {
  canSend: boolean;
  mutedUntil: number | null;
  lastTypingAt: number;
}

/** At most one typing event per person and room per second reaches the others. */
const TYPING_INTERVAL_MS = 1_000;

@Injectable()
export class RoomGrants implements SocketRederiver, OnModuleInit {
  private readonly grants = new WeakMap<RealtimeSocket, Map<string, RoomGrant>>();

  constructor(
    private readonly rooms: RoomsService,
    private readonly presence: PresenceService,
    private readonly authority: SocketAuthority,
  ) {}

  onModuleInit(): void {
    this.authority.register(this);
  }

  /** Puts the connection in the room's channel (and its moderators', if it may moderate). */
  async enter(socket: RealtimeSocket, roomId: string, context: RoomContext): Promise<void> {
    this.apply(socket, roomId, context);
    await socket.join(roomChannel(roomId));
    this.presence.schedule(roomId);
  }

  async leave(socket: RealtimeSocket, roomId: string): Promise<void> {
    this.grants.get(socket)?.delete(roomId);
    await socket.leave(roomChannel(roomId));
    await socket.leave(moderatorsChannel(roomId));
    this.presence.schedule(roomId);
  }

  /** Typing is shown only for people who may write here now (not observers, not the muted). */
  assertMayType(socket: RealtimeSocket, roomId: string): void {
    if (!socket.rooms.has(roomChannel(roomId))) throw new RoomReadOnlyError('Join the room first.');
    const grant = this.grants.get(socket)?.get(roomId);
    if (!grant?.canSend) throw new RoomReadOnlyError('You read this room but cannot write in it.');
    if (grant.mutedUntil !== null && grant.mutedUntil > Date.now())
      throw new MutedError(new Date(grant.mutedUntil));
  }

  /** True (and remembered) when this connection's last typing event here is old enough to pass. */
  typingDue(socket: RealtimeSocket, roomId: string): boolean {
    const grant = this.grants.get(socket)?.get(roomId);
    if (!grant || Date.now() - grant.lastTypingAt < TYPING_INTERVAL_MS) return false;
    grant.lastTypingAt = Date.now();
    return true;
  }

  async rederive(socket: RealtimeSocket, change: AuthorityChange): Promise<void> {
    for (const roomId of this.presence.roomsOf(socket.rooms)) {
      if (change.roomId && change.roomId !== roomId) continue;
      const context = await this.rooms.contextIfReadable(socket.data.actor, roomId);
      if (context && change.exchangeId && context.room.exchangeId !== change.exchangeId) continue;
      if (context) {
        const before = this.grants.get(socket)?.get(roomId);
        const moderatedBefore = socket.rooms.has(moderatorsChannel(roomId));
        this.apply(socket, roomId, context);
        const after = this.grants.get(socket)?.get(roomId);
        const moderates = socket.rooms.has(moderatorsChannel(roomId));
        // The person's own connections learn at once that they were muted, unmuted or re-roled.
        if (
          after &&
          (before?.canSend !== after.canSend ||
            before?.mutedUntil !== after.mutedUntil ||
            moderatedBefore !== moderates)
        ) {
          const state: RoomStateChanged = {
            roomId,
            canSend: after.canSend,
            canModerate: moderates,
            mutedUntil: after.mutedUntil === null ? null : new Date(after.mutedUntil).toISOString(),
          };
          socket.emit('room.state', state);
        }
        continue;
      }
      await this.leave(socket, roomId);
      const removed: RoomRemoved = { roomId, reason: change.reason };
      socket.emit('room.removed', removed);
    }
  }

  private apply(socket: RealtimeSocket, roomId: string, context: RoomContext): void {
    const byRoom = this.grants.get(socket) ?? new Map<string, RoomGrant>();
    this.grants.set(socket, byRoom);
    byRoom.set(roomId, {
      canSend: canInRoom(socket.data.actor, 'send', context.state),
      mutedUntil: context.mutedUntil?.getTime() ?? null,
      lastTypingAt: byRoom.get(roomId)?.lastTypingAt ?? 0,
    });
    // Synchronous joins and leaves (the in-memory and cluster adapters add to the local map
    // at once), so the next broadcast already sees the change.
    if (canInRoom(socket.data.actor, 'moderate', context.state))
      void socket.join(moderatorsChannel(roomId));
    else void socket.leave(moderatorsChannel(roomId));
  }
}
