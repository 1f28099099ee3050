// A session's time in the viewer's zone (their profile's), with the host's wall clock beside it
// when it differs: "Mon, Mar 16, 16:00–17:00 (your time) · 09:00–10:00 in Denver (host)".
import { useTranslation } from 'react-i18next';
import { useViewerZone } from '../time/viewerZone';
import { clockIn, dayIn, placeOfZone, sameClock } from '../time/zones';

export interface SessionTimes {
  /** "Mon, Mar 16, 16:00–17:00" in the viewer's zone. */
  mine: string;
  /** The same in the host's zone, or null when the host's clock shows the viewer's time. */
  host: string | null;
  hostPlace: string;
}

/** "Mon, Mar 16, 16:00–17:00"; the end carries its own day when it falls on another one. */
export function timeRangeIn(zone: string, start: Date, end: Date, locale: string): string {
  const startDay = dayIn(zone, start, locale);
  const endDay = dayIn(zone, end, locale);
  const from = clockIn(zone, start, locale) ?? '';
  const until = clockIn(zone, end, locale) ?? '';
  return startDay === endDay
    ? `${startDay}, ${from}–${until}`
    : `${startDay}, ${from} – ${endDay}, ${until}`;
}

export function sessionTimes(
  startsAt: string,
  endsAt: string,
  hostTimeZone: string,
  locale: string,
  viewerZone: string,
): SessionTimes {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const mine = timeRangeIn(viewerZone, start, end, locale);
  if (sameClock(viewerZone, hostTimeZone, start)) {
    return { mine, host: null, hostPlace: placeOfZone(hostTimeZone, locale) };
  }
  const sameDay = dayIn(viewerZone, start, locale) === dayIn(hostTimeZone, start, locale);
  const hostRange = timeRangeIn(hostTimeZone, start, end, locale);
  return {
    mine,
    // On the same day, the host's clock alone says enough: "09:00–10:00 in Denver".
    host: sameDay ? hostRange.slice(dayIn(hostTimeZone, start, locale).length + 2) : hostRange,
    hostPlace: placeOfZone(hostTimeZone, locale),
  };
}

export function SessionTime({
  startsAt,
  endsAt,
  hostTimeZone,
  viewerZone,
}: {
  startsAt: string;
  endsAt: string;
  hostTimeZone: string;
  /** "Your time": the browser's zone unless given (the home page uses the profile's). */
  viewerZone?: string;
}) {
  const { t, i18n } = useTranslation();
  const profileZone = useViewerZone();
  const times = sessionTimes(
    startsAt,
    endsAt,
    hostTimeZone,
    i18n.language,
    viewerZone ?? profileZone,
  );
  return (
    <span className="session-time" data-testid="session-time">
      <time dateTime={startsAt}>{t('sessions.yourTime', { time: times.mine })}</time>
      {times.host && (
        <span className="muted">
          {' · '}
          {t('sessions.hostTime', { time: times.host, place: times.hostPlace })}
        </span>
      )}
    </span>
  );
}
