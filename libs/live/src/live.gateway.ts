// Transport for the /live namespace: authenticate the handshake, then for each event validate,
// authorize and call the services, answering with an ack. Rules live in the services and policy.
import { Logger, OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import {
  LIVE_NAMESPACE,
  type LiveAck,
  type MessageDeleted,
  type MessageView,
  type RoomJoined,
  type RoomRemoved,
} from '../../contracts/src/index.js';
import { DomainEvents, RateLimitedError, ValidationFailedError } from '../../common/src/index.js';
import { presentNotification, NotificationsService } from '../../notifications/src/index.js';
import {
  EditMessageDto,
  HideMessageDto,
  JoinRoomDto,
  MemberModerationDto,
  MessageRefDto,
  MuteMemberDto,
  RenewAuthDto,
  RoomRefDto,
  SendMessageDto,
} from './dto/live.dto.js';
import { acknowledge } from './live-ack.js';
import { LiveAuthenticator } from './live-authenticator.service.js';
import { canInRoom } from './live.policy.js';
import { authorOf, type MessageRow, presentMessage } from './live.presenter.js';
import { MessagesService, MutedError } from './messages.service.js';
import { ModerationService } from './moderation.service.js';
import {
  type LiveSocketData,
  memberChannel,
  moderatorsChannel,
  PresenceService,
  roomChannel,
} from './presence.service.js';
import {
  type RoomContext,
  RoomNotOpenError,
  RoomReadOnlyError,
  RoomsService,
} from './rooms.service.js';
import { SendRateLimiter } from './send-rate-limiter.service.js';

const PRESENCE_DEBOUNCE_MS = 150;
const PRESENCE_REFRESH_MS = 5_000;
const TYPING_INTERVAL_MS = 1_000;
const LATEST_ON_JOIN = 50;

type LiveSocket = Socket & { data: LiveSocketData };

/** Why someone may not write here: the room has not opened yet, or it is read-only for them. */
function cannotWrite(context: RoomContext, readOnlyReason: string): Error {
  if (context.state.notYetOpen) {
    return new RoomNotOpenError(context.room.opensAt ? new Date(context.room.opensAt) : null);
  }
  return new RoomReadOnlyError(context.closedReason ?? readOnlyReason);
}

@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, OnModuleDestroy {
  private readonly logger = new Logger('LiveGateway');
  @WebSocketServer() private nsp: Namespace;
  private readonly presenceTimers = new Map<string, { force: boolean; timer?: NodeJS.Timeout }>();
  private readonly lastPresence = new Map<string, string>();
  private readonly sendQueues = new Map<string, Promise<void>>();
  private refreshTimer: NodeJS.Timeout | undefined;
  private readonly lastTyping = new WeakMap<Socket, Map<string, number>>();
  /** Rooms each connection joined with the right to send (observers' typing is not shown). */
  private readonly sendableRooms = new WeakMap<Socket, Set<string>>();

  constructor(
    private readonly authenticator: LiveAuthenticator,
    private readonly rooms: RoomsService,
    private readonly messages: MessagesService,
    private readonly moderation: ModerationService,
    private readonly presence: PresenceService,
    private readonly rateLimiter: SendRateLimiter,
    private readonly notifications: NotificationsService,
    private readonly events: DomainEvents,
  ) {}

  afterInit(nsp: Namespace): void {
    // Guards do not run on connect: the handshake is authenticated here, before any event.
    nsp.use((socket, next) => {
      this.authenticator
        .authenticate(socket.handshake.auth)
        .then((data) => {
          socket.data = data;
          next();
        })
        .catch((error: unknown) => next(this.authenticator.connectError(error)));
    });
    this.notifications.onCreated((n) =>
      nsp.to(memberChannel(n.recipientId)).emit('notification.created', presentNotification(n)),
    );
    this.events.on(
      'account.suspended',
      ({ practitionerId }) => void nsp.in(memberChannel(practitionerId)).disconnectSockets(true),
    );
    this.events.on(
      'account.erased',
      ({ practitionerId }) => void nsp.in(memberChannel(practitionerId)).disconnectSockets(true),
    );
    this.events.on('exchange.member-removed', async ({ exchangeId, practitionerId }) => {
      for (const roomId of await this.rooms.roomIdsOf(exchangeId))
        await this.dropFromRoom(
          practitionerId,
          roomId,
          'You are no longer a member of this exchange.',
        );
    });
    // Presence of people whose node died clears on the next refresh.
    this.refreshTimer = setInterval(() => this.refreshLocalRooms(), PRESENCE_REFRESH_MS);
    this.refreshTimer.unref();
  }

  handleConnection(socket: LiveSocket): void {
    void socket.join(memberChannel(socket.data.actor.id));
    socket.on('disconnecting', () => {
      for (const channel of socket.rooms)
        if (channel.startsWith('room:')) this.schedulePresence(channel.slice(5));
    });
  }

  onModuleDestroy(): void {
    clearInterval(this.refreshTimer);
    for (const { timer } of this.presenceTimers.values()) clearTimeout(timer);
  }

  @SubscribeMessage('auth.renew')
  renew(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() payload: unknown,
  ): Promise<LiveAck<{ expiresAt: string }>> {
    // Accepted even when the old token has expired: that is what renewing is for.
    return acknowledge(undefined, RenewAuthDto, payload, async ({ token }) => {
      socket.data = await this.authenticator.renew(socket.data, token);
      return { expiresAt: new Date(socket.data.tokenExpiresAt).toISOString() };
    });
  }

  @SubscribeMessage('room.join')
  join(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() payload: unknown,
  ): Promise<LiveAck<RoomJoined>> {
    return acknowledge(
      socket.data.tokenExpiresAt,
      JoinRoomDto,
      payload,
      async ({ roomId, sinceSeq }) => {
        const { room, state } = await this.rooms.context(socket.data.actor, roomId, 'join');
        const canModerate = canInRoom(socket.data.actor, 'moderate', state);
        const sendable = this.sendableRooms.get(socket) ?? new Set<string>();
        this.sendableRooms.set(socket, sendable);
        if (canInRoom(socket.data.actor, 'send', state)) sendable.add(roomId);
        else sendable.delete(roomId);
        await socket.join(roomChannel(roomId));
        if (canModerate) await socket.join(moderatorsChannel(roomId));
        const { rows, reset } =
          sinceSeq === undefined
            ? { rows: await this.messages.latest(roomId, LATEST_ON_JOIN), reset: false }
            : await this.messages.since(roomId, sinceSeq, room.lastSeq);
        this.schedulePresence(roomId);
        return {
          room,
          present: await this.presence.present(this.nsp, roomId),
          messages: rows.map((row) => presentMessage(row, authorOf(row), canModerate)),
          reset,
          canModerate,
          canSend: canInRoom(socket.data.actor, 'send', state),
        };
      },
    );
  }

  @SubscribeMessage('room.leave')
  leave(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() payload: unknown,
  ): Promise<LiveAck<{ roomId: string }>> {
    return acknowledge(socket.data.tokenExpiresAt, RoomRefDto, payload, async ({ roomId }) => {
      await socket.leave(roomChannel(roomId));
      await socket.leave(moderatorsChannel(roomId));
      this.schedulePresence(roomId);
      return { roomId };
    });
  }

  @SubscribeMessage('message.send')
  send(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() payload: unknown,
  ): Promise<LiveAck<MessageView>> {
    return acknowledge(socket.data.tokenExpiresAt, SendMessageDto, payload, async (input) => {
      const { actor, person } = socket.data;
      // Membership, mutes and the room's window are checked on every send, not only on join.
      const context = await this.rooms.context(actor, input.roomId);
      if (!canInRoom(actor, 'send', context.state)) {
        throw cannotWrite(context, 'Observers read this room but cannot send.');
      }
      if (context.mutedUntil) throw new MutedError(context.mutedUntil);
      if (input.isQuestion && context.room.kind !== 'session')
        throw new ValidationFailedError('isQuestion: questions belong to session rooms.');
      await this.consumeSendAllowance(actor.id);
      // One store-and-broadcast at a time per room on this node (the database serializes them
      // anyway), so this node's broadcasts leave in seq order and clients see no false gaps.
      return this.inRoomOrder(input.roomId, async () => {
        const { row, created } = await this.messages.send(actor.id, {
          roomId: input.roomId,
          clientMessageId: input.clientMessageId,
          body: input.body,
          language: input.language ?? null,
          isQuestion: input.isQuestion ?? false,
        });
        const message = presentMessage(row, person, false);
        if (created) this.nsp.to(roomChannel(input.roomId)).emit('message.created', message);
        return message;
      });
    });
  }

  @SubscribeMessage('message.edit')
  edit(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() payload: unknown,
  ): Promise<LiveAck<MessageView>> {
    return acknowledge(
      socket.data.tokenExpiresAt,
      EditMessageDto,
      payload,
      async ({ roomId, messageId, body }) => {
        const context = await this.rooms.context(socket.data.actor, roomId);
        if (!canInRoom(socket.data.actor, 'send', context.state))
          throw cannotWrite(context, 'You cannot write in this room.');
        // A mute silences edits too: rewriting an earlier message would reach everyone.
        if (context.mutedUntil) throw new MutedError(context.mutedUntil);
        return this.broadcastUpdate(
          await this.messages.edit(socket.data.actor, roomId, messageId, body),
        );
      },
    );
  }

  @SubscribeMessage('message.delete')
  remove(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() payload: unknown,
  ): Promise<LiveAck<MessageDeleted>> {
    return acknowledge(
      socket.data.tokenExpiresAt,
      MessageRefDto,
      payload,
      async ({ roomId, messageId }) => {
        await this.rooms.context(socket.data.actor, roomId);
        const row = await this.messages.delete(socket.data.actor, roomId, messageId);
        const event: MessageDeleted = {
          roomId,
          id: row.id,
          seq: Number(row.seq),
          reason: 'deleted',
        };
        this.nsp.to(roomChannel(roomId)).emit('message.deleted', event);
        return event;
      },
    );
  }

  @SubscribeMessage('typing')
  typing(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() payload: unknown,
  ): Promise<LiveAck<{ roomId: string }>> {
    return acknowledge(socket.data.tokenExpiresAt, RoomRefDto, payload, async ({ roomId }) => {
      if (!socket.rooms.has(roomChannel(roomId)))
        throw new RoomReadOnlyError('Join the room first.');
      if (!this.sendableRooms.get(socket)?.has(roomId))
        throw new RoomReadOnlyError('You read this room but cannot write in it.');
      const last = this.lastTyping.get(socket) ?? new Map<string, number>();
      this.lastTyping.set(socket, last);
      if (Date.now() - (last.get(roomId) ?? 0) >= TYPING_INTERVAL_MS) {
        last.set(roomId, Date.now());
        socket.to(roomChannel(roomId)).emit('typing', { roomId, person: socket.data.person });
      }
      return { roomId };
    });
  }

  @SubscribeMessage('message.hide')
  hide(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() payload: unknown,
  ): Promise<LiveAck<MessageView>> {
    return acknowledge(
      socket.data.tokenExpiresAt,
      HideMessageDto,
      payload,
      async ({ roomId, messageId, reason }) => {
        await this.rooms.context(socket.data.actor, roomId, 'moderate');
        const row = await this.messages.setHidden(roomId, messageId, {
          byId: socket.data.actor.id,
          reason,
        });
        await this.moderation.record(socket.data.actor, roomId, 'hide', {
          messageId,
          targetId: row.author_id,
          reason,
        });
        const event: MessageDeleted = {
          roomId,
          id: row.id,
          seq: Number(row.seq),
          reason: 'hidden',
        };
        this.nsp
          .to(roomChannel(roomId))
          .except(moderatorsChannel(roomId))
          .emit('message.deleted', event);
        const forModerators = presentMessage(row, authorOf(row), true);
        this.nsp.to(moderatorsChannel(roomId)).emit('message.updated', forModerators);
        return forModerators;
      },
    );
  }

  @SubscribeMessage('message.restore')
  restore(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() payload: unknown,
  ): Promise<LiveAck<MessageView>> {
    return acknowledge(
      socket.data.tokenExpiresAt,
      HideMessageDto,
      payload,
      async ({ roomId, messageId, reason }) => {
        await this.rooms.context(socket.data.actor, roomId, 'moderate');
        const row = await this.messages.setHidden(roomId, messageId, null);
        await this.moderation.record(socket.data.actor, roomId, 'restore', {
          messageId,
          targetId: row.author_id,
          reason,
        });
        return this.broadcastUpdate(row);
      },
    );
  }

  @SubscribeMessage('member.mute')
  mute(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() payload: unknown,
  ): Promise<LiveAck<{ practitionerId: string; until: string }>> {
    return acknowledge(
      socket.data.tokenExpiresAt,
      MuteMemberDto,
      payload,
      async ({ roomId, practitionerId, minutes, reason }) => {
        await this.rooms.context(socket.data.actor, roomId, 'moderate');
        const until = await this.moderation.mute(
          socket.data.actor,
          roomId,
          practitionerId,
          minutes,
          reason,
        );
        return { practitionerId, until: until.toISOString() };
      },
    );
  }

  @SubscribeMessage('member.unmute')
  unmute(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() payload: unknown,
  ): Promise<LiveAck<{ practitionerId: string }>> {
    return acknowledge(
      socket.data.tokenExpiresAt,
      MemberModerationDto,
      payload,
      async ({ roomId, practitionerId, reason }) => {
        await this.rooms.context(socket.data.actor, roomId, 'moderate');
        await this.moderation.unmute(socket.data.actor, roomId, practitionerId, reason);
        return { practitionerId };
      },
    );
  }

  @SubscribeMessage('member.remove')
  removeMember(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() payload: unknown,
  ): Promise<LiveAck<{ practitionerId: string }>> {
    return acknowledge(
      socket.data.tokenExpiresAt,
      MemberModerationDto,
      payload,
      async ({ roomId, practitionerId, reason }) => {
        await this.rooms.context(socket.data.actor, roomId, 'moderate');
        await this.moderation.remove(socket.data.actor, roomId, practitionerId, reason);
        await this.dropFromRoom(practitionerId, roomId, reason);
        return { practitionerId };
      },
    );
  }

  @SubscribeMessage('question.upvote')
  upvote(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() payload: unknown,
  ): Promise<LiveAck<MessageView>> {
    return acknowledge(
      socket.data.tokenExpiresAt,
      MessageRefDto,
      payload,
      async ({ roomId, messageId }) => {
        const context = await this.rooms.context(socket.data.actor, roomId);
        if (!canInRoom(socket.data.actor, 'send', context.state))
          throw cannotWrite(context, 'Observers cannot vote.');
        return this.broadcastUpdate(
          await this.messages.upvote(socket.data.actor, roomId, messageId),
        );
      },
    );
  }

  @SubscribeMessage('question.answer')
  answer(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() payload: unknown,
  ): Promise<LiveAck<MessageView>> {
    return acknowledge(
      socket.data.tokenExpiresAt,
      MessageRefDto,
      payload,
      async ({ roomId, messageId }) => {
        await this.rooms.context(socket.data.actor, roomId, 'moderate');
        return this.broadcastUpdate(await this.messages.markAnswered(roomId, messageId));
      },
    );
  }

  private inRoomOrder<T>(roomId: string, task: () => Promise<T>): Promise<T> {
    const run = (this.sendQueues.get(roomId) ?? Promise.resolve()).then(task);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.sendQueues.set(roomId, tail);
    void tail.then(() => {
      if (this.sendQueues.get(roomId) === tail) this.sendQueues.delete(roomId);
    });
    return run;
  }

  private async consumeSendAllowance(practitionerId: string): Promise<void> {
    try {
      await this.rateLimiter.consume(practitionerId);
    } catch (error) {
      if (error instanceof RateLimitedError) throw error;
      this.logger.warn(`rate limiter unavailable: ${(error as Error).message}`);
    }
  }

  private broadcastUpdate(row: MessageRow): MessageView {
    const message = presentMessage(row, authorOf(row), false);
    if (row.hidden_at) {
      this.nsp
        .to(moderatorsChannel(row.room_id))
        .emit('message.updated', presentMessage(row, authorOf(row), true));
    } else {
      this.nsp.to(roomChannel(row.room_id)).emit('message.updated', message);
    }
    return message;
  }

  /** Takes a person's connections (on every node) out of a room and tells them why. */
  private async dropFromRoom(
    practitionerId: string,
    roomId: string,
    reason: string,
  ): Promise<void> {
    const removed: RoomRemoved = { roomId, reason };
    this.nsp.to(memberChannel(practitionerId)).emit('room.removed', removed);
    this.nsp
      .in(memberChannel(practitionerId))
      .socketsLeave([roomChannel(roomId), moderatorsChannel(roomId)]);
    this.schedulePresence(roomId);
  }

  /** After a join, leave or disconnect; the periodic refresh passes `onlyIfChanged`. */
  private schedulePresence(roomId: string, onlyIfChanged = false): void {
    const pending = this.presenceTimers.get(roomId);
    if (pending) {
      if (!onlyIfChanged) pending.force = true;
      return;
    }
    const entry = { force: !onlyIfChanged, timer: undefined as NodeJS.Timeout | undefined };
    entry.timer = setTimeout(() => {
      this.presenceTimers.delete(roomId);
      this.presence
        .present(this.nsp, roomId)
        .then((present) => {
          // The refresh re-sends a room's presence only when it changed (a node died), so
          // 2,000 idle members do not each parse the whole list every few seconds.
          const key = JSON.stringify(present);
          if (!entry.force && this.lastPresence.get(roomId) === key) return;
          if (present.length === 0) this.lastPresence.delete(roomId);
          else this.lastPresence.set(roomId, key);
          this.nsp.to(roomChannel(roomId)).emit('presence.changed', { roomId, present });
        })
        .catch((error: Error) => this.logger.warn(`presence of ${roomId}: ${error.message}`));
    }, PRESENCE_DEBOUNCE_MS);
    entry.timer.unref();
    this.presenceTimers.set(roomId, entry);
  }

  private refreshLocalRooms(): void {
    for (const channel of this.nsp.adapter.rooms.keys())
      if (channel.startsWith('room:')) this.schedulePresence(channel.slice(5), true);
  }
}
