import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type {
  MessageView,
  ModerationActionView,
  QuestionView,
  RoomRestrictions,
  RoomListEntry,
  RoomView,
} from '#libs/contracts';
import { Access, type Actor, APP_VERSION, CurrentActor, DomainError } from '#libs/common';
import { HistoryQuery } from './dto/live.dto.js';
import { liveProtocolDocument } from './protocol-doc.js';
import { canInRoom } from './live.policy.js';
import { ANY_MEMBER, authorOf, presentMessage, presentMessagesFor } from './live.presenter.js';
import { MessagesService } from './messages.service.js';
import { RoomModeration } from './room-moderation.service.js';
import { ReadStateService } from './read-state.service.js';
import { RoomsService } from './rooms.service.js';

@ApiTags('live rooms')
@ApiBearerAuth()
@Controller()
export class LiveController {
  constructor(
    private readonly rooms: RoomsService,
    private readonly messages: MessagesService,
    private readonly moderation: RoomModeration,
    private readonly reads: ReadStateService,
  ) {}

  /** The live protocol as an AsyncAPI document. */
  @Get('docs/live')
  @Access('public')
  protocol(): Record<string, unknown> {
    return liveProtocolDocument(APP_VERSION);
  }

  /** The exchange's lobby and session rooms, with whether each is open and what is unread. */
  @Get('exchanges/:id/rooms')
  @Access('member')
  async list(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<RoomListEntry[]> {
    return this.reads.withUnread(actor.id, await this.rooms.list(actor, id));
  }

  @Get('rooms/:id')
  @Access('member')
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<RoomView> {
    return (await this.rooms.context(actor, id)).room;
  }

  /** History, newest first: pass the smallest seq you have as beforeSeq for the next page. */
  @Get('rooms/:id/messages')
  @Access('member')
  async history(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: HistoryQuery,
  ): Promise<MessageView[]> {
    const { state } = await this.rooms.context(actor, id);
    const viewer = { id: actor.id, moderator: canInRoom(actor, 'moderate', state) };
    const rows = await this.messages.history(id, query.beforeSeq, query.limit ?? 50);
    return presentMessagesFor(rows, viewer, await this.messages.reportedBy(actor.id, rows));
  }

  /** A session room's question queue: open questions by votes, then answered ones. */
  @Get('rooms/:id/questions')
  @Access('member')
  async questions(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<QuestionView[]> {
    const { room } = await this.rooms.context(actor, id);
    if (room.kind !== 'session')
      throw new DomainError('NOT_FOUND', 404, 'Only session rooms have a question queue.');
    const rows = await this.messages.questions(id, actor.id);
    return rows.map((row) => ({
      ...presentMessage(row, authorOf(row), ANY_MEMBER),
      upvotedByMe: row.upvoted_by_me,
    }));
  }

  /** The room's moderation log: who did what, when and why (moderators only). */
  @Get('rooms/:id/moderation-actions')
  @Access('member')
  async moderationLog(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ModerationActionView[]> {
    return this.moderation.log(actor, id);
  }

  /** Who is muted (until when) and who was removed, so moderators can lift either. */
  @Get('rooms/:id/restrictions')
  @Access('member')
  async restrictions(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<RoomRestrictions> {
    return this.moderation.restrictions(actor, id);
  }
}
