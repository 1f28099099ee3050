// Live messages. A message is committed before anyone hears of it; each room numbers its
// messages 1, 2, 3… with no gaps (the room row is locked while the next number is taken, and a
// duplicate send rolls back before inserting); a retried clientMessageId returns the original.
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pLimit, { type LimitFunction } from 'p-limit';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import {
  type Actor,
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  ValidationFailedError,
} from '../../common/src/index.js';
import { CATCH_UP_LIMIT, EDIT_WINDOW_MS } from '../../contracts/src/index.js';
import { type AppConfig, APP_CONFIG } from '../../persistence/src/index.js';
import { AUTHOR_COLUMNS, type MessageRow } from './live.presenter.js';

const CLIENT_MESSAGE_ID_CONSTRAINT = 'messages_room_id_author_id_client_message_id_key';
const MESSAGE_COLUMNS = `id, room_id, seq, client_message_id, author_id, body, language, is_question,
  upvotes, answered_at, edited_at, deleted_at, hidden_at, hidden_by_id, hidden_reason, created_at`;

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

@Injectable()
export class MessagesService {
  private readonly pool: Pool;
  /** Catch-up reads wait their turn, so a flood of joins cannot take every connection. */
  private readonly catchUpReads: LimitFunction;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.pool = (dataSource.driver as unknown as { master: Pool }).master;
    this.catchUpReads = pLimit(config.LIVE_CATCH_UP_CONCURRENCY);
  }

  /** Stores a message exactly once. Returns it and whether this call created it. */
  async send(authorId: string, input: NewMessage): Promise<{ row: MessageRow; created: boolean }> {
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
    if (result.rowCount === 0) throw new NotFoundError('Room');
    const { created, ...row } = result.rows[0];
    return { row, created };
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

  async edit(actor: Actor, roomId: string, messageId: string, body: string): Promise<MessageRow> {
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

  async delete(actor: Actor, roomId: string, messageId: string): Promise<MessageRow> {
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

  async setHidden(
    roomId: string,
    messageId: string,
    hidden: { byId: string; reason: string } | null,
  ): Promise<MessageRow> {
    await this.get(roomId, messageId);
    if (hidden) {
      await this.dataSource.query(
        'UPDATE messages SET hidden_at = now(), hidden_by_id = $3, hidden_reason = $4 WHERE room_id = $1 AND id = $2',
        [roomId, messageId, hidden.byId, hidden.reason],
      );
    } else {
      await this.dataSource.query(
        'UPDATE messages SET hidden_at = NULL, hidden_by_id = NULL, hidden_reason = NULL WHERE room_id = $1 AND id = $2',
        [roomId, messageId],
      );
    }
    return this.get(roomId, messageId);
  }

  /** One vote per person per question; your own question takes no vote from you. */
  async upvote(actor: Actor, roomId: string, messageId: string): Promise<MessageRow> {
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

  async markAnswered(roomId: string, messageId: string): Promise<MessageRow> {
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
      `SELECT m.*, ${AUTHOR_COLUMNS},
              EXISTS (SELECT 1 FROM question_votes v WHERE v.message_id = m.id AND v.practitioner_id = $2) AS upvoted_by_me
         FROM messages m JOIN practitioners p ON p.id = m.author_id LEFT JOIN cities c ON c.id = p.city_id
        WHERE m.room_id = $1 AND m.is_question AND m.deleted_at IS NULL AND m.hidden_at IS NULL
        ORDER BY (m.answered_at IS NOT NULL), m.upvotes DESC, m.seq ASC`,
      [roomId, viewerId],
    )) as Array<MessageRow & { upvoted_by_me: boolean }>;
  }

  private async withAuthors(where: string, params: unknown[]): Promise<MessageRow[]> {
    const result = await this.pool.query<MessageRow>(
      `SELECT m.*, ${AUTHOR_COLUMNS} FROM messages m JOIN practitioners p ON p.id = m.author_id LEFT JOIN cities c ON c.id = p.city_id WHERE ${where}`,
      params,
    );
    return result.rows;
  }
}
