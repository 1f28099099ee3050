// Moderating threads through the one moderation system: lock, unlock, pin, unpin, move to another
// exchange or to the commons, merge a duplicate into another thread, hide and restore posts and
// threads, and mute a member in an exchange's threads. Every action writes its audit line (with
// the reason) in the action's own transaction, and the author concerned is notified. Posts and
// threads are registered as moderated content, so the review queue hides and restores them too;
// whoever hides, the live events leave after the commit.
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import type { ModerationAction } from '#libs/contracts';
import {
  type Actor,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationFailedError,
} from '#libs/common';
import { ExchangeContent } from '#libs/exchanges';
import {
  canModerateMember,
  ModeratedContents,
  type ModeratedItem,
  ModerationService,
} from '#libs/moderation';
import { PG_POOL } from '#libs/persistence';
import { AfterCommit } from './after-commit.js';
import { DiscussionsSql } from './discussions-sql.js';
import { canInThread } from './discussions.policy.js';
import { ThreadAccess } from './thread-access.service.js';
import { ThreadEvents } from './thread-events.service.js';
import { ThreadSubscriptions } from './thread-subscriptions.service.js';

type ThreadFlag = 'lock' | 'unlock' | 'pin' | 'unpin';

const FLAG_SQL: Record<ThreadFlag, { set: string; when: string; already: string }> = {
  lock: {
    set: 'locked_at = now(), locked_by_id = $2',
    when: 'locked_at IS NULL',
    already: 'The thread is already locked.',
  },
  unlock: {
    set: 'locked_at = NULL, locked_by_id = NULL',
    when: 'locked_at IS NOT NULL',
    already: 'The thread is not locked.',
  },
  pin: {
    set: 'pinned_at = now(), pinned_by_id = $2',
    when: 'pinned_at IS NULL',
    already: 'The thread is already pinned.',
  },
  unpin: {
    set: 'pinned_at = NULL, pinned_by_id = NULL',
    when: 'pinned_at IS NOT NULL',
    already: 'The thread is not pinned.',
  },
};

interface LockedThread {
  id: string;
  exchange_id: string | null;
  author_id: string;
  title: string;
  first_post_id: string;
  last_seq: number;
  merged_into_id: string | null;
}

const where = (title: string) => `"${title}"`;

