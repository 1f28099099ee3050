// What discussions keep about a person. Exported: the threads they started, their posts with
// each earlier version, the replies others wrote to their posts (named as the thread names
// people to those outside it: by the Chatham House rule, neutrally), their reactions, read
// positions, follow levels and mutes. On erasure their posts stay, under the neutral name
// "Former member" (the exchange needs its conversation); reactions, read state and mutes go.
import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AttributionRule } from '#libs/contracts';
import { PersonalData } from '#libs/common';
import { DiscussionsSql } from './discussions-sql.js';
import { personOf, type PostRow } from './discussions.presenter.js';
import { mentionsForOutside } from './thread-export.service.js';
import { attributionOf } from './thread-notifier.service.js';

@Injectable()
export class DiscussionsPersonalData implements OnModuleInit {
  constructor(
    private readonly personalData: PersonalData,
    private readonly sql: DiscussionsSql,
  ) {}

  onModuleInit(): void {
    this.personalData.register({
      name: 'threads',
      columns: [
        'threads.author_id',
        'threads.created_by_id',
        'threads.pinned_by_id',
        'threads.locked_by_id',
        'threads.hidden_by_id',
        'posts.author_id',
        'posts.hidden_by_id',
        'thread_participants.practitioner_id',
      ],
      export: (id, manager) => this.writing(id, manager),
      // Kept: the exchange needs its conversation; the author's row already reads "Former member".
      erase: async () => undefined,
    });
    this.personalData.register({
      name: 'threadReading',
      columns: [
        'post_reactions.practitioner_id',
        'thread_readers.practitioner_id',
        'thread_mutes.practitioner_id',
      ],
      export: (id, manager) => this.reading(id, manager),
      erase: async (id, manager) => {
        await manager.query('DELETE FROM post_reactions WHERE practitioner_id = $1', [id]);
        await manager.query('DELETE FROM thread_readers WHERE practitioner_id = $1', [id]);
        await manager.query('DELETE FROM thread_mutes WHERE practitioner_id = $1', [id]);
      },
    });
  }

  private async writing(practitionerId: string, manager: EntityManager) {
    const threads = (await manager.query(
      `SELECT id, exchange_id, title, kind, language, created_at, created_by_id = $1 AS created_by_me,
              author_id = $1 AS opened_by_me
         FROM threads WHERE (author_id = $1 OR created_by_id = $1) AND deleted_at IS NULL
        ORDER BY created_at`,
      [practitionerId],
    )) as Array<{
      id: string;
      exchange_id: string | null;
      title: string;
      kind: string;
      language: string;
      created_at: Date;
    }>;
    const posts = (await manager.query(
      `SELECT p.id, p.thread_id, t.exchange_id, p.seq, p.body, p.language, p.created_at, p.edited_at,
              p.deleted_at, p.hidden_at,
              coalesce((SELECT json_agg(json_build_object('body', r.body, 'language', r.language,
                                         'createdAt', r.created_at) ORDER BY r.revision)
                          FROM post_revisions r WHERE r.post_id = p.id), '[]') AS revisions
         FROM posts p JOIN threads t ON t.id = p.thread_id
        WHERE p.author_id = $1 ORDER BY p.created_at`,
      [practitionerId],
    )) as Array<{
      id: string;
      thread_id: string;
      exchange_id: string | null;
      seq: number;
      body: string;
      language: string;
      created_at: Date;
      edited_at: Date | null;
      deleted_at: Date | null;
      hidden_at: Date | null;
      revisions: unknown[];
    }>;
    // Other people's words: only what is still shown, named as the thread names people outside it.
    const replies = (await manager.query(
      `SELECT r.id, r.thread_id, r.seq, r.body, r.language, r.created_at, r.author_id,
              p.seq AS in_reply_to_seq, ${this.sql.attributionOf('e')} AS attribution,
              ${this.sql.personColumns('pa', 'pc', 'author')}
         FROM posts p
         JOIN posts r ON r.parent_id = p.id
         JOIN threads t ON t.id = r.thread_id
         ${this.sql.exchangeOf('t.exchange_id', 'e')}
         ${this.sql.personJoin('r.author_id', 'pa', 'pc')}
        WHERE p.author_id = $1 AND r.author_id <> $1
          AND r.deleted_at IS NULL AND r.hidden_at IS NULL AND t.deleted_at IS NULL
        ORDER BY r.created_at`,
      [practitionerId],
    )) as Array<PostRow & { in_reply_to_seq: number; attribution: AttributionRule | null }>;
    const [moderated] = (await manager.query(
      `SELECT (SELECT count(*)::int FROM posts WHERE hidden_by_id = $1) AS posts_hidden,
              (SELECT count(*)::int FROM threads WHERE hidden_by_id = $1 OR pinned_by_id = $1
                                                   OR locked_by_id = $1) AS threads_acted_on`,
      [practitionerId],
    )) as Array<{ posts_hidden: number; threads_acted_on: number }>;
    return {
      threadsStarted: threads.map((t) => ({
        threadId: t.id,
        exchangeId: t.exchange_id,
        title: t.title,
        kind: t.kind,
        language: t.language,
        createdAt: t.created_at.toISOString(),
      })),
      posts: posts.map((p) => ({
        threadId: p.thread_id,
        exchangeId: p.exchange_id,
        seq: p.seq,
        body: p.body,
        language: p.language,
        createdAt: p.created_at.toISOString(),
        editedAt: p.edited_at?.toISOString() ?? null,
        deletedAt: p.deleted_at?.toISOString() ?? null,
        hiddenByModeratorAt: p.hidden_at?.toISOString() ?? null,
        earlierVersions: p.revisions,
      })),
      repliesToMyPosts: replies.map((r) => {
        const rule = r.attribution ?? 'named';
        return {
          threadId: r.thread_id,
          seq: r.seq,
          inReplyToSeq: r.in_reply_to_seq,
          author: attributionOf(personOf(r.author_id, r, 'author'), rule),
          body: mentionsForOutside(r.body, rule),
          language: r.language,
          createdAt: r.created_at.toISOString(),
        };
      }),
      asModerator: {
        postsHidden: moderated?.posts_hidden ?? 0,
        threadsActedOn: moderated?.threads_acted_on ?? 0,
      },
    };
  }

  private async reading(practitionerId: string, manager: EntityManager) {
    const reactions = (await manager.query(
      'SELECT post_id, reaction, created_at FROM post_reactions WHERE practitioner_id = $1 ORDER BY created_at',
      [practitionerId],
    )) as Array<{ post_id: string; reaction: string; created_at: Date }>;
    const readers = (await manager.query(
      'SELECT thread_id, last_read_seq, last_visit_at, follow_level FROM thread_readers WHERE practitioner_id = $1',
      [practitionerId],
    )) as Array<{
      thread_id: string;
      last_read_seq: number;
      last_visit_at: Date | null;
      follow_level: string;
    }>;
    const mutes = (await manager.query(
      'SELECT exchange_id, until FROM thread_mutes WHERE practitioner_id = $1',
      [practitionerId],
    )) as Array<{ exchange_id: string | null; until: Date }>;
    return {
      reactions: reactions.map((r) => ({
        postId: r.post_id,
        reaction: r.reaction,
        createdAt: r.created_at.toISOString(),
      })),
      threads: readers.map((r) => ({
        threadId: r.thread_id,
        readUpTo: r.last_read_seq,
        lastVisitAt: r.last_visit_at?.toISOString() ?? null,
        followLevel: r.follow_level,
      })),
      mutes: mutes.map((m) => ({ exchangeId: m.exchange_id, until: m.until.toISOString() })),
    };
  }
}
