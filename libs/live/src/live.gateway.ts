// The live room events of /live: validate (through the realtime acks), authorize, call the
// services, broadcast. The connection itself (handshake, renewal, drops) is the realtime layer's.
import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  WebSocketGateway,
} from '@nestjs/websockets';
import {
  LATEST_ON_JOIN,
  LIVE_NAMESPACE,
  type LiveAck,
  type MessageDeleted,
  type MessageView,
  type RoomJoined,
} from '../../contracts/src/index.js';
import { RateLimitedError, ValidationFailedError } from '../../common/src/index.js';
import {
  memberChannel,
  OnClientEvent,
  RealtimeAcks,
  RealtimeServer,
  type RealtimeSocket,
  SocketAuthority,
} from '../../realtime/src/index.js';
import {
  EditMessageDto,
  HideMessageDto,
  JoinRoomDto,
  MemberModerationDto,
  MessageRefDto,
  MuteMemberDto,
  RoomRefDto,
  SendMessageDto,
} from './dto/live.dto.js';
import { canInRoom } from './live.policy.js';
import {
  ANY_MEMBER,
  authorOf,
  type MessageRow,
  MODERATOR,
  presentMessage,
} from './live.presenter.js';
import { MentionsService } from './mentions.service.js';
import { MessagesService, MutedError } from './messages.service.js';
import { ModerationService } from './moderation.service.js';
import { moderatorsChannel, PresenceService, roomChannel } from './presence.service.js';
import { ReadStateService } from './read-state.service.js';
import { RoomGrants } from './room-grants.service.js';
import { RoomSendOrder } from './room-send-order.js';
import {
  type RoomContext,
  RoomNotOpenError,
  RoomReadOnlyError,
  RoomsService,
} from './rooms.service.js';
import { SendRateLimiter } from './send-rate-limiter.service.js';

/** A join reads up to 500 messages: it costs more of the connection's event budget. */
const JOIN_COST = 5;

/** Why someone may not write here: the room has not opened yet, or it is read-only for them. */
function cannotWrite(context: RoomContext, readOnlyReason: string): Error {
  if (context.state.notYetOpen) {
    return new RoomNotOpenError(context.room.opensAt ? new Date(context.room.opensAt) : null);
  }
  return new RoomReadOnlyError(context.closedReason ?? readOnlyReason);
}

/** Sending, editing and deleting share one rule: write access now, and no mute. */
function assertMayWrite(actor: RealtimeSocket['data']['actor'], context: RoomContext): void {
  if (!canInRoom(actor, 'send', context.state))
    throw cannotWrite(context, 'Observers read this room but cannot write in it.');
  if (context.mutedUntil) throw new MutedError(context.mutedUntil);
}

