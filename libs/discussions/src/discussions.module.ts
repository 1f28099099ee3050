import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ExchangesModule } from '#libs/exchanges';
import { FilesModule } from '#libs/files';
import { LiveModule } from '#libs/live';
import { NotificationsModule } from '#libs/notifications';
import { AfterCommit } from './after-commit.js';
import { DiscussionsProvenance } from './discussions-provenance.js';
import { DiscussionsPersonalData } from './discussions-personal-data.js';
import { DiscussionsSql } from './discussions-sql.js';
import { Post } from './entities/post.entity.js';
import { Thread } from './entities/thread.entity.js';
import { PostsController } from './posts.controller.js';
import { PostsService } from './posts.service.js';
import { ThreadAccess } from './thread-access.service.js';
import { ThreadEvents } from './thread-events.service.js';
import { ThreadExport } from './thread-export.service.js';
import { ThreadModerationController } from './thread-moderation.controller.js';
import { ThreadModeration } from './thread-moderation.service.js';
import { ThreadNotifier } from './thread-notifier.service.js';
import { ThreadReads } from './thread-reads.service.js';
import { ThreadSubscriptions } from './thread-subscriptions.service.js';
import { ThreadsController } from './threads.controller.js';
import { ThreadsGateway } from './threads.gateway.js';
import { ThreadsService } from './threads.service.js';

/** Threaded discussions in exchanges and the commons; live through the realtime layer (global). */
@Module({
  imports: [
    TypeOrmModule.forFeature([Thread, Post]),
    ExchangesModule,
    NotificationsModule,
    LiveModule,
    FilesModule,
  ],
  controllers: [ThreadsController, PostsController, ThreadModerationController],
  providers: [
    AfterCommit,
    DiscussionsSql,
    DiscussionsPersonalData,
    DiscussionsProvenance,
    PostsService,
    ThreadAccess,
    ThreadEvents,
    ThreadExport,
    ThreadModeration,
    ThreadNotifier,
    ThreadReads,
    ThreadSubscriptions,
    ThreadsGateway,
    ThreadsService,
  ],
  exports: [ThreadReads, ThreadModeration, ThreadExport],
})
export class DiscussionsModule {}
