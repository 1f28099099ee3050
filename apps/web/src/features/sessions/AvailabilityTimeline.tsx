// One suggested slot across the day, one row per member: their working hours shaded, the slot
// highlighted, and in words who is outside their hours: how far before or after their day, or at
// night. The axis is the viewer's day.
import type { PersonAvailability, TimeSuggestion, WorkingHours } from '@contracts';
import { useTranslation } from 'react-i18next';
import {
  addDays,
  instantOf,
  isoWeekday,
  placeOfZone,
  wallClockIn,
  weekdayName,
  zoneName,
} from '../time/zones';
import { useViewerZone } from '../time/viewerZone';
import { timeRangeIn } from './SessionTime';

/** What the API assumes for people who declared no working hours. */
export const ASSUMED_HOURS: WorkingHours = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };

const HOUR = 3_600_000;

/** A person's working intervals (instants) that touch [from, to). */
function workingIntervals(
  hours: WorkingHours,
  zone: string,
  from: number,
  to: number,
): Array<[number, number]> {
  const intervals: Array<[number, number]> = [];
  const first = addDays(wallClockIn(zone, new Date(from)).date, -1);
  const last = addDays(wallClockIn(zone, new Date(to)).date, 1);
  for (let day = first; day <= last; day = addDays(day, 1)) {
    if (!hours.days.includes(isoWeekday(day))) continue;
    const start = instantOf(day, hours.start, zone).getTime();
    let end = instantOf(day, hours.end, zone).getTime();
    if (end <= start) end = instantOf(addDays(day, 1), hours.end, zone).getTime();
    if (end > from && start < to) intervals.push([Math.max(start, from), Math.min(end, to)]);
  }
  return intervals;
}

export function useDurationText() {
  const { t } = useTranslation();
  return (minutes: number) => {
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    if (hours === 0) return t('duration.minutes', { minutes: rest });
    if (rest === 0) return t('duration.hours', { hours });
    return t('duration.hoursMinutes', { hours, minutes: rest });
  };
}

/**
 * How a person's side of a slot reads: "2 h before the day starts", "30 min after the day ends",
 * "at night", "not a working day"; and with their clock: "07:00, 2 h before the day starts",
 * "until 19:30, 30 min after the day ends", "01:00, at night", "Sat 10:00, not a working day".
 */
export function useAvailabilityText() {
  const { t, i18n } = useTranslation();
  const durationText = useDurationText();
  const verdict = (a: PersonAvailability): string => {
    if (a.distanceMinutes === 0) return t('findTime.inside');
    if (a.atNight) return t('findTime.atNight');
    if (a.dayOff) return t('findTime.dayOff');
    const duration = durationText(a.distanceMinutes);
    return a.direction === 'after-end'
      ? t('findTime.afterEnd', { duration })
      : t('findTime.beforeStart', { duration });
  };
  const withClock = (a: PersonAvailability): string => {
    const [date = '', start = ''] = a.localStart.split('T');
    const end = a.localEnd.split('T')[1] ?? '';
    if (a.dayOff && !a.atNight) {
      const day = weekdayName(isoWeekday(date), i18n.language);
      return t('findTime.at', { time: `${day} ${start}`, verdict: verdict(a) });
    }
    // A day off read from the end of the last working day would say "until 02:00" for 01:00.
    return a.direction === 'after-end' && !a.dayOff
      ? t('findTime.untilTime', { time: end, verdict: verdict(a) })
      : t('findTime.at', { time: start, verdict: verdict(a) });
  };
  return { verdict, withClock };
}

