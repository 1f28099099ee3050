// Moderation: one audit log for every kind of content and every network-wide action.

/** What a moderation action is about. */
export const MODERATION_SUBJECT_TYPES = [
  'message',
  'post',
  'thread',
  'practice',
  'member',
  'account',
] as const;
export type ModerationSubjectType = (typeof MODERATION_SUBJECT_TYPES)[number];

export const MODERATION_ACTIONS = [
  // content
  'hide',
  'restore',
  // a member in a room
  'mute',
  'unmute',
  'remove',
  'readmit',
  // a member of an exchange, an account
  'remove-from-exchange',
  'suspend',
  'reinstate',
  // a thread
  'lock',
  'unlock',
  'pin',
  'unpin',
  'move',
  'merge',
  // the review queue: reports on an item closed with no action
  'dismiss',
] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** One line of the audit log: who did what to what, concerning whom, when and why. */
export interface AuditEntryView {
  id: string;
  /** Null for network-wide actions (suspending an account). */
  exchangeId: string | null;
  subjectType: ModerationSubjectType;
  subjectId: string | null;
  action: ModerationAction;
  actorId: string | null;
  targetId: string | null;
  reason: string;
  /** Action-specific facts: roomId, until, … */
  details: Record<string, string | number | boolean | null>;
  createdAt: string;
}

// ---- Flags and the review queue ----

/** Why a member reports an item. `other` needs `text`. */
export const FLAG_REASONS = [
  'spam',
  'harassment',
  'extremist-content',
  'personal-data',
  'off-topic',
  'other',
] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

/** Reasons serious enough that the reporter stops seeing the item at once. */
export const FLAG_REASONS_HIDDEN_FROM_REPORTER: readonly FlagReason[] = [
  'extremist-content',
  'personal-data',
];

/** The kinds of content a member can flag. */
export const FLAGGABLE_SUBJECT_TYPES = ['message', 'post', 'thread', 'practice'] as const;
export type FlaggableSubjectType = (typeof FLAGGABLE_SUBJECT_TYPES)[number];

export const FLAG_TEXT_MAX = 1000;

/** POST /api/flags. One flag per person per item: a second answers 409 ALREADY_FLAGGED. */
export interface CreateFlagRequest {
  subjectType: FlaggableSubjectType;
  subjectId: string;
  reason: FlagReason;
  /** Required for `other`, optional otherwise; 1–1000 characters. */
  text?: string;
}

/** What POST /api/flags answers (201). */
export interface FlagReceipt {
  id: string;
  subjectType: FlaggableSubjectType;
  subjectId: string;
  reason: FlagReason;
  createdAt: string;
  /** True when this flag took the item to the threshold and it is now hidden pending review. */
  hiddenPendingReview: boolean;
  /** True when the reporter no longer sees the item (serious reasons). */
  hiddenFromReporter: boolean;
}

/** One member's flag, as moderators see it in the queue. */
export interface FlagView {
  id: string;
  reporterId: string;
  reporterName: string;
  reason: FlagReason;
  text: string | null;
  createdAt: string;
}

export const QUEUE_DECISIONS = [
  'dismiss',
  'hide',
  'hide-and-mute',
  'remove-from-exchange',
  'suspend',
] as const;
export type QueueDecision = (typeof QUEUE_DECISIONS)[number];

/** One flagged item waiting for review: GET /api/moderation/queue lists them oldest first. */
export interface QueueItemView {
  subjectType: FlaggableSubjectType;
  subjectId: string;
  exchangeId: string | null;
  exchangeTitle: string | null;
  author: { id: string; name: string } | null;
  /** The text as written (markdown), even when hidden. */
  body: string;
  /** Where the web client shows the item. */
  url: string;
  hidden: boolean;
  /** When the first open flag was raised: the queue's order. */
  firstFlaggedAt: string;
  flags: FlagView[];
  /** The author's recent moderation history (newest first, at most 10 lines). */
  authorHistory: AuditEntryView[];
  /** The decisions this viewer may take on this item (suspend is for coordinators only). */
  decisions: QueueDecision[];
}

export interface QueuePage {
  items: QueueItemView[];
  nextCursor: string | null;
  /** Open items this viewer may review, in all. */
  total: number;
}

/** POST /api/moderation/queue/:subjectType/:subjectId/decision */
export interface QueueDecisionRequest {
  decision: QueueDecision;
  /** For the audit log and the author's notification; 3–500 characters. */
  reason: string;
  /** For `hide-and-mute`: how long the author stays muted in that exchange, 5–43200 minutes. */
  muteMinutes?: number;
}

export interface QueueDecisionResult {
  subjectType: FlaggableSubjectType;
  subjectId: string;
  decision: QueueDecision;
  /** How many open flags the decision closed. */
  closedFlags: number;
}

/** GET /api/moderation/actions?exchangeId=&targetType=&cursor=&format=csv */
export interface AuditLineView extends AuditEntryView {
  actorName: string | null;
  targetName: string | null;
  exchangeTitle: string | null;
}

export interface AuditPage {
  items: AuditLineView[];
  nextCursor: string | null;
}

/**
 * Live `moderation.queue-changed`, to the moderators of the item's exchange (its hosts, and every
 * coordinator and admin) when a flag is raised or a decision closes an item's flags.
 */
export interface ModerationQueueChanged {
  /** The exchange of the item; null for network-wide content (the commons). */
  exchangeId: string | null;
  /** Open items of that exchange (or, null, of network-wide content) now. */
  openItems: number;
}
