// A notification's sentence in the reader's language, built from its kind and structured facts;
// the API's English `text` is the fallback when a fact is missing.
import { EXCHANGE_ROLES, type ExchangeRole, type NotificationView } from '@contracts';
import type { TFunction } from 'i18next';
import { sessionTimes } from '../sessions/SessionTime';
import { clockIn, dayIn } from '../time/zones';

function text(data: NotificationView['data'], key: string): string | null {
  const value = data[key];
  return typeof value === 'string' && value ? value : null;
}

/** When the session is, in the reader's zone: a range, or only the start (reminders). */
function whenText(
  startsAt: string,
  endsAt: string | null,
  hostTimeZone: string,
  locale: string,
  zone: string,
): string {
  if (endsAt) return sessionTimes(startsAt, endsAt, hostTimeZone, locale, zone).mine;
  const start = new Date(startsAt);
  return `${dayIn(zone, start, locale)}, ${clockIn(zone, start, locale) ?? ''}`;
}

const MODERATION_ACTIONS = ['hide', 'restore', 'mute', 'unmute', 'remove', 'readmit'];
const THREAD_ACTIONS = ['hide', 'restore', 'lock', 'unlock', 'pin', 'unpin', 'move', 'merge'];

/** A post's author as a notification may name them: by name, or neutrally (Chatham House). */
function whoOf(data: NotificationView['data'], t: TFunction): string | null {
  const name = text(data, 'authorName');
  if (name) return name;
  const attribution = text(data, 'attribution');
  if (!attribution) return null;
  if (attribution.includes('European')) return t('threads.neutral.europe');
  if (attribution.includes('North American')) return t('threads.neutral.northAmerica');
  return t('threads.neutral.other');
}

/** Replies, mentions and moderation in threads (in the commons too, which has no exchange). */
function threadSentence(notification: NotificationView, t: TFunction): string | null {
  const { data } = notification;
  const thread = text(data, 'threadTitle');
  if (!thread) return null;
  if (notification.kind === 'reply' || notification.kind === 'mention') {
    const who = whoOf(data, t);
    if (!who) return null;
    if (notification.kind === 'mention')
      return t('notifications.text.threadMention', { who, thread });
    return data.reason === 'watching'
      ? t('notifications.text.threadPost', { who, thread })
      : t('notifications.text.threadReply', { who, thread });
  }
  if (notification.kind === 'moderation-outcome') {
    const action = text(data, 'action');
    if (!action || !THREAD_ACTIONS.includes(action)) return null;
    const reason = text(data, 'reason');
    const sentence = t(`notifications.text.threadModeration.${action}`, { thread });
    return reason ? `${sentence} ${t('notifications.text.reason', { reason })}` : sentence;
  }
  return null;
}

export function notificationSentence(
  notification: NotificationView,
  t: TFunction,
  locale: string,
  /** The reader's zone (their profile's), for "(your time)". */
  zone: string,
): string {
  const { data } = notification;
  const exchange = text(data, 'exchangeTitle');
  const session = text(data, 'sessionTitle');
  const roleValue = text(data, 'role');
  const role =
    roleValue && (EXCHANGE_ROLES as readonly string[]).includes(roleValue)
      ? t(`exchanges.rolesInSentence.${roleValue as ExchangeRole}`)
      : null;
  const startsAt = text(data, 'startsAt');
  const endsAt = text(data, 'endsAt');
  const hostTimeZone = text(data, 'hostTimeZone') ?? 'UTC';
  const when = startsAt ? whenText(startsAt, endsAt, hostTimeZone, locale, zone) : null;
  if (notification.kind === 'report-reviewed')
    return t(
      data.outcome === 'action-taken'
        ? 'notifications.text.reportReviewed.actionTaken'
        : 'notifications.text.reportReviewed.reviewed',
    );
  if (text(data, 'threadId')) return threadSentence(notification, t) ?? notification.text;
  if (notification.kind === 'moderation-outcome' && text(data, 'scope') === 'threads') {
    const action = text(data, 'action');
    if (action !== 'mute' && action !== 'unmute') return notification.text;
    const where = exchange
      ? t('notifications.text.inThreadsOf', { exchange })
      : t('notifications.text.inCommons');
    const until = text(data, 'until');
    const sentence = t(`notifications.text.moderation.${action}`, {
      where,
      until: until ? whenText(until, null, 'UTC', locale, zone) : '',
    });
    const reason = text(data, 'reason');
    return reason ? `${sentence} ${t('notifications.text.reason', { reason })}` : sentence;
  }
  const practice = text(data, 'practiceTitle');
  if (practice) return practiceSentence(notification, t, practice);
  if (!exchange) return notification.text;
  if (notification.kind === 'mention') {
    const author = text(data, 'authorName');
    const where = session
      ? t('notifications.text.inSessionRoom', { session, exchange })
      : t('notifications.text.inLobby', { exchange });
    return author ? t('notifications.text.mention', { author, where }) : notification.text;
  }
  switch (notification.kind) {
    case 'join-requested': {
      const requester = text(data, 'requesterName');
      return requester
        ? t('notifications.text.joinRequested', { requester, exchange })
        : notification.text;
    }
    case 'join-decided':
      if (data.approved === true && role)
        return t('notifications.text.joinApproved', { exchange, role });
      if (data.approved === false) return t('notifications.text.joinDeclined', { exchange });
      return notification.text;
    case 'exchange-member-added':
      return role ? t('notifications.text.memberAdded', { exchange, role }) : notification.text;
    case 'exchange-role-changed':
      return role ? t('notifications.text.roleChanged', { exchange, role }) : notification.text;
    case 'exchange-member-removed':
      return t('notifications.text.memberRemoved', { exchange });
    case 'session-scheduled':
      return session && when
        ? t('notifications.text.sessionScheduled', { session, exchange, when })
        : notification.text;
    case 'session-rescheduled':
      return session && when
        ? t('notifications.text.sessionRescheduled', { session, exchange, when })
        : notification.text;
    case 'session-cancelled': {
      if (!session) return notification.text;
      const reason = text(data, 'reason');
      const sentence = t('notifications.text.sessionCancelled', { session, exchange });
      return reason ? `${sentence} ${t('notifications.text.reason', { reason })}` : sentence;
    }
    case 'session-reminder':
      return session && when
        ? t('notifications.text.sessionReminder', { session, exchange, when })
        : notification.text;
    case 'moderation-outcome': {
      const action = text(data, 'action');
      const reason = text(data, 'reason');
      const until = text(data, 'until');
      if (!action || !MODERATION_ACTIONS.includes(action)) return notification.text;
      const where = session
        ? t('notifications.text.inSessionRoom', { session, exchange })
        : t('notifications.text.inLobby', { exchange });
      const untilText = until ? whenText(until, null, 'UTC', locale, zone) : '';
      const sentence = t(`notifications.text.moderation.${action}`, { where, until: untilText });
      return reason ? `${sentence} ${t('notifications.text.reason', { reason })}` : sentence;
    }
    default:
      return notification.text;
  }
}

