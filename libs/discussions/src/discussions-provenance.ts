// Describes threads and posts to the practice library (provenance, "propose as a practice",
// quotes), as the asker may see them: a thread they may not read, or a deleted or hidden post,
// looks missing. A lesson learned is a thread's opening post: the thread's excerpt is its body.
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import { type Actor, ProvenanceSources } from '#libs/common';
import { PG_POOL } from '#libs/persistence';
import { ThreadAccess } from './thread-access.service.js';

const EXCERPT = 4000;

@Injectable()
export class DiscussionsProvenance implements OnModuleInit {
  constructor(
    private readonly sources: ProvenanceSources,
    private readonly access: ThreadAccess,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  onModuleInit(): void {
    this.sources.register('thread', { describe: (actor, id) => this.thread(actor, id) });
    this.sources.register('post', { describe: (actor, id) => this.post(actor, id) });
  }

  private async thread(actor: Actor | null, id: string) {
    if (!actor) return null;
    const context = await this.access.threadIfReadable(actor, id);
    if (!context || context.row.hidden_at) return null;
    const { row } = context;
    const opening = await this.body(row.first_post_id);
    return {
      title: row.title,
      excerpt: (opening ?? '').slice(0, EXCERPT),
      author: { id: row.author_id },
      exchangeId: row.exchange_id,
      chathamHouse: row.exchange_attribution === 'chatham-house',
      url: `/threads/${row.id}`,
      themes: row.themes.map((theme) => theme.slug),
      language: row.language,
    };
  }

  private async post(actor: Actor | null, id: string) {
    if (!actor) return null;
    const { rows } = await this.pool.query<{
      thread_id: string;
      seq: number;
      author_id: string;
      body: string;
      language: string;
    }>(
      `SELECT thread_id, seq, author_id, body, language FROM posts
        WHERE id = $1 AND deleted_at IS NULL AND hidden_at IS NULL`,
      [id],
    );
    const post = rows[0];
    if (!post) return null;
    const context = await this.access.threadIfReadable(actor, post.thread_id);
    if (!context || context.row.hidden_at) return null;
    return {
      title: context.row.title,
      excerpt: post.body.slice(0, EXCERPT),
      author: { id: post.author_id },
      exchangeId: context.row.exchange_id,
      chathamHouse: context.row.exchange_attribution === 'chatham-house',
      url: `/threads/${post.thread_id}#post-${post.seq}`,
      themes: context.row.themes.map((theme) => theme.slug),
      language: post.language,
    };
  }

  private async body(postId: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ body: string }>(
      'SELECT body FROM posts WHERE id = $1 AND deleted_at IS NULL AND hidden_at IS NULL',
      [postId],
    );
    return rows[0]?.body ?? null;
  }
}
