import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { City } from '#libs/cities';
import { Exchange, ExchangesModule } from '#libs/exchanges';
import { FilesModule } from '#libs/files';
import { NotificationsModule } from '#libs/notifications';
import { Practitioner } from '#libs/practitioners';
import { ThemesModule } from '#libs/themes';
import { CompendiumController } from './compendium/compendium.controller.js';
import { CompendiumService } from './compendium/compendium.service.js';
import { Practice } from './entities/practice.entity.js';
import { PracticeText } from './entities/practice-text.entity.js';
import { PracticeVersion } from './entities/practice-version.entity.js';
import { PracticeQuote, PracticeSource } from './entities/provenance.entities.js';
import { PracticeComment, PracticeEvent, PracticeReviewer } from './entities/review.entities.js';
import { PracticeAccess } from './practice-access.service.js';
import { PracticeAuthoringController } from './practice-authoring.controller.js';
import { PracticeDocuments } from './practice-documents.service.js';
import { PracticeLists } from './practice-lists.service.js';
import { PracticeLookups } from './practice-lookups.js';
import { PracticeModerationController } from './practice-moderation.controller.js';
import { PracticeModeration } from './practice-moderation.service.js';
import { PracticeReader } from './practice-reader.service.js';
import { PracticeReviewController } from './practice-review.controller.js';
import { PracticeWorkflow } from './practice-workflow.service.js';
import { PracticesController } from './practices.controller.js';
import { PracticesPersonalData } from './practices-personal-data.js';
import { PracticesService } from './practices.service.js';
import { QuoteConsentsController } from './quote-consents.controller.js';
import { QuoteConsents } from './quote-consents.service.js';
import { PracticeIndex } from './search/practice-index.js';
import { PracticeSearch } from './search/practice-search.service.js';
import { SearchBudget } from './search/search-budget.js';
import { SearchResults } from './search/search-results.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Practice,
      PracticeText,
      PracticeVersion,
      PracticeReviewer,
      PracticeComment,
      PracticeEvent,
      PracticeSource,
      PracticeQuote,
      City,
      Exchange,
      Practitioner,
    ]),
    ExchangesModule,
    FilesModule,
    ThemesModule,
    NotificationsModule,
  ],
  // Static paths (/practices/mine, /review-queue, /compendium) before /practices/:ref.
  controllers: [
    PracticeAuthoringController,
    PracticeReviewController,
    CompendiumController,
    QuoteConsentsController,
    PracticeModerationController,
    PracticesController,
  ],
  providers: [
    PracticeAccess,
    PracticeLookups,
    PracticeReader,
    PracticesService,
    PracticeWorkflow,
    PracticeDocuments,
    PracticeModeration,
    PracticeLists,
    PracticeIndex,
    PracticeSearch,
    SearchResults,
    SearchBudget,
    QuoteConsents,
    CompendiumService,
    PracticesPersonalData,
  ],
  exports: [PracticeLists, QuoteConsents, PracticeWorkflow, PracticeSearch, PracticeIndex],
})
export class PracticesModule {}