/** The practice library's notifications, in the reader's language. */
function practiceSentence(notification: NotificationView, t: TFunction, practice: string): string {
  const { data } = notification;
  switch (notification.kind) {
    case 'practice-submitted':
      return t('practices.notifications.submitted', { practice });
    case 'practice-review-assigned':
      return t('practices.notifications.reviewAssigned', { practice });
    case 'practice-changes-requested':
      return t('practices.notifications.changesRequested', {
        practice,
        comment: text(data, 'comment') ?? '',
      });
    case 'practice-approved':
      return t('practices.notifications.approved', { practice });
    case 'practice-published':
      return t('practices.notifications.published', { practice, version: data.version ?? 1 });
    case 'practice-archived':
      return t('practices.notifications.archived', {
        practice,
        reason: text(data, 'reason') ?? '',
      });
    case 'practice-quote-requested':
      return t('practices.notifications.quoteRequested', {
        practice,
        name: text(data, 'requesterName') ?? '',
      });
    case 'practice-quote-decided':
      return t(
        data.accepted === true
          ? 'practices.notifications.quoteAccepted'
          : 'practices.notifications.quoteDeclined',
        {
          practice,
          name: text(data, 'personName') ?? '',
        },
      );
    case 'moderation-outcome':
      return t(
        data.action === 'restore'
          ? 'practices.notifications.restored'
          : 'practices.notifications.hidden',
        {
          practice,
          reason: text(data, 'reason') ?? '',
        },
      );
    default:
      return notification.text;
  }
}

/** Where a notification leads: the room of a moderation outcome, the session, or the exchange. */
export function notificationLink(notification: NotificationView): string | null {
  const threadId = text(notification.data, 'threadId');
  if (threadId) {
    const seq = notification.data.seq;
    return typeof seq === 'number' ? `/threads/${threadId}#post-${seq}` : `/threads/${threadId}`;
  }
  const practiceId = text(notification.data, 'practiceId');
  if (practiceId) {
    if (notification.kind === 'practice-quote-requested') return '/practices/mine';
    if (
      ['practice-submitted', 'practice-review-assigned', 'practice-approved'].includes(
        notification.kind,
      )
    )
      return `/practices/${practiceId}/review`;
    if (notification.kind === 'practice-changes-requested') return `/practices/${practiceId}/edit`;
    return `/practices/${practiceId}`;
  }
  const roomId = text(notification.data, 'roomId');
  if (notification.kind === 'mention' && roomId) return `/rooms/${roomId}`;
  if (notification.kind === 'moderation-outcome' && roomId && notification.data.action !== 'remove')
    return `/rooms/${roomId}`;
  const exchangeId = text(notification.data, 'exchangeId');
  const sessionId = text(notification.data, 'sessionId');
  if (!exchangeId) return null;
  if (sessionId) return `/exchanges/${exchangeId}/sessions/${sessionId}`;
  return `/exchanges/${exchangeId}`;
}
