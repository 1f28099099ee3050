import { Module } from '@nestjs/common';
import { ExchangesModule } from '../../exchanges/src/index.js';
import { NotificationsModule } from '../../notifications/src/index.js';
import { PractitionersModule } from '../../practitioners/src/index.js';
import { LiveAuthenticator } from './live-authenticator.service.js';
import { LiveController } from './live.controller.js';
import { LiveGateway } from './live.gateway.js';
import { MessagesService } from './messages.service.js';
import { ModerationService } from './moderation.service.js';
import { PresenceService } from './presence.service.js';
import { RoomsService } from './rooms.service.js';
import { SendRateLimiter } from './send-rate-limiter.service.js';

@Module({
  imports: [ExchangesModule, NotificationsModule, PractitionersModule],
  controllers: [LiveController],
  providers: [
    LiveGateway,
    LiveAuthenticator,
    RoomsService,
    MessagesService,
    ModerationService,
    PresenceService,
    SendRateLimiter,
  ],
})
export class LiveModule {}
