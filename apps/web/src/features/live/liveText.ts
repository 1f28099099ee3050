import type { PersonSummary, RoomView } from '@contracts';
import type { TFunction } from 'i18next';
import { errorText } from '../../ui/errorText';
import { clockIn, placeOfZone } from '../time/zones';

const KNOWN_ERRORS = new Set([
  'MUTED',
  'RATE_LIMITED',
  'ROOM_READ_ONLY',
  'ROOM_NOT_OPEN',
  'NOT_FOUND',
  'FORBIDDEN',
  'EDIT_WINDOW_PASSED',
  'DISCONNECTED',
]);

/** A refused live action in the reader's language: said for a room, or as any other error. */
export function problemText(
  t: TFunction,
  language: string,
  problem: { code: string; message: string },
): string {
  return KNOWN_ERRORS.has(problem.code)
    ? t(`live.errors.${problem.code}`)
    : errorText(t, language, problem);
}

/** A room's name in the reader's language: the session's title, or "<exchange> — lobby". */
export function roomName(t: TFunction, room: Pick<RoomView, 'kind' | 'title' | 'exchangeTitle'>) {
  return room.kind === 'lobby' ? t('live.lobbyOf', { exchange: room.exchangeTitle }) : room.title;
}

/** "Ana is typing…", "Ana and Bo are typing…", "Several people are typing…" */
export function typingText(t: TFunction, people: PersonSummary[]): string {
  const [first, second] = people;
  if (!first) return '';
  if (!second) return t('live.typingOne', { name: first.displayName });
  if (people.length === 2)
    return t('live.typingTwo', { first: first.displayName, second: second.displayName });
  return t('live.typingMany');
}

/** The clock in the reader's zone (their profile's). */
export function myClock(at: string, language: string, zone: string): string {
  return clockIn(zone, new Date(at), language) ?? '';
}

/** "08:05 in Denver": the author's own clock when they wrote, or null when it is the reader's. */
export function authorClock(
  t: TFunction,
  author: PersonSummary,
  at: string,
  language: string,
  zone: string,
): string | null {
  const theirs = clockIn(author.timeZone, new Date(at), language);
  if (!theirs || theirs === myClock(at, language, zone)) return null;
  return t('time.localTime', {
    time: theirs,
    place: author.city?.name || placeOfZone(author.timeZone, language),
  });
}

/** "Tue 14:05" style moment for room opening times, in the reader's zone. */
export function momentText(at: string, language: string, zone: string): string {
  return new Intl.DateTimeFormat(language, {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(at));
}
