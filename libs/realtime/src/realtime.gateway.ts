// The connection itself, for every library that speaks on /live: the handshake (token, status,
// per-person cap), each person's and each session's channel, token renewal and the drop at its
// expiry, and the inbox's live fan-out. Domain gateways (live rooms, threads) add their events.
import { Inject, Logger, OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  WebSocketGateway,
} from '@nestjs/websockets';
import { type AuthRenewed, LIVE_NAMESPACE, type LiveAck } from '#libs/contracts';
import { NotificationsService, presentNotification } from '#libs/notifications';
import { type AppConfig, APP_CONFIG } from '#libs/config';
import { DomainEvents } from '#libs/common';
import {
  memberChannel,
  type RealtimeNamespace,
  type RealtimeSocket,
  sessionChannel,
} from './channels.js';
import { OnClientEvent } from './client-event.js';
import { EventBudget } from './event-budget.service.js';
import { RenewAuthDto } from './realtime.dto.js';
import { RealtimeAcks } from './realtime-ack.js';
import {
  RealtimeAuthenticator,
  TooManyConnectionsError,
} from './realtime-authenticator.service.js';
import { RealtimeServer } from './realtime-server.service.js';

@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class RealtimeGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy
{
  private readonly logger = new Logger('RealtimeGateway');
  /** Open (or opening) connections per person on this node, for the per-person cap. */
  private readonly connectionsPerPerson = new Map<string, number>();
  private readonly expiryTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly authenticator: RealtimeAuthenticator,
    private readonly server: RealtimeServer,
    private readonly acks: RealtimeAcks,
    private readonly budget: EventBudget,
    private readonly notifications: NotificationsService,
    private readonly events: DomainEvents,
  ) {}

  afterInit(nsp: RealtimeNamespace): void {
    this.server.attach(nsp);
    // Guards do not run on connect: the handshake is authenticated here, before any event.
    nsp.use((socket, next) => {
      this.authenticator
        .authenticate(socket.handshake.auth)
        .then((data) => {
          const open = this.connectionsPerPerson.get(data.actor.id) ?? 0;
          if (open >= this.config.LIVE_MAX_CONNECTIONS_PER_PERSON)
            throw new TooManyConnectionsError(this.config.LIVE_MAX_CONNECTIONS_PER_PERSON);
          this.connectionsPerPerson.set(data.actor.id, open + 1);
          socket.once('disconnect', () => this.countClosed(data.actor.id));
          socket.data = data;
          next();
        })
        .catch((error: unknown) => next(this.authenticator.connectError(error)));
    });
    this.notifications.onCreated((n) =>
      nsp.to(memberChannel(n.recipientId)).emit('notification.created', presentNotification(n)),
    );
    // The review queue's count, to each moderator's connections (their pages refresh it).
    this.events.on('moderation.queue-changed', ({ exchangeId, openItems, moderatorIds }) => {
      if (moderatorIds.length > 0)
        nsp
          .to(moderatorIds.map(memberChannel))
          .emit('moderation.queue-changed', { exchangeId, openItems });
    });
  }

  handleConnection(socket: RealtimeSocket): void {
    void socket.join([memberChannel(socket.data.actor.id), sessionChannel(socket.data.sessionId)]);
    this.dropAtExpiry(socket);
  }

  handleDisconnect(socket: RealtimeSocket): void {
    clearTimeout(this.expiryTimers.get(socket.id));
    this.expiryTimers.delete(socket.id);
    this.budget.forget(socket.id);
  }

  onModuleDestroy(): void {
    for (const timer of this.expiryTimers.values()) clearTimeout(timer);
  }

  @OnClientEvent('auth.renew')
  renew(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() payload: unknown,
  ): Promise<LiveAck<AuthRenewed>> {
    return this.acks.run(
      socket,
      RenewAuthDto,
      payload,
      async ({ token }) => {
        const previous = socket.data;
        socket.data = await this.authenticator.renew(previous, token);
        if (socket.data.sessionId !== previous.sessionId) {
          await socket.leave(sessionChannel(previous.sessionId));
          await socket.join(sessionChannel(socket.data.sessionId));
        }
        this.dropAtExpiry(socket);
        return { expiresAt: new Date(socket.data.tokenExpiresAt).toISOString() };
      },
      { allowExpiredToken: true, cost: 2 },
    );
  }

  /** A connection that has not renewed by its token's expiry hears nothing more. */
  private dropAtExpiry(socket: RealtimeSocket): void {
    clearTimeout(this.expiryTimers.get(socket.id));
    const timer = setTimeout(
      () => {
        this.logger.debug(`dropping ${socket.id}: its access token expired`);
        socket.disconnect(true);
      },
      Math.max(0, socket.data.tokenExpiresAt - Date.now()),
    );
    timer.unref();
    this.expiryTimers.set(socket.id, timer);
  }

  private countClosed(practitionerId: string): void {
    const open = (this.connectionsPerPerson.get(practitionerId) ?? 1) - 1;
    if (open <= 0) this.connectionsPerPerson.delete(practitionerId);
    else this.connectionsPerPerson.set(practitionerId, open);
  }
}
