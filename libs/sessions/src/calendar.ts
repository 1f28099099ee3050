// iCalendar output: one session as an .ics download, or a member's whole subscription feed.
// Times are written in the host's time zone with its VTIMEZONE, so calendars show them right
// in any zone; SEQUENCE follows every change and cancelled sessions stay as STATUS:CANCELLED.
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import type { Session } from './entities/session.entity.js';

export interface CalendarEntry {
  session: Session;
  exchangeTitle: string;
  url: string;
}

export function buildCalendar(name: string, entries: CalendarEntry[], method?: 'publish'): string {
  const calendar = ical({
    name,
    prodId: { company: 'Crossings', product: 'Crossings', language: 'EN' },
    ttl: 60 * 60,
  });
  calendar.timezone({ name: null, generator: getVtimezoneComponent });
  if (method) calendar.method(ICalCalendarMethod.PUBLISH);
  for (const { session, exchangeTitle, url } of entries) {
    const zone = session.hostTimeZone;
    const location = [session.venueName, session.venueCity?.name].filter(Boolean).join(', ');
    calendar.createEvent({
      id: `session-${session.id}@crossings`,
      sequence: session.sequence,
      start: DateTime.fromJSDate(session.startsAt).setZone(zone),
      end: DateTime.fromJSDate(session.endsAt).setZone(zone),
      timezone: zone,
      stamp: session.updatedAt,
      lastModified: session.updatedAt,
      created: session.createdAt,
      summary: `${session.title} (${exchangeTitle})`,
      description: [session.agenda, session.online ? `Online: ${url}` : '']
        .filter(Boolean)
        .join('\n\n'),
      location: location || (session.online ? 'Online (Crossings live room)' : undefined),
      url,
      status:
        session.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
