// The moderation system every kind of content shares: one audit log, written in the same
// transaction as the action it records (the action's owner passes its transaction in), which
// also notifies the person concerned (naming no moderator); and the commands that hide and
// restore any registered kind of content.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  ExchangeRole,
  ModerationAction,
  ModerationSubjectType,
  NetworkRole,
} from '#libs/contracts';
import { type Actor, ConflictError, ForbiddenError, NotFoundError } from '#libs/common';
import { NotificationsService } from '#libs/notifications';
import { sideBySide } from '#libs/persistence';
import { ModerationActionEntry } from './entities/moderation-action.entity.js';
import { type ModeratedItem, ModeratedContents } from './moderated-content.js';
import { canModerate, canModerateMember } from './moderation.policy.js';

/** The English sentence of a moderation outcome (clients build their own from `data`). */
const OUTCOME_TEXT: Partial<
  Record<ModerationAction, (where: string, until: string | null) => string>
> = {
  hide: (where) => `A moderator hid your message in ${where}.`,
  restore: (where) => `A moderator restored your message in ${where}.`,
  mute: (where, until) => `A moderator muted you in ${where} until ${until ?? 'further notice'}.`,
  unmute: (where) => `A moderator lifted your mute in ${where}.`,
  remove: (where) => `A moderator removed you from ${where}.`,
  readmit: (where) => `A moderator let you back into ${where}.`,
  reinstate: () => 'A coordinator reinstated your account.',
  lock: (where) => `A moderator locked your thread ${where}.`,
  unlock: (where) => `A moderator unlocked your thread ${where}.`,
  pin: (where) => `A moderator pinned your thread ${where}.`,
  unpin: (where) => `A moderator unpinned your thread ${where}.`,
  move: (where) => `A moderator moved your thread ${where}.`,
  merge: (where) => `A moderator merged your thread ${where} into another thread.`,
};

export interface AuditEntry {
  /** Null: the system acted (an item hidden pending review when reports reached the threshold). */
  actor: Actor | null;
  exchangeId: string | null;
  subject: { type: ModerationSubjectType; id: string | null };
  /** The person the action concerns; they are notified unless `notify` is false. */
  targetId: string | null;
  action: ModerationAction;
  reason: string;
  details?: Record<string, string | number | boolean | null>;
  /** Where it happened, for the notification: false when the owner notifies in its own words. */
  notify: { where: string; context: Record<string, string | null> } | false;
}

/** How moderation learns a person's standing in an exchange (registered by exchanges). */
export interface ExchangeStanding {
  roleOf(
    exchangeId: string,
    practitionerId: string,
    manager?: EntityManager,
  ): Promise<ExchangeRole | null>;
  networkRoleOf(practitionerId: string, manager?: EntityManager): Promise<NetworkRole | null>;
  /** The exchanges where the person is a host. */
  hostedExchangeIds(practitionerId: string): Promise<string[]>;
  /** Exchange titles by id (unknown ids are left out). */
  exchangeTitles(exchangeIds: string[]): Promise<Map<string, string>>;
  /** Who moderates there: the exchange's hosts (none for null), and every coordinator and admin. */
  moderatorIds(exchangeId: string | null): Promise<string[]>;
}

