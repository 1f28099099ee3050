import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Exchange, ExchangesModule } from '#libs/exchanges';
import { NotificationsModule } from '#libs/notifications';
import { CalendarFeedController } from './calendar-feed.controller.js';
import { CalendarFeed } from './entities/calendar-feed.entity.js';
import { Session } from './entities/session.entity.js';
import { SessionProvenance } from './session-provenance.js';
import { SessionReminders } from './session-reminders.service.js';
import { SessionsController } from './sessions.controller.js';
import { SessionsService } from './sessions.service.js';
import { SessionsPersonalData } from './sessions-personal-data.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([Session, CalendarFeed, Exchange]),
    ExchangesModule,
    NotificationsModule,
  ],
  controllers: [SessionsController, CalendarFeedController],
  providers: [SessionsService, SessionReminders, SessionsPersonalData, SessionProvenance],
  exports: [SessionsService],
})
export class SessionsModule {}
