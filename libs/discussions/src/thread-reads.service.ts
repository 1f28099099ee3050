// Reading threads: lists with each reader's unread count, a thread's page (the opening post, a
// page of top-level replies and the start of each branch), more of a branch, edit histories.
//
// Unread counts never scan a thread's posts: each thread keeps its last post number (last_seq)
// and each reader the number they read up to, so unread is a difference, less the few posts
// deleted or hidden since (a small partial index).
//
// A thread's tree is paged by its top-level replies (depth 1, oldest first, 20 a page); each comes
// with the first 10 posts of its branch by number (they always form a connected subtree, since a
// reply is numbered after its parent) and the branch's size, and the rest of a branch is read on
// demand with `GET /api/threads/:id/posts?branchId=&afterSeq=`.
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import {
  type PostRevisionView,
  type PostView,
  THREAD_LIMITS,
  type ThreadKind,
  type ThreadPage,
  type ThreadShared,
  type ThreadSummary,
} from '#libs/contracts';
import {
  type Actor,
  decodeCursor,
  encodeCursor,
  hasNetworkRole,
  NotFoundError,
  ValidationFailedError,
} from '#libs/common';
import { FilesService } from '#libs/files';
import { FlagsService } from '#libs/moderation';
import { PG_POOL } from '#libs/persistence';
import { DiscussionsSql, prepared } from './discussions-sql.js';
import { canInThread } from './discussions.policy.js';
import {
  ANY_READER,
  type PostReader,
  type PostRow,
  presentPost,
  presentThreadShared,
  presentThreadSummary,
  presentThreadView,
  type ReaderRow,
  type ThreadRow,
} from './discussions.presenter.js';
import { POST_COLUMNS, ThreadAccess, type ThreadContext } from './thread-access.service.js';

export interface ThreadFilters {
  /** An exchange's threads; with `commons`, the commons'; with neither, both the commons' and the reader's exchanges'. */
  exchangeId?: string;
  commons?: boolean;
  theme?: string;
  kind?: ThreadKind;
  q?: string;
  cursor?: string;
  limit?: number;
}

type PagedPostRow = PostRow & {
  top: boolean;
  size: number | null;
  attachments: unknown;
  reported: boolean;
};

/** The files library's name for what posts' attachments hang on. */
export const POST_SUBJECT = 'post';

/** How long after a recorded visit to a thread reading it again is still that visit. */
const VISIT_SPAN_MS = 60_000;

/**
 * Posts removed for a reader and without replies leave the tree. `moderator` and `reader` are the
 * parameters saying whether the reader moderates the thread, and who they are.
 */
const inTree = (po: string, moderator: string, reader: string) =>
  `(${po}.reply_count > 0 OR (${po}.deleted_at IS NULL
     AND (${po}.hidden_at IS NULL OR ${moderator}::boolean OR ${po}.author_id = ${reader}::uuid)))`;

