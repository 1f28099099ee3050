// The one review queue for every kind of content: hosts review the reported items of the exchanges
// they host, coordinators and admins every item (the commons too). A decision closes all the
// item's open reports in one transaction with its action, its audit lines and the notifications:
// every reporter learns that their report was reviewed (no moderator, no detail beyond whether
// action was taken), the author learns of what was done to them as for any moderation.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';
import {
  type FlaggableSubjectType,
  type FlagReason,
  type QueueDecision,
  type QueueDecisionRequest,
  type QueueDecisionResult,
  type QueueItemView,
  type QueuePage,
} from '#libs/contracts';
import {
  type Actor,
  ConflictError,
  decodeCursor,
  encodeCursor,
  ForbiddenError,
  hasNetworkRole,
  NotFoundError,
  ValidationFailedError,
} from '#libs/common';
import { NotificationsService } from '#libs/notifications';
import { canActOnPractitioner, Practitioner } from '#libs/practitioners';
import { sideBySide } from '#libs/persistence';
import { ModerationActionEntry } from './entities/moderation-action.entity.js';
import { type ModeratedItem, ModeratedContents } from './moderated-content.js';
import { canModerate, canModerateMember } from './moderation.policy.js';
import { ModerationService } from './moderation.service.js';
import { type AfterCommitTask, MemberSanctions } from './member-sanctions.js';
import { presentAuditEntry } from './moderation.presenter.js';
import { ReviewQueueSignals } from './review-queue-signals.js';

const QUEUE_PAGE = 20;

export interface QueueFilter {
  exchangeId?: string;
  subjectType?: FlaggableSubjectType;
  cursor?: string;
  limit?: number;
}

/** Which exchanges' items a viewer reviews: all (coordinators, admins) or the ones they host. */
export type ReviewScope = { all: true } | { all: false; exchangeIds: string[] };

const REVIEWED_TEXT = {
  action: 'Thank you for your report: moderators reviewed it and took action.',
  none: 'Thank you for your report: moderators reviewed it and took no action.',
};

