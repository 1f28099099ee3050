import { Module } from '@nestjs/common';
import { ExchangesModule } from '#libs/exchanges';
import { NotificationsModule } from '#libs/notifications';
import { ConversationController } from './conversation.controller.js';
import { LiveController } from './live.controller.js';
import { LiveGateway } from './live.gateway.js';
import { MentionsService } from './mentions.service.js';
import { MessageProvenance } from './message-provenance.js';
import { MessagesService } from './messages.service.js';
import { MessageThreads } from './message-threads.service.js';
import { LiveSql } from './live-sql.js';
import { LivePersonalData } from './live-personal-data.js';
import { RoomActivity } from './room-activity.js';
import { RoomModeration } from './room-moderation.service.js';
import { PresenceService } from './presence.service.js';
import { ReadStateGateway } from './read-state.gateway.js';
import { ReadStateService } from './read-state.service.js';
import { RoomGrants } from './room-grants.service.js';
import { RoomsService } from './rooms.service.js';
import { SendRateLimiter } from './send-rate-limiter.service.js';

/** Live rooms; their connections come from the realtime layer (RealtimeModule, global). */
@Module({
  imports: [ExchangesModule, NotificationsModule],
  controllers: [LiveController, ConversationController],
  exports: [RoomActivity, MessageThreads],
  providers: [
    LiveGateway,
    RoomsService,
    MessagesService,
    MessageThreads,
    RoomModeration,
    LiveSql,
    LivePersonalData,
    RoomActivity,
    PresenceService,
    RoomGrants,
    SendRateLimiter,
    MentionsService,
    ReadStateService,
    ReadStateGateway,
    MessageProvenance,
  ],
})
export class LiveModule {}