@Injectable()
export class ThreadReads {
  private readonly postSelect: string;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly sql: DiscussionsSql,
    private readonly access: ThreadAccess,
    private readonly files: FilesService,
    private readonly flags: FlagsService,
  ) {
    this.postSelect = `SELECT ${POST_COLUMNS}, ${sql.personColumns('pa', 'pc', 'author')},
      ${sql.postReactions}
      FROM posts po ${sql.personJoin('po.author_id', 'pa', 'pc')}`;
  }

  // — lists —

  async list(
    actor: Actor,
    filters: ThreadFilters,
  ): Promise<{ items: ThreadSummary[]; nextCursor: string | null }> {
    const limit = filters.limit ?? THREAD_LIMITS.listPage;
    const params: unknown[] = [actor.id];
    const where: string[] = ['t.merged_into_id IS NULL', 't.deleted_at IS NULL'];
    const add = (value: unknown) => `$${params.push(value)}`;
    if (filters.exchangeId) {
      await this.access.requirePlace(actor, filters.exchangeId, 'read');
      where.push(`t.exchange_id = ${add(filters.exchangeId)}::uuid`);
    } else if (filters.commons) {
      where.push('t.exchange_id IS NULL');
    } else {
      // The reader's feed: the commons and every exchange they belong to.
      where.push(`(t.exchange_id IS NULL OR t.exchange_id IN (${this.sql.membershipsOf}))`);
    }
    // Hidden threads are listed for moderators and their author only.
    where.push(
      `(t.hidden_at IS NULL OR t.author_id = $1 OR ${add(hasNetworkRole(actor, 'coordinator'))}::boolean OR m.role = 'host')`,
    );
    if (filters.kind) where.push(`t.kind = ${add(filters.kind)}`);
    if (filters.theme) where.push(this.sql.hasTheme(add(filters.theme)));
    if (filters.q) {
      const q = add(filters.q);
      // The query in each configuration: a post matches in its own language's stemming.
      const query = `(websearch_to_tsquery('english', ${q}) || websearch_to_tsquery('french', ${q})
        || websearch_to_tsquery('dutch', ${q}) || websearch_to_tsquery('german', ${q})
        || websearch_to_tsquery('simple', ${q}))`;
      where.push(`(t.title_search @@ ${query} OR EXISTS (
        SELECT 1 FROM posts sp WHERE sp.thread_id = t.id AND sp.search @@ ${query}
           AND sp.deleted_at IS NULL AND sp.hidden_at IS NULL))`);
    }
    const cursor = decodeListCursor(filters.cursor);
    if (cursor) {
      where.push(
        `((t.pinned_at IS NOT NULL)::int, t.last_activity_at, t.id) < (${add(cursor.pinned)}::int, ${add(cursor.at)}::timestamptz, ${add(cursor.id)}::uuid)`,
      );
    }
    const text = `${this.access.threadSelect('$1')} WHERE ${where.join(' AND ')}
      ORDER BY (t.pinned_at IS NOT NULL) DESC, t.last_activity_at DESC, t.id DESC
      LIMIT ${pageLimit(limit) + 1}`;
    const { rows } = await this.pool.query<ThreadRow & ReaderRow>(prepared(text, params));
    const page = rows.slice(0, limit);
    const items = page.map((row) => presentThreadSummary(row));
    const last = page[page.length - 1];
    return {
      items,
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({
              key: `${last.pinned_at ? 1 : 0}|${last.last_activity_at.toISOString()}`,
              id: last.id,
            })
          : null,
    };
  }

  /** Threads the reader took part in or watches with unread posts (not muted), latest first. */
  async unreadFor(actor: Actor, limit: number): Promise<{ items: ThreadSummary[]; total: number }> {
    const base = `${this.access.threadSelect('$1')}
      WHERE r.practitioner_id = $1 AND r.follow_level <> 'muted'
        AND t.merged_into_id IS NULL AND t.deleted_at IS NULL AND t.hidden_at IS NULL
        AND (t.exchange_id IS NULL OR m.role IS NOT NULL OR $2::boolean)
        AND t.last_seq > r.last_read_seq`;
    const { rows } = await this.pool.query<ThreadRow & ReaderRow>(
      `SELECT * FROM (${base}) u WHERE u.unread_count > 0
        ORDER BY u.last_activity_at DESC, u.id DESC`,
      [actor.id, hasNetworkRole(actor, 'coordinator')],
    );
    const page = rows.slice(0, limit);
    return {
      items: page.map((row) => presentThreadSummary(row)),
      total: rows.length,
    };
  }

  // — one thread —

  /** The thread and a page of its tree; records the visit (the page keeps the previous read position). */
  async page(actor: Actor, threadId: string, cursor?: string): Promise<ThreadPage> {
    const after = decodeSeqCursor(cursor);
    // The thread and its page are asked for together, the page as a member sees it: that never
    // shows more than a moderator's, is thrown away if the thread is refused, and is asked
    // again for a moderator, who sees removed posts in place.
    const asMember: PostReader = { id: actor.id, moderator: false };
    const [context, memberRows] = await Promise.all([
      this.access.thread(actor, threadId),
      this.pageRows(threadId, after, asMember),
    ]);
    const reader = this.readerOf(actor, context);
    const rows = reader.moderator ? await this.pageRows(threadId, after, reader) : memberRows;
    // A visit within VISIT_SPAN_MS of the one recorded is the same visit: reloading or paging
    // through a thread does not move it (nor write).
    const lastVisit = context.row.last_visit_at;
    const visit =
      lastVisit && Date.now() - lastVisit.getTime() < VISIT_SPAN_MS
        ? undefined
        : this.pool.query(
            prepared(
              `INSERT INTO thread_readers (practitioner_id, thread_id, last_visit_at) VALUES ($1, $2, now())
               ON CONFLICT (practitioner_id, thread_id) DO UPDATE SET last_visit_at = now()`,
              [actor.id, threadId],
            ),
          );
    const shownRows = rows.filter((r) => r.top);
    const pageTop = shownRows.filter((r) => r.depth === 1);
    const more = rows.some((r) => !r.top);
    await visit;
    const posts = shownRows.map((row) => this.presentPaged(row, reader));
    const last = pageTop[pageTop.length - 1];
    return {
      thread: this.view(actor, context),
      posts,
      branchSizes: Object.fromEntries(pageTop.map((p) => [p.id, p.size ?? 0])),
      nextCursor: more && last ? encodeCursor({ key: String(last.seq), id: last.id }) : null,
    };
  }

  /**
   * One statement: a page's top-level replies (one more, to know if a page follows), the first
   * posts of each one's branch, its size, and the opening post on the first page; with each
   * post's attachments and whether this reader reported it (see `present`).
   */
  private async pageRows(threadId: string, after: number, reader: PostReader) {
    const { rows } = await this.pool.query<PagedPostRow>(
      prepared(
        `WITH top AS (
         SELECT po.id, po.seq FROM posts po
          WHERE po.thread_id = $1 AND po.depth = 1 AND po.seq > $2 AND ${inTree('po', '$4', '$5')}
          ORDER BY po.seq LIMIT $3 + 1
       ), shown AS (
         SELECT b.id, top.seq <= (SELECT max(seq) FROM (SELECT seq FROM top ORDER BY seq LIMIT $3) firsts) AS keep
           FROM top CROSS JOIN LATERAL (
             SELECT x.id FROM posts x
              WHERE x.branch_id = top.id AND ${inTree('x', '$4', '$5')}
              ORDER BY x.seq LIMIT $6
           ) b
         UNION ALL
         SELECT po2.id, true FROM posts po2 WHERE po2.thread_id = $1 AND po2.depth = 0 AND $2::int = 0
       )
       ${this.postSelect.replace(
         'FROM posts po',
         `, shown.keep AS top,
         CASE WHEN po.depth = 1 THEN (SELECT count(*)::int FROM posts b
           WHERE b.branch_id = po.id AND b.id <> po.id AND ${inTree('b', '$4', '$5')}) END AS size,
         ${this.files.attachmentsColumn(POST_SUBJECT, 'po.id')} AS attachments,
         (NOT $4::boolean AND ${this.flags.reportedByColumn('post', 'po.id', '$5::uuid')}) AS reported
         FROM shown JOIN posts po ON po.id = shown.id`,
       )}
        ORDER BY po.seq`,
        [
          threadId,
          after,
          THREAD_LIMITS.topLevelPage,
          reader.moderator,
          reader.id,
          THREAD_LIMITS.branchPreview + 1,
        ],
      ),
    );
    return rows;
  }

  /** Posts of a thread by number after `afterSeq`: all of them, or one branch's. */
  async posts(
    actor: Actor,
    threadId: string,
    options: { branchId?: string; afterSeq?: number; limit?: number },
  ): Promise<PostView[]> {
    const context = await this.access.thread(actor, threadId);
    const reader = this.readerOf(actor, context);
    const { rows } = await this.pool.query<PostRow>(
      `${this.postSelect}
        WHERE po.thread_id = $1 AND po.seq > $2 AND ($3::uuid IS NULL OR po.branch_id = $3)
          AND ${inTree('po', '$5', '$6')}
        ORDER BY po.seq LIMIT $4`,
      [
        threadId,
        options.afterSeq ?? 0,
        options.branchId ?? null,
        options.limit ?? THREAD_LIMITS.postsPage,
        reader.moderator,
        actor.id,
      ],
    );
    return this.present(rows, reader);
  }

  /** A post's versions, oldest first, the current one last (not for a deleted post). */
  async revisions(actor: Actor, postId: string): Promise<PostRevisionView[]> {
    const { post, thread } = await this.access.post(actor, postId);
    if (post.deleted_at) throw new NotFoundError('Post');
    const moderator = canInThread(actor, 'moderate', thread.state);
    if (post.hidden_at && !moderator && post.author_id !== actor.id)
      throw new NotFoundError('Post');
    const { rows } = await this.pool.query<{
      revision: number;
      body: string;
      language: string;
      created_at: Date;
    }>(
      'SELECT revision, body, language, created_at FROM post_revisions WHERE post_id = $1 ORDER BY revision',
      [postId],
    );
    const versions = rows.map((r) => ({
      revision: r.revision,
      body: r.body,
      language: r.language,
      createdAt: r.created_at.toISOString(),
    }));
    versions.push({
      revision: versions.length + 1,
      body: post.body,
      language: post.language,
      createdAt: (post.edited_at ?? post.created_at).toISOString(),
    });
    return versions;
  }

  // — pieces other commands and the live events reuse —

  /** The facts of a thread every reader shares (thread.updated). */
  async shared(threadId: string): Promise<ThreadShared> {
    const { rows } = await this.pool.query<ThreadRow & ReaderRow>(
      prepared(`${this.access.threadSelect('$2::uuid')} WHERE t.id = $1`, [threadId, null]),
    );
    const row = rows[0];
    if (!row) throw new NotFoundError('Thread');
    return presentThreadShared(row);
  }

  /** One post as a kind of reader sees it. */
  async post(postId: string, reader: PostReader = ANY_READER): Promise<PostView> {
    const { rows } = await this.pool.query<PostRow>(
      prepared(`${this.postSelect} WHERE po.id = $1`, [postId]),
    );
    if (!rows[0]) throw new NotFoundError('Post');
    return (await this.present(rows, reader))[0]!;
  }

  async postRow(postId: string): Promise<PostRow> {
    const { rows } = await this.pool.query<PostRow>(
      prepared(`${this.postSelect} WHERE po.id = $1`, [postId]),
    );
    if (!rows[0]) throw new NotFoundError('Post');
    return rows[0];
  }

  /** The thread as its page shows it to the actor. */
  view(actor: Actor, context: ThreadContext) {
    const { row, state } = context;
    // The reader's standing, apart from the lock and a merge (clients apply those, live too).
    const standing = { ...state, locked: false, merged: false };
    return presentThreadView(
      row,
      {
        canPost: canInThread(actor, 'post', standing),
        canModerate: canInThread(actor, 'moderate', state),
        canMarkAnswer: canInThread(actor, 'mark-answer', standing),
      },
      actor.id,
    );
  }

  readerOf(actor: Actor, context: ThreadContext): PostReader {
    return { id: actor.id, moderator: canInThread(actor, 'moderate', context.state) };
  }

  /** `present` for a row of `pageRows`, which carries its attachments and report. */
  private presentPaged(row: PagedPostRow, reader: PostReader): PostView {
    return row.reported
      ? presentReported(row)
      : presentPost(row, this.files.attachmentsFromColumn(row.attachments), reader);
  }

  async present(rows: PostRow[], reader: PostReader): Promise<PostView[]> {
    const ids = rows.map((r) => r.id);
    const [attachments, reported] = await Promise.all([
      this.files.attachmentsOf(POST_SUBJECT, ids),
      // What this reader reported as extremist content or personal data: a tombstone naming no
      // one for them from then on (moderators review it in the queue, and see it as it is).
      reader.id && !reader.moderator
        ? this.flags.hiddenFromReporter(reader.id, 'post', ids)
        : new Set<string>(),
    ]);
    return rows.map((row) =>
      reported.has(row.id)
        ? presentReported(row)
        : presentPost(row, attachments.get(row.id) ?? [], reader),
    );
  }
}

/** A post its reader reported for a serious reason: to them, a tombstone naming no one. */
function presentReported(row: PostRow): PostView {
  return presentPost({ ...row, hidden_at: row.hidden_at ?? row.created_at }, [], ANY_READER);
}

/**
 * A validated page size, written into the statement rather than passed: with a parameter,
 * PostgreSQL's generic plan assumes a large share of the rows and the prepared list is planned
 * afresh at every call; a handful of sizes is a handful of statements.
 */
function pageLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new ValidationFailedError('limit: a whole number from 1');
  return limit;
}

function decodeListCursor(cursor: string | undefined) {
  const position = decodeCursor(cursor);
  if (!position) return null;
  const match = /^([01])\|(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)$/.exec(position.key);
  if (!match?.[2] || Number.isNaN(Date.parse(match[2])))
    throw new ValidationFailedError('cursor: not a cursor this API gave out');
  return { pinned: Number(match[1]), at: match[2], id: position.id };
}

function decodeSeqCursor(cursor: string | undefined): number {
  const position = decodeCursor(cursor);
  if (!position) return 0;
  if (!/^\d{1,9}$/.test(position.key))
    throw new ValidationFailedError('cursor: not a cursor this API gave out');
  return Number(position.key);
}
