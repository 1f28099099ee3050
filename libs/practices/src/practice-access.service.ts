// Finds an entry and the actor's standing towards it, and enforces the practice policy: one
// question, asked once, at the start of each service method. An entry the actor may not read
// looks missing (404), so its existence leaks nothing.
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import type { ExchangeRole } from '#libs/contracts';
import { type Actor, DomainError, NotFoundError } from '#libs/common';
import { ExchangeAccess } from '#libs/exchanges';
import { Practice } from './entities/practice.entity.js';
import { PracticeReviewer } from './entities/review.entities.js';
import {
  canOnPractice,
  type PracticeAction,
  type PracticeFacts,
  type PracticeStanding,
} from './practices.policy.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class PracticeNotEditableError extends DomainError {
  constructor(message: string) {
    super('CONFLICT', 409, message);
  }
}

export interface PracticeContext {
  practice: Practice;
  facts: PracticeFacts;
  standing: PracticeStanding;
  /** The actor's role in the working copy's exchange (choosing visibility `exchange` needs one). */
  workingExchangeRole: ExchangeRole | null;
}

export const factsOf = (p: Practice): PracticeFacts => ({
  authorId: p.authorId,
  status: p.status,
  currentVersion: p.currentVersion,
  publishedVisibility: p.publishedVisibility,
  hidden: p.hiddenAt !== null,
});

@Injectable()
export class PracticeAccess {
  constructor(
    @InjectRepository(Practice) private readonly practices: Repository<Practice>,
    @InjectRepository(PracticeReviewer) private readonly reviewers: Repository<PracticeReviewer>,
    private readonly exchanges: ExchangeAccess,
  ) {}

  /** By id, or by slug (the public address). */
  async find(ref: string, manager?: EntityManager): Promise<Practice | null> {
    const repo = manager ? manager.getRepository(Practice) : this.practices;
    const lower = ref.toLowerCase();
    if (UUID.test(lower)) return repo.findOne({ where: { id: lower } });
    if (!/^[a-z0-9-]{1,90}$/.test(lower)) return null;
    return repo.findOne({ where: { slug: lower } });
  }

  exchangeRole(exchangeId: string, practitionerId: string): Promise<ExchangeRole | null> {
    return this.exchanges.roleOf(exchangeId, practitionerId);
  }

  async standing(actor: Actor | null, practice: Practice): Promise<PracticeStanding> {
    if (!actor) return { publishedExchangeRole: null, reviewer: false };
    const [role, reviewer] = await Promise.all([
      practice.publishedExchangeId
        ? this.exchanges.roleOf(practice.publishedExchangeId, actor.id)
        : Promise.resolve(null),
      this.reviewers.exists({ where: { practiceId: practice.id, reviewerId: actor.id } }),
    ]);
    return { publishedExchangeRole: role, reviewer };
  }

  async context(actor: Actor | null, practice: Practice): Promise<PracticeContext> {
    const standing = await this.standing(actor, practice);
    const workingExchangeRole =
      actor && practice.exchangeId
        ? practice.exchangeId === practice.publishedExchangeId
          ? standing.publishedExchangeRole
          : await this.exchanges.roleOf(practice.exchangeId, actor.id)
        : null;
    return { practice, facts: factsOf(practice), standing, workingExchangeRole };
  }

  /**
   * The entry, if the actor may do `action` with it. Someone who may read neither copy gets
   * 404; someone who may read it but not do this gets 403 (or 409 when it is the entry's state
   * that forbids it, e.g. editing while it is in review).
   */
  async require(
    actor: Actor | null,
    ref: string,
    action: PracticeAction,
    manager?: EntityManager,
  ): Promise<PracticeContext> {
    const practice = await this.find(ref, manager);
    if (!practice) throw new NotFoundError('Practice');
    const context = await this.context(actor, practice);
    if (canOnPractice(actor, action, context.facts, context.standing)) return context;
    const readable =
      canOnPractice(actor, 'read-published', context.facts, context.standing) ||
      canOnPractice(actor, 'read-working', context.facts, context.standing);
    if (!readable) throw new NotFoundError('Practice');
    if (action === 'read-working' || action === 'read-published')
      throw new NotFoundError('Practice');
    // The actor has the role, but not in this state.
    const relaxed: PracticeFacts = {
      ...context.facts,
      status: statusAllowing(action),
      currentVersion: action === 'delete' ? null : (context.facts.currentVersion ?? 1),
    };
    if (canOnPractice(actor, action, relaxed, context.standing))
      throw new PracticeNotEditableError(
        `This entry is ${context.practice.status}: it cannot be ${ACTION_WORDS[action]} now.`,
      );
    throw new DomainError('FORBIDDEN', 403, FORBIDDEN_WORDS[action]);
  }
}

/** A state in which `action` is possible, to tell "not you" from "not now". */
function statusAllowing(action: PracticeAction): Practice['status'] {
  switch (action) {
    case 'submit':
      return 'draft';
    case 'review':
    case 'comment':
    case 'publish':
      return 'in-review';
    case 'delete':
    case 'edit':
      return 'draft';
    default:
      return 'published';
  }
}

const ACTION_WORDS: Record<PracticeAction, string> = {
  'read-published': 'read',
  'read-working': 'read',
  edit: 'edited',
  delete: 'deleted (it has been published)',
  submit: 'submitted for review',
  review: 'reviewed',
  comment: 'commented on (only during review)',
  publish: 'published',
  archive: 'archived',
  'assign-reviewers': 'given reviewers',
  moderate: 'moderated',
};

const FORBIDDEN_WORDS: Record<PracticeAction, string> = {
  'read-published': 'You may not read this entry.',
  'read-working': 'You may not read this entry.',
  edit: 'Only the author and coordinators edit an entry.',
  delete: 'Only the author and coordinators delete a draft.',
  submit: 'Only the author and coordinators submit an entry for review.',
  review: 'Only the entry’s assigned reviewers and coordinators review it (never its author).',
  comment: 'Only the entry’s author, reviewers and coordinators comment on it.',
  publish: 'Only coordinators publish entries.',
  archive: 'Only coordinators archive entries.',
  'assign-reviewers': 'Only coordinators assign reviewers.',
  moderate: 'Only coordinators moderate entries.',
};