@Injectable()
export class ReviewQueueService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contents: ModeratedContents,
    private readonly moderation: ModerationService,
    private readonly sanctions: MemberSanctions,
    private readonly notifications: NotificationsService,
    private readonly signals: ReviewQueueSignals,
  ) {}

  /** Members who host nothing are refused: the queue is for moderators. */
  async scopeOf(actor: Actor, exchangeId?: string): Promise<ReviewScope> {
    if (hasNetworkRole(actor, 'coordinator')) return { all: true };
    const hosted = await this.moderation.requireStanding().hostedExchangeIds(actor.id);
    if (hosted.length === 0 || (exchangeId && !hosted.includes(exchangeId)))
      throw new ForbiddenError('Hosts review their exchanges; coordinators review everything.');
    return { all: false, exchangeIds: hosted };
  }

  async list(actor: Actor, filter: QueueFilter): Promise<QueuePage> {
    const scope = await this.scopeOf(actor, filter.exchangeId);
    const limit = Math.min(filter.limit ?? QUEUE_PAGE, 50);
    const cursor = decodeCursor(filter.cursor, { instantKey: true });
    const where = `resolved_at IS NULL
        AND ($1::boolean OR exchange_id = ANY($2::uuid[]))
        AND ($3::uuid IS NULL OR exchange_id = $3::uuid)
        AND ($4::varchar IS NULL OR subject_type = $4::varchar)`;
    const params = [
      scope.all,
      scope.all ? [] : scope.exchangeIds,
      filter.exchangeId ?? null,
      filter.subjectType ?? null,
    ];
    const [rows, totals] = await Promise.all([
      this.dataSource.query(
        `SELECT subject_type, subject_id, date_trunc('milliseconds', min(created_at)) AS first_at
           FROM flags WHERE ${where}
          GROUP BY subject_type, subject_id
         HAVING $5::timestamptz IS NULL
             OR (date_trunc('milliseconds', min(created_at)), subject_id) > ($5::timestamptz, $6::uuid)
          ORDER BY first_at, subject_id
          LIMIT $7`,
        [...params, cursor?.key ?? null, cursor?.id ?? null, limit + 1],
      ) as Promise<
        Array<{ subject_type: FlaggableSubjectType; subject_id: string; first_at: Date }>
      >,
      this.dataSource.query(
        `SELECT count(DISTINCT (subject_type, subject_id))::int AS n FROM flags WHERE ${where}`,
        params,
      ) as Promise<Array<{ n: number }>>,
    ]);
    const page = rows.slice(0, limit);
    const items: QueueItemView[] = [];
    for (const row of page) {
      const view = await this.itemView(actor, row.subject_type, row.subject_id);
      if (view) items.push(view);
    }
    const last = page[page.length - 1];
    return {
      items,
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({ key: last.first_at.toISOString(), id: last.subject_id })
          : null,
      total: totals[0]?.n ?? 0,
    };
  }

  async decide(
    actor: Actor,
    subject: { type: FlaggableSubjectType; id: string },
    request: QueueDecisionRequest,
  ): Promise<QueueDecisionResult> {
    const content = this.contents.of(subject.type);
    const afterCommit: AfterCommitTask[] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      const item = await content.describe(subject.id, manager);
      // An item outside the viewer's exchanges looks like a missing one.
      if (!item || !(await this.moderation.mayModerate(actor, item.exchangeId, manager)))
        throw new NotFoundError('Reported item');
      const open = (await manager.query(
        `SELECT id, reporter_id FROM flags
          WHERE subject_type = $1 AND subject_id = $2 AND resolved_at IS NULL FOR UPDATE`,
        [subject.type, subject.id],
      )) as Array<{ id: string; reporter_id: string }>;
      if (open.length === 0)
        throw new ConflictError('No open reports on this item: it was already decided.');
      const allowed = await this.decisionsFor(actor, subject.type, item, manager);
      if (!allowed.includes(request.decision))
        throw new ForbiddenError(
          item.authorId === actor.id
            ? 'Another moderator decides on reports about what you wrote.'
            : `You may not ${request.decision} here; ask a coordinator.`,
        );
      await this.apply(actor, subject, item, request, manager, afterCommit);
      await manager.query(
        `UPDATE flags SET resolved_at = now(), resolution = $3, resolved_by = $4
          WHERE subject_type = $1 AND subject_id = $2 AND resolved_at IS NULL`,
        [subject.type, subject.id, request.decision, actor.id],
      );
      const actionTaken = request.decision !== 'dismiss';
      await this.notifications.notify(
        open.map((f) => f.reporter_id),
        {
          kind: 'report-reviewed',
          text: actionTaken ? REVIEWED_TEXT.action : REVIEWED_TEXT.none,
          // Names no moderator and says no more than whether action was taken.
          data: {
            subjectType: subject.type,
            subjectId: subject.id,
            outcome: actionTaken ? 'action-taken' : 'reviewed',
          },
        },
        manager,
      );
      return { closedFlags: open.length, exchangeId: item.exchangeId };
    });
    for (const task of afterCommit) await task();
    await this.signals.changed(result.exchangeId);
    return {
      subjectType: subject.type,
      subjectId: subject.id,
      decision: request.decision,
      closedFlags: result.closedFlags,
    };
  }

  /** The decisions this viewer may take on this item (none on what they wrote themselves). */
  async decisionsFor(
    actor: Actor,
    type: FlaggableSubjectType,
    item: ModeratedItem,
    manager?: EntityManager,
  ): Promise<QueueDecision[]> {
    if (item.authorId === actor.id) return [];
    const decisions: QueueDecision[] = ['dismiss', 'hide'];
    const standing = this.moderation.requireStanding();
    const exchangeId = item.exchangeId;
    const [actorRole, authorRole, authorNetworkRole] = await sideBySide(
      manager,
      async () => (exchangeId ? standing.roleOf(exchangeId, actor.id, manager) : null),
      async () => (exchangeId ? standing.roleOf(exchangeId, item.authorId, manager) : null),
      () => standing.networkRoleOf(item.authorId, manager),
    );
    if (!canModerate(actor, actorRole)) return [];
    if (!authorNetworkRole) return decisions; // an erased author: only the content is left
    const target = { id: item.authorId, exchangeRole: authorRole, networkRole: authorNetworkRole };
    // Hosts act on the participants and observers of their exchange, never on a host.
    if (!canModerateMember(actor, actorRole, target)) return decisions;
    if (this.contents.authorMuteOf(type)) decisions.push('hide-and-mute');
    if (item.exchangeId && authorRole) decisions.push('remove-from-exchange');
    if (
      canActOnPractitioner(actor, 'suspend', {
        id: item.authorId,
        networkRole: authorNetworkRole,
        status: 'active',
      })
    )
      decisions.push('suspend');
    return decisions;
  }

  private async apply(
    actor: Actor,
    subject: { type: FlaggableSubjectType; id: string },
    item: ModeratedItem,
    request: QueueDecisionRequest,
    manager: EntityManager,
    afterCommit: AfterCommitTask[],
  ): Promise<void> {
    const content = this.contents.of(subject.type);
    const notify = {
      where: item.where,
      context: { ...item.context, messageId: subject.type === 'message' ? subject.id : null },
    };
    const audit = (action: 'hide' | 'restore' | 'dismiss', notifyAuthor: boolean) =>
      this.moderation.record(manager, {
        actor,
        exchangeId: item.exchangeId,
        subject,
        targetId: item.authorId,
        action,
        reason: request.reason,
        details: { ...item.details, review: request.decision },
        notify: notifyAuthor ? notify : false,
      });
    const hide = async () => {
      await content.hide(subject.id, { actorId: actor.id, reason: request.reason }, manager);
      await audit('hide', true);
    };
    switch (request.decision) {
      case 'dismiss':
        // An item the reports hid pending review comes back (and its author hears so); a
        // moderator's own earlier hide stands.
        if (item.hidden && (await this.hiddenPendingReview(subject, manager))) {
          await content.restore(subject.id, manager);
          await audit('restore', true);
        }
        await audit('dismiss', false);
        return;
      case 'hide':
        return hide();
      case 'hide-and-mute': {
        if (request.muteMinutes === undefined)
          throw new ValidationFailedError('muteMinutes: how long the author stays muted');
        await hide();
        const mute = this.contents.authorMuteOf(subject.type);
        if (!mute) throw new ForbiddenError('This kind of content has no mute.');
        const reached = await mute(
          actor,
          item,
          { minutes: request.muteMinutes, reason: request.reason },
          manager,
        );
        if (reached) afterCommit.push(reached);
        return;
      }
      case 'remove-from-exchange':
        await hide();
        afterCommit.push(
          await this.sanctions.removeFromExchange(
            actor,
            item.exchangeId!,
            item.authorId,
            request.reason,
            manager,
          ),
        );
        return;
      case 'suspend':
        await hide();
        afterCommit.push(
          await this.sanctions.suspend(actor, item.authorId, request.reason, manager),
        );
        return;
    }
  }

  /** Whether the item's latest hide or restore is the hide the reports made (no actor). */
  private async hiddenPendingReview(
    subject: { type: FlaggableSubjectType; id: string },
    manager: EntityManager,
  ): Promise<boolean> {
    const latest = await manager.getRepository(ModerationActionEntry).findOne({
      where: { subjectType: subject.type, subjectId: subject.id, action: In(['hide', 'restore']) },
      order: { createdAt: 'DESC' },
    });
    return latest?.action === 'hide' && latest.actorId === null;
  }

  private async itemView(
    actor: Actor,
    type: FlaggableSubjectType,
    id: string,
  ): Promise<QueueItemView | null> {
    const manager = this.dataSource.manager;
    const item = await this.contents.of(type).describe(id, manager);
    if (!item) return null;
    const flags = (await manager.query(
      `SELECT f.id, f.reporter_id, f.reason, f.text, f.created_at, f.exchange_id
         FROM flags f WHERE f.subject_type = $1 AND f.subject_id = $2 AND f.resolved_at IS NULL
        ORDER BY f.created_at, f.id`,
      [type, id],
    )) as Array<{
      id: string;
      reporter_id: string;
      reason: FlagReason;
      text: string | null;
      created_at: Date;
    }>;
    if (flags.length === 0) return null;
    const history = await manager.getRepository(ModerationActionEntry).find({
      where: { targetId: item.authorId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: 10,
    });
    const names = await this.namesOf([item.authorId, ...flags.map((f) => f.reporter_id)]);
    const titles = item.exchangeId
      ? await this.moderation.requireStanding().exchangeTitles([item.exchangeId])
      : new Map<string, string>();
    const authorName = names.get(item.authorId);
    return {
      subjectType: type,
      subjectId: id,
      exchangeId: item.exchangeId,
      exchangeTitle: item.exchangeId ? (titles.get(item.exchangeId) ?? null) : null,
      author: authorName !== undefined ? { id: item.authorId, name: authorName } : null,
      body: item.body,
      url: item.url,
      hidden: item.hidden,
      firstFlaggedAt: flags[0]!.created_at.toISOString(),
      flags: flags.map((f) => ({
        id: f.id,
        reporterId: f.reporter_id,
        reporterName: names.get(f.reporter_id) ?? '',
        reason: f.reason,
        text: f.text,
        createdAt: f.created_at.toISOString(),
      })),
      authorHistory: history.map(presentAuditEntry),
      decisions: await this.decisionsFor(actor, type, item),
    };
  }

  private async namesOf(ids: string[]): Promise<Map<string, string>> {
    const people = await this.dataSource.getRepository(Practitioner).find({
      where: { id: In([...new Set(ids)]) },
      select: { id: true, displayName: true },
      loadEagerRelations: false,
    });
    return new Map(people.map((p) => [p.id, p.displayName]));
  }
}
