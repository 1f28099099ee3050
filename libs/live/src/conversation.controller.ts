// What reading a conversation needs over REST: the navigation's unread counts, and the people a
// writer may mention in a room (the composer's completion).
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { PersonSummary, UnreadCounts } from '#libs/contracts';
import { Access, type Actor, CurrentActor } from '#libs/common';
import { MentionableQuery } from './dto/live.dto.js';
import { MentionsService } from './mentions.service.js';
import { ReadStateService } from './read-state.service.js';
import { RoomsService } from './rooms.service.js';

@ApiTags('live rooms')
@ApiBearerAuth()
@Controller()
export class ConversationController {
  constructor(
    private readonly rooms: RoomsService,
    private readonly reads: ReadStateService,
    private readonly mentions: MentionsService,
  ) {}

  /** Unread messages per room and per exchange, across the caller's exchanges (one query). */
  @Get('me/unread')
  @Access('member')
  unread(@CurrentActor() actor: Actor): Promise<UnreadCounts> {
    return this.reads.unreadOf(actor.id);
  }

  /** Who the caller may mention in this room, by part of their name (at most 10). */
  @Get('rooms/:id/mentionable')
  @Access('member')
  async mentionable(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: MentionableQuery,
  ): Promise<PersonSummary[]> {
    await this.rooms.context(actor, id);
    return this.mentions.findMentionable(id, actor.id, query.q ?? '');
  }
}