function Row({
  availability,
  hours,
  from,
  to,
  slot,
  isMe,
}: {
  availability: PersonAvailability;
  hours: WorkingHours | null | undefined;
  from: number;
  to: number;
  slot: [number, number];
  isMe: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { verdict } = useAvailabilityText();
  const { person } = availability;
  const span = to - from;
  const pct = (at: number) => `${(((at - from) / span) * 100).toFixed(3)}%`;
  const width = (a: number, b: number) => `${(((b - a) / span) * 100).toFixed(3)}%`;
  const [localDate = '', localStart = ''] = availability.localStart.split('T');
  const localEnd = availability.localEnd.split('T')[1] ?? '';
  const day = weekdayName(isoWeekday(localDate), i18n.language);
  const place = person.city?.name || placeOfZone(person.timeZone, i18n.language);
  const shading = hours ?? (availability.assumedHours ? ASSUMED_HOURS : null);
  const inside = availability.distanceMinutes === 0;
  return (
    <li
      className={
        inside
          ? 'timeline__row'
          : availability.atNight
            ? 'timeline__row timeline__row--outside timeline__row--night'
            : 'timeline__row timeline__row--outside'
      }
    >
      <div className="timeline__who">
        <span className="timeline__name">
          {person.displayName}
          {isMe && <span className="muted"> {t('exchanges.you')}</span>}
        </span>
        <span className="timeline__local">
          {t('time.localTime', { time: `${day} ${localStart}–${localEnd}`, place })}
        </span>
        <span className={inside ? 'timeline__verdict' : 'timeline__verdict timeline__verdict--out'}>
          {verdict(availability)}
          {availability.assumedHours && ` ${t('findTime.assumed')}`}
        </span>
      </div>
      <div className="timeline__track" aria-hidden="true">
        {shading &&
          workingIntervals(shading, person.timeZone, from, to).map(([a, b]) => (
            <span
              key={a}
              className={
                availability.assumedHours
                  ? 'timeline__work timeline__work--assumed'
                  : 'timeline__work'
              }
              style={{ left: pct(a), width: width(a, b) }}
            />
          ))}
        <span
          className="timeline__slot"
          style={{ left: pct(slot[0]), width: width(slot[0], slot[1]) }}
        />
      </div>
    </li>
  );
}

export function AvailabilityTimeline({
  suggestion,
  hoursOf,
  myId,
}: {
  suggestion: TimeSuggestion;
  /** Declared working hours by person id; undefined while not known yet. */
  hoursOf: (personId: string) => WorkingHours | null | undefined;
  myId: string;
}) {
  const { t, i18n } = useTranslation();
  const zone = useViewerZone();
  const start = new Date(suggestion.startsAt).getTime();
  const end = new Date(suggestion.endsAt).getTime();
  const day = wallClockIn(zone, new Date(start)).date;
  const from = instantOf(day, '00:00', zone).getTime();
  const to = Math.max(
    instantOf(addDays(day, 1), '00:00', zone).getTime(),
    Math.ceil(end / HOUR) * HOUR,
  );
  const ticks = [0, 3, 6, 9, 12, 15, 18, 21].map((hour) => {
    const label = `${String(hour).padStart(2, '0')}:00`;
    return { label, at: instantOf(day, label, zone).getTime() };
  });
  const people = [...suggestion.inside, ...suggestion.outside].sort((a, b) =>
    a.person.displayName.localeCompare(b.person.displayName, i18n.language),
  );
  return (
    <figure className="timeline" data-testid="timeline">
      <figcaption>
        <strong>{timeRangeIn(zone, new Date(start), new Date(end), i18n.language)}</strong>{' '}
        <span className="muted">{t('findTime.axis', { zone: zoneName(zone, i18n.language) })}</span>
      </figcaption>
      <div className="timeline__ticks" aria-hidden="true">
        {ticks.map((tick) => (
          <span
            key={tick.label}
            className="timeline__tick"
            style={{ left: `${(((tick.at - from) / (to - from)) * 100).toFixed(3)}%` }}
          >
            {tick.label}
          </span>
        ))}
      </div>
      <ul className="timeline__rows">
        {people.map((availability) => (
          <Row
            key={availability.person.id}
            availability={availability}
            hours={hoursOf(availability.person.id)}
            from={from}
            to={to}
            slot={[start, end]}
            isMe={availability.person.id === myId}
          />
        ))}
      </ul>
      <p className="timeline__legend" aria-hidden="true">
        <span className="timeline__swatch timeline__swatch--work" /> {t('findTime.legendWork')}
        <span className="timeline__swatch timeline__swatch--slot" /> {t('findTime.legendSlot')}
      </p>
    </figure>
  );
}
