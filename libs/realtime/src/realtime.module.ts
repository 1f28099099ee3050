import { Global, Module } from '@nestjs/common';
import { NotificationsModule } from '#libs/notifications';
import { PractitionersModule } from '#libs/practitioners';
import { EventBudget } from './event-budget.service.js';
import { RealtimeAcks } from './realtime-ack.js';
import { RealtimeAuthenticator } from './realtime-authenticator.service.js';
import { RealtimeGateway } from './realtime.gateway.js';
import { RealtimeServer } from './realtime-server.service.js';
import { SocketAuthority } from './socket-authority.service.js';

/** The connection layer of /live, shared by live rooms, threads and practices. */
@Global()
@Module({
  imports: [NotificationsModule, PractitionersModule],
  providers: [
    RealtimeGateway,
    RealtimeAuthenticator,
    RealtimeServer,
    RealtimeAcks,
    EventBudget,
    SocketAuthority,
  ],
  exports: [RealtimeServer, RealtimeAcks, SocketAuthority],
})
export class RealtimeModule {}
