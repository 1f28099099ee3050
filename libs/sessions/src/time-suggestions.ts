// Find a time: rank candidate slots by how far they lie from each member's working hours, each
// member judged on their own clock on the slot's own date (so daylight-saving changes, which the
// US and Europe make on different dates, come from the time zone database).
//
// The order, best first:
//   1. fewest people at night (the night window, outside their hours, on their clock);
//   2. most people inside their working hours;
//   3. smallest total distance: minutes before the start or after the end of each person's day;
//   4. fairness: the least distance for the side stretched most at the exchange's last session;
//   5. earliest.
// A slot is left out altogether when another has fewer people at night and as many inside, so no
// suggestion keeps someone up at night while a slot exists that spares everyone the night and
// suits as many people.
import { DateTime } from 'luxon';
import type { WorkingHours } from '#libs/contracts';

export const ASSUMED_WORKING_HOURS: WorkingHours = {
  days: [1, 2, 3, 4, 5],
  start: '09:00',
  end: '17:00',
};

/** Local clock times ("HH:MM") between which nobody should be asked to meet. */
export interface NightWindow {
  start: string;
  end: string;
}

export const DEFAULT_NIGHT: NightWindow = { start: '22:00', end: '07:00' };

export interface Availability<P> {
  person: P;
  timeZone: string;
  workingHours: WorkingHours | null;
}

export type Direction = 'before-start' | 'after-end';

export interface SlotJudgement<P> {
  person: P;
  localStart: string;
  localEnd: string;
  /** Minutes the slot sticks out of the nearest working day (before its start plus after its end); 0 = inside. */
  distanceMinutes: number;
  /** Which end of the day it sticks out of (the larger part); null when inside. */
  direction: Direction | null;
  /** Some of the slot, outside their hours, falls in the night on their clock. */
  atNight: boolean;
  /** The slot starts on a day they do not work. */
  dayOff: boolean;
  assumedHours: boolean;
}

export interface RankedSlot<P> {
  startsAt: Date;
  endsAt: Date;
  inside: SlotJudgement<P>[];
  /** At night first, then the farthest out. */
  outside: SlotJudgement<P>[];
  atNightCount: number;
  totalDistanceMinutes: number;
}

export interface SuggestionOptions<P> {
  from: Date;
  to: Date;
  durationMinutes: number;
  limit: number;
  notBefore?: Date;
  night?: NightWindow;
  /** People to spare among otherwise equal slots: the side stretched last time. */
  spare?: (person: P) => boolean;
}

const STEP_MINUTES = 30;
const MINUTE = 60_000;
const DAY = 86_400_000;
/** How far around the searched range working days are laid out (a week off either side). */
const HORIZON = 8 * DAY;

type Interval = [number, number];

/** A person's working days and nights as instants, laid out once for a whole search. */
interface Calendar {
  work: Interval[];
  night: Interval[];
}

/** "HH:MM" on a local day, as an instant; "24:00" is the next midnight. */
function at(day: DateTime, hhmm: string): number {
  const [hour, minute] = hhmm.split(':').map(Number);
  if (hour === 24) return day.plus({ days: 1 }).startOf('day').toMillis();
  return day.set({ hour, minute, second: 0, millisecond: 0 }).toMillis();
}

