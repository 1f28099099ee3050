// A question raised in a session continues in a thread: the discussions library asks here for a
// message someone may turn into a thread (its author, or a moderator of its room), links the two
// in its own transaction, and has the room hear that the message now points to its thread.
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PersonSummary } from '#libs/contracts';
import { type Actor, ConflictError, ForbiddenError } from '#libs/common';
import { RealtimeServer } from '#libs/realtime';
import { canInRoom } from './live.policy.js';
import { ANY_MEMBER, authorOf, presentMessage } from './live.presenter.js';
import { MessagesService } from './messages.service.js';
import { roomChannel } from './presence.service.js';
import { RoomsService } from './rooms.service.js';

export interface ThreadSourceMessage {
  id: string;
  roomId: string;
  exchangeId: string;
  body: string;
  language: string | null;
  author: PersonSummary;
  /** The thread it already became, if any. */
  threadId: string | null;
}

@Injectable()
export class MessageThreads {
  constructor(
    private readonly rooms: RoomsService,
    private readonly messages: MessagesService,
    private readonly server: RealtimeServer,
  ) {}

  /**
   * The message, if the actor may turn it into a thread: they may read its room, and wrote it or
   * moderate the room. A message they may not read looks missing; a removed one cannot become one.
   */
  async source(actor: Actor, roomId: string, messageId: string): Promise<ThreadSourceMessage> {
    const context = await this.rooms.context(actor, roomId);
    const row = await this.messages.get(roomId, messageId);
    if (row.author_id !== actor.id && !canInRoom(actor, 'moderate', context.state))
      throw new ForbiddenError('Only its author or a host of this exchange can do this.');
    if (row.deleted_at || row.hidden_at) throw new ConflictError('This message was removed.');
    return {
      id: row.id,
      roomId: row.room_id,
      exchangeId: context.room.exchangeId,
      body: row.body,
      language: row.language,
      author: authorOf(row),
      threadId: row.thread_id,
    };
  }

  /** Points the message to its thread, in the caller's transaction (only once). */
  async link(messageId: string, threadId: string, manager: EntityManager): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [, affected] = (await manager.query(
      'UPDATE messages SET thread_id = $2 WHERE id = $1 AND thread_id IS NULL',
      [messageId, threadId],
    )) as [unknown[], number];
    return affected > 0;
  }

  /** Tells the room the message now leads to its thread (after the link committed). */
  async announce(roomId: string, messageId: string): Promise<void> {
    // Only a message nobody removed becomes a thread: every member sees it the same way.
    const row = await this.messages.get(roomId, messageId);
    this.server
      .to(roomChannel(roomId))
      .emit('message.updated', presentMessage(row, authorOf(row), ANY_MEMBER));
  }
}
