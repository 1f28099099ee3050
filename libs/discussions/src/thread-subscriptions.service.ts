// Which connections hear which threads. A connection is put in a thread's channel (and its
// moderators', when it moderates there) only after its person's access was checked, and loses it
// the moment that access goes: when their membership or role changes (re-derived on every node
// by the realtime layer), and when the thread itself moves or is hidden (re-checked here on
// every node before anyone hears of the change).
import { Injectable, OnModuleInit } from '@nestjs/common';
import type { ThreadRemoved } from '#libs/contracts';
import {
  type AuthorityChange,
  RealtimeServer,
  type RealtimeSocket,
  SocketAuthority,
  type SocketRederiver,
} from '#libs/realtime';
import { canInThread } from './discussions.policy.js';
import { ThreadAccess, type ThreadContext } from './thread-access.service.js';
import {
  THREAD_CHANNEL_PREFIX,
  threadChannel,
  threadModeratorsChannel,
} from './thread-events.service.js';

const RECHECK_TASK = 'threads.recheck';

@Injectable()
export class ThreadSubscriptions implements SocketRederiver, OnModuleInit {
  constructor(
    private readonly access: ThreadAccess,
    private readonly server: RealtimeServer,
    private readonly authority: SocketAuthority,
  ) {}

  onModuleInit(): void {
    this.authority.register(this);
    this.server.onTask<{ threadId: string }>(RECHECK_TASK, ({ threadId }) =>
      this.recheckHere(threadId),
    );
  }

  /** Checks access, then puts the connection in the thread's channels. */
  async subscribe(socket: RealtimeSocket, threadId: string): Promise<ThreadContext> {
    const context = await this.access.thread(socket.data.actor, threadId);
    this.apply(socket, threadId, context);
    await socket.join(threadChannel(threadId));
    return context;
  }

  async unsubscribe(socket: RealtimeSocket, threadId: string): Promise<void> {
    await socket.leave(threadChannel(threadId));
    await socket.leave(threadModeratorsChannel(threadId));
  }

  /** The thread's audience changed (moved, hidden, restored): every node re-checks its sockets. */
  recheck(threadId: string): Promise<void> {
    return this.server.onEveryNode(RECHECK_TASK, { threadId });
  }

  async rederive(socket: RealtimeSocket, change: AuthorityChange): Promise<void> {
    for (const threadId of threadsOf(socket.rooms)) {
      const context = await this.access.threadIfReadable(socket.data.actor, threadId);
      if (context && change.exchangeId && context.row.exchange_id !== change.exchangeId) continue;
      await this.settle(socket, threadId, context, change.reason);
    }
  }

  private async recheckHere(threadId: string): Promise<void> {
    let ids: Set<string> | undefined;
    try {
      ids = this.server.namespace.adapter.rooms.get(threadChannel(threadId));
    } catch {
      return; // not listening yet
    }
    for (const id of [...(ids ?? [])]) {
      const socket = this.server.namespace.sockets.get(id) as RealtimeSocket | undefined;
      if (!socket) continue;
      const context = await this.access.threadIfReadable(socket.data.actor, threadId);
      await this.settle(socket, threadId, context, 'You can no longer read this thread.');
    }
  }

  private async settle(
    socket: RealtimeSocket,
    threadId: string,
    context: ThreadContext | null,
    reason: string,
  ): Promise<void> {
    if (context) {
      this.apply(socket, threadId, context);
      return;
    }
    await this.unsubscribe(socket, threadId);
    const removed: ThreadRemoved = { threadId, reason };
    socket.emit('thread.removed', removed);
  }

  private apply(socket: RealtimeSocket, threadId: string, context: ThreadContext): void {
    // Synchronous with the in-memory and cluster adapters: the next broadcast sees it.
    if (canInThread(socket.data.actor, 'moderate', context.state))
      void socket.join(threadModeratorsChannel(threadId));
    else void socket.leave(threadModeratorsChannel(threadId));
  }
}

function threadsOf(channels: Iterable<string>): string[] {
  return [...channels]
    .filter((c) => c.startsWith(THREAD_CHANNEL_PREFIX))
    .map((c) => c.slice(THREAD_CHANNEL_PREFIX.length));
}
