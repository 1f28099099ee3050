// The notification inbox (cursor pages, unread count, read one, read all), preferences per kind,
// and session reminders 24 hours and 15 minutes before, delivered by the pg-boss queue at their
// moment: moved with a reschedule, dropped with a cancellation, and kept across a restart.
import { randomUUID } from 'node:crypto';
import { NOTIFICATION_KINDS } from '#libs/contracts';
import { createPerson, type TestPerson } from '../factories/accounts.js';
import { httpClient, type Http } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  addMember,
  createExchange,
  HOUR,
  inboxOf,
  type InboxItem,
  kindsOf,
  scheduleSession,
  waitFor,
} from './exchange-helpers.js';

const MINUTE = 60_000;
const REMINDER_TIMEOUT = 60_000;

/** A session start that puts its 15-minute (or 24-hour) reminder `leadMs` from now. */
function startFor(offsetMinutes: number, leadMs: number): { startsAt: string; endsAt: string } {
  const start = Date.now() + offsetMinutes * MINUTE + leadMs;
  return {
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + HOUR).toISOString(),
  };
}

/** The wall-clock time of an instant in a zone, as yyyy-MM-ddTHH:mm (the Intl way). */
function localTime(iso: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

const remindersOf = async (http: Http, person: TestPerson, sessionId: string) =>
  (await inboxOf(http, person)).filter(
    (n) => n.kind === 'session-reminder' && n.data.sessionId === sessionId,
  );

/** Waits for the person's reminder of a session at the given offset. */
const reminderArrives = (http: Http, person: TestPerson, sessionId: string, offset: number) =>
  waitFor<InboxItem>(
    async () =>
      (await remindersOf(http, person, sessionId)).find((n) => n.data.offsetMinutes === offset),
    REMINDER_TIMEOUT,
    `the ${offset}-minute reminder of ${sessionId}`,
  );

describe('notifications', () => {
  let t: TestApp;
  let http: Http;
  let coordinator: TestPerson;

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    coordinator = await createPerson(t.dataSource, http, { role: 'coordinator' });
  });
  afterAll(() => t.close());

  describe('inbox', () => {
    let person: TestPerson;
    let exchangeId: string;

    beforeAll(async () => {
      person = await createPerson(t.dataSource, http);
      exchangeId = (await createExchange(http, coordinator, { title: 'Inbox exchange' })).id;
      await addMember(http, coordinator, exchangeId, person, 'participant');
      // 24 role changes: 25 notifications in all, each from a real producer.
      for (let i = 0; i < 24; i++) {
        const res = await http('PATCH', `/api/exchanges/${exchangeId}/members/${person.id}`, {
          token: coordinator.token,
          body: { role: i % 2 === 0 ? 'observer' : 'participant' },
        });
        expect(res.status).toBe(200);
      }
    });

    it('pages through the inbox newest first with a cursor, with the unread count on every page', async () => {
      const seen: InboxItem[] = [];
      const sizes: number[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `limit=10&cursor=${encodeURIComponent(cursor)}` : 'limit=10';
        const res = await http('GET', `/api/notifications?${query}`, { token: person.token });
        expect(res.status).toBe(200);
        expect(res.body.unreadCount).toBe(25);
        sizes.push(res.body.items.length);
        seen.push(...res.body.items);
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(sizes).toEqual([10, 10, 5]);
      expect(new Set(seen.map((n) => n.id)).size).toBe(25);
      const times = seen.map((n) => Date.parse(n.createdAt));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      expect(seen.at(-1)).toMatchObject({ kind: 'exchange-member-added' });
      expect(seen[0]).toMatchObject({
        kind: 'exchange-role-changed',
        data: { role: 'participant', previousRole: 'observer' },
        readAt: null,
      });
      // Nobody else sees them.
      const other = await createPerson(t.dataSource, http);
      const theirs = await http('GET', '/api/notifications', { token: other.token });
      expect(theirs.body).toEqual({ items: [], nextCursor: null, unreadCount: 0 });
    });

    it('skips nothing when several notifications share a millisecond at a page boundary', async () => {
      // PostgreSQL keeps microseconds; notifications stored within one millisecond (one
      // transaction, or a busy queue) must still each appear exactly once across the pages.
      const busy = await createPerson(t.dataSource, http);
      const stamps = [
        '2026-01-05 10:00:00.123900+00',
        '2026-01-05 10:00:00.123600+00',
        '2026-01-05 10:00:00.123600+00',
        '2026-01-05 10:00:00.123300+00',
        '2026-01-05 10:00:00.122000+00',
      ];
      for (const [i, at] of stamps.entries()) {
        await t.dataSource.query(
          `INSERT INTO notifications (recipient_id, kind, text, data, created_at)
           VALUES ($1, 'exchange-member-added', $2, '{}', $3)`,
          [busy.id, `Notification ${i}`, at],
        );
      }
      for (const limit of [1, 2, 3]) {
        const texts: string[] = [];
        let cursor: string | null = null;
        do {
          const query: string = cursor
            ? `limit=${limit}&cursor=${encodeURIComponent(cursor)}`
            : `limit=${limit}`;
          const res = await http('GET', `/api/notifications?${query}`, { token: busy.token });
          expect(res.status).toBe(200);
          texts.push(...res.body.items.map((n: InboxItem) => n.text));
          cursor = res.body.nextCursor;
        } while (cursor);
        expect({ limit, texts: [...texts].sort() }).toEqual({
          limit,
          texts: stamps.map((_, i) => `Notification ${i}`),
        });
        // The one from an earlier millisecond comes last.
        expect(texts.at(-1)).toBe('Notification 4');
      }
    });

    it('marks one read, only for its recipient, and filters unread', async () => {
      const [newest, second] = await inboxOf(http, person);
      const stranger = await createPerson(t.dataSource, http);
      const notMine = await http('POST', `/api/notifications/${newest!.id}/read`, {
        token: stranger.token,
      });
      expect(notMine.status).toBe(404);
      expect(notMine.body.code).toBe('NOT_FOUND');
      expect((await inboxOf(http, person))[0]!.readAt).toBeNull();

      const read = await http('POST', `/api/notifications/${second!.id}/read`, {
        token: person.token,
      });
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id: second!.id, kind: second!.kind });
      expect(read.body.readAt).not.toBeNull();
      const again = await http('POST', `/api/notifications/${second!.id}/read`, {
        token: person.token,
      });
      expect(again.body.readAt).toBe(read.body.readAt);

      const page = await http('GET', '/api/notifications?limit=100', { token: person.token });
      expect(page.body.unreadCount).toBe(24);
      expect(page.body.items.find((n: InboxItem) => n.id === second!.id).readAt).toBe(
        read.body.readAt,
      );
      const unread = await http('GET', '/api/notifications?unread=true&limit=100', {
        token: person.token,
      });
      expect(unread.body.items).toHaveLength(24);
      expect(unread.body.items.map((n: InboxItem) => n.id)).not.toContain(second!.id);

      for (const [path, status] of [
        [`/api/notifications/${randomUUID()}/read`, 404],
        ['/api/notifications/not-a-uuid/read', 400],
      ] as const) {
        const res = await http('POST', path, { token: person.token });
        expect(res.status).toBe(status);
      }
    });

    it('marks all read at once, and refuses bad paging parameters', async () => {
      const res = await http('POST', '/api/notifications/read-all', { token: person.token });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ marked: 24 });
      const page = await http('GET', '/api/notifications', { token: person.token });
      expect(page.body.unreadCount).toBe(0);
      expect(page.body.items.every((n: InboxItem) => n.readAt !== null)).toBe(true);
      expect(
        (await http('POST', '/api/notifications/read-all', { token: person.token })).body,
      ).toEqual({ marked: 0 });

      const garbage = Buffer.from(JSON.stringify(['yesterday', 'nobody'])).toString('base64url');
      for (const query of [
        'limit=0',
        'limit=101',
        'limit=ten',
        'cursor=%%%',
        `cursor=${garbage}`,
        'unread=yes',
        'sort=asc',
      ]) {
        const bad = await http('GET', `/api/notifications?${query}`, { token: person.token });
        expect({ query, status: bad.status, code: bad.body.code }).toEqual({
          query,
          status: 400,
          code: 'VALIDATION_FAILED',
        });
      }
    });
  });

  describe('preferences', () => {
    it('every kind is on by default; switching one off stops it and leaves the others', async () => {
      const person = await createPerson(t.dataSource, http);
      const defaults = await http('GET', '/api/notifications/preferences', { token: person.token });
      expect(defaults.status).toBe(200);
      expect(defaults.body).toEqual(Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, true])));

      const off = await http('PUT', '/api/notifications/preferences', {
        token: person.token,
        body: { disable: ['exchange-role-changed', 'session-scheduled'] },
      });
      expect(off.status).toBe(200);
      expect(off.body).toMatchObject({
        'exchange-role-changed': false,
        'session-scheduled': false,
        'exchange-member-added': true,
      });

      const exchangeId = (await createExchange(http, coordinator, { title: 'Quiet please' })).id;
      await addMember(http, coordinator, exchangeId, person, 'participant');
      await http('PATCH', `/api/exchanges/${exchangeId}/members/${person.id}`, {
        token: coordinator.token,
        body: { role: 'observer' },
      });
      await scheduleSession(http, coordinator, exchangeId);
      expect(await kindsOf(http, person)).toEqual(['exchange-member-added']);
      const stored = await t.dataSource.query(
        `SELECT kind FROM notifications WHERE recipient_id = $1`,
        [person.id],
      );
      expect(stored).toEqual([{ kind: 'exchange-member-added' }]);

      // Back on: the next one arrives.
      const on = await http('PUT', '/api/notifications/preferences', {
        token: person.token,
        body: { enable: ['exchange-role-changed'] },
      });
      expect(on.body).toMatchObject({ 'exchange-role-changed': true, 'session-scheduled': false });
      await http('PATCH', `/api/exchanges/${exchangeId}/members/${person.id}`, {
        token: coordinator.token,
        body: { role: 'participant' },
      });
      expect(await kindsOf(http, person)).toEqual([
        'exchange-role-changed',
        'exchange-member-added',
      ]);
    });

    it('refuses unknown kinds and fields and changes nothing', async () => {
      const person = await createPerson(t.dataSource, http);
      await http('PUT', '/api/notifications/preferences', {
        token: person.token,
        body: { disable: ['join-decided'] },
      });
      const before = (await http('GET', '/api/notifications/preferences', { token: person.token }))
        .body;
      for (const body of [
        { disable: ['session-reminder', 'fax'] },
        { enable: ['everything'] },
        { disable: 'session-reminder' },
        { enable: [42] },
        { mute: ['session-reminder'] },
        { 'session-reminder': false },
      ]) {
        const res = await http('PUT', '/api/notifications/preferences', {
          token: person.token,
          body,
        });
        expect({ body, status: res.status, code: res.body.code }).toEqual({
          body,
          status: 400,
          code: 'VALIDATION_FAILED',
        });
      }
      expect(
        (await http('GET', '/api/notifications/preferences', { token: person.token })).body,
      ).toEqual(before);
      expect(before['join-decided']).toBe(false);
    });
  });

  describe('session reminders (pg-boss)', () => {
    let host: TestPerson;
    let participant: TestPerson;
    let quiet: TestPerson;
    let exchangeId: string;

    beforeAll(async () => {
      host = await createPerson(t.dataSource, http);
      participant = await createPerson(t.dataSource, http);
      quiet = await createPerson(t.dataSource, http);
      exchangeId = (await createExchange(http, coordinator, { title: 'Reminded exchange' })).id;
      await addMember(http, coordinator, exchangeId, host, 'host');
      await addMember(http, coordinator, exchangeId, participant, 'participant');
      await addMember(http, coordinator, exchangeId, quiet, 'observer');
      await http('PUT', '/api/notifications/preferences', {
        token: quiet.token,
        body: { disable: ['session-reminder'] },
      });
    });

    it(
      'reminds every member 15 minutes before, not earlier, once, with the host local time',
      async () => {
        const times = startFor(15, 8000);
        const session = await scheduleSession(http, host, exchangeId, {
          title: 'Soon',
          hostTimeZone: 'America/Denver',
          ...times,
        });
        const moment = Date.parse(times.startsAt) - 15 * MINUTE;
        expect(await remindersOf(http, participant, session.id)).toEqual([]);

        for (const member of [host, participant, coordinator]) {
          const reminder = await reminderArrives(http, member, session.id, 15);
          expect(Date.parse(reminder.createdAt)).toBeGreaterThanOrEqual(moment - 1000);
          expect(reminder.data).toMatchObject({
            exchangeId,
            sessionTitle: 'Soon',
            startsAt: times.startsAt,
            hostTimeZone: 'America/Denver',
            offsetMinutes: 15,
          });
          expect(reminder.data.hostLocalStart).toBe(localTime(times.startsAt, 'America/Denver'));
          expect(reminder.text).toContain('15 minutes');
        }
        // The observer who switched reminders off gets none; nobody gets two.
        expect(await remindersOf(http, quiet, session.id)).toEqual([]);
        expect(await remindersOf(http, participant, session.id)).toHaveLength(1);
        // The 24-hour reminder was already past when the session was scheduled: none.
        expect(
          (await remindersOf(http, participant, session.id)).map((n) => n.data.offsetMinutes),
        ).toEqual([15]);
      },
      2 * REMINDER_TIMEOUT,
    );

    it(
      'reminds 24 hours before',
      async () => {
        const times = startFor(24 * 60, 5000);
        const session = await scheduleSession(http, host, exchangeId, {
          title: 'Tomorrow',
          ...times,
        });
        const reminder = await reminderArrives(http, participant, session.id, 24 * 60);
        expect(Date.parse(reminder.createdAt)).toBeGreaterThanOrEqual(
          Date.parse(times.startsAt) - 24 * HOUR - 1000,
        );
        expect(reminder.text).toContain('24 hours');
        expect(await remindersOf(http, participant, session.id)).toHaveLength(1);
      },
      2 * REMINDER_TIMEOUT,
    );

    it(
      'a rescheduled session moves its reminders; a cancelled one sends none',
      async () => {
        const first = startFor(15, 10_000);
        const moved = await scheduleSession(http, host, exchangeId, { title: 'Moved', ...first });
        const cancelled = await scheduleSession(http, host, exchangeId, {
          title: 'Cancelled',
          ...first,
        });
        const later = startFor(15, 25_000);
        const patch = await http('PATCH', `/api/sessions/${moved.id}`, {
          token: host.token,
          body: later,
        });
        expect(patch.status).toBe(200);
        const cancel = await http('POST', `/api/sessions/${cancelled.id}/cancel`, {
          token: host.token,
          body: {},
        });
        expect(cancel.status).toBe(200);

        const reminder = await reminderArrives(http, participant, moved.id, 15);
        // It came at the new moment, not the old one, and speaks of the new time.
        expect(Date.parse(reminder.createdAt)).toBeGreaterThanOrEqual(
          Date.parse(later.startsAt) - 15 * MINUTE - 1000,
        );
        expect(reminder.data.startsAt).toBe(later.startsAt);
        expect(await remindersOf(http, participant, moved.id)).toHaveLength(1);

        // The cancelled session's job ran (its moment passed 15 s earlier) and reminded no one.
        await waitFor(
          async () => {
            const [row] = (await t.dataSource.query(
              `SELECT count(*)::int AS open FROM pgboss.job
                WHERE name = 'session-reminder' AND data->>'sessionId' = $1 AND state NOT IN ('completed', 'failed')`,
              [cancelled.id],
            )) as Array<{ open: number }>;
            return row!.open === 0 ? true : undefined;
          },
          REMINDER_TIMEOUT,
          'the cancelled session job to finish',
        );
        const anyForCancelled = await t.dataSource.query(
          `SELECT count(*)::int AS n FROM notifications WHERE kind = 'session-reminder' AND data->>'sessionId' = $1`,
          [cancelled.id],
        );
        expect(anyForCancelled).toEqual([{ n: 0 }]);
      },
      2 * REMINDER_TIMEOUT,
    );
  });

  it(
    'a reminder still arrives after a restart of the app on the same database',
    async () => {
      const first = await startTestApp({}, { keepDatabase: true });
      let second: TestApp | undefined;
      try {
        const h1 = httpClient(first.baseUrl);
        const host = await createPerson(first.dataSource, h1, { role: 'coordinator' });
        const member = await createPerson(first.dataSource, h1);
        const exchangeId = (await createExchange(h1, host, { title: 'Restart exchange' })).id;
        await addMember(h1, host, exchangeId, member, 'participant');
        const times = startFor(15, 15_000);
        const session = await scheduleSession(h1, host, exchangeId, {
          title: 'After restart',
          ...times,
        });
        await first.close();
        const closedAt = Date.now();
        // Still before the moment: nothing was sent before the app went down.
        expect(closedAt).toBeLessThan(Date.parse(times.startsAt) - 15 * MINUTE);

        second = await startTestApp({}, { database: first.database });
        const h2 = httpClient(second.baseUrl);
        // The same person, through the new app (access tokens survive: same signing secret).
        const reminder = await waitFor<InboxItem>(
          async () =>
            (await remindersOf(h2, member, session.id)).find((n) => n.data.offsetMinutes === 15),
          REMINDER_TIMEOUT,
          'the reminder after the restart',
        );
        expect(Date.parse(reminder.createdAt)).toBeGreaterThan(closedAt);
        expect(reminder.data).toMatchObject({
          sessionTitle: 'After restart',
          startsAt: times.startsAt,
        });
        expect(await remindersOf(h2, member, session.id)).toHaveLength(1);
      } finally {
        if (second) await second.close();
        else await first.database.drop();
      }
    },
    2 * REMINDER_TIMEOUT,
  );
});
