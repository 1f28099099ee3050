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
} from '#libs/contracts';
import { ValidationFailedError } from '#libs/common';
import { NotificationsService } from '#libs/notifications';
import { exchangeMemberSqlNames } from '#libs/exchanges';
import { practitionerSqlNames } from '#libs/practitioners';
import { authorOf, type MessageRow } from './live.presenter.js';
import { LiveSql } from './live-sql.js';

interface Mentionee {
  id: string;
  display_name: string;
}

@Injectable()
export class MentionsService {
  /** FROM … WHERE: the people of room $1 who may be mentioned there (p: the practitioner). */
  private readonly mentionable: string;
  private readonly authorColumns: string;
  /** For a room `r`: its exchange's and session's titles. */
  private readonly roomTitles: string;
  private readonly nameColumn: string;
  private readonly idColumn: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    sql: LiveSql,
  ) {
    const m = exchangeMemberSqlNames(dataSource);
    const p = practitionerSqlNames(dataSource);
    this.authorColumns = sql.authorColumns;
    this.roomTitles = sql.roomTitles;
    this.mentionable = `
      FROM rooms r
      JOIN ${m.table} em ON em.${m.exchangeId} = r.exchange_id
      ${sql.authorJoin(`em.${m.practitionerId}`)}
     WHERE r.id = $1 AND p.${p.status} = 'active'
       AND NOT EXISTS (SELECT 1 FROM room_removals x
                        WHERE x.room_id = r.id AND x.practitioner_id = p.${p.id}
                          AND x.created_at >= em.${m.addedAt})`;
    this.nameColumn = `p.${p.displayName}`;
    this.idColumn = `p.${p.id}`;
  }

  /** Up to MENTIONABLE_LIMIT people of the room whose name contains `query`, for completion. */
  async findMentionable(roomId: string, viewerId: string, query: string): Promise<PersonSummary[]> {
    const pattern = `%${query.trim().replace(/[\\%_]/g, '\\$&')}%`;
    const [id, name] = [this.idColumn, this.nameColumn];
    const rows = (await this.dataSource.query(
      `SELECT ${id} AS author_id, ${this.authorColumns} ${this.mentionable}
          AND ${id} <> $2 AND ${name} ILIKE $3
        ORDER BY (${name} ILIKE $4) DESC, ${name}, ${id}
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
      `SELECT r.exchange_id, r.session_id, t.exchange_title, t.session_title
         FROM rooms r CROSS JOIN LATERAL (${this.roomTitles}) t
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
      `SELECT ${this.idColumn} AS id, ${this.nameColumn} AS display_name ${this.mentionable}
          AND ${this.idColumn} = ANY($2::uuid[])`,
      [roomId, ids],
    )) as Mentionee[];
  }
}
