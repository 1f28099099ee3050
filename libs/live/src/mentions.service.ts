// Mentions in live messages. Who may be mentioned in a room: the members of its exchange (any
// role: observers read, so they may be named) who may read it (not removed from it) and whose
// account is active. Before a message is stored its mention tokens are rewritten to the current
// names of those people (anyone else becomes plain "@text", so nobody outside is named or told).
// Right after the message commits, each person named is notified (kind `mention`), once per
// message: the dedupe key makes a retried send or a later edit notify only people not told yet.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  MAX_BODY_LENGTH,
  MENTIONABLE_LIMIT,
  mentionedIds,
  type PersonSummary,
  rewriteMentions,
} from '../../contracts/src/index.js';
import { ValidationFailedError } from '../../common/src/index.js';
import { NotificationsService } from '../../notifications/src/index.js';
import { authorOf, AUTHOR_COLUMNS, type MessageRow } from './live.presenter.js';

/** The people of room $1 who may be mentioned there (alias p for the practitioner). */
const MENTIONABLE = `
  FROM rooms r
  JOIN exchange_members em ON em.exchange_id = r.exchange_id
  JOIN practitioners p ON p.id = em.practitioner_id
  LEFT JOIN cities c ON c.id = p.city_id
 WHERE r.id = $1 AND p.status = 'active'
   AND NOT EXISTS (SELECT 1 FROM room_removals x
                    WHERE x.room_id = r.id AND x.practitioner_id = p.id AND x.created_at >= em.added_at)`;

interface Mentionee {
  id: string;
  display_name: string;
}

@Injectable()
export class MentionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
  ) {}

  /** Up to MENTIONABLE_LIMIT people of the room whose name contains `query`, for completion. */
  async mentionable(roomId: string, viewerId: string, query: string): Promise<PersonSummary[]> {
    const pattern = `%${query.trim().replace(/[\\%_]/g, '\\$&')}%`;
    const rows = (await this.dataSource.query(
      `SELECT p.id AS author_id, ${AUTHOR_COLUMNS} ${MENTIONABLE}
          AND p.id <> $2 AND p.display_name ILIKE $3
        ORDER BY (p.display_name ILIKE $4) DESC, p.display_name, p.id
        LIMIT ${MENTIONABLE_LIMIT}`,
      [roomId, viewerId, pattern, `${pattern.slice(1)}`],
    )) as MessageRow[];
    return rows.map(authorOf);
  }

  /**
   * The body as it will be stored: each mention names its person as they are called now, or
   * becomes plain text when they cannot be mentioned here. No query without a mention.
   */
  async prepare(roomId: string, body: string): Promise<string> {
    const ids = mentionedIds(body);
    if (ids.length === 0) return body;
    const names = new Map(
      (await this.mentionees(roomId, ids)).map((person) => [person.id, person.display_name]),
    );
    const rewritten = rewriteMentions(body, (id) => names.get(id) ?? null);
    if (rewritten.length > MAX_BODY_LENGTH)
      throw new ValidationFailedError(
        `body: at most ${MAX_BODY_LENGTH} characters once the mentioned names are written out`,
      );
    return rewritten;
  }

  /**
   * Notifies the people a stored message mentions (not its author), right after it committed
   * and before the send is acknowledged: if this fails the send's ack fails, and the client's
   * retry (same clientMessageId, no second message) notifies whoever was not told yet.
   */
  async notify(author: PersonSummary, message: MessageRow): Promise<void> {
    if (message.deleted_at || message.hidden_at) return;
    const ids = mentionedIds(message.body).filter((id) => id !== author.id);
    if (ids.length === 0) return;
    // Asked again after the commit: someone removed meanwhile is not told.
    const people = await this.mentionees(message.room_id, ids);
    if (people.length === 0) return;
    const [room] = (await this.dataSource.query(
      `SELECT r.exchange_id, r.session_id, e.title AS exchange_title, s.title AS session_title
         FROM rooms r JOIN exchanges e ON e.id = r.exchange_id
         LEFT JOIN sessions s ON s.id = r.session_id
        WHERE r.id = $1`,
      [message.room_id],
    )) as Array<{
      exchange_id: string;
      session_id: string | null;
      exchange_title: string;
      session_title: string | null;
    }>;
    if (!room) return;
    const where = room.session_title
      ? `"${room.session_title}" (${room.exchange_title})`
      : `the lobby of "${room.exchange_title}"`;
    // No excerpt: the message may be edited, deleted or hidden later, and the inbox must not
    // keep what the room no longer shows.
    await this.notifications.notify(
      people.map((person) => person.id),
      {
        kind: 'mention',
        text: `${author.displayName} mentioned you in ${where}.`,
        data: {
          roomId: message.room_id,
          messageId: message.id,
          seq: Number(message.seq),
          authorId: author.id,
          authorName: author.displayName,
          exchangeId: room.exchange_id,
          exchangeTitle: room.exchange_title,
          sessionId: room.session_id,
          sessionTitle: room.session_title,
        },
        dedupeKey: `mention:${message.id}`,
      },
    );
  }

  private async mentionees(roomId: string, ids: string[]): Promise<Mentionee[]> {
    return (await this.dataSource.query(
      `SELECT p.id, p.display_name ${MENTIONABLE} AND p.id = ANY($2::uuid[])`,
      [roomId, ids],
    )) as Mentionee[];
  }
}