function calendarOf(
  timeZone: string,
  hours: WorkingHours,
  night: NightWindow,
  from: number,
  to: number,
): Calendar {
  const work: Interval[] = [];
  const nights: Interval[] = [];
  const last = DateTime.fromMillis(to + HORIZON, { zone: timeZone }).startOf('day');
  for (
    let day = DateTime.fromMillis(from - HORIZON, { zone: timeZone }).startOf('day');
    day <= last;
    day = day.plus({ days: 1 })
  ) {
    const next = day.plus({ days: 1 });
    if (hours.days.includes(day.weekday)) {
      const start = at(day, hours.start);
      // An end at or before the start is read as the next morning (a night shift).
      const end = hours.end > hours.start ? at(day, hours.end) : at(next, hours.end);
      work.push([start, end]);
    }
    nights.push([
      at(day, night.start),
      night.end > night.start ? at(day, night.end) : at(next, night.end),
    ]);
  }
  // Back-to-back days (00:00–24:00) join, so a slot across midnight counts as inside.
  const merged: Interval[] = [];
  for (const [a, b] of work.sort((x, y) => x[0] - y[0])) {
    const previous = merged.at(-1);
    if (previous && a <= previous[1]) previous[1] = Math.max(previous[1], b);
    else merged.push([a, b]);
  }
  return { work: merged, night: nights };
}

interface Assessment {
  distanceMinutes: number;
  direction: Direction | null;
  atNight: boolean;
}

function assess(calendar: Calendar, s: number, e: number): Assessment {
  let best = Infinity;
  let early = 0;
  let late = 0;
  for (const [a, b] of calendar.work) {
    const before = Math.max(0, a - s);
    const after = Math.max(0, e - b);
    if (before + after < best) {
      best = before + after;
      early = before;
      late = after;
    }
  }
  if (best === 0) return { distanceMinutes: 0, direction: null, atNight: false };
  if (best === Infinity) {
    // No working day at all (not possible with validated hours): as far out as a week.
    return {
      distanceMinutes: 7 * 24 * 60,
      direction: null,
      atNight: overlapsNight(calendar, s, e),
    };
  }
  return {
    distanceMinutes: Math.round(best / MINUTE),
    direction: early >= late ? 'before-start' : 'after-end',
    atNight: overlapsNight(calendar, s, e),
  };
}

/** Whether some of [s, e) is both in a night and outside every working interval. */
function overlapsNight(calendar: Calendar, s: number, e: number): boolean {
  for (const [ns, ne] of calendar.night) {
    const a = Math.max(s, ns);
    const b = Math.min(e, ne);
    if (a >= b) continue;
    // Working intervals are merged, so [a, b) is covered only if one of them holds all of it.
    if (!calendar.work.some(([ws, we]) => ws <= a && b <= we)) return true;
  }
  return false;
}

function describe<P>(
  member: Availability<P>,
  hours: WorkingHours,
  startsAt: Date,
  endsAt: Date,
  assessment: Assessment,
): SlotJudgement<P> {
  const local = (d: Date) => DateTime.fromJSDate(d, { zone: member.timeZone });
  return {
    person: member.person,
    localStart: local(startsAt).toFormat("yyyy-MM-dd'T'HH:mm"),
    localEnd: local(endsAt).toFormat("yyyy-MM-dd'T'HH:mm"),
    ...assessment,
    dayOff: !hours.days.includes(local(startsAt).weekday),
    assumedHours: member.workingHours === null,
  };
}

/** One person's judgement of one slot (for a single slot; `timeSuggestions` lays calendars out once). */
export function judge<P>(
  startsAt: Date,
  endsAt: Date,
  member: Availability<P>,
  night: NightWindow = DEFAULT_NIGHT,
): SlotJudgement<P> {
  const hours = member.workingHours ?? ASSUMED_WORKING_HOURS;
  const s = startsAt.getTime();
  const e = endsAt.getTime();
  const calendar = calendarOf(member.timeZone, hours, night, s, e);
  return describe(member, hours, startsAt, endsAt, assess(calendar, s, e));
}

/**
 * Candidate slots every 30 minutes (on the half hour, UTC) from `from` to `to`, best first, in
 * the order explained at the top of this file.
 */
