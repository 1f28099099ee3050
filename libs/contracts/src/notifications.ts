// The notification inbox.
export const NOTIFICATION_KINDS = [
  'join-requested',
  'join-decided',
  'exchange-member-added',
  'exchange-role-changed',
  'exchange-member-removed',
  'session-scheduled',
  'session-rescheduled',
  'session-cancelled',
  'session-reminder',
  'moderation-outcome',
  'mention',
  'reply',
  'practice-submitted',
  'practice-review-assigned',
  'practice-changes-requested',
  'practice-approved',
  'practice-published',
  'practice-archived',
  'practice-quote-requested',
  'practice-quote-decided',
  'report-reviewed',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  /** Ready-to-show English sentence; clients may build their own from `data`. */
  text: string;
  /** Structured facts: exchangeId, exchangeTitle, sessionId, sessionTitle, startsAt, role, … */
  data: Record<string, string | number | boolean | null>;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: NotificationView[];
  nextCursor: string | null;
  unreadCount: number;
}

export type NotificationPreferences = Record<NotificationKind, boolean>;

/** `GET /api/notifications` */
export interface NotificationListQuery {
  cursor?: string;
  limit?: number;
  /** "true" for only the unread ones. */
  unread?: 'true' | 'false';
}

/** `PUT /api/notifications/preferences`: kinds to switch on or off; the others keep theirs. */
export interface UpdatePreferencesRequest {
  enable?: NotificationKind[];
  disable?: NotificationKind[];
}
