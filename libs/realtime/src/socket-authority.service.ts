// A connection holds authority only while its person still does. When an account, a session or
// a membership changes, every node re-derives what that person's open connections may hear, or
// drops them, before the change is answered. A drop also forgets the person's kept sign-in checks
// on each node, so their access tokens stop working on REST there too.
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '#libs/common';
import { ActorResolver } from '#libs/identity';
import { sessionChannel, type RealtimeSocket } from './channels.js';
import { RealtimeServer } from './realtime-server.service.js';

/** What changed, so a re-deriver can limit its work (e.g. to one exchange's rooms). */
export interface AuthorityChange {
  practitionerId: string;
  exchangeId?: string;
  roomId?: string;
  /** Told to the person when a change takes a room away from them. */
  reason: string;
}

/** Implemented by every library that puts connections in channels (live rooms, threads). */
export interface SocketRederiver {
  rederive(socket: RealtimeSocket, change: AuthorityChange): Promise<void>;
}

interface DropTask {
  practitionerId: string;
  /** Only the connections of this signed-in session; all of the person's when absent. */
  sessionId?: string;
}

@Injectable()
export class SocketAuthority implements OnModuleInit {
  private readonly rederivers: SocketRederiver[] = [];

  constructor(
    private readonly server: RealtimeServer,
    private readonly events: DomainEvents,
    private readonly actors: ActorResolver,
  ) {}

  onModuleInit(): void {
    this.server.onTask<DropTask>('authority.drop', async (task) => this.dropHere(task));
    this.server.onTask<AuthorityChange>('authority.rederive', async (change) =>
      this.rederiveHere(change),
    );
    const dropAll = ({ practitionerId }: { practitionerId: string }) =>
      this.drop({ practitionerId });
    this.events.on('account.suspended', dropAll);
    this.events.on('account.erased', dropAll);
    this.events.on('account.password-changed', dropAll);
    this.events.on('account.session-ended', ({ practitionerId, sessionId }) =>
      this.drop({ practitionerId, sessionId }),
    );
    this.events.on('exchange.membership-changed', ({ exchangeId, practitionerId, change }) =>
      this.rederive({
        practitionerId,
        exchangeId,
        reason:
          change === 'removed'
            ? 'You are no longer a member of this exchange.'
            : 'Your role in this exchange changed.',
      }),
    );
  }

  register(rederiver: SocketRederiver): void {
    this.rederivers.push(rederiver);
  }

  /**
   * Disconnects a person's connections (of one session, or all) and forgets their kept sign-in
   * checks, on every node.
   */
  drop(task: DropTask): Promise<void> {
    return this.server.onEveryNode('authority.drop', task);
  }

  /** Re-derives what a person's connections may hear, on every node. */
  rederive(change: AuthorityChange): Promise<void> {
    return this.server.onEveryNode('authority.rederive', change);
  }

  private async dropHere({ practitionerId, sessionId }: DropTask): Promise<void> {
    this.actors.forget(practitionerId);
    for (const socket of this.server.localSocketsOf(practitionerId)) {
      if (sessionId && !socket.rooms.has(sessionChannel(sessionId))) continue;
      socket.disconnect(true);
    }
  }

  private async rederiveHere(change: AuthorityChange): Promise<void> {
    for (const socket of this.server.localSocketsOf(change.practitionerId))
      for (const rederiver of this.rederivers) await rederiver.rederive(socket, change);
  }
}
