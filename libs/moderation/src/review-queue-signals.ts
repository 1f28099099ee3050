// Tells the moderators of an exchange, live, how many items of it wait for review, after a report
// or a decision committed (the realtime library delivers it to each one's connections).
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainEvents } from '#libs/common';
import { ModerationService } from './moderation.service.js';

@Injectable()
export class ReviewQueueSignals {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly moderation: ModerationService,
    private readonly events: DomainEvents,
  ) {}

  async changed(exchangeId: string | null): Promise<void> {
    const [row] = (await this.dataSource.query(
      `SELECT count(DISTINCT (subject_type, subject_id))::int AS n FROM flags
        WHERE resolved_at IS NULL AND exchange_id IS NOT DISTINCT FROM $1::uuid`,
      [exchangeId],
    )) as Array<{ n: number }>;
    const moderatorIds = await this.moderation.requireStanding().moderatorIds(exchangeId);
    await this.events.emit('moderation.queue-changed', {
      exchangeId,
      openItems: row?.n ?? 0,
      moderatorIds,
    });
  }
}
