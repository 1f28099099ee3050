// What people viewing a thread hear through /live: new, edited, deleted and hidden posts and the
// thread's own changes. Each event is built from the database when it leaves (after the change
// committed), one at a time per thread on this node, so the last thread.updated a viewer hears
// always carries the newest state. A hidden post reaches its moderators whole, its author with
// the reason, and everyone else as post.deleted.
import { Injectable, Logger } from '@nestjs/common';
import type { PostDeleted, PostView, ThreadRemoved } from '#libs/contracts';
import { FlagsService } from '#libs/moderation';
import { memberChannel, RealtimeServer } from '#libs/realtime';
import { ANY_READER, MODERATOR_READER } from './discussions.presenter.js';
import { ThreadReads } from './thread-reads.service.js';

export const threadChannel = (threadId: string) => `thread:${threadId}`;
export const threadModeratorsChannel = (threadId: string) => `thread-mods:${threadId}`;
export const THREAD_CHANNEL_PREFIX = 'thread:';

@Injectable()
export class ThreadEvents {
  private readonly logger = new Logger('ThreadEvents');
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly server: RealtimeServer,
    private readonly reads: ThreadReads,
    private readonly flags: FlagsService,
  ) {}

  /** A new post, as its writer's transaction presented it (nobody removed a post yet unseen). */
  postCreated(threadId: string, post: PostView): Promise<void> {
    return this.inOrder(threadId, async () => {
      this.server.to(threadChannel(threadId)).emit('post.created', post);
    });
  }

  /** An edit, a reaction, a restore, or a hide (which members hear as post.deleted). */
  postChanged(threadId: string, postId: string): Promise<void> {
    return this.inOrder(threadId, async () => {
      const row = await this.reads.postRow(postId);
      if (row.deleted_at) return;
      const channel = threadChannel(threadId);
      const moderators = threadModeratorsChannel(threadId);
      if (!row.hidden_at) {
        const [[post], reporters] = await Promise.all([
          this.reads.present([row], ANY_READER),
          this.flags.seriousReportersOf('post', postId),
        ]);
        if (!post) return;
        if (reporters.length === 0) {
          this.server.to(channel).emit('post.updated', post);
          return;
        }
        // Who reported it as extremist content or personal data hears no more of it (their reads
        // show its tombstone); moderators see it as it is.
        this.server
          .to(channel)
          .except([moderators, ...reporters.map(memberChannel)])
          .emit('post.updated', post);
        this.server.to(moderators).emit('post.updated', post);
        return;
      }
      const deleted: PostDeleted = {
        threadId,
        postId,
        seq: row.seq,
        reason: 'hidden',
        tombstone: row.reply_count > 0,
      };
      this.server
        .to(channel)
        .except([moderators, memberChannel(row.author_id)])
        .emit('post.deleted', deleted);
      const [forAuthor] = await this.reads.present([row], { id: row.author_id, moderator: false });
      if (forAuthor)
        this.server
          .to(memberChannel(row.author_id))
          .except(moderators)
          .emit('post.updated', forAuthor);
      const [forModerators] = await this.reads.present([row], MODERATOR_READER);
      if (forModerators) this.server.to(moderators).emit('post.updated', forModerators);
    });
  }

  postDeleted(threadId: string, deleted: PostDeleted): Promise<void> {
    return this.inOrder(threadId, async () => {
      this.server.to(threadChannel(threadId)).emit('post.deleted', deleted);
    });
  }

  threadChanged(threadId: string): Promise<void> {
    return this.inOrder(threadId, async () => {
      const shared = await this.reads.shared(threadId);
      this.server.to(threadChannel(threadId)).emit('thread.updated', shared);
    });
  }

  threadRemoved(threadId: string, reason: string): Promise<void> {
    return this.inOrder(threadId, async () => {
      const removed: ThreadRemoved = { threadId, reason };
      this.server.to(threadChannel(threadId)).emit('thread.removed', removed);
    });
  }

  private inOrder(threadId: string, task: () => Promise<void>): Promise<void> {
    const run = (this.queues.get(threadId) ?? Promise.resolve()).then(task).catch((error) => {
      this.logger.warn(`thread ${threadId}: ${(error as Error).message}`);
    });
    this.queues.set(threadId, run);
    void run.then(() => {
      if (this.queues.get(threadId) === run) this.queues.delete(threadId);
    });
    return run;
  }
}
