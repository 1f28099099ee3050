// One question, asked once at the start of every thread command: where does this thread (or place)
// stand for this person, and may they do what they ask? A thread they may not read looks missing.
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { EntityManager } from 'typeorm';
import {
  type Actor,
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
} from '#libs/common';
import { NotAnExchangeMemberError } from '#libs/exchanges';
import { PG_POOL } from '#libs/persistence';
import type { AttributionRule, ExchangeRole } from '#libs/contracts';
import { DiscussionsSql, prepared } from './discussions-sql.js';
import {
  canInPlace,
  canInThread,
  type PlaceAction,
  type PlaceState,
  type ThreadAction,
  type ThreadState,
} from './discussions.policy.js';
import type { PostRow, ReaderRow, ThreadRow } from './discussions.presenter.js';

export class ThreadLockedError extends DomainError {
  constructor() {
    super('THREAD_LOCKED', 403, 'This thread is locked: no new posts.');
  }
}

export class ThreadMutedError extends DomainError {
  constructor() {
    super('MUTED', 403, 'A moderator muted you in these threads for now.');
  }
}

/** Where threads live, as the actor stands there. */
export interface PlaceContext {
  /** Null for the commons. */
  exchangeId: string | null;
  title: string | null;
  attribution: AttributionRule;
  state: PlaceState;
}

export interface ThreadContext {
  row: ThreadRow & ReaderRow;
  state: ThreadState;
}

const THREAD_COLUMNS = `t.id, t.exchange_id, t.author_id, t.created_by_id, t.kind, t.title, t.language,
  t.first_post_id, t.answer_post_id, t.last_seq, t.reply_count, t.last_activity_at, t.pinned_at,
  t.locked_at, t.hidden_at, t.hidden_by_id, t.hidden_reason, t.merged_into_id, t.deleted_at,
  t.source_message_id, t.source_room_id, t.created_at`;

/** The post columns every read selects (with its author joined as pa/pc). */
export const POST_COLUMNS = `po.id, po.thread_id, po.seq, po.parent_id, po.branch_id, po.depth,
  po.author_id, po.body, po.language, po.reply_count, po.edited_at, po.deleted_at, po.hidden_at,
  po.hidden_by_id, po.hidden_reason, po.created_at`;

