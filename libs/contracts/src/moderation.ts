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
