// Find a time: rank candidate slots by how many members they fall inside the working hours of,
// each member judged in their own time zone on the slot's own date (so daylight-saving changes,
// which the US and Europe make on different dates, are handled by the time zone database).
import { DateTime } from 'luxon';
import type { WorkingHours } from '../../contracts/src/index.js';

export const ASSUMED_WORKING_HOURS: WorkingHours = {
  days: [1, 2, 3, 4, 5],
  start: '09:00',
  end: '17:00',
};

export interface Availability<P> {
  person: P;
  timeZone: string;
  workingHours: WorkingHours | null;
}

export interface SlotJudgement<P> {
  person: P;
  localStart: string;
  localEnd: string;
  minutesOutside: number;
  assumedHours: boolean;
}

export interface RankedSlot<P> {
  startsAt: Date;
  endsAt: Date;
  inside: SlotJudgement<P>[];
  outside: SlotJudgement<P>[];
  totalMinutesOutside: number;
}

const STEP_MINUTES = 30;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** Minutes of [start, end) outside the person's working window on the local day the slot starts. */
export function minutesOutsideWorkingHours(
  start: Date,
  end: Date,
  timeZone: string,
  hours: WorkingHours,
): number {
  const duration = (end.getTime() - start.getTime()) / 60_000;
  const local = DateTime.fromJSDate(start, { zone: timeZone });
  if (!hours.days.includes(local.weekday)) return duration;
  const dayStart = local.startOf('day');
  const windowStart = dayStart.plus({ minutes: minutesOf(hours.start) }).toMillis();
  const windowEnd = dayStart.plus({ minutes: minutesOf(hours.end) }).toMillis();
  const before = Math.max(0, Math.min(end.getTime(), windowStart) - start.getTime());
  const after = Math.max(0, end.getTime() - Math.max(start.getTime(), windowEnd));
  return Math.min(duration, Math.round((before + after) / 60_000));
}

export function judge<P>(start: Date, end: Date, member: Availability<P>): SlotJudgement<P> {
  const hours = member.workingHours ?? ASSUMED_WORKING_HOURS;
  const format = (d: Date) =>
    DateTime.fromJSDate(d, { zone: member.timeZone }).toFormat("yyyy-MM-dd'T'HH:mm");
  return {
    person: member.person,
    localStart: format(start),
    localEnd: format(end),
    minutesOutside: minutesOutsideWorkingHours(start, end, member.timeZone, hours),
    assumedHours: member.workingHours === null,
  };
}

/**
 * Candidate slots every 30 minutes (on the half hour, UTC) from `from` to `to`, best first:
 * most members inside their hours, then fewest minutes outside in total, then earliest.
 */
export function timeSuggestions<P>(
  members: Availability<P>[],
  options: { from: Date; to: Date; durationMinutes: number; limit: number; notBefore?: Date },
): RankedSlot<P>[] {
  const stepMs = STEP_MINUTES * 60_000;
  const durationMs = options.durationMinutes * 60_000;
  const earliest = Math.max(options.from.getTime(), options.notBefore?.getTime() ?? -Infinity);
  const slots: RankedSlot<P>[] = [];
  for (
    let t = Math.ceil(earliest / stepMs) * stepMs;
    t + durationMs <= options.to.getTime();
    t += stepMs
  ) {
    const startsAt = new Date(t);
    const endsAt = new Date(t + durationMs);
    const judgements = members.map((m) => judge(startsAt, endsAt, m));
    const inside = judgements.filter((j) => j.minutesOutside === 0);
    const outside = judgements
      .filter((j) => j.minutesOutside > 0)
      .sort((a, b) => a.minutesOutside - b.minutesOutside);
    slots.push({
      startsAt,
      endsAt,
      inside,
      outside,
      totalMinutesOutside: outside.reduce((sum, j) => sum + j.minutesOutside, 0),
    });
  }
  slots.sort(
    (a, b) =>
      b.inside.length - a.inside.length ||
      a.totalMinutesOutside - b.totalMinutesOutside ||
      a.startsAt.getTime() - b.startsAt.getTime(),
  );
  return slots.slice(0, options.limit);
}
