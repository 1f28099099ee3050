// Calendars: each session's .ics and the member's subscription feed, read back with a real
// iCalendar parser (ical.js): instants, the host's TZID and VTIMEZONE, stable UIDs, SEQUENCE
// on every change, STATUS:CANCELLED, and the secret, rotatable feed URL.
import ICAL from 'ical.js';
import { createPerson, type TestPerson } from '../factories/accounts.js';
import { httpClient, type Http } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  addDays,
  addMember,
  createExchange,
  dstChanges,
  scheduleSession,
  suspend,
} from './exchange-helpers.js';

const PUBLIC_URL = 'https://crossings.test';
// Days of next year around the daylight-saving changes (always in the future).
const dst = dstChanges();
const gapTuesday = addDays(dst.usSpring, 2);
const gapSaturday = addDays(dst.usSpring, 6);
const afterEuSpring = addDays(dst.euSpring, 4);
const beforeEuFall = addDays(dst.euFall, -3);
const afterEuFall = addDays(dst.euFall, 4);

interface ParsedEvent {
  uid: string;
  summary: string;
  start: string;
  end: string;
  startTzid: string | null;
  endTzid: string | null;
  startLocal: string;
  sequence: number;
  status: string;
  url: string;
}

interface ParsedCalendar {
  method: string | null;
  timezones: string[];
  events: ParsedEvent[];
}

/** Parses an iCalendar text with ical.js, resolving TZIDs with the calendar's own VTIMEZONEs. */
function parseCalendar(text: string): ParsedCalendar {
  const root = new ICAL.Component(ICAL.parse(text));
  expect(root.name).toBe('vcalendar');
  const timezones = root.getAllSubcomponents('vtimezone');
  for (const vtimezone of timezones) ICAL.TimezoneService.register(vtimezone);
  try {
    const events = root.getAllSubcomponents('vevent').map((vevent): ParsedEvent => {
      const event = new ICAL.Event(vevent);
      const dtstart = vevent.getFirstProperty('dtstart')!;
      const dtend = vevent.getFirstProperty('dtend')!;
      return {
        uid: event.uid,
        summary: event.summary,
        start: event.startDate.toJSDate().toISOString(),
        end: event.endDate.toJSDate().toISOString(),
        startTzid: (dtstart.getParameter('tzid') as string | undefined) ?? null,
        endTzid: (dtend.getParameter('tzid') as string | undefined) ?? null,
        startLocal: event.startDate.toString(),
        sequence: event.sequence,
        status: String(vevent.getFirstPropertyValue('status')),
        url: String(vevent.getFirstPropertyValue('url')),
      };
    });
    return {
      method: (root.getFirstPropertyValue('method') as string | null) ?? null,
      timezones: timezones.map((tz) => String(tz.getFirstPropertyValue('tzid'))),
      events,
    };
  } finally {
    for (const vtimezone of timezones)
      ICAL.TimezoneService.remove(String(vtimezone.getFirstPropertyValue('tzid')));
  }
}

