// Who hears of a new post, in the post's own transaction: everyone it mentions (kind `mention`),
// the author of the post it replies to and everyone watching the thread (kind `reply`), each
// person once, never its author, and only people who may read the thread. A muted thread tells
// its reader of mentions only. Under the Chatham House rule the notification, which may leave
// the exchange by e-mail, names no one: "a participant from a European city replied…".
//
// Mentions are markdown links `[@Name](mention:<id>)` (libs/contracts/src/mentions.ts): before a
// post is stored, each is rewritten to the person's current name, or to plain text when they
// may not read the thread (so nobody outside is named or told).
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { EntityManager } from 'typeorm';
import {
  type AttributionRule,
  mentionedIds,
  neutralAttribution,
  type PersonSummary,
  rewriteMentions,
  THREAD_LIMITS,
} from '#libs/contracts';
import { ValidationFailedError } from '#libs/common';
import { NotificationsService } from '#libs/notifications';
import { PG_POOL } from '#libs/persistence';
import { DiscussionsSql } from './discussions-sql.js';

export interface NotifiedThread {
  id: string;
  title: string;
  exchangeId: string | null;
  exchangeTitle: string | null;
  attribution: AttributionRule;
}

export interface NotifiedPost {
  id: string;
  seq: number;
  body: string;
  author: PersonSummary;
  /** The author of the post it replies to (null for an opening post). */
  parentAuthorId: string | null;
}

/** How a person is named to others outside the thread (a notification, an export). */
export function attributionOf(person: PersonSummary, rule: AttributionRule): string {
  return rule === 'chatham-house' ? neutralAttribution(person.city?.region) : person.displayName;
}

@Injectable()
export class ThreadNotifier {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly sql: DiscussionsSql,
    private readonly notifications: NotificationsService,
  ) {}

  /** The body as it will be stored: mentions of readers named as they are called now. */
  async prepare(exchangeId: string | null, body: string): Promise<string> {
    const ids = mentionedIds(body);
    if (ids.length === 0) return body;
    const { rows } = await this.pool.query<{ id: string; display_name: string }>(
      this.sql.readersAmong,
      [ids, exchangeId],
    );
    const names = new Map(rows.map((r) => [r.id, r.display_name]));
    const rewritten = rewriteMentions(body, (id) => names.get(id) ?? null);
    if (rewritten.length > THREAD_LIMITS.body.max)
      throw new ValidationFailedError(
        `body: at most ${THREAD_LIMITS.body.max} characters once the mentioned names are written out`,
      );
    return rewritten;
  }

  /** Notifies everyone concerned by a new post, in its transaction. */
  async postCreated(
    manager: EntityManager,
    thread: NotifiedThread,
    post: NotifiedPost,
    options: { mentionsOnly?: boolean } = {},
  ): Promise<void> {
    const authorId = post.author.id;
    const mentioned = mentionedIds(post.body).filter((id) => id !== authorId);
    const parentAuthor =
      post.parentAuthorId && post.parentAuthorId !== authorId ? post.parentAuthorId : null;
    // One statement: the people concerned who may read the thread, with how they follow it.
    const audience = (await manager.query(this.sql.postAudience, [
      thread.id,
      authorId,
      [...mentioned, ...(parentAuthor ? [parentAuthor] : [])],
      thread.exchangeId,
    ])) as Array<{ id: string; follow_level: string | null }>;
    const level = new Map(audience.map((a) => [a.id, a.follow_level]));
    const told = new Set<string>();
    const group = (ids: string[]) => {
      const chosen = ids.filter((id) => level.has(id) && !told.has(id));
      for (const id of chosen) told.add(id);
      return chosen;
    };
    const mentions = group(mentioned);
    const replies = group(
      parentAuthor && level.get(parentAuthor) !== 'muted' ? [parentAuthor] : [],
    );
    const watchers = options.mentionsOnly
      ? []
      : group(audience.filter((a) => a.follow_level === 'watching').map((a) => a.id));

    const who = attributionOf(post.author, thread.attribution);
    const named = thread.attribution !== 'chatham-house';
    const data = {
      threadId: thread.id,
      threadTitle: thread.title,
      postId: post.id,
      seq: post.seq,
      exchangeId: thread.exchangeId,
      exchangeTitle: thread.exchangeTitle,
      authorId: named ? authorId : null,
      authorName: named ? post.author.displayName : null,
      attribution: named ? null : who,
    };
    const title = `"${thread.title}"`;
    // One key per post: a retried or repeated producer stores each person's notification once.
    if (mentions.length > 0)
      await this.notifications.notify(
        mentions,
        {
          kind: 'mention',
          text: `${capitalized(who)} mentioned you in ${title}.`,
          data: { ...data, reason: 'mention' },
          dedupeKey: `post-mention:${post.id}`,
        },
        manager,
      );
    if (replies.length > 0)
      await this.notifications.notify(
        replies,
        {
          kind: 'reply',
          text: `${capitalized(who)} replied to your post in ${title}.`,
          data: { ...data, reason: 'reply' },
          dedupeKey: `post:${post.id}`,
        },
        manager,
      );
    if (watchers.length > 0)
      await this.notifications.notify(
        watchers,
        {
          kind: 'reply',
          text: `${capitalized(who)} posted in ${title}, a thread you watch.`,
          data: { ...data, reason: 'watching' },
          dedupeKey: `post:${post.id}`,
        },
        manager,
      );
  }

  /** After an edit: people newly mentioned hear of it (those told before are not told again). */
  async postEdited(
    manager: EntityManager,
    thread: NotifiedThread,
    post: NotifiedPost,
  ): Promise<void> {
    await this.postCreated(
      manager,
      thread,
      { ...post, parentAuthorId: null },
      { mentionsOnly: true },
    );
  }
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
