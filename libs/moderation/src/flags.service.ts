// Members' reports on content. Whoever may see an item may report it once (again only after a
// decision closed their report); a missing item and one the reporter may not see answer alike.
// When reports from FLAG_HIDE_THRESHOLD different members are open, the item is hidden pending
// review in the same transaction as the report that reached it (audited with no actor, the author
// told as for any hide). Serious reasons also take the item out of the reporter's own view at once.
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type CreateFlagRequest,
  FLAG_REASONS_HIDDEN_FROM_REPORTER,
  type FlaggableSubjectType,
  type FlagReceipt,
} from '#libs/contracts';
import { type Actor, DomainError, NotFoundError } from '#libs/common';
import { type AppConfig, APP_CONFIG } from '#libs/config';
import { poolOf } from '#libs/persistence';
import { ModeratedContents } from './moderated-content.js';
import { ModerationService } from './moderation.service.js';
import { ReviewQueueSignals } from './review-queue-signals.js';

export class AlreadyFlaggedError extends DomainError {
  constructor() {
    super('ALREADY_FLAGGED', 409, 'You already reported this; moderators will review it.');
  }
}

export class CannotFlagOwnContentError extends DomainError {
  constructor() {
    super('CANNOT_FLAG_OWN_CONTENT', 422, 'You cannot report what you wrote; edit or delete it.');
  }
}

const ITEM_NAME: Record<FlaggableSubjectType, string> = {
  message: 'Message',
  post: 'Post',
  thread: 'Thread',
  practice: 'Practice',
};

@Injectable()
export class FlagsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly contents: ModeratedContents,
    private readonly moderation: ModerationService,
    private readonly signals: ReviewQueueSignals,
  ) {}

  async create(actor: Actor, request: CreateFlagRequest): Promise<FlagReceipt> {
    const content = this.contents.of(request.subjectType);
    // Never reveal that an item exists to someone who may not see it: same 404 as a missing one.
    if (!(await content.canSee(actor, request.subjectId)))
      throw new NotFoundError(ITEM_NAME[request.subjectType]);
    const threshold = this.config.FLAG_HIDE_THRESHOLD;
    const outcome = await this.dataSource.transaction(async (manager) => {
      // describe() locks the item's row: concurrent reports on one item count one after another.
      const item = await content.describe(request.subjectId, manager);
      if (!item) throw new NotFoundError(ITEM_NAME[request.subjectType]);
      if (item.authorId === actor.id) throw new CannotFlagOwnContentError();
      const inserted = (await manager.query(
        `INSERT INTO flags (subject_type, subject_id, exchange_id, reporter_id, reason, text)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (subject_type, subject_id, reporter_id) WHERE resolved_at IS NULL DO NOTHING
         RETURNING id, created_at`,
        [
          request.subjectType,
          request.subjectId,
          item.exchangeId,
          actor.id,
          request.reason,
          request.text?.trim() || null,
        ],
      )) as Array<{ id: string; created_at: Date }>;
      const flag = inserted[0];
      if (!flag) throw new AlreadyFlaggedError();
      const reporters = await this.openReporters(manager, request.subjectType, request.subjectId);
      let hiddenPendingReview = false;
      if (reporters >= threshold && !item.hidden) {
        const reason = `hidden pending review after ${reporters} reports`;
        await content.hide(request.subjectId, { actorId: null, reason }, manager);
        await this.moderation.record(manager, {
          actor: null,
          exchangeId: item.exchangeId,
          subject: { type: request.subjectType, id: request.subjectId },
          targetId: item.authorId,
          action: 'hide',
          reason,
          details: { ...item.details, pendingReview: true, reports: reporters },
          notify: {
            where: item.where,
            context: {
              ...item.context,
              messageId: request.subjectType === 'message' ? request.subjectId : null,
              pendingReview: 'true',
            },
          },
        });
        hiddenPendingReview = true;
      }
      return { flag, exchangeId: item.exchangeId, hiddenPendingReview };
    });
    await this.signals.changed(outcome.exchangeId);
    return {
      id: outcome.flag.id,
      subjectType: request.subjectType,
      subjectId: request.subjectId,
      reason: request.reason,
      createdAt: outcome.flag.created_at.toISOString(),
      hiddenPendingReview: outcome.hiddenPendingReview,
      hiddenFromReporter: FLAG_REASONS_HIDDEN_FROM_REPORTER.includes(request.reason),
    };
  }

  /**
   * The same question as a boolean column of a caller's statement (a page asks it of every row it
   * reads, in the page's own round trip): did the person `readerExpr` report the `subjectType`
   * whose id is `idExpr` for a reason that hides it from them.
   */
  reportedByColumn(subjectType: FlaggableSubjectType, idExpr: string, readerExpr: string): string {
    const reasons = FLAG_REASONS_HIDDEN_FROM_REPORTER.map((r) => `'${r}'`).join(', ');
    return `EXISTS (SELECT 1 FROM flags fl
              WHERE fl.subject_type = '${subjectType}' AND fl.subject_id = ${idExpr}
                AND fl.reporter_id = ${readerExpr} AND fl.reason IN (${reasons}))`;
  }

  /**
   * Of these items, the ones this person reported for a serious reason (open or decided): the
   * read paths show them to that person as a tombstone, whatever became of the report.
   */
  async hiddenFromReporter(
    reporterId: string,
    subjectType: FlaggableSubjectType,
    subjectIds: readonly string[],
  ): Promise<Set<string>> {
    if (subjectIds.length === 0) return new Set();
    // Asked on every page a member reads: a named statement.
    const { rows } = await poolOf(this.dataSource).query<{ subject_id: string }>({
      name: 'moderation-hidden-from-reporter',
      text: `SELECT DISTINCT subject_id FROM flags
              WHERE reporter_id = $1 AND subject_type = $2 AND subject_id = ANY($3::uuid[])
                AND reason = ANY($4::text[])`,
      values: [
        reporterId,
        subjectType,
        [...new Set(subjectIds)],
        FLAG_REASONS_HIDDEN_FROM_REPORTER,
      ],
    });
    return new Set(rows.map((r) => r.subject_id));
  }

  /**
   * Who reported this item for a serious reason (open or decided): the live paths leave them out
   * of its later changes, as their read paths show them its tombstone.
   */
  async seriousReportersOf(
    subjectType: FlaggableSubjectType,
    subjectId: string,
  ): Promise<string[]> {
    const { rows } = await poolOf(this.dataSource).query<{ reporter_id: string }>({
      name: 'moderation-serious-reporters-of',
      text: `SELECT DISTINCT reporter_id FROM flags
              WHERE subject_type = $1 AND subject_id = $2 AND reason = ANY($3::text[])`,
      values: [subjectType, subjectId, FLAG_REASONS_HIDDEN_FROM_REPORTER],
    });
    return rows.map((r) => r.reporter_id);
  }

  private async openReporters(
    manager: EntityManager,
    subjectType: FlaggableSubjectType,
    subjectId: string,
  ): Promise<number> {
    const [row] = (await manager.query(
      `SELECT count(DISTINCT reporter_id)::int AS n FROM flags
        WHERE subject_type = $1 AND subject_id = $2 AND resolved_at IS NULL`,
      [subjectType, subjectId],
    )) as Array<{ n: number }>;
    return row?.n ?? 0;
  }
}
