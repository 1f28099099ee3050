// Live messages: every command (send, edit, delete, upvote, answer) checks its own rules in one
// call. A message is committed before anyone hears of it; each room numbers its messages 1, 2, 3…
// with no gaps (the room row is locked while the next number is taken, and a duplicate send rolls
// back before inserting); a retried clientMessageId returns the original. Messages are also the
// first kind of content the moderation library hides and restores.
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pLimit, { type LimitFunction } from 'p-limit';
import type { Pool } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type Actor,
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  ValidationFailedError,
} from '#libs/common';
import { CATCH_UP_LIMIT, EDIT_WINDOW_MS } from '#libs/contracts';
import { FlagsService, ModeratedContents, type ModeratedItem } from '#libs/moderation';
import { PG_POOL } from '#libs/persistence';
import { type AppConfig, APP_CONFIG } from '#libs/config';
import { canInRoom } from './live.policy.js';
import type { MessageRow } from './live.presenter.js';
import { LiveSql } from './live-sql.js';
import { RoomSendOrder } from './room-send-order.js';
import {
  type RoomContext,
  RoomNotOpenError,
  RoomReadOnlyError,
  RoomsService,
} from './rooms.service.js';
import { SendRateLimiter } from './send-rate-limiter.service.js';

const CLIENT_MESSAGE_ID_CONSTRAINT = 'messages_room_id_author_id_client_message_id_key';
const MESSAGE_COLUMNS = `id, room_id, seq, client_message_id, author_id, body, language, is_question,
  upvotes, answered_at, edited_at, deleted_at, hidden_at, hidden_by_id, hidden_reason, created_at,
  thread_id`;

export class MutedError extends DomainError {
  constructor(until: Date) {
    super('MUTED', 403, `You are muted in this room until ${until.toISOString()}.`);
  }
}

export interface NewMessage {
  roomId: string;
  clientMessageId: string;
  body: string;
  language: string | null;
  isQuestion: boolean;
}

/** Why someone may not write here: the room has not opened yet, or it is read-only for them. */
function cannotWrite(context: RoomContext, readOnlyReason: string): Error {
  if (context.state.notYetOpen)
    return new RoomNotOpenError(context.room.opensAt ? new Date(context.room.opensAt) : null);
  return new RoomReadOnlyError(context.closedReason ?? readOnlyReason);
}

/** Sending, editing and deleting share one rule: write access now, and no mute. */
function assertMayWrite(actor: Actor, context: RoomContext): void {
  if (!canInRoom(actor, 'send', context.state))
    throw cannotWrite(context, 'Observers read this room but cannot write in it.');
  if (context.mutedUntil) throw new MutedError(context.mutedUntil);
}