@Injectable()
export class ThreadAccess {
  /** Threads `t` with their author, place, participants count and the reader (parameter `viewer`). */
  readonly threadSelect: (viewer: string) => string;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly sql: DiscussionsSql,
  ) {
    const readerColumns = `r.last_read_seq, r.last_visit_at, r.follow_level,
      (t.last_seq - coalesce(r.last_read_seq, 0) - (
        SELECT count(*) FROM posts x
         WHERE x.thread_id = t.id AND x.seq > coalesce(r.last_read_seq, 0)
           AND (x.deleted_at IS NOT NULL OR x.hidden_at IS NOT NULL)))::int AS unread_count`;
    this.threadSelect = (viewer) => `
      SELECT ${THREAD_COLUMNS}, ${sql.personColumns('pa', 'pc', 'author')}, ${sql.placeColumns(viewer)},
             ${readerColumns}, ${sql.threadExtras},
             (SELECT count(*)::int FROM thread_participants tp
               WHERE tp.thread_id = t.id AND tp.post_count > 0) AS participant_count
        FROM threads t
        ${sql.personJoin('t.author_id', 'pa', 'pc')}
        ${sql.placeJoin(viewer)}
        LEFT JOIN thread_readers r ON r.thread_id = t.id AND r.practitioner_id = ${viewer}`;
  }

  /** The commons (exchangeId null) or an exchange, as the actor stands there. */
  async place(actor: Actor, exchangeId: string | null): Promise<PlaceContext> {
    if (exchangeId === null) {
      const { rows } = await this.pool.query<{ muted: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM thread_mutes WHERE exchange_id IS NULL
                         AND practitioner_id = $1 AND until > now()) AS muted`,
        [actor.id],
      );
      return {
        exchangeId: null,
        title: null,
        attribution: 'named',
        state: { commons: true, role: null, concluded: false, muted: rows[0]?.muted ?? false },
      };
    }
    const { rows } = await this.pool.query<{
      id: string;
      exchange_title: string;
      exchange_attribution: AttributionRule;
      exchange_status: string;
      role: ExchangeRole | null;
      muted: boolean;
    }>(this.sql.exchangePlace, [exchangeId, actor.id]);
    const row = rows[0];
    if (!row) throw new NotFoundError('Exchange');
    return {
      exchangeId: row.id,
      title: row.exchange_title,
      attribution: row.exchange_attribution,
      state: {
        commons: false,
        role: row.role,
        concluded: row.exchange_status === 'concluded',
        muted: row.muted,
      },
    };
  }

  /** The place, if the actor may do `action` there; a typed error that says why otherwise. */
  async requirePlace(
    actor: Actor,
    exchangeId: string | null,
    action: PlaceAction,
  ): Promise<PlaceContext> {
    const place = await this.place(actor, exchangeId);
    if (!canInPlace(actor, 'read', place.state)) throw new NotAnExchangeMemberError();
    if (!canInPlace(actor, action, place.state)) throw refusal(action, place.state);
    return place;
  }

  /** The thread as the actor may see it, or null when it is missing or they may not read it. */
  async threadIfReadable(
    actor: Actor,
    threadId: string,
    manager?: EntityManager,
  ): Promise<ThreadContext | null> {
    const text = `${this.threadSelect('$2')} WHERE t.id = $1 AND t.deleted_at IS NULL`;
    const rows = manager
      ? ((await manager.query(text, [threadId, actor.id])) as Array<ThreadRow & ReaderRow>)
      : (await this.pool.query<ThreadRow & ReaderRow>(prepared(text, [threadId, actor.id]))).rows;
    const row = rows[0];
    if (!row) return null;
    const context = { row, state: stateOf(row, actor) };
    return canInThread(actor, 'read', context.state) ? context : null;
  }

  /** The thread, if the actor may do `action` in it; missing, or a typed error saying why not. */
  async thread(
    actor: Actor,
    threadId: string,
    action: ThreadAction = 'read',
    manager?: EntityManager,
  ): Promise<ThreadContext> {
    const context = await this.threadIfReadable(actor, threadId, manager);
    if (!context) throw new NotFoundError('Thread');
    if (canInThread(actor, action, context.state)) return context;
    const { state } = context;
    if (action === 'post') {
      if (state.merged) throw new ConflictError('This thread was merged into another; post there.');
      if (!canInPlace(actor, 'start', state)) throw refusal('start', state);
      throw new ThreadLockedError();
    }
    if (action === 'mark-answer') {
      if (state.kind !== 'question')
        throw new ConflictError('Only a question has an answer to mark.');
      throw new ForbiddenError('The author of the question and moderators mark its answer.');
    }
    throw new ForbiddenError("Only this exchange's hosts and coordinators moderate its threads.");
  }

  /** A post (missing when its thread is not readable) with its thread. */
  async post(
    actor: Actor,
    postId: string,
    action: ThreadAction = 'read',
  ): Promise<{ post: PostRow; thread: ThreadContext }> {
    const { rows } = await this.pool.query<PostRow>(
      `SELECT ${POST_COLUMNS}, ${this.sql.personColumns('pa', 'pc', 'author')}, ${this.sql.postReactions}
         FROM posts po ${this.sql.personJoin('po.author_id', 'pa', 'pc')} WHERE po.id = $1`,
      [postId],
    );
    const post = rows[0];
    if (!post) throw new NotFoundError('Post');
    const thread = await this.threadIfReadable(actor, post.thread_id);
    if (!thread) throw new NotFoundError('Post');
    // A hidden post is for its moderators and author only; others may not act on it.
    if (
      post.hidden_at &&
      post.author_id !== actor.id &&
      !canInThread(actor, 'moderate', thread.state)
    )
      throw new NotFoundError('Post');
    if (action !== 'read') await this.thread(actor, post.thread_id, action);
    return { post, thread };
  }
}

/** Refuses, saying why, a person who may not write in this place (observer, muted, concluded). */
export function assertMayWrite(actor: Actor, place: PlaceState): void {
  if (!canInPlace(actor, 'start', place)) throw refusal('start', place);
}

export function stateOf(row: ThreadRow, actor: Actor): ThreadState {
  return {
    commons: row.exchange_id === null,
    role: row.role,
    concluded: row.exchange_status === 'concluded',
    muted: row.muted,
    kind: row.kind,
    locked: row.locked_at !== null,
    hidden: row.hidden_at !== null,
    merged: row.merged_into_id !== null,
    isAuthor: row.author_id === actor.id,
  };
}

function refusal(action: PlaceAction, place: PlaceState): Error {
  if (action === 'moderate')
    return new ForbiddenError("Only this exchange's hosts and coordinators moderate its threads.");
  if (place.muted) return new ThreadMutedError();
  if (place.concluded)
    return new ForbiddenError('The exchange has concluded; its threads are read-only.');
  return new ForbiddenError("Observers read this exchange's threads but do not post.");
}
