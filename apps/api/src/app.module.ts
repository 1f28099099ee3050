import { DynamicModule, Module } from '@nestjs/common';
import { CitiesModule } from '#libs/cities';
import { DomainEventsModule, PersonalDataModule, ProvenanceModule } from '#libs/common';
import { IdentityModule } from '#libs/identity';
import { PersistenceModule } from '#libs/persistence';
import { AppConfig } from '#libs/config';
import { PractitionersModule } from '#libs/practitioners';
import { ThemesModule } from '#libs/themes';
import { ExchangesModule } from '#libs/exchanges';
import { DiscussionsModule } from '#libs/discussions';
import { FilesModule } from '#libs/files';
import { HomeModule } from '#libs/home';
import { LiveModule } from '#libs/live';
import { ModerationModule } from '#libs/moderation';
import { MailModule } from '#libs/mail';
import { NotificationsModule } from '#libs/notifications';
import { PracticesModule } from '#libs/practices';
import { RealtimeModule } from '#libs/realtime';
import { SessionsModule } from '#libs/sessions';
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