export function timeSuggestions<P>(
  members: Availability<P>[],
  options: SuggestionOptions<P>,
): RankedSlot<P>[] {
  const stepMs = STEP_MINUTES * MINUTE;
  const durationMs = options.durationMinutes * MINUTE;
  const night = options.night ?? DEFAULT_NIGHT;
  const spare = options.spare ?? (() => false);
  const earliest = Math.max(options.from.getTime(), options.notBefore?.getTime() ?? -Infinity);
  const people = members.map((member) => {
    const hours = member.workingHours ?? ASSUMED_WORKING_HOURS;
    return {
      member,
      hours,
      spared: spare(member.person),
      calendar: calendarOf(
        member.timeZone,
        hours,
        night,
        options.from.getTime(),
        options.to.getTime(),
      ),
    };
  });

  interface Candidate {
    start: number;
    assessments: Assessment[];
    atNight: number;
    inside: number;
    distance: number;
    sparedDistance: number;
  }
  const candidates: Candidate[] = [];
  for (
    let t = Math.ceil(earliest / stepMs) * stepMs;
    t + durationMs <= options.to.getTime();
    t += stepMs
  ) {
    const assessments = people.map((p) => assess(p.calendar, t, t + durationMs));
    let atNight = 0;
    let inside = 0;
    let distance = 0;
    let sparedDistance = 0;
    assessments.forEach((a, i) => {
      if (a.atNight) atNight += 1;
      if (a.distanceMinutes === 0) inside += 1;
      distance += a.distanceMinutes;
      if (people[i]?.spared) sparedDistance += a.distanceMinutes;
    });
    candidates.push({ start: t, assessments, atNight, inside, distance, sparedDistance });
  }

  // For each number of people at night: the most people inside any slot with fewer at night.
  const nightCounts = Math.max(-1, ...candidates.map((c) => c.atNight)) + 1;
  const bestWithFewerAtNight = new Array<number>(nightCounts).fill(-1);
  for (const c of candidates) {
    for (let n = c.atNight + 1; n < nightCounts; n += 1)
      bestWithFewerAtNight[n] = Math.max(bestWithFewerAtNight[n] ?? -1, c.inside);
  }

  return candidates
    .filter((c) => (bestWithFewerAtNight[c.atNight] ?? -1) < c.inside)
    .sort(
      (a, b) =>
        a.atNight - b.atNight ||
        b.inside - a.inside ||
        a.distance - b.distance ||
        a.sparedDistance - b.sparedDistance ||
        a.start - b.start,
    )
    .slice(0, options.limit)
    .map((c) => {
      const startsAt = new Date(c.start);
      const endsAt = new Date(c.start + durationMs);
      const judgements = people.map((p, i) =>
        describe(p.member, p.hours, startsAt, endsAt, c.assessments[i]!),
      );
      return {
        startsAt,
        endsAt,
        inside: judgements.filter((j) => j.distanceMinutes === 0),
        outside: judgements
          .filter((j) => j.distanceMinutes > 0)
          .sort(
            (a, b) =>
              Number(b.atNight) - Number(a.atNight) || b.distanceMinutes - a.distanceMinutes,
          ),
        atNightCount: c.atNight,
        totalDistanceMinutes: c.distance,
      };
    });
}

/**
 * The side (a key from `sideOf`) that was stretched most at a past session: the largest total
 * distance from working hours among its people. Null when nobody was outside their hours, or
 * when two sides were stretched equally (nobody to spare then).
 */
export function stretchedSide<P>(
  members: Availability<P>[],
  sideOf: (person: P) => string,
  session: { startsAt: Date; endsAt: Date },
  night: NightWindow = DEFAULT_NIGHT,
): string | null {
  const totals = new Map<string, number>();
  for (const member of members) {
    const { distanceMinutes } = judge(session.startsAt, session.endsAt, member, night);
    const side = sideOf(member.person);
    totals.set(side, (totals.get(side) ?? 0) + distanceMinutes);
  }
  const [first, second] = [...totals].sort((a, b) => b[1] - a[1]);
  if (!first || first[1] === 0) return null;
  if (second && second[1] === first[1]) return null;
  return first[0];
}