describe('calendars', () => {
  let t: TestApp;
  let http: Http;
  let coordinator: TestPerson;
  let member: TestPerson;
  let outsider: TestPerson;
  let exchangeA: { id: string; title: string };
  let exchangeB: { id: string; title: string };

  const download = async (person: TestPerson | null, sessionId: string) => {
    const res = await http('GET', `/api/sessions/${sessionId}/calendar.ics`, {
      token: person?.token,
    });
    return res;
  };
  const sessionIcs = async (person: TestPerson, sessionId: string) => {
    const res = await download(person, sessionId);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    return parseCalendar(res.body as string);
  };
  /** GETs a feed URL as a calendar app would: no credentials at all. */
  const fetchFeed = (url: string) => http('GET', new URL(url).pathname);

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL });
    http = httpClient(t.baseUrl);
    coordinator = await createPerson(t.dataSource, http, { role: 'coordinator' });
    member = await createPerson(t.dataSource, http);
    outsider = await createPerson(t.dataSource, http);
    exchangeA = await createExchange(http, coordinator, { title: 'Exchange A' });
    exchangeB = await createExchange(http, coordinator, { title: 'Exchange B' });
    await addMember(http, coordinator, exchangeA.id, member, 'participant');
    await addMember(http, coordinator, exchangeB.id, member, 'observer');
  });
  afterAll(() => t.close());

  it('a session .ics has the right instants, in the host zone with its VTIMEZONE, and a stable UID', async () => {
    // In the gap weeks of March New York is already on summer time (UTC-4), Europe not yet.
    const session = await scheduleSession(http, coordinator, exchangeA.id, {
      title: 'Roundtable in the gap week',
      kind: 'roundtable',
      startsAt: `${gapSaturday}T14:00:00.000Z`,
      endsAt: `${gapSaturday}T15:30:00.000Z`,
      hostTimeZone: 'America/New_York',
    });
    const calendar = await sessionIcs(member, session.id);
    expect(calendar.timezones).toEqual(['America/New_York']);
    expect(calendar.events).toHaveLength(1);
    const [event] = calendar.events;
    expect(event).toMatchObject({
      uid: `session-${session.id}@crossings`,
      start: `${gapSaturday}T14:00:00.000Z`,
      end: `${gapSaturday}T15:30:00.000Z`,
      startTzid: 'America/New_York',
      endTzid: 'America/New_York',
      startLocal: `${gapSaturday}T10:00:00`,
      sequence: 0,
      status: 'CONFIRMED',
      url: `${PUBLIC_URL}/exchanges/${exchangeA.id}/sessions/${session.id}`,
    });
    expect(event!.summary).toBe('Roundtable in the gap week (Exchange A)');

    // The same session in Amsterdam time: same instants, another zone.
    const amsterdam = await scheduleSession(http, coordinator, exchangeA.id, {
      startsAt: `${gapSaturday}T14:00:00.000Z`,
      endsAt: `${gapSaturday}T15:30:00.000Z`,
      hostTimeZone: 'Europe/Amsterdam',
    });
    const [other] = (await sessionIcs(member, amsterdam.id)).events;
    expect(other).toMatchObject({
      start: `${gapSaturday}T14:00:00.000Z`,
      startTzid: 'Europe/Amsterdam',
      startLocal: `${gapSaturday}T15:00:00`,
    });
    expect(other!.uid).not.toBe(event!.uid);
    // Downloading again gives the same UID.
    expect((await sessionIcs(coordinator, session.id)).events[0]!.uid).toBe(event!.uid);
  });

  it('SEQUENCE rises with every change, the UID stays, and a cancellation is STATUS:CANCELLED', async () => {
    const session = await scheduleSession(http, coordinator, exchangeA.id, {
      title: 'Workshop that moves',
      startsAt: `${beforeEuFall}T16:00:00.000Z`,
      endsAt: `${beforeEuFall}T17:00:00.000Z`,
      hostTimeZone: 'Europe/Amsterdam',
    });
    const first = (await sessionIcs(member, session.id)).events[0];
    expect(first).toMatchObject({ sequence: 0, startLocal: `${beforeEuFall}T18:00:00` });

    // Moved across the European change back to winter time.
    const moved = await http('PATCH', `/api/sessions/${session.id}`, {
      token: coordinator.token,
      body: { startsAt: `${afterEuFall}T16:00:00.000Z`, endsAt: `${afterEuFall}T17:30:00.000Z` },
    });
    expect(moved.status).toBe(200);
    const second = (await sessionIcs(member, session.id)).events[0];
    expect(second).toMatchObject({
      uid: first!.uid,
      sequence: 1,
      start: `${afterEuFall}T16:00:00.000Z`,
      end: `${afterEuFall}T17:30:00.000Z`,
      startLocal: `${afterEuFall}T17:00:00`,
      status: 'CONFIRMED',
    });

    await http('PATCH', `/api/sessions/${session.id}`, {
      token: coordinator.token,
      body: { title: 'Workshop that moved' },
    });
    const third = (await sessionIcs(member, session.id)).events[0];
    expect(third!.sequence).toBe(2);
    expect(third!.summary).toBe('Workshop that moved (Exchange A)');

    const cancelled = await http('POST', `/api/sessions/${session.id}/cancel`, {
      token: coordinator.token,
      body: {},
    });
    expect(cancelled.status).toBe(200);
    const fourth = (await sessionIcs(member, session.id)).events[0];
    expect(fourth).toMatchObject({
      uid: first!.uid,
      sequence: 3,
      status: 'CANCELLED',
      start: `${afterEuFall}T16:00:00.000Z`,
    });
  });

  it('non-members cannot download a session; signed-out callers neither', async () => {
    const session = await scheduleSession(http, coordinator, exchangeA.id);
    const asOutsider = await download(outsider, session.id);
    expect(asOutsider.status).toBe(403);
    expect(asOutsider.body.code).toBe('FORBIDDEN');
    expect(String(asOutsider.body)).not.toContain('BEGIN:VCALENDAR');
    const anonymous = await download(null, session.id);
    expect(anonymous.status).toBe(401);
  });

  it("the feed lists all of a member's sessions across exchanges, and only theirs, without sign-in", async () => {
    const other = await createExchange(http, coordinator, { title: 'Not my exchange' });
    const inA = await scheduleSession(http, coordinator, exchangeA.id, {
      title: 'Feed A',
      startsAt: `${gapTuesday}T15:00:00.000Z`,
      endsAt: `${gapTuesday}T16:00:00.000Z`,
      hostTimeZone: 'America/Denver',
    });
    const inB = await scheduleSession(http, coordinator, exchangeB.id, {
      title: 'Feed B',
      startsAt: `${afterEuSpring}T08:00:00.000Z`,
      endsAt: `${afterEuSpring}T09:00:00.000Z`,
      hostTimeZone: 'Europe/Amsterdam',
    });
    const cancelledInB = await scheduleSession(http, coordinator, exchangeB.id, {
      title: 'Feed B cancelled',
    });
    await http('POST', `/api/sessions/${cancelledInB.id}/cancel`, {
      token: coordinator.token,
      body: {},
    });
    const notMine = await scheduleSession(http, coordinator, other.id, { title: 'Not mine' });

    const feed = await http('GET', '/api/me/calendar-feed', { token: member.token });
    expect(feed.status).toBe(200);
    expect(feed.body.url).toMatch(
      new RegExp(`^${PUBLIC_URL}/api/calendar/[A-Za-z0-9_-]{20,64}\\.ics$`),
    );
    // Asking again gives the same link.
    expect((await http('GET', '/api/me/calendar-feed', { token: member.token })).body.url).toBe(
      feed.body.url,
    );

    const res = await fetchFeed(feed.body.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const calendar = parseCalendar(res.body as string);
    expect(calendar.method).toBe('PUBLISH');
    const byUid = new Map(calendar.events.map((e) => [e.uid, e]));
    expect(byUid.get(`session-${inA.id}@crossings`)).toMatchObject({
      summary: 'Feed A (Exchange A)',
      start: `${gapTuesday}T15:00:00.000Z`,
      end: `${gapTuesday}T16:00:00.000Z`,
      startTzid: 'America/Denver',
      startLocal: `${gapTuesday}T09:00:00`,
    });
    expect(byUid.get(`session-${inB.id}@crossings`)).toMatchObject({
      summary: 'Feed B (Exchange B)',
      start: `${afterEuSpring}T08:00:00.000Z`,
      startTzid: 'Europe/Amsterdam',
      startLocal: `${afterEuSpring}T10:00:00`,
    });
    expect(byUid.get(`session-${cancelledInB.id}@crossings`)).toMatchObject({
      status: 'CANCELLED',
      sequence: 1,
    });
    expect(byUid.has(`session-${notMine.id}@crossings`)).toBe(false);
    expect(calendar.timezones).toEqual(
      expect.arrayContaining(['America/Denver', 'Europe/Amsterdam']),
    );
    // Every session of both exchanges is there (this file scheduled them all in A or B or other).
    const expected = (await t.dataSource.query(
      `SELECT id FROM sessions WHERE exchange_id = ANY($1)`,
      [[exchangeA.id, exchangeB.id]],
    )) as Array<{ id: string }>;
    expect([...byUid.keys()].sort()).toEqual(
      expected.map((s) => `session-${s.id}@crossings`).sort(),
    );

    // The feed follows membership: leaving B takes its sessions out.
    const left = await http('DELETE', `/api/exchanges/${exchangeB.id}/members/${member.id}`, {
      token: member.token,
    });
    expect(left.status).toBe(204);
    const after = parseCalendar((await fetchFeed(feed.body.url)).body as string);
    const uids = after.events.map((e) => e.uid);
    expect(uids).toContain(`session-${inA.id}@crossings`);
    expect(uids).not.toContain(`session-${inB.id}@crossings`);
    await addMember(http, coordinator, exchangeB.id, member, 'observer');
  });

  it('rotating the token makes the old URL 404 and the new one work; unknown tokens 404', async () => {
    const person = await createPerson(t.dataSource, http);
    await addMember(http, coordinator, exchangeA.id, person, 'participant');
    const session = await scheduleSession(http, coordinator, exchangeA.id, { title: 'Rotate me' });
    const old = (await http('GET', '/api/me/calendar-feed', { token: person.token })).body.url;
    expect((await fetchFeed(old)).status).toBe(200);

    const rotated = await http('POST', '/api/me/calendar-feed/rotate', { token: person.token });
    expect(rotated.status).toBe(200);
    expect(rotated.body.url).not.toBe(old);
    const gone = await fetchFeed(old);
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe('NOT_FOUND');
    const fresh = await fetchFeed(rotated.body.url);
    expect(fresh.status).toBe(200);
    expect(parseCalendar(fresh.body as string).events.map((e) => e.uid)).toContain(
      `session-${session.id}@crossings`,
    );
    expect((await http('GET', '/api/me/calendar-feed', { token: person.token })).body.url).toBe(
      rotated.body.url,
    );

    // Someone else's feed is another secret.
    const mine = (await http('GET', '/api/me/calendar-feed', { token: member.token })).body.url;
    expect(mine).not.toBe(rotated.body.url);

    for (const token of ['x'.repeat(32), 'short', 'has%20space'.padEnd(24, 'a')]) {
      const res = await http('GET', `/api/calendar/${token}.ics`);
      expect(res.status).toBe(404);
    }

    // A suspended member's feed stops answering.
    await suspend(t.dataSource, person);
    expect((await fetchFeed(rotated.body.url)).status).toBe(404);
  });
});
