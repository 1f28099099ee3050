// The review workflow: draft → in review → published → archived, with changes requested back to
// the author. Each step is one transaction: the entry locked, the policy asked again inside it,
// the change, its audit row and the notifications to the people concerned commit together.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import {
  type NotificationKind,
  PRACTICE_LIMITS,
  type PracticeStatus,
  type PracticeVisibility,
} from '#libs/contracts';
import { type Actor, ConflictError, NotFoundError, ValidationFailedError } from '#libs/common';
import { FilesService } from '#libs/files';
import { NotificationsService } from '#libs/notifications';
import { Practitioner } from '#libs/practitioners';
import { slugify } from '#libs/themes';
import { sideBySide } from '#libs/persistence';
import type { CommentDto } from './dto/review.dto.js';
import { Practice } from './entities/practice.entity.js';
import { PracticeVersion } from './entities/practice-version.entity.js';
import { PracticeQuote, PracticeSource } from './entities/provenance.entities.js';
import { PracticeComment, PracticeReviewer } from './entities/review.entities.js';
import { PracticeAccess, type PracticeContext } from './practice-access.service.js';
import { missingFields } from './practice-reader.service.js';
import { type PracticeSnapshot, snapshotOf } from './practice-snapshot.js';
import { canBeReviewer, type PracticeAction } from './practices.policy.js';
import { PRACTICE_FILES, PracticesService, titleOf } from './practices.service.js';
import { PracticeIndex } from './search/practice-index.js';

/** Words that the web client uses as routes under /practices: never an entry's slug. */
const RESERVED_SLUGS = new Set(['new', 'mine', 'review-queue', 'compendium', 'propose', 'reviews']);