@Injectable()
export class ModerationService {
  private standing: ExchangeStanding | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly contents: ModeratedContents,
  ) {}

  useStanding(standing: ExchangeStanding): void {
    this.standing = standing;
  }

  /** Writes the audit line in the caller's transaction, and notifies the person concerned. */
  async record(manager: EntityManager, entry: AuditEntry): Promise<ModerationActionEntry> {
    const saved = await manager.save(
      manager.create(ModerationActionEntry, {
        exchangeId: entry.exchangeId,
        subjectType: entry.subject.type,
        subjectId: entry.subject.id,
        action: entry.action,
        actorId: entry.actor?.id ?? null,
        targetId: entry.targetId,
        reason: entry.reason,
        details: entry.details ?? {},
      }),
    );
    const sentence = OUTCOME_TEXT[entry.action];
    if (entry.notify && sentence && entry.targetId && entry.targetId !== entry.actor?.id) {
      const until = typeof entry.details?.until === 'string' ? entry.details.until : null;
      await this.notifications.notify(
        [entry.targetId],
        {
          kind: 'moderation-outcome',
          text: `${sentence(entry.notify.where, until)} Reason: ${entry.reason}`,
          data: {
            action: entry.action,
            reason: entry.reason,
            until,
            exchangeId: entry.exchangeId,
            ...entry.notify.context,
          },
        },
        manager,
      );
    }
    return saved;
  }

  /** Whether the actor moderates in this exchange (null: network-wide content). */
  async mayModerate(
    actor: Actor,
    exchangeId: string | null,
    manager?: EntityManager,
  ): Promise<boolean> {
    const role = exchangeId
      ? await this.requireStanding().roleOf(exchangeId, actor.id, manager)
      : null;
    return canModerate(actor, role);
  }

  /** Refuses unless the actor may act on this member of the exchange (see the policy). */
  async assertMayModerateMember(
    actor: Actor,
    exchangeId: string,
    targetId: string,
    manager?: EntityManager,
  ): Promise<{ targetRole: ExchangeRole | null }> {
    if (targetId === actor.id) throw new ConflictError('You cannot moderate yourself.');
    const standing = this.requireStanding();
    const [actorRole, targetRole, networkRole] = await sideBySide(
      manager,
      () => standing.roleOf(exchangeId, actor.id, manager),
      () => standing.roleOf(exchangeId, targetId, manager),
      () => standing.networkRoleOf(targetId, manager),
    );
    if (!networkRole) throw new NotFoundError('Person');
    if (
      !canModerateMember(actor, actorRole, { id: targetId, exchangeRole: targetRole, networkRole })
    )
      throw new ForbiddenError(
        'Hosts moderate the participants of their exchange; ask a coordinator.',
      );
    return { targetRole };
  }

  /**
   * Hides an item of any registered kind in one transaction: the hide, its audit line and the
   * author's notification. `accept` lets the caller refuse an item that is not where it says.
   */
  hide(
    actor: Actor,
    subject: { type: ModerationSubjectType; id: string },
    reason: string,
    accept: (item: ModeratedItem) => boolean = () => true,
  ): Promise<ModeratedItem> {
    return this.changeVisibility(actor, subject, reason, 'hide', accept);
  }

  restore(
    actor: Actor,
    subject: { type: ModerationSubjectType; id: string },
    reason: string,
    accept: (item: ModeratedItem) => boolean = () => true,
  ): Promise<ModeratedItem> {
    return this.changeVisibility(actor, subject, reason, 'restore', accept);
  }

  private changeVisibility(
    actor: Actor,
    subject: { type: ModerationSubjectType; id: string },
    reason: string,
    action: 'hide' | 'restore',
    accept: (item: ModeratedItem) => boolean,
  ): Promise<ModeratedItem> {
    const content = this.contents.of(subject.type);
    return this.dataSource.transaction(async (manager) => {
      const item = await content.describe(subject.id, manager);
      if (!item || !accept(item))
        throw new NotFoundError(subject.type === 'message' ? 'Message' : 'Item');
      if (!(await this.mayModerate(actor, item.exchangeId, manager)))
        throw new ForbiddenError('Only hosts of this exchange and coordinators moderate it.');
      if (action === 'hide') await content.hide(subject.id, { actorId: actor.id, reason }, manager);
      else await content.restore(subject.id, manager);
      await this.record(manager, {
        actor,
        exchangeId: item.exchangeId,
        subject,
        targetId: item.authorId,
        action,
        reason,
        details: item.details,
        notify: {
          where: item.where,
          context: { ...item.context, messageId: subject.type === 'message' ? subject.id : null },
        },
      });
      return { ...item, hidden: action === 'hide' };
    });
  }

  requireStanding(): ExchangeStanding {
    if (!this.standing) throw new Error('No exchange standing registered with moderation');
    return this.standing;
  }
}