@Injectable()
export class ThreadModeration implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly access: ThreadAccess,
    private readonly sql: DiscussionsSql,
    private readonly moderation: ModerationService,
    private readonly contents: ModeratedContents,
    private readonly exchangeContent: ExchangeContent,
    private readonly events: ThreadEvents,
    private readonly subscriptions: ThreadSubscriptions,
    private readonly afterCommit: AfterCommit,
  ) {}

  onModuleInit(): void {
    this.contents.register({
      type: 'post',
      describe: (id, manager) => this.describePost(id, manager),
      hide: async (id, by, manager) => {
        const [post] = (await manager.query(
          `UPDATE posts SET hidden_at = now(), hidden_by_id = $2, hidden_reason = $3
            WHERE id = $1 AND hidden_at IS NULL
            RETURNING thread_id, author_id, depth, deleted_at`,
          [id, by.actorId, by.reason],
        )) as [
          Array<{ thread_id: string; author_id: string; depth: number; deleted_at: Date | null }>,
          number,
        ];
        const row = post[0];
        if (row && !row.deleted_at) await this.countVisible(manager, row, -1);
        if (row)
          this.afterCommit.queue(manager, () => this.postVisibilityChanged(row.thread_id, id));
      },
      restore: async (id, manager) => {
        const [post] = (await manager.query(
          `UPDATE posts SET hidden_at = NULL, hidden_by_id = NULL, hidden_reason = NULL
            WHERE id = $1 AND hidden_at IS NOT NULL
            RETURNING thread_id, author_id, depth, deleted_at`,
          [id],
        )) as [
          Array<{ thread_id: string; author_id: string; depth: number; deleted_at: Date | null }>,
          number,
        ];
        const row = post[0];
        if (row && !row.deleted_at) await this.countVisible(manager, row, 1);
        if (row)
          this.afterCommit.queue(manager, () => this.postVisibilityChanged(row.thread_id, id));
      },
      canSee: async (actor, id) => {
        const { rows } = await this.pool.query<{
          thread_id: string;
          hidden: boolean;
          author_id: string;
        }>(
          'SELECT thread_id, hidden_at IS NOT NULL AS hidden, author_id FROM posts WHERE id = $1',
          [id],
        );
        const post = rows[0];
        if (!post) return false;
        const thread = await this.access.threadIfReadable(actor, post.thread_id);
        if (!thread) return false;
        return (
          !post.hidden ||
          post.author_id === actor.id ||
          canInThread(actor, 'moderate', thread.state)
        );
      },
    });
    this.contents.register({
      type: 'thread',
      describe: (id, manager) => this.describeThread(id, manager),
      hide: async (id, by, manager) => {
        await manager.query(
          `UPDATE threads SET hidden_at = now(), hidden_by_id = $2, hidden_reason = $3
            WHERE id = $1 AND hidden_at IS NULL`,
          [id, by.actorId, by.reason],
        );
        this.afterCommit.queue(manager, () => this.threadAudienceChanged(id));
      },
      restore: async (id, manager) => {
        await manager.query(
          `UPDATE threads SET hidden_at = NULL, hidden_by_id = NULL, hidden_reason = NULL WHERE id = $1`,
          [id],
        );
        this.afterCommit.queue(manager, () => this.threadAudienceChanged(id));
      },
      canSee: async (actor, id) => (await this.access.threadIfReadable(actor, id)) !== null,
    });
    // The review queue's "hide and mute" on a post or thread mutes its author in the threads of
    // its exchange (or of the commons).
    for (const type of ['post', 'thread'] as const)
      this.contents.registerAuthorMute(type, async (actor, item, mute, manager) => {
        await this.mute(actor, item.exchangeId, item.authorId, mute.minutes, mute.reason, manager);
      });
    // A thread or post written in an exchange fixes its attribution rule.
    this.exchangeContent.register({
      holdsContent: async (exchangeId) => {
        const { rows } = await this.pool.query<{ held: boolean }>(
          'SELECT EXISTS (SELECT 1 FROM threads WHERE exchange_id = $1) AS held',
          [exchangeId],
        );
        return rows[0]?.held ?? false;
      },
    });
  }

  /** Lock, unlock, pin or unpin, with the reason in the audit log. */
  async flag(actor: Actor, threadId: string, action: ThreadFlag, reason: string): Promise<void> {
    await this.access.thread(actor, threadId, 'moderate');
    const sql = FLAG_SQL[action];
    await this.dataSource.transaction(async (manager) => {
      const thread = await this.lockThread(manager, threadId);
      if (thread.merged_into_id) throw new ConflictError('This thread was merged into another.');
      const [changed] = (await manager.query(
        `UPDATE threads SET ${sql.set} WHERE id = $1 AND ${sql.when} RETURNING id`,
        action === 'unlock' || action === 'unpin' ? [threadId] : [threadId, actor.id],
      )) as [unknown[], number];
      if (changed.length === 0) throw new ConflictError(sql.already);
      await this.audit(manager, actor, thread, action, reason);
      this.afterCommit.queue(manager, () => this.events.threadChanged(threadId));
    });
  }

  /**
   * Moves a thread to another exchange or (null) to the commons. The actor moderates both places;
   * what was said under the Chatham House rule never leaves its exchange.
   */
  async move(actor: Actor, threadId: string, to: string | null, reason: string): Promise<void> {
    const { row } = await this.access.thread(actor, threadId, 'moderate');
    if (row.exchange_id === to) throw new ConflictError('The thread is already there.');
    const target = await this.access.requirePlace(actor, to, 'moderate');
    if (row.exchange_attribution === 'chatham-house' && target.attribution !== 'chatham-house')
      throw new ConflictError(
        'What was said under the Chatham House rule cannot move where people are named.',
      );
    await this.dataSource.transaction(async (manager) => {
      const thread = await this.lockThread(manager, threadId);
      if (thread.merged_into_id) throw new ConflictError('This thread was merged into another.');
      await manager.query('UPDATE threads SET exchange_id = $2 WHERE id = $1', [threadId, to]);
      await this.audit(manager, actor, thread, 'move', reason, {
        fromExchangeId: thread.exchange_id,
        toExchangeId: to,
      });
      this.afterCommit.queue(manager, () => this.threadAudienceChanged(threadId));
    });
  }

  /**
   * Merges a duplicate into another thread: its posts join the other thread after its own
   * (numbered on), its opening post becoming a reply to the other's opening post; its watchers
   * and themes follow; the duplicate stays as a locked pointer to the other thread.
   */
  async merge(actor: Actor, threadId: string, intoId: string, reason: string): Promise<void> {
    if (threadId === intoId) throw new ValidationFailedError('intoThreadId: another thread');
    const source = await this.access.thread(actor, threadId, 'moderate');
    const target = await this.access.thread(actor, intoId, 'moderate');
    if (
      source.row.exchange_attribution === 'chatham-house' &&
      source.row.exchange_id !== target.row.exchange_id
    )
      throw new ConflictError(
        'What was said under the Chatham House rule cannot move out of its exchange.',
      );
    await this.dataSource.transaction(async (manager) => {
      // Both rows locked, in a fixed order, so two merges never wait on each other.
      const [first, second] = [threadId, intoId].sort();
      const locked = new Map<string, LockedThread>();
      for (const id of [first!, second!]) locked.set(id, await this.lockThread(manager, id));
      const src = locked.get(threadId)!;
      const dst = locked.get(intoId)!;
      if (src.merged_into_id || dst.merged_into_id)
        throw new ConflictError('One of the threads was already merged into another.');
      await manager.query(
        `WITH moved AS (
           SELECT id, row_number() OVER (ORDER BY seq) AS n FROM posts WHERE thread_id = $1
         )
         UPDATE posts p SET
           thread_id = $2,
           seq = $3::int + moved.n,
           depth = p.depth + 1,
           parent_id = CASE WHEN p.depth = 0 THEN $4::uuid ELSE p.parent_id END,
           branch_id = $5::uuid,
           client_id = CASE WHEN EXISTS (
               SELECT 1 FROM posts q WHERE q.thread_id = $2 AND q.author_id = p.author_id AND q.client_id = p.client_id)
             THEN left(p.client_id, 64) || '-m' || substr(md5(p.id::text), 1, 8) ELSE p.client_id END
         FROM moved WHERE p.id = moved.id`,
        [threadId, intoId, dst.last_seq, dst.first_post_id, src.first_post_id],
      );
      await manager.query('UPDATE posts SET reply_count = reply_count + 1 WHERE id = $1', [
        dst.first_post_id,
      ]);
      await manager.query(
        `UPDATE threads t SET
           last_seq = $2::int + $3::int,
           reply_count = (SELECT count(*)::int FROM posts p WHERE p.thread_id = t.id AND p.depth > 0
                           AND p.deleted_at IS NULL AND p.hidden_at IS NULL),
           last_activity_at = date_trunc('milliseconds', greatest(t.last_activity_at, now()))
         WHERE t.id = $1`,
        [intoId, dst.last_seq, src.last_seq],
      );
      await manager.query(
        `INSERT INTO thread_participants (thread_id, practitioner_id, post_count, last_posted_at)
         SELECT $2, practitioner_id, post_count, last_posted_at FROM thread_participants WHERE thread_id = $1
         ON CONFLICT (thread_id, practitioner_id) DO UPDATE
           SET post_count = thread_participants.post_count + EXCLUDED.post_count,
               last_posted_at = greatest(thread_participants.last_posted_at, EXCLUDED.last_posted_at)`,
        [threadId, intoId],
      );
      await manager.query('DELETE FROM thread_participants WHERE thread_id = $1', [threadId]);
      await manager.query(
        `INSERT INTO thread_readers (practitioner_id, thread_id, follow_level)
         SELECT practitioner_id, $2, follow_level FROM thread_readers
          WHERE thread_id = $1 AND follow_level = 'watching'
         ON CONFLICT DO NOTHING`,
        [threadId, intoId],
      );
      await manager.query(
        `INSERT INTO thread_themes (thread_id, theme_id) SELECT $2, theme_id FROM thread_themes WHERE thread_id = $1
         ON CONFLICT DO NOTHING`,
        [threadId, intoId],
      );
      await manager.query(
        `UPDATE threads SET merged_into_id = $2, locked_at = coalesce(locked_at, now()),
                locked_by_id = coalesce(locked_by_id, $3), answer_post_id = NULL, reply_count = 0
          WHERE id = $1`,
        [threadId, intoId, actor.id],
      );
      await this.audit(manager, actor, src, 'merge', reason, { intoThreadId: intoId });
      this.afterCommit.queue(manager, async () => {
        await this.events.threadChanged(threadId);
        await this.events.threadChanged(intoId);
      });
    });
  }

  hidePost(actor: Actor, postId: string, reason: string): Promise<ModeratedItem> {
    return this.moderation.hide(actor, { type: 'post', id: postId }, reason);
  }

  restorePost(actor: Actor, postId: string, reason: string): Promise<ModeratedItem> {
    return this.moderation.restore(actor, { type: 'post', id: postId }, reason);
  }

  hideThread(actor: Actor, threadId: string, reason: string): Promise<ModeratedItem> {
    return this.moderation.hide(actor, { type: 'thread', id: threadId }, reason);
  }

  restoreThread(actor: Actor, threadId: string, reason: string): Promise<ModeratedItem> {
    return this.moderation.restore(actor, { type: 'thread', id: threadId }, reason);
  }

  // — pieces —

  private async lockThread(manager: EntityManager, threadId: string): Promise<LockedThread> {
    const [thread] = (await manager.query(
      `SELECT t.id, t.exchange_id, t.author_id, t.title, t.first_post_id, t.last_seq, t.merged_into_id
         FROM threads t WHERE t.id = $1 AND t.deleted_at IS NULL FOR UPDATE`,
      [threadId],
    )) as LockedThread[];
    if (!thread) throw new NotFoundError('Thread');
    return thread;
  }

  private audit(
    manager: EntityManager,
    actor: Actor,
    thread: LockedThread,
    action: ModerationAction,
    reason: string,
    details: Record<string, string | null> = {},
  ) {
    return this.moderation.record(manager, {
      actor,
      exchangeId: thread.exchange_id,
      subject: { type: 'thread', id: thread.id },
      targetId: thread.author_id,
      action,
      reason,
      details: { threadId: thread.id, ...details },
      notify: { where: where(thread.title), context: { threadId: thread.id } },
    });
  }

  /** A post hidden or restored: a visible reply counts in its thread (and its author took part). */
  private async countVisible(
    manager: EntityManager,
    post: { thread_id: string; author_id: string; depth: number },
    delta: 1 | -1,
  ): Promise<void> {
    if (post.depth > 0)
      await manager.query('UPDATE threads SET reply_count = reply_count + $2::int WHERE id = $1', [
        post.thread_id,
        delta,
      ]);
    await manager.query(
      `UPDATE thread_participants SET post_count = greatest(post_count + $3::int, 0)
        WHERE thread_id = $1 AND practitioner_id = $2`,
      [post.thread_id, post.author_id, delta],
    );
  }

  private async postVisibilityChanged(threadId: string, postId: string): Promise<void> {
    await this.events.postChanged(threadId, postId);
    await this.events.threadChanged(threadId);
  }

  /** Who may still hear the thread changed (hidden, restored, moved): every node re-checks. */
  private async threadAudienceChanged(threadId: string): Promise<void> {
    await this.subscriptions.recheck(threadId);
    await this.events.threadChanged(threadId);
  }

  private async describePost(id: string, manager: EntityManager): Promise<ModeratedItem | null> {
    const [row] = (await manager.query(
      `SELECT p.thread_id, p.seq, p.author_id, p.body, p.hidden_at, t.exchange_id, t.title
         FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.id = $1 FOR UPDATE OF p`,
      [id],
    )) as Array<{
      thread_id: string;
      seq: number;
      author_id: string;
      body: string;
      hidden_at: Date | null;
      exchange_id: string | null;
      title: string;
    }>;
    if (!row) return null;
    return {
      exchangeId: row.exchange_id,
      authorId: row.author_id,
      where: `the thread ${where(row.title)}`,
      context: { threadId: row.thread_id, postId: id, threadTitle: row.title },
      details: { threadId: row.thread_id },
      hidden: row.hidden_at !== null,
      body: row.body,
      url: `/threads/${row.thread_id}#post-${row.seq}`,
    };
  }

  private async describeThread(id: string, manager: EntityManager): Promise<ModeratedItem | null> {
    const [row] = (await manager.query(
      `SELECT t.exchange_id, t.author_id, t.title, t.hidden_at, p.body
         FROM threads t JOIN posts p ON p.id = t.first_post_id
        WHERE t.id = $1 AND t.deleted_at IS NULL FOR UPDATE OF t`,
      [id],
    )) as Array<{
      exchange_id: string | null;
      author_id: string;
      title: string;
      hidden_at: Date | null;
      body: string;
    }>;
    if (!row) return null;
    return {
      exchangeId: row.exchange_id,
      authorId: row.author_id,
      where: `the thread ${where(row.title)}`,
      context: { threadId: id, threadTitle: row.title },
      details: { threadId: id },
      hidden: row.hidden_at !== null,
      body: `# ${row.title}\n\n${row.body}`,
      url: `/threads/${id}`,
    };
  }

  // — mutes in an exchange's threads —

  /**
   * Mutes a member in the threads of an exchange (or, null, of the commons) for `minutes`: their
   * posts, edits and reactions are refused with MUTED until then. Hosts mute the participants of
   * their exchange; coordinators anyone but themselves.
   */
  async mute(
    actor: Actor,
    exchangeId: string | null,
    practitionerId: string,
    minutes: number,
    reason: string,
    manager?: EntityManager,
  ): Promise<Date> {
    const run = async (em: EntityManager) => {
      const notify = await this.assertMayMute(actor, exchangeId, practitionerId, em);
      const [row] = (await em.query(
        `INSERT INTO thread_mutes (exchange_id, practitioner_id, until)
         VALUES ($1, $2, now() + make_interval(mins => $3))
         ON CONFLICT (coalesce(exchange_id, '00000000-0000-0000-0000-000000000000'::uuid), practitioner_id)
           DO UPDATE SET until = EXCLUDED.until, created_at = now()
         RETURNING until`,
        [exchangeId, practitionerId, minutes],
      )) as Array<{ until: Date }>;
      await this.moderation.record(em, {
        actor,
        exchangeId,
        subject: { type: 'member', id: practitionerId },
        targetId: practitionerId,
        action: 'mute',
        reason,
        details: { scope: 'threads', until: row!.until.toISOString() },
        notify,
      });
      return row!.until;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  async unmute(
    actor: Actor,
    exchangeId: string | null,
    practitionerId: string,
    reason: string,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const notify = await this.assertMayMute(actor, exchangeId, practitionerId, manager);
      const [, affected] = (await manager.query(
        `DELETE FROM thread_mutes WHERE exchange_id IS NOT DISTINCT FROM $1::uuid
           AND practitioner_id = $2 AND until > now()`,
        [exchangeId, practitionerId],
      )) as [unknown[], number];
      if (affected === 0) throw new ConflictError('This member is not muted here.');
      await this.moderation.record(manager, {
        actor,
        exchangeId,
        subject: { type: 'member', id: practitionerId },
        targetId: practitionerId,
        action: 'unmute',
        reason,
        details: { scope: 'threads' },
        notify,
      });
    });
  }

  private async assertMayMute(
    actor: Actor,
    exchangeId: string | null,
    practitionerId: string,
    manager: EntityManager,
  ): Promise<{ where: string; context: Record<string, string | null> }> {
    if (exchangeId) {
      const place = await this.access.requirePlace(actor, exchangeId, 'read');
      await this.moderation.assertMayModerateMember(actor, exchangeId, practitionerId, manager);
      return {
        where: `the threads of "${place.title}"`,
        context: { scope: 'threads', exchangeTitle: place.title },
      };
    }
    const [target] = (await manager.query(this.sql.networkRoleOf, [practitionerId])) as Array<{
      network_role: 'member' | 'coordinator' | 'admin';
    }>;
    if (!target) throw new NotFoundError('Person');
    if (
      !canModerateMember(actor, null, {
        id: practitionerId,
        exchangeRole: null,
        networkRole: target.network_role,
      })
    )
      throw new ForbiddenError('Coordinators moderate the commons.');
    return { where: 'the threads of the commons', context: { scope: 'threads' } };
  }
}
