// Writing in threads: starting a thread with its opening post, replying, editing (the earlier
// text is kept as a revision), deleting (a post with replies stays as a tombstone) and reacting.
// Each write is one transaction: the post, its thread's counters (last post number, reply count,
// latest activity), the writer's read position and participation, and the notifications it
// causes commit together, and the live events leave after the commit. A retry with the same
// clientId returns the first result and stores nothing twice (unique per writer and thread).
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { PersonSummary, PostView, Reaction, ThreadKind } from '#libs/contracts';
import {
  type Actor,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationFailedError,
} from '#libs/common';
import { FileOwners, FilesService } from '#libs/files';
import { AfterCommit } from './after-commit.js';
import { DiscussionsSql } from './discussions-sql.js';
import { canInThread } from './discussions.policy.js';
import { ANY_READER, type PersonColumns, personOf, type PostRow } from './discussions.presenter.js';
import {
  assertMayWrite,
  type PlaceContext,
  ThreadAccess,
  type ThreadContext,
  ThreadLockedError,
} from './thread-access.service.js';
import { ThreadEvents } from './thread-events.service.js';
import { type NotifiedThread, ThreadNotifier } from './thread-notifier.service.js';
import { POST_SUBJECT, ThreadReads } from './thread-reads.service.js';

export interface NewThread {
  /** Null: the commons. */
  exchangeId: string | null;
  title: string;
  kind: ThreadKind;
  themes: string[];
  language: string;
  body: string;
  clientId: string;
  /** The writer's own uploads to put on the opening post. */
  attachmentIds?: string[];
}

/** A live message a thread starts from: its author writes the opening post. */
export interface ThreadOrigin {
  messageId: string;
  roomId: string;
  author: PersonSummary;
}

export interface NewPost {
  threadId: string;
  parentPostId?: string;
  body: string;
  language: string;
  clientId: string;
  attachmentIds?: string[];
}

const UNIQUE_VIOLATION = '23505';
const isUniqueViolation = (error: unknown, constraint: string) =>
  (error as { code?: string; constraint?: string }).code === UNIQUE_VIOLATION &&
  (error as { constraint?: string }).constraint === constraint;

const NOW_MS = `date_trunc('milliseconds', now())`;

/** $1 thread, $2 person, $3 +1 or -1: their visible posts there (the participants a list shows). */
const TOOK_PART = `
  INSERT INTO thread_participants (thread_id, practitioner_id, post_count, last_posted_at)
  VALUES ($1, $2, greatest($3::int, 0), now())
  ON CONFLICT (thread_id, practitioner_id) DO UPDATE
    SET post_count = greatest(thread_participants.post_count + $3::int, 0),
        last_posted_at = CASE WHEN $3::int > 0 THEN now() ELSE thread_participants.last_posted_at END
  RETURNING 1`;

const subject = (postId: string) => ({ subjectType: POST_SUBJECT, subjectId: postId });

/** What the reply statement answers: a retry's first post, or the new post's number and parent. */
type ReplyRow = PersonColumns<'author'> & {
  existing: string | null;
  last_seq: number | null;
  last_activity_at: Date | null;
  parent_id: string | null;
  parent_depth: number | null;
  parent_branch_id: string | null;
  parent_author_id: string | null;
};