@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class LiveGateway implements OnGatewayConnection {
  private readonly logger = new Logger('LiveGateway');
  private readonly sendOrder = new RoomSendOrder();

  constructor(
    private readonly acks: RealtimeAcks,
    private readonly server: RealtimeServer,
    private readonly authority: SocketAuthority,
    private readonly rooms: RoomsService,
    private readonly messages: MessagesService,
    private readonly moderation: ModerationService,
    private readonly presence: PresenceService,
    private readonly grants: RoomGrants,
    private readonly rateLimiter: SendRateLimiter,
    private readonly mentions: MentionsService,
    private readonly reads: ReadStateService,
  ) {}

  handleConnection(socket: RealtimeSocket): void {
    socket.on('disconnecting', () => {
      for (const roomId of this.presence.roomsOf(socket.rooms)) this.presence.schedule(roomId);
    });
  }

  @OnClientEvent('room.join')
  join(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() payload: unknown,
  ): Promise<LiveAck<RoomJoined>> {
    return this.acks.run(
      socket,
      JoinRoomDto,
      payload,
      async ({ roomId, sinceSeq }) => {
        const { actor } = socket.data;
        const context = await this.rooms.context(actor, roomId, 'join');
        const canModerate = canInRoom(actor, 'moderate', context.state);
        await this.grants.enter(socket, roomId, context);
        const { rows, reset } =
          sinceSeq === undefined
            ? { rows: await this.messages.latest(roomId, LATEST_ON_JOIN), reset: false }
            : await this.messages.since(roomId, sinceSeq, context.room.lastSeq);
        const viewer = { id: actor.id, moderator: canModerate };
        return {
          room: context.room,
          present: await this.presence.present(roomId),
          messages: rows.map((row) => presentMessage(row, authorOf(row), viewer)),
          reset,
          canModerate,
          canSend: canInRoom(actor, 'send', context.state),
          mutedUntil: context.mutedUntil?.toISOString() ?? null,
          lastReadSeq: await this.reads.lastRead(actor.id, roomId),
        };
      },
      { cost: JOIN_COST },
    );
  }

  @OnClientEvent('room.leave')
  leave(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() payload: unknown,
  ): Promise<LiveAck<{ roomId: string }>> {
    return this.acks.run(socket, RoomRefDto, payload, async ({ roomId }) => {
      await this.grants.leave(socket, roomId);
      return { roomId };
    });
  }

  @OnClientEvent('message.send')
  send(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() payload: unknown,
  ): Promise<LiveAck<MessageView>> {
    return this.acks.run(socket, SendMessageDto, payload, async (input) => {
      const { actor, person } = socket.data;
      // Membership, mutes and the room's window are checked on every send, not only on join.
      const context = await this.rooms.context(actor, input.roomId);
      assertMayWrite(actor, context);
      if (input.isQuestion && context.room.kind !== 'session')
        throw new ValidationFailedError('isQuestion: questions belong to session rooms.');
      await this.consumeSendAllowance(actor.id);
      const body = await this.mentions.prepare(input.roomId, input.body);
      const { row, message } = await this.sendOrder.run(input.roomId, async () => {
        const { row, created } = await this.messages.send(actor.id, {
          roomId: input.roomId,
          clientMessageId: input.clientMessageId,
          body,
          language: input.language ?? null,
          isQuestion: input.isQuestion ?? false,
        });
        const message = presentMessage(row, person, ANY_MEMBER);
        if (created) this.server.to(roomChannel(input.roomId)).emit('message.created', message);
        return { row, message };
      });
      await this.mentions.notify(person, row);
      return message;
    });
  }

  @OnClientEvent('message.edit')
  edit(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() payload: unknown,
  ): Promise<LiveAck<MessageView>> {
    return this.acks.run(socket, EditMessageDto, payload, async ({ roomId, messageId, body }) => {
      // A mute silences edits too: rewriting an earlier message would reach everyone.
      assertMayWrite(socket.data.actor, await this.rooms.context(socket.data.actor, roomId));
      const stored = await this.mentions.prepare(roomId, body);
      const row = await this.messages.edit(socket.data.actor, roomId, messageId, stored);
      const message = this.broadcastUpdate(row);
      await this.mentions.notify(socket.data.person, row);
      return message;
    });
  }

  @OnClientEvent('message.delete')
  remove(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() payload: unknown,
  ): Promise<LiveAck<MessageDeleted>> {
    return this.acks.run(socket, MessageRefDto, payload, async ({ roomId, messageId }) => {
      // Deleting changes what everyone reads, like an edit: same read-only and mute rules.
      assertMayWrite(socket.data.actor, await this.rooms.context(socket.data.actor, roomId));
      const row = await this.messages.delete(socket.data.actor, roomId, messageId);
      const event: MessageDeleted = { roomId, id: row.id, seq: Number(row.seq), reason: 'deleted' };
      this.server.to(roomChannel(roomId)).emit('message.deleted', event);
      return event;
    });
  }

  @OnClientEvent('typing')
  typing(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() payload: unknown,
  ): Promise<LiveAck<{ roomId: string }>> {
    return this.acks.run(socket, RoomRefDto, payload, async ({ roomId }) => {
      this.grants.assertMayType(socket, roomId);
      if (this.grants.typingDue(socket, roomId))
        socket.to(roomChannel(roomId)).emit('typing', { roomId, person: socket.data.person });
      return { roomId };
    });
  }

  @OnClientEvent('message.hide')
  hide(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() payload: unknown,
  ): Promise<LiveAck<MessageView>> {
    return this.acks.run(socket, HideMessageDto, payload, async ({ roomId, messageId, reason }) => {
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
      // Members see a tombstone naming no one; the author sees why, moderators everything.
      this.server
        .to(roomChannel(roomId))
        .except([moderatorsChannel(roomId), memberChannel(row.author_id)])
        .emit('message.deleted', event);
      const forAuthor = presentMessage(row, authorOf(row), { id: row.author_id, moderator: false });
      this.server
        .to(memberChannel(row.author_id))
        .except(moderatorsChannel(roomId))
        .emit('message.updated', forAuthor);
      const forModerators = presentMessage(row, authorOf(row), MODERATOR);
      this.server.to(moderatorsChannel(roomId)).emit('message.updated', forModerators);
      return forModerators;
    });
  }

  @OnClientEvent('message.restore')
  restore(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() payload: unknown,
  ): Promise<LiveAck<MessageView>> {
    return this.acks.run(socket, HideMessageDto, payload, async ({ roomId, messageId, reason }) => {
      await this.rooms.context(socket.data.actor, roomId, 'moderate');
      const row = await this.messages.setHidden(roomId, messageId, null);
      await this.moderation.record(socket.data.actor, roomId, 'restore', {
        messageId,
        targetId: row.author_id,
        reason,
      });
      return this.broadcastUpdate(row);
    });
  }

  @OnClientEvent('member.mute')
  mute(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() payload: unknown,
  ): Promise<LiveAck<{ practitionerId: string; until: string }>> {
    return this.acks.run(
      socket,
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
        await this.authority.rederive({ practitionerId, roomId, reason });
        return { practitionerId, until: until.toISOString() };
      },
    );
  }

  @OnClientEvent('member.unmute')
  unmute(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() payload: unknown,
  ): Promise<LiveAck<{ practitionerId: string }>> {
    return this.acks.run(
      socket,
      MemberModerationDto,
      payload,
      async ({ roomId, practitionerId, reason }) => {
        await this.rooms.context(socket.data.actor, roomId, 'moderate');
        await this.moderation.unmute(socket.data.actor, roomId, practitionerId, reason);
        await this.authority.rederive({ practitionerId, roomId, reason });
        return { practitionerId };
      },
    );
  }

  @OnClientEvent('member.remove')
  removeMember(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() payload: unknown,
  ): Promise<LiveAck<{ practitionerId: string }>> {
    return this.acks.run(
      socket,
      MemberModerationDto,
      payload,
      async ({ roomId, practitionerId, reason }) => {
        await this.rooms.context(socket.data.actor, roomId, 'moderate');
        await this.moderation.remove(socket.data.actor, roomId, practitionerId, reason);
        // Every node takes the person's connections out of the room before we answer.
        await this.authority.rederive({ practitionerId, roomId, reason });
        return { practitionerId };
      },
    );
  }

  @OnClientEvent('member.readmit')
  readmit(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() payload: unknown,
  ): Promise<LiveAck<{ practitionerId: string }>> {
    return this.acks.run(
      socket,
      MemberModerationDto,
      payload,
      async ({ roomId, practitionerId, reason }) => {
        await this.rooms.context(socket.data.actor, roomId, 'moderate');
        await this.moderation.readmit(socket.data.actor, roomId, practitionerId, reason);
        return { practitionerId };
      },
    );
  }

  @OnClientEvent('question.upvote')
  upvote(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() payload: unknown,
  ): Promise<LiveAck<MessageView>> {
    return this.acks.run(socket, MessageRefDto, payload, async ({ roomId, messageId }) => {
      const context = await this.rooms.context(socket.data.actor, roomId);
      if (!canInRoom(socket.data.actor, 'send', context.state))
        throw cannotWrite(context, 'Observers cannot vote.');
      return this.broadcastUpdate(await this.messages.upvote(socket.data.actor, roomId, messageId));
    });
  }

  @OnClientEvent('question.answer')
  answer(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() payload: unknown,
  ): Promise<LiveAck<MessageView>> {
    return this.acks.run(socket, MessageRefDto, payload, async ({ roomId, messageId }) => {
      await this.rooms.context(socket.data.actor, roomId, 'moderate');
      return this.broadcastUpdate(await this.messages.markAnswered(roomId, messageId));
    });
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
    const message = presentMessage(row, authorOf(row), ANY_MEMBER);
    if (row.hidden_at) {
      this.server
        .to(moderatorsChannel(row.room_id))
        .emit('message.updated', presentMessage(row, authorOf(row), MODERATOR));
    } else {
      this.server.to(roomChannel(row.room_id)).emit('message.updated', message);
    }
    return message;
  }
}
