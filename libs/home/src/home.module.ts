import { Module } from '@nestjs/common';
import { DiscussionsModule } from '#libs/discussions';
import { ExchangesModule } from '#libs/exchanges';
import { LiveModule } from '#libs/live';
import { NotificationsModule } from '#libs/notifications';
import { PracticesModule } from '#libs/practices';
import { PractitionersModule } from '#libs/practitioners';
import { SessionsModule } from '#libs/sessions';
import { HOME_SECTIONS, type HomeSectionProvider } from './home-section.js';
import { HomeController } from './home.controller.js';
import { HomeService } from './home.service.js';
import { ExchangesSection } from './sections/exchanges.section.js';
import { InvitationsSection } from './sections/invitations.section.js';
import { JoinRequestsSection } from './sections/join-requests.section.js';
import { NeverSignedInSection } from './sections/never-signed-in.section.js';
import { NewPracticesSection } from './sections/new-practices.section.js';
import { NextSessionsSection } from './sections/next-sessions.section.js';
import { NotificationsSection } from './sections/notifications.section.js';
import { PracticeReviewsSection } from './sections/practice-reviews.section.js';
import { QuietExchangesSection } from './sections/quiet-exchanges.section.js';
import { UnreadThreadsSection } from './sections/unread-threads.section.js';
import { WaitingRepliesSection } from './sections/waiting-replies.section.js';
import { QuoteRequestsSection } from './sections/quote-requests.section.js';

/** Every section of the home page; a new one is added here (and in libs/contracts' HomeSections). */
const SECTIONS = [
  NextSessionsSection,
  ExchangesSection,
  NotificationsSection,
  JoinRequestsSection,
  InvitationsSection,
  QuietExchangesSection,
  NeverSignedInSection,
  UnreadThreadsSection,
  WaitingRepliesSection,
  NewPracticesSection,
  PracticeReviewsSection,
  QuoteRequestsSection,
];

// The invitations and accounts sections use identity's services, provided globally by
// IdentityModule.forRoot.
@Module({
  imports: [
    ExchangesModule,
    SessionsModule,
    NotificationsModule,
    PractitionersModule,
    LiveModule,
    DiscussionsModule,
    PracticesModule,
  ],
  controllers: [HomeController],
  providers: [
    ...SECTIONS,
    {
      provide: HOME_SECTIONS,
      useFactory: (...sections: HomeSectionProvider[]) => sections,
      inject: SECTIONS,
    },
    HomeService,
  ],
})
export class HomeModule {}
