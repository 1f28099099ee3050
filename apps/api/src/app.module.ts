import { DynamicModule, Module } from '@nestjs/common';
import { CitiesModule } from '../../../libs/cities/src/index.js';
import {
  DomainEventsModule,
  PersonalDataModule,
  ProvenanceModule,
} from '../../../libs/common/src/index.js';
import { IdentityModule } from '../../../libs/identity/src/index.js';
import { AppConfig, PersistenceModule } from '../../../libs/persistence/src/index.js';
import { PractitionersModule } from '../../../libs/practitioners/src/index.js';
import { ThemesModule } from '../../../libs/themes/src/index.js';
import { ExchangesModule } from '../../../libs/exchanges/src/index.js';
import { DiscussionsModule } from '../../../libs/discussions/src/index.js';
import { FilesModule } from '../../../libs/files/src/index.js';
import { HomeModule } from '../../../libs/home/src/index.js';
import { LiveModule } from '../../../libs/live/src/index.js';
import { ModerationModule } from '../../../libs/moderation/src/index.js';
import { MailModule } from '../../../libs/mail/src/index.js';
import { NotificationsModule } from '../../../libs/notifications/src/index.js';
import { PracticesModule } from '../../../libs/practices/src/index.js';
import { RealtimeModule } from '../../../libs/realtime/src/index.js';
import { SessionsModule } from '../../../libs/sessions/src/index.js';
import { HealthController } from './health.controller.js';

export interface RuntimeSettings {
  config: AppConfig;
  databaseUrl: string;
  jwtSecret: string;
}

@Module({})
export class AppModule {
  static forRoot(settings: RuntimeSettings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PersistenceModule.forRoot(settings.config, settings.databaseUrl),
        DomainEventsModule,
        MailModule,
        PersonalDataModule,
        ProvenanceModule,
        IdentityModule.forRoot(settings.jwtSecret),
        ThemesModule,
        CitiesModule,
        PractitionersModule,
        NotificationsModule,
        ModerationModule,
        ExchangesModule,
        SessionsModule,
        RealtimeModule,
        LiveModule,
        DiscussionsModule,
        PracticesModule,
        HomeModule,
        FilesModule,
      ],
      controllers: [HealthController],
    };
  }
}
