// The thread events of /live: a member viewing a thread subscribes to hear its new, edited,
// deleted and hidden posts and its changes. Each handler is event → validate (the realtime acks)
// → one command. Access is checked on subscribe and whenever it may have changed.
import { ConnectedSocket, MessageBody, WebSocketGateway } from '@nestjs/websockets';
import { LIVE_NAMESPACE, type LiveAck, type ThreadSubscribed } from '#libs/contracts';
import { OnClientEvent, RealtimeAcks, type RealtimeSocket } from '#libs/realtime';
import { canInThread } from './discussions.policy.js';
import { ThreadRefDto } from './dto/threads.dto.js';
import { ThreadReads } from './thread-reads.service.js';
import { ThreadSubscriptions } from './thread-subscriptions.service.js';

type Ack<T> = Promise<LiveAck<T>>;

@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class ThreadsGateway {
  constructor(
    private readonly acks: RealtimeAcks,
    private readonly subscriptions: ThreadSubscriptions,
    private readonly reads: ThreadReads,
  ) {}

  @OnClientEvent('thread.subscribe')
  subscribe(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() payload: unknown,
  ): Ack<ThreadSubscribed> {
    return this.acks.run(socket, ThreadRefDto, payload, async ({ threadId }) => {
      const context = await this.subscriptions.subscribe(socket, threadId);
      return {
        thread: await this.reads.shared(threadId),
        canModerate: canInThread(socket.data.actor, 'moderate', context.state),
      };
    });
  }

  @OnClientEvent('thread.unsubscribe')
  unsubscribe(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() payload: unknown,
  ): Ack<{ threadId: string }> {
    return this.acks.run(socket, ThreadRefDto, payload, async ({ threadId }) => {
      await this.subscriptions.unsubscribe(socket, threadId);
      return { threadId };
    });
  }
}
