// The live room events of /live: each handler is event → validate (the realtime acks) → one
// service command → broadcast. The connection itself (handshake, renewal, drops) is realtime's.
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
} from '#libs/contracts';
import {
  memberChannel,
  OnClientEvent,
  RealtimeAcks,
  RealtimeServer,
  type RealtimeSocket,
  SocketAuthority,
} from '#libs/realtime';
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
  presentMessagesFor,
} from './live.presenter.js';
import { MentionsService } from './mentions.service.js';
import { MessagesService } from './messages.service.js';
import { moderatorsChannel, PresenceService, roomChannel } from './presence.service.js';
import { ReadStateService } from './read-state.service.js';
import { RoomGrants } from './room-grants.service.js';
import { RoomModeration } from './room-moderation.service.js';
import { RoomsService } from './rooms.service.js';

/** A join reads up to 500 messages: it costs more of the connection's event budget. */
const JOIN_COST = 5;

type Ack<T> = Promise<LiveAck<T>>;

@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class LiveGateway implements OnGatewayConnection {
  constructor(
    private readonly acks: RealtimeAcks,
    private readonly server: RealtimeServer,
    private readonly authority: SocketAuthority,
    private readonly rooms: RoomsService,
    private readonly messages: MessagesService,
    private readonly moderation: RoomModeration,
    private readonly presence: PresenceService,
    private readonly grants: RoomGrants,
    private readonly mentions: MentionsService,
    private readonly reads: ReadStateService,
  ) {}

  handleConnection(socket: RealtimeSocket): void {
    socket.on('disconnecting', () => {
      for (const roomId of this.presence.roomsOf(socket.rooms)) this.presence.schedule(roomId);
    });
  }

  // — joining and leaving —

  @OnClientEvent('room.join')
  join(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() payload: unknown,
  ): Ack<RoomJoined> {
    return this.acks.run(
      socket,
      JoinRoomDto,
      payload,
      async ({ roomId, sinceSeq }) => {
        const { actor } = socket.data;
        const context = await this.rooms.context(actor, roomId, 'join');
        await this.grants.enter(socket, roomId, context);
        const { rows, reset } =
          sinceSeq === undefined
            ? { rows: await this.messages.latest(roomId, LATEST_ON_JOIN), reset: false }
            : await this.messages.since(roomId, sinceSeq, context.room.lastSeq);
        const canModerate = canInRoom(actor, 'moderate', context.state);
        const viewer = { id: actor.id, moderator: canModerate };
        return {
          room: context.room,
          present: await this.presence.present(roomId),
          messages: presentMessagesFor(
            rows,
            viewer,
            await this.messages.reportedBy(actor.id, rows),
          ),
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
  ): Ack<{ roomId: string }> {
    return this.acks.run(socket, RoomRefDto, payload, async ({ roomId }) => {
      await this.grants.leave(socket, roomId);
      return { roomId };
    });
  }

  @OnClientEvent('typing')
  typing(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() payload: unknown,
  ): Ack<{ roomId: string }> {
    return this.acks.run(socket, RoomRefDto, payload, async ({ roomId }) => {
      this.grants.assertMayType(socket, roomId);
      if (this.grants.typingDue(socket, roomId))
        socket.to(roomChannel(roomId)).emit('typing', { roomId, person: socket.data.person });
      return { roomId };
    });
  }

  // — writing —

  @OnClientEvent('message.send')
  send(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() payload: unknown,
  ): Ack<MessageView> {
    return this.acks.run(socket, SendMessageDto, payload, async (input) => {
      const body = await this.mentions.prepare(input.roomId, input.body);
      const { row } = await this.messages.send(
        socket.data.actor,
        {
          ...input,
          body,
          language: input.language ?? null,
          isQuestion: input.isQuestion ?? false,
        },
        (stored) => this.broadcastCreated(stored, socket),
      );
      // After the commit, before the ack (a retry of this send notifies whoever was missed).
      await this.mentions.notify(socket.data.person, row);
      return presentMessage(row, socket.data.person, ANY_MEMBER);
    });
  }

  @OnClientEvent('message.edit')
  edit(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() payload: unknown,
  ): Ack<MessageView> {
    return this.acks.run(socket, EditMessageDto, payload, async ({ roomId, messageId, body }) => {
      const stored = await this.mentions.prepare(roomId, body);
      const row = await this.messages.edit(socket.data.actor, roomId, messageId, stored);
      const message = await this.broadcastUpdate(row);
      await this.mentions.notify(socket.data.person, row);
      return message;
    });
  }

  @OnClientEvent('message.delete')
  remove(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() payload: unknown,
  ): Ack<MessageDeleted> {
    return this.acks.run(socket, MessageRefDto, payload, async ({ roomId, messageId }) => {
      const row = await this.messages.delete(socket.data.actor, roomId, messageId);
      const event: MessageDeleted = { roomId, id: row.id, seq: Number(row.seq), reason: 'deleted' };
      this.server.to(roomChannel(roomId)).emit('message.deleted', event);
      return event;
    });
  }

  @OnClientEvent('question.upvote')
  upvote(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() payload: unknown,
  ): Ack<MessageView> {
    return this.acks.run(socket, MessageRefDto, payload, async ({ roomId, messageId }) =>
      this.broadcastUpdate(await this.messages.upvote(socket.data.actor, roomId, messageId)),
    );
  }

  @OnClientEvent('question.answer')
  answer(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() payload: unknown,
  ): Ack<MessageView> {
    return this.acks.run(socket, MessageRefDto, payload, async ({ roomId, messageId }) =>
      this.broadcastUpdate(await this.messages.markAnswered(socket.data.actor, roomId, messageId)),
    );
  }

  // — moderating —

  @OnClientEvent('message.hide')
  hide(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() payload: unknown,
  ): Ack<MessageView> {
    return this.acks.run(socket, HideMessageDto, payload, async ({ roomId, messageId, reason }) =>
      this.broadcastHidden(
        await this.moderation.hide(socket.data.actor, roomId, messageId, reason),
      ),
    );
  }

  @OnClientEvent('message.restore')
  restore(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() payload: unknown,
  ): Ack<MessageView> {
    return this.acks.run(socket, HideMessageDto, payload, async ({ roomId, messageId, reason }) =>
      this.broadcastUpdate(
        await this.moderation.restore(socket.data.actor, roomId, messageId, reason),
      ),
    );
  }

  @OnClientEvent('member.mute')
  mute(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() payload: unknown,
  ): Ack<{ practitionerId: string; until: string }> {
    return this.acks.run(socket, MuteMemberDto, payload, async (input) => {
      const { roomId, practitionerId, minutes, reason } = input;
      const until = await this.moderation.mute(
        socket.data.actor,
        roomId,
        practitionerId,
        minutes,
        reason,
      );
      await this.authority.rederive({ practitionerId, roomId, reason });
      return { practitionerId, until: until.toISOString() };
    });
  }

  @OnClientEvent('member.unmute')
  unmute(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() payload: unknown,
  ): Ack<{ practitionerId: string }> {
    return this.onMember(socket, payload, (actor, { roomId, practitionerId, reason }) =>
      this.moderation.unmute(actor, roomId, practitionerId, reason),
    );
  }

  @OnClientEvent('member.remove')
  removeMember(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() payload: unknown,
  ): Ack<{ practitionerId: string }> {
    return this.onMember(socket, payload, (actor, { roomId, practitionerId, reason }) =>
      this.moderation.remove(actor, roomId, practitionerId, reason),
    );
  }

  @OnClientEvent('member.readmit')
  readmit(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() payload: unknown,
  ): Ack<{ practitionerId: string }> {
    return this.onMember(socket, payload, (actor, { roomId, practitionerId, reason }) =>
      this.moderation.readmit(actor, roomId, practitionerId, reason),
    );
  }

  /** A member action, then every node re-derives that person's sockets before the ack. */
  private onMember(
    socket: RealtimeSocket,
    payload: unknown,
    command: (actor: RealtimeSocket['data']['actor'], input: MemberModerationDto) => Promise<void>,
  ): Ack<{ practitionerId: string }> {
    return this.acks.run(socket, MemberModerationDto, payload, async (input) => {
      await command(socket.data.actor, input);
      await this.authority.rederive({ ...input });
      return { practitionerId: input.practitionerId };
    });
  }

  // — broadcasting —

  private broadcastCreated(row: MessageRow, sender: RealtimeSocket): void {
    const message = presentMessage(row, sender.data.person, ANY_MEMBER);
    this.server.to(roomChannel(row.room_id)).emit('message.created', message);
  }

  private async broadcastUpdate(row: MessageRow): Promise<MessageView> {
    const message = presentMessage(row, authorOf(row), ANY_MEMBER);
    const moderators = moderatorsChannel(row.room_id);
    if (row.hidden_at) {
      this.server
        .to(moderators)
        .emit('message.updated', presentMessage(row, authorOf(row), MODERATOR));
      return message;
    }
    const reporters = await this.messages.seriousReportersOf(row.id);
    if (reporters.length === 0) {
      this.server.to(roomChannel(row.room_id)).emit('message.updated', message);
      return message;
    }
    // Who reported it as extremist content or personal data hears no more of it (their history
    // shows its tombstone); moderators see it as it is.
    this.server
      .to(roomChannel(row.room_id))
      .except([moderators, ...reporters.map(memberChannel)])
      .emit('message.updated', message);
    this.server.to(moderators).emit('message.updated', message);
    return message;
  }

  /** Members see a tombstone naming no one; the author sees why; moderators everything. */
  private broadcastHidden(row: MessageRow): MessageView {
    const { room_id: roomId, author_id: authorId } = row;
    const event: MessageDeleted = { roomId, id: row.id, seq: Number(row.seq), reason: 'hidden' };
    this.server
      .to(roomChannel(roomId))
      .except([moderatorsChannel(roomId), memberChannel(authorId)])
      .emit('message.deleted', event);
    this.server
      .to(memberChannel(authorId))
      .except(moderatorsChannel(roomId))
      .emit(
        'message.updated',
        presentMessage(row, authorOf(row), { id: authorId, moderator: false }),
      );
    const forModerators = presentMessage(row, authorOf(row), MODERATOR);
    this.server.to(moderatorsChannel(roomId)).emit('message.updated', forModerators);
    return forModerators;
  }
}