@Injectable()
export class PracticeWorkflow {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PracticeAccess,
    private readonly practices: PracticesService,
    private readonly index: PracticeIndex,
    private readonly notifications: NotificationsService,
    private readonly files: FilesService,
  ) {}

  async submit(actor: Actor, ref: string): Promise<void> {
    await this.step(actor, ref, 'submit', async (manager, { practice }) => {
      const missing = missingFields(practice);
      if (missing.length > 0)
        throw new ValidationFailedError(
          `These fields are needed before review: ${missing.join(', ')}`,
          missing.map((field) => ({ field, problems: ['needed before review'] })),
        );
      const from = practice.status;
      await this.setStatus(manager, practice, 'in-review');
      await this.practices.audit(manager, practice.id, actor, 'submit', from, 'in-review', null);
      const reviewers = await this.reviewerIds(manager, practice.id);
      const coordinators = await this.coordinatorIds(manager);
      await this.notify(
        manager,
        [...reviewers, ...coordinators].filter((id) => id !== actor.id),
        'practice-submitted',
        practice,
        `"${titleOf(practice)}" is waiting for review.`,
      );
    });
  }

  async assignReviewer(actor: Actor, ref: string, reviewerId: string): Promise<void> {
    await this.step(actor, ref, 'assign-reviewers', async (manager, { practice }) => {
      const person = await manager.findOne(Practitioner, { where: { id: reviewerId } });
      if (!person || !canBeReviewer(person))
        throw new ValidationFailedError(
          'practitionerId: reviewers are active researchers, coordinators or admins',
          [{ field: 'practitionerId', problems: ['not someone who can review'] }],
        );
      if (person.id === practice.authorId)
        throw new ValidationFailedError(
          'practitionerId: an author does not review their own entry',
          [{ field: 'practitionerId', problems: ['the author cannot review'] }],
        );
      const count = await manager.count(PracticeReviewer, { where: { practiceId: practice.id } });
      if (count >= PRACTICE_LIMITS.reviewersMax)
        throw new ConflictError(`An entry has at most ${PRACTICE_LIMITS.reviewersMax} reviewers.`);
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(PracticeReviewer)
        .values({ practiceId: practice.id, reviewerId, assignedById: actor.id })
        .orIgnore()
        .returning(['reviewer_id'])
        .execute();
      if ((inserted.raw as unknown[]).length === 0) return; // already a reviewer: nothing to do
      await this.practices.audit(
        manager,
        practice.id,
        actor,
        'assign-reviewer',
        practice.status,
        practice.status,
        person.displayName,
      );
      await this.notify(
        manager,
        [reviewerId],
        'practice-review-assigned',
        practice,
        `You were asked to review "${titleOf(practice)}".`,
      );
    });
  }

  async unassignReviewer(actor: Actor, ref: string, reviewerId: string): Promise<void> {
    await this.step(actor, ref, 'assign-reviewers', async (manager, { practice }) => {
      const result = await manager.delete(PracticeReviewer, {
        practiceId: practice.id,
        reviewerId,
      });
      if (!result.affected) throw new NotFoundError('Reviewer');
      await this.practices.audit(
        manager,
        practice.id,
        actor,
        'unassign-reviewer',
        practice.status,
        practice.status,
        null,
      );
    });
  }

  async comment(actor: Actor, ref: string, input: CommentDto): Promise<PracticeComment> {
    return this.step(actor, ref, 'comment', async (manager, { practice }) => {
      if (input.language && !practice.texts.some((t) => t.language === input.language))
        throw new ValidationFailedError(`language: the entry has no ${input.language} texts`, [
          { field: 'language', problems: ['the entry is not written in this language'] },
        ]);
      const saved = await manager.save(
        manager.create(PracticeComment, {
          practiceId: practice.id,
          authorId: actor.id,
          revision: practice.revision,
          field: input.field,
          language: input.language ?? null,
          body: input.body.trim(),
        }),
      );
      return saved;
    });
  }

  async requestChanges(actor: Actor, ref: string, comment: string): Promise<void> {
    await this.step(actor, ref, 'review', async (manager, { practice }) => {
      await this.decide(manager, actor, practice, 'changes-requested');
      await this.setStatus(manager, practice, 'changes-requested');
      await this.practices.audit(
        manager,
        practice.id,
        actor,
        'request-changes',
        'in-review',
        'changes-requested',
        comment,
      );
      await this.notify(
        manager,
        [practice.authorId],
        'practice-changes-requested',
        practice,
        `A reviewer asked for changes to "${titleOf(practice)}": ${comment}`,
        { comment: comment.slice(0, 300) },
      );
    });
  }

  async approve(actor: Actor, ref: string, comment: string | null): Promise<void> {
    await this.step(actor, ref, 'review', async (manager, { practice }) => {
      await this.decide(manager, actor, practice, 'approved');
      await this.practices.audit(
        manager,
        practice.id,
        actor,
        'approve',
        practice.status,
        practice.status,
        comment,
      );
      const coordinators = await this.coordinatorIds(manager);
      await this.notify(
        manager,
        [practice.authorId, ...coordinators].filter((id) => id !== actor.id),
        'practice-approved',
        practice,
        `A reviewer approved "${titleOf(practice)}"; a coordinator can publish it.`,
      );
    });
  }

  /**
   * Publishes the reviewed working copy as the next version: a reviewer's approval of this very
   * revision is needed, and no reviewer may be waiting on changes to it. Public is the
   * coordinators' call (only they publish).
   */
  async publish(actor: Actor, ref: string, visibility?: PracticeVisibility): Promise<void> {
    await this.step(actor, ref, 'publish', async (manager, { practice }) => {
      const decisions = await manager.find(PracticeReviewer, {
        where: { practiceId: practice.id, decisionRevision: practice.revision },
      });
      if (!decisions.some((d) => d.decision === 'approved'))
        throw new ConflictError('A reviewer must approve this revision before it is published.');
      if (decisions.some((d) => d.decision === 'changes-requested'))
        throw new ConflictError('A reviewer asked for changes to this revision.');
      const finalVisibility = visibility ?? practice.visibility;
      if (finalVisibility === 'exchange' && !practice.exchangeId)
        throw new ValidationFailedError('visibility: "exchange" needs the entry’s exchange', [
          { field: 'visibility', problems: ['the entry has no exchange'] },
        ]);
      practice.visibility = finalVisibility;
      const now = new Date();
      const version = (practice.currentVersion ?? 0) + 1;
      practice.slug ??= await this.freeSlug(manager, titleOf(practice));
      const [sources, quotes] = await sideBySide(
        manager,
        () => manager.find(PracticeSource, { where: { practiceId: practice.id } }),
        () =>
          manager.find(PracticeQuote, {
            where: { practiceId: practice.id, status: In(['pending', 'accepted']) },
            select: { id: true },
          }),
      );
      // The version takes the documents on the entry now: they carry over to every next one.
      const documents = await this.files.attachmentsOf(PRACTICE_FILES, [practice.id], manager);
      const snapshot: PracticeSnapshot = {
        ...snapshotOf(
          practice,
          sources.map((s) => ({ kind: s.kind, id: s.sourceId })),
          quotes.map((q) => q.id),
        ),
        attachmentIds: (documents.get(practice.id) ?? []).map((d) => d.id).sort(),
      };
      await manager.insert(PracticeVersion, {
        practiceId: practice.id,
        version,
        snapshot,
        publishedById: actor.id,
        publishedAt: now,
      });
      const from = practice.status;
      await manager.update(
        Practice,
        { id: practice.id },
        {
          status: 'published',
          visibility: finalVisibility,
          slug: practice.slug,
          currentVersion: version,
          publishedVisibility: finalVisibility,
          publishedExchangeId: practice.exchangeId,
          firstPublishedAt: practice.firstPublishedAt ?? now,
          lastPublishedAt: now,
          archivedAt: null,
        },
      );
      if (!practice.hiddenAt)
        await this.index.put(
          snapshot,
          {
            practiceId: practice.id,
            slug: practice.slug,
            publishedAt: practice.firstPublishedAt ?? now,
            countries: [...new Set(practice.cities.map((c) => c.countryCode))].sort(),
            regions: [...new Set(practice.cities.map((c) => c.region))].sort(),
          },
          manager,
        );
      await this.practices.audit(
        manager,
        practice.id,
        actor,
        'publish',
        from,
        'published',
        `version ${version}, ${finalVisibility}`,
      );
      const reviewers = await this.reviewerIds(manager, practice.id);
      await this.notify(
        manager,
        [practice.authorId, ...reviewers].filter((id) => id !== actor.id),
        'practice-published',
        practice,
        `"${titleOf(practice)}" is published (version ${version}).`,
        { version, slug: practice.slug },
      );
    });
  }

  async archive(actor: Actor, ref: string, reason: string): Promise<void> {
    await this.step(actor, ref, 'archive', async (manager, { practice }) => {
      const from = practice.status;
      await manager.update(
        Practice,
        { id: practice.id },
        { status: 'archived', archivedAt: new Date() },
      );
      await this.index.remove(practice.id, manager);
      await this.practices.audit(manager, practice.id, actor, 'archive', from, 'archived', reason);
      await this.notify(
        manager,
        [practice.authorId].filter((id) => id !== actor.id),
        'practice-archived',
        practice,
        `"${titleOf(practice)}" was archived: ${reason}`,
        { reason: reason.slice(0, 300) },
      );
    });
  }

  /** One workflow step: lock, ask the policy inside the transaction, act. */
  private async step<T>(
    actor: Actor,
    ref: string,
    action: PracticeAction,
    act: (manager: EntityManager, context: PracticeContext) => Promise<T>,
  ): Promise<T> {
    const pre = await this.access.require(actor, ref, action);
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT 1 FROM practices WHERE id = $1 FOR UPDATE', [pre.practice.id]);
      const context = await this.access.require(actor, pre.practice.id, action, manager);
      return act(manager, context);
    });
  }

  private async decide(
    manager: EntityManager,
    actor: Actor,
    practice: Practice,
    decision: 'approved' | 'changes-requested',
  ): Promise<void> {
    // A coordinator who reviews without being assigned becomes a reviewer of record.
    await manager.query(
      `INSERT INTO practice_reviewers (practice_id, reviewer_id, assigned_by_id, decision, decision_revision, decided_at)
       VALUES ($1, $2, $2, $3, $4, now())
       ON CONFLICT (practice_id, reviewer_id)
       DO UPDATE SET decision = EXCLUDED.decision, decision_revision = EXCLUDED.decision_revision, decided_at = now()`,
      [practice.id, actor.id, decision, practice.revision],
    );
  }

  private async setStatus(manager: EntityManager, practice: Practice, status: PracticeStatus) {
    await manager.update(Practice, { id: practice.id }, { status });
    practice.status = status;
  }

  private async reviewerIds(manager: EntityManager, practiceId: string): Promise<string[]> {
    const rows = await manager.find(PracticeReviewer, {
      where: { practiceId },
      select: { reviewerId: true, practiceId: true },
    });
    return rows.map((r) => r.reviewerId);
  }

  private async coordinatorIds(manager: EntityManager): Promise<string[]> {
    const rows = await manager.find(Practitioner, {
      where: { networkRole: 'coordinator', status: 'active' },
      select: { id: true },
      loadEagerRelations: false,
    });
    return rows.map((r) => r.id);
  }

  private async notify(
    manager: EntityManager,
    recipients: string[],
    kind: NotificationKind,
    practice: Practice,
    text: string,
    extra: Record<string, string | number | null> = {},
  ): Promise<void> {
    await this.notifications.notify(
      recipients,
      {
        kind,
        text,
        data: { practiceId: practice.id, practiceTitle: titleOf(practice), ...extra },
      },
      manager,
    );
  }

  /** A readable, unique slug from the title: "youth-mentoring-in-rotterdam", then "-2", "-3"… */
  private async freeSlug(manager: EntityManager, title: string): Promise<string> {
    let base = slugify(title).slice(0, 80).replace(/-+$/, '') || 'practice';
    if (RESERVED_SLUGS.has(base) || /^[0-9a-f]{8}-/.test(base)) base = `practice-${base}`;
    const rows = (await manager.query(
      `SELECT slug FROM practices WHERE slug = $1 OR slug LIKE $2`,
      [base, `${base}-%`],
    )) as Array<{ slug: string }>;
    const taken = new Set(rows.map((r) => r.slug));
    if (!taken.has(base)) return base;
    for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }
}
