import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '#libs/notifications';
import { ModerationActionEntry } from './entities/moderation-action.entity.js';
import { ModeratedContents } from './moderated-content.js';
import { ModerationService } from './moderation.service.js';
import { ModerationPersonalData } from './moderation-personal-data.js';

/** Global: every library with content or members to moderate records through it. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ModerationActionEntry]), NotificationsModule],
  providers: [ModerationService, ModeratedContents, ModerationPersonalData],
  exports: [ModerationService, ModeratedContents],
})
export class ModerationModule {}