@Injectable()
export class PostsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ThreadAccess,
    private readonly reads: ThreadReads,
    private readonly sql: DiscussionsSql,
    private readonly notifier: ThreadNotifier,
    private readonly events: ThreadEvents,
    private readonly afterCommit: AfterCommit,
    private readonly files: FilesService,
    private readonly fileOwners: FileOwners,
  ) {
    // A reply in one round trip: $1 thread, $2 the writer moderates it, $3 writer, $4 the post
    // replied to (null: the opening post), $5 new post id, $6 clientId, $7 body, $8 language.
    // A retry (same clientId) changes nothing and names the first post. Taking the next number
    // locks the thread row: a thread's posts are numbered in turn, and a lock or merge that
    // committed meanwhile is seen here. The parent counts the reply (the opening post may be
    // gone while the thread goes on; a reply to a removed reply may not be made); the writer
    // takes part and has read up to here by writing here; their summary comes back. Without a
    // thread row the thread is locked (or gone); without a parent, the caller says why and
    // rolls back.
    this.replyStatement = `
      WITH dup AS (
        SELECT id FROM posts WHERE thread_id = $1 AND author_id = $3 AND client_id = $6
      ), t AS (
        UPDATE threads SET last_seq = last_seq + 1, reply_count = reply_count + 1,
               last_activity_at = ${NOW_MS}
         WHERE id = $1 AND deleted_at IS NULL AND merged_into_id IS NULL
           AND (locked_at IS NULL OR $2::boolean) AND NOT EXISTS (SELECT 1 FROM dup)
         RETURNING last_seq, first_post_id, last_activity_at
      ), parent AS (
        UPDATE posts SET reply_count = reply_count + 1
         WHERE id = coalesce($4::uuid, (SELECT first_post_id FROM t)) AND thread_id = $1
           AND EXISTS (SELECT 1 FROM t)
           AND ($4::uuid IS NULL OR depth = 0 OR (deleted_at IS NULL AND hidden_at IS NULL))
         RETURNING id, depth, branch_id, author_id
      ), post AS (
        INSERT INTO posts (id, thread_id, seq, parent_id, branch_id, depth, author_id, client_id,
                           body, language, created_at)
        SELECT $5::uuid, $1, t.last_seq, parent.id,
               CASE WHEN parent.depth = 0 THEN $5::uuid ELSE parent.branch_id END,
               parent.depth + 1, $3, $6, $7, $8, t.last_activity_at
          FROM t, parent
        RETURNING seq
      ), part AS (
        INSERT INTO thread_participants (thread_id, practitioner_id, post_count, last_posted_at)
        SELECT $1, $3, 1, now() FROM post
        ON CONFLICT (thread_id, practitioner_id) DO UPDATE
          SET post_count = thread_participants.post_count + 1, last_posted_at = now()
      ), readers AS (
        INSERT INTO thread_readers (practitioner_id, thread_id, last_read_seq, last_visit_at)
        SELECT $3, $1, post.seq, now() FROM post
        ON CONFLICT (practitioner_id, thread_id) DO UPDATE
          SET last_read_seq = greatest(thread_readers.last_read_seq, EXCLUDED.last_read_seq)
      )
      SELECT (SELECT id FROM dup LIMIT 1) AS existing, t.last_seq, t.last_activity_at,
             parent.id AS parent_id, parent.depth AS parent_depth,
             parent.branch_id AS parent_branch_id, parent.author_id AS parent_author_id,
             ${this.sql.personColumns('pa', 'pc', 'author')}
        FROM (SELECT $3::uuid AS id) me
        ${this.sql.personJoin('me.id', 'pa', 'pc')}
        LEFT JOIN t ON true LEFT JOIN parent ON true`;
  }

  private readonly replyStatement: string;

  onModuleInit(): void {
    // Who may read a post may download its files (not those of a deleted post, nor of a hidden
    // one but for its moderators and author).
    this.fileOwners.register(POST_SUBJECT, {
      canRead: async (actor, postId) => {
        try {
          const { post } = await this.access.post(actor, postId);
          return post.deleted_at === null;
        } catch {
          return false;
        }
      },
    });
  }

  /**
   * Starts a thread, exactly once per clientId. `origin`: a live message it continues (the
   * message's author writes the opening post; the caller has checked they may start it).
   * `link` runs in the same transaction (the message points back to the thread).
   */
  async startThread(
    actor: Actor,
    input: NewThread,
    origin?: ThreadOrigin & { link: (threadId: string, manager: EntityManager) => Promise<void> },
  ): Promise<{ threadId: string; created: boolean }> {
    const place = await this.access.requirePlace(actor, input.exchangeId, 'start');
    const themeIds = await this.themeIds(input.themes);
    const body = await this.notifier.prepare(place.exchangeId, input.body);
    const authorId = origin?.author.id ?? actor.id;
    const existing = () =>
      this.dataSource
        .query('SELECT id FROM threads WHERE created_by_id = $1 AND client_id = $2', [
          actor.id,
          input.clientId,
        ])
        .then((rows: Array<{ id: string }>) => rows[0]?.id ?? null);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const already = (await manager.query(
          'SELECT id FROM threads WHERE created_by_id = $1 AND client_id = $2',
          [actor.id, input.clientId],
        )) as Array<{ id: string }>;
        if (already[0]) return { threadId: already[0].id, created: false };
        const threadId = randomUUID();
        const postId = randomUUID();
        await manager.query(
          `INSERT INTO threads (id, exchange_id, author_id, created_by_id, client_id, kind, title,
             language, first_post_id, last_seq, last_activity_at, source_message_id, source_room_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, ${NOW_MS}, $10, $11)`,
          [
            threadId,
            place.exchangeId,
            authorId,
            actor.id,
            input.clientId,
            input.kind,
            input.title,
            input.language,
            postId,
            origin?.messageId ?? null,
            origin?.roomId ?? null,
          ],
        );
        if (themeIds.length > 0)
          await manager.query(
            `INSERT INTO thread_themes (thread_id, theme_id) SELECT $1, unnest($2::uuid[])`,
            [threadId, themeIds],
          );
        await manager.query(
          `INSERT INTO posts (id, thread_id, seq, parent_id, branch_id, depth, author_id, client_id, body, language, created_at)
           VALUES ($1, $2, 1, NULL, NULL, 0, $3, $4, $5, $6, ${NOW_MS})`,
          [postId, threadId, authorId, input.clientId, body, input.language],
        );
        await this.files.attach(manager, input.attachmentIds ?? [], subject(postId), actor);
        await this.tookPart(manager, threadId, authorId, 1);
        // Who starts a thread watches it; so does the author of the message it continues.
        for (const id of new Set([actor.id, authorId]))
          await manager.query(
            `INSERT INTO thread_readers (practitioner_id, thread_id, last_read_seq, last_visit_at, follow_level)
             VALUES ($1, $2, 1, now(), 'watching')`,
            [id, threadId],
          );
        if (origin) await origin.link(threadId, manager);
        const author = origin?.author ?? (await this.personOf(actor.id, manager));
        await this.notifier.postCreated(manager, this.notified(threadId, input.title, place), {
          id: postId,
          seq: 1,
          body,
          author,
          parentAuthorId: null,
        });
        return { threadId, created: true };
      });
    } catch (error) {
      // The same thread started concurrently committed first: answer with it.
      if (!isUniqueViolation(error, 'threads_created_by_id_client_id_key')) throw error;
      const id = await existing();
      if (!id) throw error;
      return { threadId: id, created: false };
    }
  }

  /** Replies in a thread, exactly once per clientId. */
  async reply(actor: Actor, input: NewPost): Promise<{ post: PostView; created: boolean }> {
    const context = await this.access.thread(actor, input.threadId, 'post');
    const moderator = canInThread(actor, 'moderate', context.state);
    const body = await this.notifier.prepare(context.row.exchange_id, input.body);
    const find = async () =>
      (
        (await this.dataSource.query(
          'SELECT id FROM posts WHERE thread_id = $1 AND author_id = $2 AND client_id = $3',
          [input.threadId, actor.id, input.clientId],
        )) as Array<{ id: string }>
      )[0]?.id ?? null;
    let created: PostView | null;
    let existing: string | null = null;
    try {
      created = await this.dataSource.transaction(async (manager) => {
        const postId = randomUUID();
        const [row] = (await manager.query(this.replyStatement, [
          input.threadId,
          moderator,
          actor.id,
          input.parentPostId ?? null,
          postId,
          input.clientId,
          body,
          input.language,
        ])) as ReplyRow[];
        existing = row!.existing;
        if (existing) return null;
        if (row!.last_seq === null) throw new ThreadLockedError();
        if (row!.parent_id === null)
          await this.refuseParent(manager, input.threadId, input.parentPostId ?? null);
        const thread = row as ReplyRow & { last_seq: number; last_activity_at: Date };
        const parent = {
          id: row!.parent_id!,
          depth: row!.parent_depth!,
          author_id: row!.parent_author_id!,
        };
        const depth = parent.depth + 1;
        const branchId = depth === 1 ? postId : row!.parent_branch_id;
        const attachments = await this.files.attach(
          manager,
          input.attachmentIds ?? [],
          subject(postId),
          actor,
        );
        const author = personOf(actor.id, thread, 'author');
        if (!context.row.hidden_at)
          await this.notifier.postCreated(manager, this.notifiedOf(context), {
            id: postId,
            seq: thread.last_seq,
            body,
            author,
            parentAuthorId: parent.author_id,
          });
        const post: PostView = {
          id: postId,
          threadId: input.threadId,
          seq: thread.last_seq,
          parentId: parent.id,
          branchId,
          depth,
          author,
          body,
          language: input.language,
          createdAt: thread.last_activity_at.toISOString(),
          editedAt: null,
          deleted: false,
          hidden: null,
          replyCount: 0,
          reactions: [],
          attachments,
        };
        this.afterCommit.queue(manager, async () => {
          await this.events.postCreated(input.threadId, post);
          await this.events.threadChanged(input.threadId);
        });
        return post;
      });
    } catch (error) {
      if (!isUniqueViolation(error, 'posts_thread_id_author_id_client_id_key')) throw error;
      existing = await find();
      if (!existing) throw error;
      created = null;
    }
    if (created) return { post: created, created: true };
    return { post: await this.reads.post(existing!, ANY_READER), created: false };
  }

  /** The author edits their post while they may still write in the thread; the old text is kept. */
  async edit(
    actor: Actor,
    postId: string,
    change: { body: string; language?: string; attachmentIds?: string[] },
  ): Promise<PostView> {
    const { post, thread } = await this.access.post(actor, postId, 'post');
    if (post.author_id !== actor.id) throw new ForbiddenError('You can only edit your own posts.');
    const body = await this.notifier.prepare(thread.row.exchange_id, change.body);
    await this.dataSource.transaction(async (manager) => {
      const [current] = (await manager.query(
        `SELECT body, language, created_at, edited_at, deleted_at, hidden_at FROM posts WHERE id = $1 FOR UPDATE`,
        [postId],
      )) as Array<{
        body: string;
        language: string;
        created_at: Date;
        edited_at: Date | null;
        deleted_at: Date | null;
        hidden_at: Date | null;
      }>;
      if (!current) throw new NotFoundError('Post');
      if (current.deleted_at || current.hidden_at)
        throw new ConflictError('This post was removed; it cannot be edited.');
      const language = change.language ?? current.language;
      let filesChanged = false;
      if (change.attachmentIds) {
        const before =
          (await this.files.attachmentsOf(POST_SUBJECT, [postId], manager)).get(postId) ?? [];
        const kept = new Set(change.attachmentIds.map((id) => id.toLowerCase()));
        const removed = before.filter((file) => !kept.has(file.id)).map((file) => file.id);
        const added = [...kept].filter((id) => !before.some((file) => file.id === id));
        await this.files.detach(manager, removed, subject(postId));
        await this.files.attach(manager, added, subject(postId), actor);
        filesChanged = removed.length + added.length > 0;
      }
      if (current.body === body && current.language === language) {
        if (filesChanged)
          this.afterCommit.queue(manager, () => this.events.postChanged(post.thread_id, postId));
        return;
      }
      await manager.query(
        `INSERT INTO post_revisions (post_id, revision, body, language, created_at)
         SELECT $1, count(*) + 1, $2, $3, $4 FROM post_revisions WHERE post_id = $1`,
        [postId, current.body, current.language, current.edited_at ?? current.created_at],
      );
      await manager.query(
        `UPDATE posts SET body = $2, language = $3, edited_at = ${NOW_MS} WHERE id = $1`,
        [postId, body, language],
      );
      if (!thread.row.hidden_at)
        await this.notifier.postEdited(manager, this.notifiedOf(thread), {
          id: postId,
          seq: post.seq,
          body,
          author: personOf(post.author_id, post, 'author'),
          parentAuthorId: null,
        });
      this.afterCommit.queue(manager, () => this.events.postChanged(post.thread_id, postId));
    });
    return this.reads.post(postId, ANY_READER);
  }

  /**
   * The author deletes their post: its text and history go; with replies it stays as a tombstone.
   * An opening post without replies takes its thread with it.
   */
  async delete(actor: Actor, postId: string): Promise<{ threadDeleted: boolean }> {
    const { post } = await this.access.post(actor, postId);
    if (post.author_id !== actor.id)
      throw new ForbiddenError('You can only delete your own posts.');
    return this.dataSource.transaction(async (manager) => {
      const [current] = (await manager.query(
        `SELECT p.deleted_at, p.hidden_at, p.reply_count, p.depth, t.last_seq
           FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.id = $1 FOR UPDATE OF p, t`,
        [postId],
      )) as Array<{
        deleted_at: Date | null;
        hidden_at: Date | null;
        reply_count: number;
        depth: number;
        last_seq: number;
      }>;
      if (!current) throw new NotFoundError('Post');
      // Moderators keep a hidden post as evidence: its author cannot erase it.
      if (current.hidden_at)
        throw new ConflictError('A moderator hid this post; it cannot be deleted now.');
      if (current.deleted_at) return { threadDeleted: false };
      await manager.query(`UPDATE posts SET deleted_at = now(), body = '' WHERE id = $1`, [postId]);
      await manager.query('DELETE FROM post_revisions WHERE post_id = $1', [postId]);
      await manager.query('DELETE FROM post_reactions WHERE post_id = $1', [postId]);
      await this.files.detachAll(manager, subject(postId));
      await this.tookPart(manager, post.thread_id, post.author_id, -1);
      const threadDeleted = current.depth === 0 && current.last_seq === 1;
      if (threadDeleted) {
        await manager.query('UPDATE threads SET deleted_at = now() WHERE id = $1', [
          post.thread_id,
        ]);
        this.afterCommit.queue(manager, () =>
          this.events.threadRemoved(post.thread_id, 'Its author deleted this thread.'),
        );
        return { threadDeleted };
      }
      await manager.query(
        `UPDATE threads SET reply_count = reply_count - $2::int,
                answer_post_id = CASE WHEN answer_post_id = $3 THEN NULL ELSE answer_post_id END
          WHERE id = $1`,
        [post.thread_id, current.depth > 0 ? 1 : 0, postId],
      );
      this.afterCommit.queue(manager, async () => {
        await this.events.postDeleted(post.thread_id, {
          threadId: post.thread_id,
          postId,
          seq: post.seq,
          reason: 'deleted',
          tombstone: current.reply_count > 0,
        });
        await this.events.threadChanged(post.thread_id);
      });
      return { threadDeleted };
    });
  }

  /** Adds or takes back a reaction; those who may write here react. */
  async react(actor: Actor, postId: string, reaction: Reaction, on: boolean): Promise<PostView> {
    const { post, thread } = await this.access.post(actor, postId);
    // Those who read but do not write here (observers, the muted) do not react either.
    assertMayWrite(actor, thread.state);
    if (post.deleted_at || post.hidden_at) throw new ConflictError('This post was removed.');
    await this.dataSource.transaction(async (manager) => {
      const changed = on
        ? (
            (await manager.query(
              `INSERT INTO post_reactions (post_id, practitioner_id, reaction) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING RETURNING post_id`,
              [postId, actor.id, reaction],
            )) as unknown[]
          ).length > 0
        : (
            (await manager.query(
              'DELETE FROM post_reactions WHERE post_id = $1 AND practitioner_id = $2 AND reaction = $3',
              [postId, actor.id, reaction],
            )) as [unknown[], number]
          )[1] > 0;
      if (changed)
        this.afterCommit.queue(manager, () => this.events.postChanged(post.thread_id, postId));
    });
    return this.reads.post(postId, ANY_READER);
  }

  // — pieces —

  /** Why the reply statement found no post to answer: not of this thread, or removed. */
  private async refuseParent(
    manager: EntityManager,
    threadId: string,
    parentId: string | null,
  ): Promise<never> {
    const [exists] = (await manager.query('SELECT 1 FROM posts WHERE id = $1 AND thread_id = $2', [
      parentId,
      threadId,
    ])) as unknown[];
    if (!exists) throw new ValidationFailedError('parentPostId: not a post of this thread');
    throw new ConflictError('The post you reply to was removed.');
  }

  /** Counts a person's visible posts in a thread (the participants a list shows). */
  private async tookPart(
    manager: EntityManager,
    threadId: string,
    practitionerId: string,
    delta: 1 | -1,
  ): Promise<void> {
    await manager.query(TOOK_PART, [threadId, practitionerId, delta]);
  }

  private async themeIds(slugs: string[]): Promise<string[]> {
    const unique = [...new Set(slugs)];
    if (unique.length === 0) return [];
    const rows = (await this.dataSource.query(this.sql.themeIdsOfSlugs, [unique])) as Array<{
      id: string;
      slug: string;
    }>;
    const missing = unique.filter((slug) => !rows.some((r) => r.slug === slug));
    if (missing.length > 0)
      throw new ValidationFailedError(`themes: unknown theme ${missing.join(', ')}`, {
        unknownThemes: missing,
      });
    return rows.map((r) => r.id);
  }

  private async personOf(id: string, manager: EntityManager): Promise<PersonSummary> {
    const [row] = (await manager.query(
      `SELECT ${this.sql.personColumns('pa', 'pc', 'author')}
         FROM (SELECT $1::uuid AS id) me ${this.sql.personJoin('me.id', 'pa', 'pc')}`,
      [id],
    )) as Array<PostRow>;
    return personOf(id, row!, 'author');
  }

  private notified(threadId: string, title: string, place: PlaceContext): NotifiedThread {
    return {
      id: threadId,
      title,
      exchangeId: place.exchangeId,
      exchangeTitle: place.title,
      attribution: place.attribution,
    };
  }

  private notifiedOf(context: ThreadContext): NotifiedThread {
    return {
      id: context.row.id,
      title: context.row.title,
      exchangeId: context.row.exchange_id,
      exchangeTitle: context.row.exchange_title,
      attribution: context.row.exchange_attribution ?? 'named',
    };
  }
}
