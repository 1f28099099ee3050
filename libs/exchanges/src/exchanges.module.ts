import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '#libs/notifications';
import { ThemesModule } from '#libs/themes';
import { ExchangeMember } from './entities/exchange-member.entity.js';
import { ExchangeVisit } from './entities/exchange-visit.entity.js';
import { Exchange } from './entities/exchange.entity.js';
import { JoinRequest } from './entities/join-request.entity.js';
import { ExchangeAccess } from './exchange-access.service.js';
import { ExchangeContent } from './exchange-content.js';
import { ExchangeStandingForModeration } from './exchange-standing.js';
import { ExchangeProvenance } from './exchange-provenance.js';
import { ExchangesPersonalData } from './exchanges-personal-data.js';
import { ExchangeVisits } from './exchange-visits.service.js';
import { ExchangesController } from './exchanges.controller.js';
import { ExchangesService } from './exchanges.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([Exchange, ExchangeMember, JoinRequest, ExchangeVisit]),
    ThemesModule,
    NotificationsModule,
  ],
  controllers: [ExchangesController],
  providers: [
    ExchangesService,
    ExchangeAccess,
    ExchangeContent,
    ExchangesPersonalData,
    ExchangeVisits,
    ExchangeStandingForModeration,
    ExchangeProvenance,
  ],
  exports: [ExchangeAccess, ExchangesService, ExchangeContent, ExchangeVisits],
})
export class ExchangesModule {}
