// The conversation as it is laid out: a divider for each day (in the reader's time zone), a
// "new messages" line before the first message of others after where the reader left off, and
// consecutive messages of one person within a few minutes under one name line.
import type { MessageView } from '@contracts';
import { dateParts } from '../time/zones';

const GROUP_WINDOW_MS = 5 * 60_000;

export type ConversationItem =
  | { kind: 'day'; key: string; day: string }
  | { kind: 'new'; key: string }
  | { kind: 'message'; key: string; message: MessageView; grouped: boolean };

/** The reader's calendar day of an instant, as YYYY-MM-DD. */
export function dayKey(at: string | Date, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(at));
}

export function conversationItems(
  messages: MessageView[],
  options: { myId: string; readAtJoin: number | null; timeZone?: string },
): ConversationItem[] {
  const items: ConversationItem[] = [];
  let previous: MessageView | null = null;
  let previousDay: string | null = null;
  let newLineShown = false;
  for (const message of messages) {
    const day = dayKey(message.createdAt, options.timeZone);
    let breaks = false;
    if (day !== previousDay) {
      items.push({ kind: 'day', key: `day-${day}`, day });
      previousDay = day;
      breaks = true;
    }
    if (
      !newLineShown &&
      options.readAtJoin !== null &&
      message.seq > options.readAtJoin &&
      message.author?.id !== options.myId
    ) {
      items.push({ kind: 'new', key: 'new-messages' });
      newLineShown = true;
      breaks = true;
    }
    const grouped =
      !breaks &&
      previous !== null &&
      message.author !== null &&
      previous.author?.id === message.author.id &&
      previous.hidden === null &&
      message.hidden === null &&
      Date.parse(message.createdAt) - Date.parse(previous.createdAt) < GROUP_WINDOW_MS;
    items.push({ kind: 'message', key: message.id, message, grouped });
    previous = message;
  }
  return items;
}

/** "Today", "Yesterday" or the date, for a day divider. */
export function dayLabel(
  day: string,
  labels: { today: string; yesterday: string },
  language: string,
  timeZone?: string,
): string {
  const today = dayKey(new Date(), timeZone);
  const yesterday = dayKey(new Date(Date.now() - 86_400_000), timeZone);
  if (day === today) return labels.today;
  if (day === yesterday) return labels.yesterday;
  const [year, month, date] = dateParts(day);
  return new Intl.DateTimeFormat(language, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: year === new Date().getFullYear() ? undefined : 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, month - 1, date, 12)));
}
