// Who may do what with a practice entry. Pure: decided from the actor, the entry's facts and the
// actor's standing (their role in the entry's exchange, whether they review it). One policy for
// every way an entry can be reached: the entry page, the public pages, search, facets and counts,
// versions, diffs and the compendium.
import type {
  CompendiumAudience,
  ExchangeRole,
  NetworkRole,
  Position,
  PracticeStatus,
  PracticeVisibility,
} from '#libs/contracts';
import { type Actor, hasNetworkRole } from '#libs/common';
import { canModerate } from '#libs/moderation';

/** The facts about an entry that permissions depend on. */
export interface PracticeFacts {
  authorId: string;
  status: PracticeStatus;
  /** Null until first published. */
  currentVersion: number | null;
  /** The visibility readers see it under (the published version's); null until published. */
  publishedVisibility: PracticeVisibility | null;
  hidden: boolean;
}

/** The actor's standing towards one entry. */
export interface PracticeStanding {
  /** Their role in the exchange the published version belongs to, or null. */
  publishedExchangeRole: ExchangeRole | null;
  /** Assigned to review it. */
  reviewer: boolean;
}

export type PracticeAction =
  | 'read-published'
  | 'read-working'
  | 'edit'
  | 'delete'
  | 'submit'
  | 'review'
  | 'comment'
  | 'publish'
  | 'archive'
  | 'assign-reviewers'
  | 'moderate';

const isCoordinator = (actor: Actor | null): actor is Actor =>
  actor !== null && hasNetworkRole(actor, 'coordinator');

/** Whether a published entry under `visibility` reaches this reader (null: signed out). */
export function visibilityAllows(
  actor: Actor | null,
  visibility: PracticeVisibility,
  exchangeRole: ExchangeRole | null,
): boolean {
  switch (visibility) {
    case 'public':
      return true;
    case 'network':
      return actor !== null;
    case 'exchange':
      // Exchange content is its members'; coordinators read every exchange (as exchanges do).
      return actor !== null && (exchangeRole !== null || isCoordinator(actor));
  }
}

export function canOnPractice(
  actor: Actor | null,
  action: PracticeAction,
  entry: PracticeFacts,
  standing: PracticeStanding,
): boolean {
  const coordinator = isCoordinator(actor);
  const author = actor !== null && entry.authorId === actor.id;
  const editor = author || coordinator;
  // Moderators: coordinators everywhere, hosts in the exchange the entry was published from.
  const moderator = actor !== null && canModerate(actor, standing.publishedExchangeRole);
  switch (action) {
    case 'read-published':
      if (entry.currentVersion === null || entry.publishedVisibility === null) return false;
      // A hidden entry is out of the library for everyone but its moderators and its author.
      if (entry.hidden) return moderator || author;
      return visibilityAllows(actor, entry.publishedVisibility, standing.publishedExchangeRole);
    case 'read-working':
      return editor || (actor !== null && standing.reviewer);
    case 'edit':
      return editor && ['draft', 'changes-requested', 'published'].includes(entry.status);
    case 'delete':
      return editor && entry.currentVersion === null;
    case 'submit':
      return editor && (entry.status === 'draft' || entry.status === 'changes-requested');
    case 'review':
      // Nobody reviews their own entry.
      return entry.status === 'in-review' && !author && (standing.reviewer || coordinator);
    case 'comment':
      // The review is a conversation between the entry's author, its reviewers and coordinators.
      return (
        (editor || (actor !== null && standing.reviewer)) &&
        (entry.status === 'in-review' || entry.status === 'changes-requested')
      );
    case 'publish':
      return coordinator && entry.status === 'in-review';
    case 'archive':
      return coordinator && entry.currentVersion !== null && entry.status !== 'archived';
    case 'assign-reviewers':
      return coordinator && entry.status !== 'archived';
    case 'moderate':
      return moderator;
  }
}

/** Who may set a visibility: public is the coordinators' call; exchange needs a seat in it. */
export function canChooseVisibility(
  actor: Actor,
  visibility: PracticeVisibility,
  exchangeRole: ExchangeRole | null,
): boolean {
  switch (visibility) {
    case 'public':
      return isCoordinator(actor);
    case 'network':
      return true;
    case 'exchange':
      return exchangeRole !== null || isCoordinator(actor);
  }
}

/**
 * Whether the reader may be told who wrote an entry (or said a quoted sentence): always, unless
 * it comes from a Chatham House exchange and the reader is outside it.
 */
export function canSeeAttribution(
  actor: Actor | null,
  chathamHouse: boolean,
  exchangeRole: ExchangeRole | null,
): boolean {
  if (!chathamHouse) return true;
  return actor !== null && (exchangeRole !== null || isCoordinator(actor));
}

/** Researchers review; so do coordinators and admins. Nobody who is not active. */
export function canBeReviewer(person: {
  networkRole: NetworkRole;
  position: Position | null;
  status: string;
}): boolean {
  if (person.status !== 'active') return false;
  return (
    person.position === 'researcher' ||
    person.networkRole === 'coordinator' ||
    person.networkRole === 'admin'
  );
}

export const canExportCompendium = (actor: Actor | null): boolean => isCoordinator(actor);

/** A compendium travels: exchange-only entries never go in; public ones always may. */
export function belongsInCompendium(
  visibility: PracticeVisibility,
  audience: CompendiumAudience,
): boolean {
  return visibility === 'public' || (audience === 'network' && visibility === 'network');
}

/**
 * Which published entries a search may touch: everything, public entries, public and network
 * ones (a compendium for the network), or those and a member's exchanges' entries. A member's
 * exchanges are not listed here: the search's statements read them (exchangeIdsOfMemberSql), so
 * a membership that ended a moment ago already counts and no round trip comes before the search.
 */
export type SearchScope =
  | { kind: 'everything' }
  | { kind: 'public' }
  | { kind: 'network' }
  | { kind: 'member'; memberId: string };

export function searchScopeOf(actor: Actor | null): SearchScope {
  if (actor === null) return { kind: 'public' };
  return hasNetworkRole(actor, 'coordinator')
    ? { kind: 'everything' }
    : { kind: 'member', memberId: actor.id };
}

/** The vocabulary scope of an index row (typo corrections come only from scopes a reader reaches). */
export function termScopeOf(row: {
  visibility: PracticeVisibility;
  exchangeId: string | null;
}): string {
  if (row.visibility === 'exchange') return `x:${row.exchangeId}`;
  return row.visibility;
}
