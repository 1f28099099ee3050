// Time zones and clocks with Intl, plus CLDR's names of the cities that name the zones.
import { ZONE_ALIASES, ZONE_CITIES, type ZoneCityLanguage } from './zoneCities';

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

let zones: string[] | undefined;

/** Every IANA zone the browser knows, UTC first. */
export function allTimeZones(): string[] {
  if (!zones) {
    let known: string[];
    try {
      known = Intl.supportedValuesOf('timeZone');
    } catch {
      known = [browserTimeZone()];
    }
    zones = ['UTC', ...known.filter((zone) => zone !== 'UTC')];
  }
  return zones;
}

/** The numbers of a "YYYY-MM-DD" or "YYYY-MM" string (missing parts count as 1). */
export function dateParts(date: string): [year: number, month: number, day: number] {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
  return [year, month, day];
}

/** The numbers of an "HH:MM" clock time. */
function clockParts(time: string): [hours: number, minutes: number] {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return [hours, minutes];
}

/** The language part of a locale ("de-CH" → "de"). */
function languageOf(locale: string): string {
  return locale.toLowerCase().split('-')[0] ?? locale;
}

/**
 * The city that names a zone, in a language: "Europe/Brussels" → "Brüssel" in German,
 * "America/Argentina/Buenos_Aires" → "Buenos Aires". Where a person or city has a name of its
 * own, show that instead.
 */
export function placeOfZone(zone: string, locale = 'en'): string {
  const names = ZONE_CITIES[ZONE_ALIASES[zone] ?? zone];
  const language = languageOf(locale) as ZoneCityLanguage;
  return names?.[language] ?? names?.en ?? (zone.split('/').pop() ?? zone).replace(/_/g, ' ');
}

/** The zone's name in a language ("Mitteleuropäische Zeit"), or null for a zone Intl lacks. */
export function zoneGenericName(zone: string, locale: string): string | null {
  try {
    return (
      new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'longGeneric' })
        .formatToParts(new Date())
        .find((part) => part.type === 'timeZoneName')?.value ?? null
    );
  } catch {
    return null;
  }
}

/**
 * A zone for reading, in a language: "Brüssel · Mitteleuropäische Zeit". `place` (a person's or
 * a city's own name) replaces the zone's city.
 */
export function zoneName(zone: string, locale: string, place?: string | null): string {
  const city = place || placeOfZone(zone, locale);
  const generic = zoneGenericName(zone, locale);
  if (!generic || generic.includes(city)) return generic ?? city;
  return `${city} · ${generic}`;
}

const zoneOptions = new Map<string, Array<{ zone: string; label: string }>>();

/** Every zone the browser knows as choices named in a language, UTC first, then by city. */
export function timeZoneOptions(locale: string): Array<{ zone: string; label: string }> {
  let options = zoneOptions.get(locale);
  if (!options) {
    const [utc, ...rest] = allTimeZones().map((zone) => ({
      zone,
      label: zoneName(zone, locale),
      sortKey: placeOfZone(zone, locale),
    }));
    const collator = new Intl.Collator(locale);
    rest.sort((a, b) => collator.compare(a.sortKey, b.sortKey) || a.zone.localeCompare(b.zone));
    options = (utc ? [utc, ...rest] : rest).map(({ zone, label }) => ({ zone, label }));
    zoneOptions.set(locale, options);
  }
  return options;
}

/** True when two zones keep the same clock all year (checked in winter, summer and now). */
export function sameZoneAllYear(zoneA: string, zoneB: string): boolean {
  if (zoneA === zoneB) return true;
  const year = new Date().getUTCFullYear();
  return [Date.UTC(year, 0, 15), Date.UTC(year, 6, 15), Date.now()].every((at) => {
    try {
      return offsetMinutes(zoneA, new Date(at)) === offsetMinutes(zoneB, new Date(at));
    } catch {
      return false;
    }
  });
}

/** The wall-clock time ("09:12") in a zone, or null when the zone is unknown to the browser. */
export function clockIn(zone: string, at: Date, locale: string): string | null {
  try {
    return new Intl.DateTimeFormat(locale, {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: zone,
    }).format(at);
  } catch {
    return null;
  }
}

/** The wall clock's fields (year, month, day, hour 0–23, minute) of an instant in a zone. */
function clockFields(
  zone: string,
  at: Date,
): Record<'year' | 'month' | 'day' | 'hour' | 'minute', number> {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour') % 24,
    minute: get('minute'),
  };
}

/** Minutes the zone is ahead of UTC at that instant. */
export function offsetMinutes(zone: string, at: Date): number {
  const { year, month, day, hour, minute } = clockFields(zone, at);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  return Math.round((asUtc - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** Today's "HH:MM" in `fromZone` as "HH:MM" in `toZone`. */
export function convertClock(
  hhmm: string,
  fromZone: string,
  toZone: string,
  locale: string,
): string | null {
  try {
    const [hours, minutes] = hhmm.split(':').map(Number);
    const now = new Date();
    const offset = offsetMinutes(fromZone, now);
    const local = new Date(now.getTime() + offset * 60_000);
    const instant =
      Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), hours, minutes) -
      offset * 60_000;
    return clockIn(toZone, new Date(instant), locale);
  } catch {
    return null;
  }
}

/** Weekday names for ISO days 1 (Monday) … 7 (Sunday). */
export function weekdayName(
  isoDay: number,
  locale: string,
  style: 'short' | 'long' = 'short',
): string {
  // 2024-01-01 was a Monday.
  const date = new Date(Date.UTC(2024, 0, isoDay));
  return new Intl.DateTimeFormat(locale, { weekday: style, timeZone: 'UTC' }).format(date);
}

/** The wall-clock date ("2026-03-16") and time ("09:00") of an instant in a zone. */
export function wallClockIn(zone: string, at: Date): { date: string; time: string } {
  const { year, month, day, hour, minute } = clockFields(zone, at);
  const two = (n: number) => String(n).padStart(2, '0');
  return { date: `${year}-${two(month)}-${two(day)}`, time: `${two(hour)}:${two(minute)}` };
}

/**
 * The instant when the wall clock in `zone` shows `date` ("2026-03-16") at `time` ("09:00").
 * A time skipped by a daylight-saving change lands just after the change.
 */
export function instantOf(date: string, time: string, zone: string): Date {
  const [year, month, day] = dateParts(date);
  const [hours, minutes] = clockParts(time);
  const asUtc = Date.UTC(year, month - 1, day, hours, minutes);
  // Two passes settle the offset, also on the days the offset changes.
  let instant = asUtc - offsetMinutes(zone, new Date(asUtc)) * 60_000;
  instant = asUtc - offsetMinutes(zone, new Date(instant)) * 60_000;
  return new Date(instant);
}

/** "2026-03-16" plus `days`, as a calendar date (no time zone involved). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = dateParts(date);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
export function isoWeekday(date: string): number {
  const [year, month, day] = dateParts(date);
  return ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7) + 1;
}

/** "Mon, Mar 16" (in the locale's own order) for an instant as seen in a zone. */
export function dayIn(zone: string, at: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: zone,
  }).format(at);
}

/** True when two zones show the same wall clock at that instant. */
export function sameClock(zoneA: string, zoneB: string, at: Date): boolean {
  return zoneA === zoneB || offsetMinutes(zoneA, at) === offsetMinutes(zoneB, at);
}
