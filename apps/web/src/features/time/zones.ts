// Time zones and clocks with Intl only: no library, no data files.

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

/** "America/Argentina/Buenos_Aires" → "Buenos Aires". */
export function placeOfZone(zone: string): string {
  return (zone.split('/').pop() ?? zone).replace(/_/g, ' ');
}

/** "America/New_York" → "America / New York", for lists of zones. */
export function zoneLabel(zone: string): string {
  return zone.replace(/_/g, ' ').replace(/\//g, ' / ');
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

/** Minutes the zone is ahead of UTC at that instant. */
export function offsetMinutes(zone: string, at: Date): number {
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
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour') % 24,
    get('minute'),
  );
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
