import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '#libs/notifications';
import { AuditLogService } from './audit-log.service.js';
import { Flag } from './entities/flag.entity.js';
import { ModerationActionEntry } from './entities/moderation-action.entity.js';
import { FlagsController } from './flags.controller.js';
import { FlagsService } from './flags.service.js';
import { MemberSanctions } from './member-sanctions.js';
import { ModeratedContents } from './moderated-content.js';
import { ModerationService } from './moderation.service.js';
import { ModerationPersonalData } from './moderation-personal-data.js';
import { ReviewQueueService } from './review-queue.service.js';
import { ReviewQueueSignals } from './review-queue-signals.js';

/** Global: every library with content or members to moderate records through it. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ModerationActionEntry, Flag]), NotificationsModule],
  controllers: [FlagsController],
  providers: [
    ModerationService,
    ModeratedContents,
    ModerationPersonalData,
    MemberSanctions,
    FlagsService,
    ReviewQueueSignals,
    ReviewQueueService,
    AuditLogService,
  ],
  exports: [ModerationService, ModeratedContents, MemberSanctions, FlagsService],
})
export class ModerationModule {}
