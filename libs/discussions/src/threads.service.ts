// A reader's relation to a thread (read position, follow level), a question's answer, threads
// that continue a live message, mention completion and the markdown export.
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import {
  type FollowLevel,
  type PersonSummary,
  THREAD_LIMITS,
  type ThreadFollowState,
  type ThreadKind,
  type ThreadReadState,
} from '#libs/contracts';
import { type Actor, ConflictError, ValidationFailedError } from '#libs/common';
import { MessageThreads } from '#libs/live';
import { PG_POOL } from '#libs/persistence';
import { AfterCommit } from './after-commit.js';
import { DiscussionsSql } from './discussions-sql.js';
import { personOf, type PersonColumns } from './discussions.presenter.js';
import { PostsService } from './posts.service.js';
import { ThreadAccess } from './thread-access.service.js';
import { ThreadEvents } from './thread-events.service.js';

@Injectable()
export class ThreadsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly access: ThreadAccess,
    private readonly sql: DiscussionsSql,
    private readonly posts: PostsService,
    private readonly messages: MessageThreads,
    private readonly events: ThreadEvents,
    private readonly afterCommit: AfterCommit,
  ) {}

  /** Marks the thread read up to a post (never backwards); answers the unread count left. */
  async markRead(actor: Actor, threadId: string, postId: string): Promise<ThreadReadState> {
    await this.access.thread(actor, threadId);
    const { rows } = await this.pool.query<{ seq: number }>(
      'SELECT seq FROM posts WHERE id = $1 AND thread_id = $2',
      [postId, threadId],
    );
    if (!rows[0]) throw new ValidationFailedError('postId: not a post of this thread');
    await this.pool.query(
      `INSERT INTO thread_readers (practitioner_id, thread_id, last_read_seq, last_visit_at)
       VALUES ($1, $2, $3, now())
       ON CONFLICT (practitioner_id, thread_id) DO UPDATE
         SET last_read_seq = greatest(thread_readers.last_read_seq, EXCLUDED.last_read_seq)`,
      [actor.id, threadId, rows[0].seq],
    );
    const context = await this.access.thread(actor, threadId);
    return {
      threadId,
      lastReadSeq: context.row.last_read_seq ?? 0,
      unreadCount: Math.max(0, context.row.unread_count),
    };
  }

  async follow(actor: Actor, threadId: string, level: FollowLevel): Promise<ThreadFollowState> {
    await this.access.thread(actor, threadId);
    await this.pool.query(
      `INSERT INTO thread_readers (practitioner_id, thread_id, follow_level) VALUES ($1, $2, $3)
       ON CONFLICT (practitioner_id, thread_id) DO UPDATE SET follow_level = EXCLUDED.follow_level`,
      [actor.id, threadId, level],
    );
    return { threadId, followLevel: level };
  }

  /** The question's author or a moderator marks one reply as its answer (null: none). */
  async markAnswer(actor: Actor, threadId: string, postId: string | null): Promise<void> {
    await this.access.thread(actor, threadId, 'mark-answer');
    await this.dataSource.transaction(async (manager) => {
      if (postId) {
        const [post] = (await manager.query(
          `SELECT depth, deleted_at, hidden_at FROM posts WHERE id = $1 AND thread_id = $2`,
          [postId, threadId],
        )) as Array<{ depth: number; deleted_at: Date | null; hidden_at: Date | null }>;
        if (!post) throw new ValidationFailedError('postId: not a post of this thread');
        if (post.depth === 0) throw new ConflictError('The question itself cannot be its answer.');
        if (post.deleted_at || post.hidden_at) throw new ConflictError('This post was removed.');
      }
      await manager.query('UPDATE threads SET answer_post_id = $2 WHERE id = $1', [
        threadId,
        postId,
      ]);
      this.afterCommit.queue(manager, () => this.events.threadChanged(threadId));
    });
  }

  /**
   * Turns a live room message into the opening post of a new thread in the same exchange; the
   * thread and the message point to each other. Its author or a host of the exchange may.
   */
  async startFromMessage(
    actor: Actor,
    roomId: string,
    messageId: string,
    input: {
      title: string;
      kind: ThreadKind;
      themes: string[];
      language?: string;
      clientId: string;
    },
  ): Promise<{ threadId: string; created: boolean }> {
    const message = await this.messages.source(actor, roomId, messageId);
    if (message.threadId) {
      // A retry of the same start answers with the thread; anyone else learns it exists.
      const [own] = (await this.dataSource.query(
        'SELECT id FROM threads WHERE created_by_id = $1 AND client_id = $2',
        [actor.id, input.clientId],
      )) as Array<{ id: string }>;
      if (own) return { threadId: own.id, created: false };
      throw new ConflictError(`This message already continues in thread ${message.threadId}.`);
    }
    const started = await this.posts.startThread(
      actor,
      {
        exchangeId: message.exchangeId,
        title: input.title,
        kind: input.kind,
        themes: input.themes,
        language: input.language ?? message.language ?? 'en',
        body: message.body,
        clientId: input.clientId,
      },
      {
        messageId,
        roomId,
        author: message.author,
        link: async (threadId, manager) => {
          if (!(await this.messages.link(messageId, threadId, manager)))
            throw new ConflictError('This message already continues in another thread.');
        },
      },
    );
    if (started.created) await this.messages.announce(roomId, messageId);
    return started;
  }

  /** People who may be mentioned in an exchange's threads (or the commons'), by part of a name. */
  async mentionable(actor: Actor, exchangeId: string | null, q: string): Promise<PersonSummary[]> {
    await this.access.requirePlace(actor, exchangeId, 'read');
    const pattern = `%${q.trim().replace(/[\\%_]/g, '\\$&')}%`;
    const { rows } = await this.pool.query<PersonColumns<'person'> & { person_id: string }>(
      `${this.sql.mentionable} LIMIT ${THREAD_LIMITS.mentionable}`,
      [exchangeId, pattern, actor.id, pattern.slice(1)],
    );
    return rows.map((row) => personOf(row.person_id, row, 'person'));
  }
}
