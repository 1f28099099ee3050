// The review workflow over HTTP: submit, reviewers, per-field comments, decisions, publishing,
// archiving; and the queue of entries waiting for the caller.
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { HomeList, PracticeListItem, PracticeWorkingView } from '#libs/contracts';
import { Access, type Actor, CurrentActor } from '#libs/common';
import {
  ApproveDto,
  ArchiveDto,
  CommentDto,
  ListMineQuery,
  PublishDto,
  RequestChangesDto,
  ReviewerDto,
} from './dto/review.dto.js';
import { PracticeLists } from './practice-lists.service.js';
import { PracticeReader } from './practice-reader.service.js';
import { PracticeWorkflow } from './practice-workflow.service.js';

@ApiTags('practices')
@ApiBearerAuth()
@Controller('practices')
export class PracticeReviewController {
  constructor(
    private readonly workflow: PracticeWorkflow,
    private readonly reader: PracticeReader,
    private readonly lists: PracticeLists,
  ) {}

  /** Entries in review waiting for me (coordinators: every entry in review). */
  @Get('review-queue')
  @Access('member')
  queue(
    @CurrentActor() actor: Actor,
    @Query() query: ListMineQuery,
  ): Promise<HomeList<PracticeListItem>> {
    return this.lists.reviewQueue(actor, query.limit ?? 50, null);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Access('member')
  async submit(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    await this.workflow.submit(actor, id);
    return this.working(actor, id);
  }

  @Post(':id/reviewers')
  @HttpCode(200)
  @Access('coordinator')
  async assign(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReviewerDto,
  ) {
    await this.workflow.assignReviewer(actor, id, body.practitionerId);
    return this.working(actor, id);
  }

  @Delete(':id/reviewers/:practitionerId')
  @HttpCode(204)
  @Access('coordinator')
  async unassign(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('practitionerId', ParseUUIDPipe) practitionerId: string,
  ): Promise<void> {
    await this.workflow.unassignReviewer(actor, id, practitionerId);
  }

  /** A comment on one field (of one language, for texts), during review. */
  @Post(':id/comments')
  @Access('member')
  async comment(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CommentDto,
  ) {
    await this.workflow.comment(actor, id, body);
    return this.working(actor, id);
  }

  @Post(':id/request-changes')
  @HttpCode(200)
  @Access('member')
  async requestChanges(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RequestChangesDto,
  ) {
    await this.workflow.requestChanges(actor, id, body.comment);
    return this.working(actor, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Access('member')
  async approve(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ApproveDto,
  ) {
    await this.workflow.approve(actor, id, body.comment ?? null);
    return this.working(actor, id);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Access('coordinator')
  async publish(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PublishDto,
  ) {
    await this.workflow.publish(actor, id, body.visibility);
    return this.working(actor, id);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @Access('coordinator')
  async archive(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ArchiveDto,
  ) {
    await this.workflow.archive(actor, id, body.reason);
    return this.working(actor, id);
  }

  private working(actor: Actor, id: string): Promise<PracticeWorkingView> {
    return this.reader.working(actor, id);
  }
}
