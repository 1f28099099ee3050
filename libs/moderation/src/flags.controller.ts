// Reporting content, the review queue and the audit log: transport only (the rules are in the
// services; any member passes the guard, the services decide who moderates where).
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuditPage, FlagReceipt, QueueDecisionResult, QueuePage } from '#libs/contracts';
import { Access, type Actor, CurrentActor } from '#libs/common';
import { AuditLogService } from './audit-log.service.js';
import {
  AuditQuery,
  CreateFlagDto,
  QueueDecisionDto,
  QueueQuery,
  QueueSubjectParams,
} from './dto/moderation.dto.js';
import { FlagsService } from './flags.service.js';
import { ReviewQueueService } from './review-queue.service.js';

@ApiTags('moderation')
@ApiBearerAuth()
@Controller()
export class FlagsController {
  constructor(
    private readonly flags: FlagsService,
    private readonly queue: ReviewQueueService,
    private readonly audit: AuditLogService,
  ) {}

  /** Report an item you can see; 404 for one you cannot (or that does not exist). */
  @Post('flags')
  @Access('member')
  create(@CurrentActor() actor: Actor, @Body() body: CreateFlagDto): Promise<FlagReceipt> {
    return this.flags.create(actor, body);
  }

  @Get('moderation/queue')
  @Access('member')
  list(@CurrentActor() actor: Actor, @Query() query: QueueQuery): Promise<QueuePage> {
    return this.queue.list(actor, query);
  }

  @Post('moderation/queue/:subjectType/:subjectId/decision')
  @HttpCode(200)
  @Access('member')
  decide(
    @CurrentActor() actor: Actor,
    @Param() params: QueueSubjectParams,
    @Body() body: QueueDecisionDto,
  ): Promise<QueueDecisionResult> {
    return this.queue.decide(actor, { type: params.subjectType, id: params.subjectId }, body);
  }

  /** The audit log; `format=csv` downloads it (newest first). */
  @Get('moderation/actions')
  @Access('member')
  @ApiProduces('application/json', 'text/csv')
  async actions(
    @CurrentActor() actor: Actor,
    @Query() query: AuditQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AuditPage | string> {
    if (query.format !== 'csv') return this.audit.list(actor, query);
    const csv = await this.audit.csv(actor, query);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', 'attachment; filename="moderation-actions.csv"');
    return csv;
  }
}
