// The audit log as moderators read it: hosts the lines of the exchanges they host, coordinators
// and admins every line (network-wide ones too); newest first, with names, and as CSV.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In, type SelectQueryBuilder } from 'typeorm';
import type { AuditLineView, AuditPage, ModerationSubjectType } from '#libs/contracts';
import { type Actor, pageBy } from '#libs/common';
import { Practitioner } from '#libs/practitioners';
import { toCsv } from './csv.js';
import { ModerationActionEntry } from './entities/moderation-action.entity.js';
import { presentAuditLine } from './moderation.presenter.js';
import { ModerationService } from './moderation.service.js';
import { ReviewQueueService } from './review-queue.service.js';

export interface AuditFilter {
  exchangeId?: string;
  targetType?: ModerationSubjectType;
  cursor?: string;
  limit?: number;
}

/** Lines one CSV export holds at most (newest first). */
export const AUDIT_CSV_MAX_ROWS = 10_000;

const CSV_HEADER = [
  'createdAt',
  'exchange',
  'action',
  'subjectType',
  'subjectId',
  'actor',
  'target',
  'reason',
] as const;

@Injectable()
export class AuditLogService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly moderation: ModerationService,
    private readonly queue: ReviewQueueService,
  ) {}

  async list(actor: Actor, filter: AuditFilter): Promise<AuditPage> {
    const qb = await this.query(actor, filter);
    const page = await pageBy(
      qb,
      {
        key: 'a.created_at',
        id: 'a.id',
        direction: 'DESC',
        instant: true,
        positionOf: (a) => ({ key: a.createdAt.toISOString(), id: a.id }),
      },
      filter,
      50,
    );
    return { items: await this.present(page.items), nextCursor: page.nextCursor };
  }

  async csv(actor: Actor, filter: AuditFilter): Promise<string> {
    const qb = await this.query(actor, filter);
    const rows = await qb
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(AUDIT_CSV_MAX_ROWS)
      .getMany();
    const lines = await this.present(rows);
    return toCsv(
      CSV_HEADER,
      lines.map((l) => [
        l.createdAt,
        l.exchangeTitle ?? '',
        l.action,
        l.subjectType,
        l.subjectId,
        l.actorName ?? (l.actorId ? '' : 'system'),
        l.targetName ?? '',
        l.reason,
      ]),
    );
  }

  private async query(
    actor: Actor,
    filter: AuditFilter,
  ): Promise<SelectQueryBuilder<ModerationActionEntry>> {
    const scope = await this.queue.scopeOf(actor, filter.exchangeId);
    const qb = this.dataSource.getRepository(ModerationActionEntry).createQueryBuilder('a');
    if (!scope.all) qb.andWhere('a.exchange_id IN (:...hosted)', { hosted: scope.exchangeIds });
    if (filter.exchangeId)
      qb.andWhere('a.exchange_id = :exchangeId', { exchangeId: filter.exchangeId });
    if (filter.targetType)
      qb.andWhere('a.subject_type = :targetType', { targetType: filter.targetType });
    return qb;
  }

  private async present(rows: ModerationActionEntry[]): Promise<AuditLineView[]> {
    const ids = [
      ...new Set(rows.flatMap((a) => [a.actorId, a.targetId]).filter((id): id is string => !!id)),
    ];
    const exchangeIds = [
      ...new Set(rows.map((a) => a.exchangeId).filter((id): id is string => !!id)),
    ];
    const people =
      ids.length > 0
        ? await this.dataSource.getRepository(Practitioner).find({
            where: { id: In(ids) },
            select: { id: true, displayName: true },
            loadEagerRelations: false,
          })
        : [];
    const names = new Map(people.map((p) => [p.id, p.displayName]));
    const titles = await this.moderation.requireStanding().exchangeTitles(exchangeIds);
    return rows.map((a) => presentAuditLine(a, names, titles));
  }
}