@Injectable()
export class MessagesService implements OnModuleInit {
  private readonly logger = new Logger('Messages');
  /** Catch-up reads wait their turn, so a flood of joins cannot take every connection. */
  private readonly catchUpReads: LimitFunction;
  private readonly sendOrder = new RoomSendOrder();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly sql: LiveSql,
    private readonly rooms: RoomsService,
    private readonly rateLimiter: SendRateLimiter,
    private readonly moderatedContents: ModeratedContents,
    private readonly flags: FlagsService,
  ) {
    this.catchUpReads = pLimit(config.LIVE_CATCH_UP_CONCURRENCY);
  }

  onModuleInit(): void {
    this.moderatedContents.register({
      type: 'message',
      describe: (id, manager) => this.describeForModeration(id, manager),
      hide: async (id, by, manager) => {
        await manager.query(
          'UPDATE messages SET hidden_at = now(), hidden_by_id = $2, hidden_reason = $3 WHERE id = $1',
          [id, by.actorId, by.reason],
        );
      },
      restore: async (id, manager) => {
        await manager.query(
          'UPDATE messages SET hidden_at = NULL, hidden_by_id = NULL, hidden_reason = NULL WHERE id = $1',
          [id],
        );
      },
      canSee: async (actor, id) => {
        const [row] = (await this.dataSource.query('SELECT room_id FROM messages WHERE id = $1', [
          id,
        ])) as Array<{ room_id: string }>;
        return row ? (await this.rooms.contextIfReadable(actor, row.room_id)) !== null : false;
      },
    });
  }

  /**
   * Sends a message exactly once, if the sender may write in the room now (membership, window,
   * mute, questions only in session rooms, the send limit). `publish` runs in this node's per-room
   * order, so broadcasts leave in seq order; it is called only when this call stored the message.
   */
  async send(
    actor: Actor,
    input: NewMessage,
    publish: (row: MessageRow) => void,
  ): Promise<{ row: MessageRow; created: boolean }> {
    // Membership, mutes and the room's window are checked on every send, not only on join.
    const context = await this.rooms.context(actor, input.roomId);
    assertMayWrite(actor, context);
    if (input.isQuestion && context.room.kind !== 'session')
      throw new ValidationFailedError('isQuestion: questions belong to session rooms.');
    await this.consumeSendAllowance(actor.id);
    return this.sendOrder.run(input.roomId, async () => {
      const stored = await this.store(actor.id, input);
      if (stored.created) publish(stored.row);
      return stored;
    });
  }

  /** Messages after `sinceSeq` in order, or `reset` when more than CATCH_UP_LIMIT were missed. */
  async since(
    roomId: string,
    sinceSeq: number,
    lastSeq: number,
  ): Promise<{ rows: MessageRow[]; reset: boolean }> {
    if (lastSeq - sinceSeq > CATCH_UP_LIMIT) return { rows: [], reset: true };
    const rows = await this.catchUpReads(() =>
      this.withAuthors('m.room_id = $1 AND m.seq > $2 ORDER BY m.seq ASC LIMIT $3', [
        roomId,
        sinceSeq,
        CATCH_UP_LIMIT,
      ]),
    );
    return { rows, reset: false };
  }

  /** The latest `limit` messages, oldest first (a fresh join). */
  async latest(roomId: string, limit: number): Promise<MessageRow[]> {
    const rows = await this.catchUpReads(() =>
      this.withAuthors('m.room_id = $1 ORDER BY m.seq DESC LIMIT $2', [roomId, limit]),
    );
    return rows.reverse();
  }

  /** History for REST: newest first, before a sequence number. */
  history(roomId: string, beforeSeq: number | undefined, limit: number): Promise<MessageRow[]> {
    return beforeSeq === undefined
      ? this.withAuthors('m.room_id = $1 ORDER BY m.seq DESC LIMIT $2', [roomId, limit])
      : this.withAuthors('m.room_id = $1 AND m.seq < $3 ORDER BY m.seq DESC LIMIT $2', [
          roomId,
          limit,
          beforeSeq,
        ]);
  }

  async get(roomId: string, messageId: string): Promise<MessageRow> {
    const [row] = await this.withAuthors('m.room_id = $1 AND m.id = $2', [roomId, messageId]);
    if (!row) throw new NotFoundError('Message');
    return row;
  }

  /** The author edits their own message within the edit window, if they may still write here. */
  async edit(actor: Actor, roomId: string, messageId: string, body: string): Promise<MessageRow> {
    // A mute silences edits too: rewriting an earlier message would reach everyone.
    assertMayWrite(actor, await this.rooms.context(actor, roomId));
    const message = await this.get(roomId, messageId);
    if (message.author_id !== actor.id)
      throw new ForbiddenError('You can only edit your own messages.');
    if (message.deleted_at || message.hidden_at)
      throw new ConflictError('This message was removed.');
    if (Date.now() - message.created_at.getTime() > EDIT_WINDOW_MS) {
      throw new DomainError(
        'EDIT_WINDOW_PASSED',
        409,
        'Messages can be edited for 15 minutes after sending.',
      );
    }
    await this.dataSource.query(
      'UPDATE messages SET body = $3, edited_at = now() WHERE room_id = $1 AND id = $2',
      [roomId, messageId, body],
    );
    return this.get(roomId, messageId);
  }

  /** The author deletes their own message, under the same rules as an edit. */
  async delete(actor: Actor, roomId: string, messageId: string): Promise<MessageRow> {
    // Deleting changes what everyone reads, like an edit: same read-only and mute rules.
    assertMayWrite(actor, await this.rooms.context(actor, roomId));
    const message = await this.get(roomId, messageId);
    if (message.author_id !== actor.id)
      throw new ForbiddenError('You can only delete your own messages.');
    // Moderators keep a hidden message's body as evidence: its author cannot erase it.
    if (message.hidden_at)
      throw new ConflictError('A moderator hid this message; it cannot be deleted now.');
    if (!message.deleted_at) {
      await this.dataSource.query(
        `UPDATE messages SET deleted_at = now(), body = '' WHERE room_id = $1 AND id = $2`,
        [roomId, messageId],
      );
    }
    return this.get(roomId, messageId);
  }

  /** One vote per person per question; your own question takes no vote from you. */
  async upvote(actor: Actor, roomId: string, messageId: string): Promise<MessageRow> {
    const context = await this.rooms.context(actor, roomId);
    if (!canInRoom(actor, 'send', context.state))
      throw cannotWrite(context, 'Observers cannot vote.');
    const message = await this.get(roomId, messageId);
    if (!message.is_question || message.deleted_at || message.hidden_at)
      throw new ValidationFailedError('messageId: not a question in this room');
    if (message.author_id === actor.id)
      throw new ConflictError('You cannot upvote your own question.');
    await this.dataSource.transaction(async (manager) => {
      const inserted = (await manager.query(
        'INSERT INTO question_votes (message_id, practitioner_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING message_id',
        [messageId, actor.id],
      )) as unknown[];
      if (inserted.length > 0)
        await manager.query('UPDATE messages SET upvotes = upvotes + 1 WHERE id = $1', [messageId]);
    });
    return this.get(roomId, messageId);
  }

  /** A moderator marks a question answered. */
  async markAnswered(actor: Actor, roomId: string, messageId: string): Promise<MessageRow> {
    await this.rooms.context(actor, roomId, 'moderate');
    const message = await this.get(roomId, messageId);
    if (!message.is_question)
      throw new ValidationFailedError('messageId: not a question in this room');
    await this.dataSource.query(
      'UPDATE messages SET answered_at = coalesce(answered_at, now()) WHERE id = $1',
      [messageId],
    );
    return this.get(roomId, messageId);
  }

  /** The question queue: open questions by votes, then answered ones. */
  async questions(
    roomId: string,
    viewerId: string,
  ): Promise<Array<MessageRow & { upvoted_by_me: boolean }>> {
    return (await this.dataSource.query(
      `SELECT m.*, ${this.sql.authorColumns},
              EXISTS (SELECT 1 FROM question_votes v WHERE v.message_id = m.id AND v.practitioner_id = $2) AS upvoted_by_me
         FROM messages m ${this.sql.authorJoin('m.author_id')}
        WHERE m.room_id = $1 AND m.is_question AND m.deleted_at IS NULL AND m.hidden_at IS NULL
        ORDER BY (m.answered_at IS NOT NULL), m.upvotes DESC, m.seq ASC`,
      [roomId, viewerId],
    )) as Array<MessageRow & { upvoted_by_me: boolean }>;
  }

  /** Of these messages, the ones the person reported for a serious reason (their tombstones). */
  reportedBy(practitionerId: string, rows: MessageRow[]): Promise<Set<string>> {
    return this.flags.hiddenFromReporter(
      practitionerId,
      'message',
      rows.map((r) => r.id),
    );
  }

  /** Who reported this message for a serious reason (they hear no more of its changes). */
  seriousReportersOf(messageId: string): Promise<string[]> {
    return this.flags.seriousReportersOf('message', messageId);
  }

  /** A person's own messages, for their data export. */
  async writtenBy(practitionerId: string, manager: EntityManager): Promise<MessageRow[]> {
    return (await manager.query(
      `SELECT m.* FROM messages m WHERE m.author_id = $1 ORDER BY m.created_at`,
      [practitionerId],
    )) as MessageRow[];
  }

  /** Stores a message exactly once. Returns it and whether this call created it. */
  private async store(
    authorId: string,
    input: NewMessage,
  ): Promise<{ row: MessageRow; created: boolean }> {
    // One statement, so one round trip and one implicit transaction: it commits before the
    // result comes back. Taking the next number locks the room row, so sends to one room are
    // serialized; a retry finds its original in `existing` and takes no number at all.
    let result;
    try {
      // A named statement: parsed and planned once per connection, not on every send. Columns
      // are listed (not *) so a later added column cannot invalidate the cached plan.
      result = await this.pool.query<MessageRow & { created: boolean }>({
        name: 'live-send-message',
        text: `WITH existing AS (
           SELECT ${MESSAGE_COLUMNS} FROM messages
            WHERE room_id = $1 AND author_id = $2 AND client_message_id = $3
         ), next AS (
           UPDATE rooms SET last_seq = last_seq + 1
            WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM existing)
           RETURNING last_seq
         ), inserted AS (
           INSERT INTO messages (room_id, seq, author_id, client_message_id, body, language, is_question)
           SELECT $1, next.last_seq, $2, $3, $4, $5, $6 FROM next
           RETURNING ${MESSAGE_COLUMNS}
         )
         SELECT *, true AS created FROM inserted
         UNION ALL
         SELECT *, false AS created FROM existing`,
        values: [
          input.roomId,
          authorId,
          input.clientMessageId,
          input.body,
          input.language,
          input.isQuestion,
        ],
      });
    } catch (error) {
      // The same message sent concurrently (through another node) committed first: the whole
      // statement rolled back, number included, so there is no gap. Return the original.
      if ((error as { constraint?: string }).constraint !== CLIENT_MESSAGE_ID_CONSTRAINT)
        throw error;
      result = await this.pool.query<MessageRow & { created: boolean }>(
        'SELECT *, false AS created FROM messages WHERE room_id = $1 AND author_id = $2 AND client_message_id = $3',
        [input.roomId, authorId, input.clientMessageId],
      );
    }
    const first = result.rows[0];
    if (!first) throw new NotFoundError('Room');
    const { created, ...row } = first;
    return { row, created };
  }

  private async consumeSendAllowance(practitionerId: string): Promise<void> {
    try {
      await this.rateLimiter.consume(practitionerId);
    } catch (error) {
      if (error instanceof RateLimitedError) throw error;
      this.logger.warn(`rate limiter unavailable: ${(error as Error).message}`);
    }
  }

  private async describeForModeration(
    id: string,
    manager: EntityManager,
  ): Promise<ModeratedItem | null> {
    const [row] = (await manager.query(
      `SELECT m.author_id, m.room_id, m.seq, m.body, m.hidden_at, r.exchange_id, r.session_id,
              ctx.exchange_title, ctx.session_title
         FROM messages m JOIN rooms r ON r.id = m.room_id
         CROSS JOIN LATERAL (${this.sql.roomTitles}) ctx
        WHERE m.id = $1 FOR UPDATE OF m`,
      [id],
    )) as Array<{
      author_id: string;
      room_id: string;
      seq: string;
      body: string;
      hidden_at: Date | null;
      exchange_id: string;
      session_id: string | null;
      exchange_title: string;
      session_title: string | null;
    }>;
    if (!row) return null;
    return {
      exchangeId: row.exchange_id,
      authorId: row.author_id,
      where: row.session_title
        ? `"${row.session_title}" (${row.exchange_title})`
        : `the lobby of "${row.exchange_title}"`,
      context: {
        roomId: row.room_id,
        exchangeTitle: row.exchange_title,
        sessionId: row.session_id,
        sessionTitle: row.session_title,
      },
      details: { roomId: row.room_id },
      hidden: row.hidden_at !== null,
      body: row.body,
      url: `/rooms/${row.room_id}#seq-${row.seq}`,
    };
  }

  private async withAuthors(where: string, params: unknown[]): Promise<MessageRow[]> {
    const result = await this.pool.query<MessageRow>(
      `SELECT m.*, ${this.sql.authorColumns} FROM messages m ${this.sql.authorJoin('m.author_id')} WHERE ${where}`,
      params,
    );
    return result.rows;
  }
}
