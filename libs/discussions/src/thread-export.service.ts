// A thread as a markdown document (`GET /api/threads/:id/export?format=markdown`), in reading
// order (each post followed by its replies). It leaves the exchange, so under the Chatham House
// rule it names no one and no city: each author is "a participant from a European city", each
// mention "@a participant". Deleted and hidden posts are tombstones, for moderators too.
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { type AttributionRule, parseMentions } from '#libs/contracts';
import type { Actor } from '#libs/common';
import { PG_POOL } from '#libs/persistence';
import { DiscussionsSql } from './discussions-sql.js';
import { personOf, type PostRow } from './discussions.presenter.js';
import { POST_COLUMNS, ThreadAccess } from './thread-access.service.js';
import { attributionOf } from './thread-notifier.service.js';

/** An export reads at most this many posts (the whole of any real thread). */
const EXPORT_MAX_POSTS = 10_000;

/** Mentions written out for readers outside the thread: by name, or neutrally. */
export function mentionsForOutside(body: string, rule: AttributionRule): string {
  let result = '';
  let last = 0;
  for (const mention of parseMentions(body)) {
    result += body.slice(last, mention.index);
    result += rule === 'chatham-house' ? '@a participant' : `@${mention.label}`;
    last = mention.index + mention.length;
  }
  return result + body.slice(last);
}

@Injectable()
export class ThreadExport {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly sql: DiscussionsSql,
    private readonly access: ThreadAccess,
  ) {}

  async markdown(actor: Actor, threadId: string): Promise<{ fileName: string; text: string }> {
    const { row } = await this.access.thread(actor, threadId);
    const rule: AttributionRule = row.exchange_attribution ?? 'named';
    const { rows } = await this.pool.query<PostRow>(
      `SELECT ${POST_COLUMNS}, ${this.sql.personColumns('pa', 'pc', 'author')}
         FROM posts po ${this.sql.personJoin('po.author_id', 'pa', 'pc')}
        WHERE po.thread_id = $1 ORDER BY po.seq LIMIT $2`,
      [threadId, EXPORT_MAX_POSTS],
    );
    const children = new Map<string | null, PostRow[]>();
    for (const post of rows)
      children.set(post.parent_id, [...(children.get(post.parent_id) ?? []), post]);
    const bySeq = new Map(rows.map((p) => [p.id, p.seq]));
    const lines: string[] = [`# ${row.title}`, ''];
    lines.push(
      `- Where: ${row.exchange_id ? `the exchange "${row.exchange_title}"` : 'the network commons'}`,
      `- Kind: ${row.kind}`,
      `- Started: ${row.created_at.toISOString()}`,
    );
    if (rule === 'chatham-house')
      lines.push(
        '- Under the Chatham House rule: what was said may be used, but no one is named or placed by city.',
      );
    lines.push('');
    const write = (post: PostRow) => {
      const removed = post.deleted_at !== null || post.hidden_at !== null;
      const keep = !removed || post.reply_count > 0;
      if (keep) {
        const who = removed
          ? 'removed'
          : attributionOf(personOf(post.author_id, post, 'author'), rule);
        const answer = row.answer_post_id === post.id ? ' · marked as the answer' : '';
        const to =
          post.parent_id && post.depth > 1 ? ` · in reply to #${bySeq.get(post.parent_id)}` : '';
        lines.push(
          '---',
          '',
          `**#${post.seq}** · ${who} · ${post.created_at.toISOString()}${to}${answer}`,
          '',
        );
        lines.push(removed ? '_This post was removed._' : mentionsForOutside(post.body, rule), '');
      }
      for (const child of children.get(post.id) ?? []) write(child);
    };
    for (const root of children.get(null) ?? []) write(root);
    const slug =
      row.title
        .normalize('NFKD')
        .replace(/[^\w\s-]/g, '')
        .trim()
        .replace(/\s+/g, '-')
        .toLowerCase()
        .slice(0, 60) || 'thread';
    return { fileName: `${slug}.md`, text: lines.join('\n') };
  }
}
