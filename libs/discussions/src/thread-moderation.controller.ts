// Moderating threads: lock, unlock, pin, unpin, move, merge, hide and restore threads and posts,
// and mutes in an exchange's threads. Every action takes a reason for the audit log.
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { PostView, ThreadView } from '#libs/contracts';
import { Access, type Actor, CurrentActor } from '#libs/common';
import {
  MergeThreadDto,
  MoveThreadDto,
  ReasonDto,
  ThreadMuteDto,
  ThreadUnmuteDto,
} from './dto/threads.dto.js';
import { MODERATOR_READER } from './discussions.presenter.js';
import { ThreadAccess } from './thread-access.service.js';
import { ThreadModeration } from './thread-moderation.service.js';
import { ThreadReads } from './thread-reads.service.js';

@ApiTags('thread moderation')
@ApiBearerAuth()
@Controller()
export class ThreadModerationController {
  constructor(
    private readonly moderation: ThreadModeration,
    private readonly reads: ThreadReads,
    private readonly access: ThreadAccess,
  ) {}

  @Post('threads/:id/lock')
  @HttpCode(200)
  @Access('member')
  lock(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReasonDto,
  ) {
    return this.flag(actor, id, 'lock', body.reason);
  }

  @Post('threads/:id/unlock')
  @HttpCode(200)
  @Access('member')
  unlock(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReasonDto,
  ) {
    return this.flag(actor, id, 'unlock', body.reason);
  }

  @Post('threads/:id/pin')
  @HttpCode(200)
  @Access('member')
  pin(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReasonDto,
  ) {
    return this.flag(actor, id, 'pin', body.reason);
  }

  @Post('threads/:id/unpin')
  @HttpCode(200)
  @Access('member')
  unpin(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReasonDto,
  ) {
    return this.flag(actor, id, 'unpin', body.reason);
  }

  /** To another exchange, or (exchangeId null) to the commons. */
  @Post('threads/:id/move')
  @HttpCode(200)
  @Access('member')
  async move(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: MoveThreadDto,
  ): Promise<ThreadView> {
    await this.moderation.move(actor, id, body.exchangeId, body.reason);
    return this.view(actor, id);
  }

  /** This thread (a duplicate) continues in `intoThreadId`; answers the thread that goes on. */
  @Post('threads/:id/merge')
  @HttpCode(200)
  @Access('member')
  async merge(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: MergeThreadDto,
  ): Promise<ThreadView> {
    await this.moderation.merge(actor, id, body.intoThreadId, body.reason);
    return this.view(actor, body.intoThreadId);
  }

  @Post('threads/:id/hide')
  @HttpCode(200)
  @Access('member')
  async hideThread(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReasonDto,
  ): Promise<ThreadView> {
    await this.access.thread(actor, id, 'moderate');
    await this.moderation.hideThread(actor, id, body.reason);
    return this.view(actor, id);
  }

  @Post('threads/:id/restore')
  @HttpCode(200)
  @Access('member')
  async restoreThread(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReasonDto,
  ): Promise<ThreadView> {
    await this.access.thread(actor, id, 'moderate');
    await this.moderation.restoreThread(actor, id, body.reason);
    return this.view(actor, id);
  }

  @Post('posts/:id/hide')
  @HttpCode(200)
  @Access('member')
  async hidePost(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReasonDto,
  ): Promise<PostView> {
    await this.access.post(actor, id, 'moderate');
    await this.moderation.hidePost(actor, id, body.reason);
    return this.reads.post(id, MODERATOR_READER);
  }

  @Post('posts/:id/restore')
  @HttpCode(200)
  @Access('member')
  async restorePost(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReasonDto,
  ): Promise<PostView> {
    await this.access.post(actor, id, 'moderate');
    await this.moderation.restorePost(actor, id, body.reason);
    return this.reads.post(id, MODERATOR_READER);
  }

  /** Mutes a member in an exchange's threads (or the commons') for some minutes. */
  @Post('thread-mutes')
  @HttpCode(200)
  @Access('member')
  async mute(
    @CurrentActor() actor: Actor,
    @Body() body: ThreadMuteDto,
  ): Promise<{ practitionerId: string; until: string }> {
    const until = await this.moderation.mute(
      actor,
      body.exchangeId ?? null,
      body.practitionerId,
      body.minutes,
      body.reason,
    );
    return { practitionerId: body.practitionerId, until: until.toISOString() };
  }

  @Post('thread-mutes/lift')
  @HttpCode(204)
  @Access('member')
  async unmute(@CurrentActor() actor: Actor, @Body() body: ThreadUnmuteDto): Promise<void> {
    await this.moderation.unmute(actor, body.exchangeId ?? null, body.practitionerId, body.reason);
  }

  private async flag(
    actor: Actor,
    id: string,
    action: 'lock' | 'unlock' | 'pin' | 'unpin',
    reason: string,
  ): Promise<ThreadView> {
    await this.moderation.flag(actor, id, action, reason);
    return this.view(actor, id);
  }

  private async view(actor: Actor, id: string): Promise<ThreadView> {
    return this.reads.view(actor, await this.access.thread(actor, id));
  }
}
