// Sessions: scheduling, bad input, rescheduling and cancelling (every member is told), and
// find-a-time across time zones, pinned on the weeks when US and European clocks disagree.
import { randomUUID } from 'node:crypto';
import type { TimeSuggestionsView } from '#libs/contracts';
import { createCity, createPerson, type TestPerson } from '../factories/accounts.js';
import { httpClient, type Http } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  addDays,
  addMember,
  createExchange,
  DAY,
  dstChanges,
  fromNow,
  HOUR,
  inboxOf,
  scheduleSession,
  sessionBody,
  setWorkingHours,
} from './exchange-helpers.js';

describe('sessions', () => {
  let t: TestApp;
  let http: Http;
  let coordinator: TestPerson;
  let host: TestPerson;
  let participant: TestPerson;
  let observer: TestPerson;
  let outsider: TestPerson;
  let exchangeId: string;
  let rotterdam: { id: string; name: string };

  const counts = async () =>
    (
      await t.dataSource.query(
        `SELECT (SELECT count(*)::int FROM sessions) AS sessions,
                (SELECT count(*)::int FROM notifications) AS notifications,
                (SELECT json_agg(json_build_object('id', id, 'title', title, 'starts', starts_at, 'ends', ends_at, 'zone', host_time_zone, 'venue', venue_name, 'status', status, 'seq', sequence) ORDER BY id) FROM sessions) AS rows`,
      )
    )[0];

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    coordinator = await createPerson(t.dataSource, http, { role: 'coordinator' });
    host = await createPerson(t.dataSource, http, { displayName: 'Hendrik Host' });
    participant = await createPerson(t.dataSource, http, { displayName: 'Paula Participant' });
    observer = await createPerson(t.dataSource, http, { displayName: 'Olaf Observer' });
    outsider = await createPerson(t.dataSource, http);
    rotterdam = await createCity(t.dataSource, { name: 'Rotterdam' });
    const exchange = await createExchange(http, coordinator, {
      title: 'Sessions exchange',
      status: 'active',
      cityIds: [rotterdam.id],
    });
    exchangeId = exchange.id;
    await addMember(http, coordinator, exchangeId, host, 'host');
    await addMember(http, coordinator, exchangeId, participant, 'participant');
    await addMember(http, coordinator, exchangeId, observer, 'observer');
  });
  afterAll(() => t.close());

  describe('scheduling', () => {
    it('schedules every kind, online, at a venue, or both, in the host time zone', async () => {
      const startsAt = fromNow(10 * DAY);
      const endsAt = fromNow(10 * DAY + 2 * HOUR);
      const variants = [
        { kind: 'workshop', online: true, venue: null },
        { kind: 'roundtable', online: false, venue: { name: 'Stadhuis', cityId: rotterdam.id } },
        { kind: 'keynote', online: true, venue: { name: 'Hybrid hall', cityId: rotterdam.id } },
        { kind: 'site-visit', online: false, venue: { name: 'Youth centre, Denver' } },
        { kind: 'summit', hostTimeZone: 'America/Denver' },
      ];
      for (const variant of variants) {
        const res = await http('POST', `/api/exchanges/${exchangeId}/sessions`, {
          token: host.token,
          body: sessionBody({ title: `A ${variant.kind}`, startsAt, endsAt, ...variant }),
        });
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({
          exchangeId,
          kind: variant.kind,
          title: `A ${variant.kind}`,
          agenda: '## Agenda\n\n1. Cases\n2. Practice',
          startsAt,
          endsAt,
          hostTimeZone: variant.hostTimeZone ?? 'Europe/Amsterdam',
          online: variant.online ?? true,
          status: 'scheduled',
          sequence: 0,
        });
        const venue = variant.venue;
        expect(res.body.venue).toEqual(
          venue
            ? {
                name: venue.name,
                city: 'cityId' in venue ? expect.objectContaining({ name: 'Rotterdam' }) : null,
              }
            : null,
        );
        // Read back as a member sees it: UTC instants with the host's zone beside them.
        const read = await http('GET', `/api/sessions/${res.body.id}`, {
          token: participant.token,
        });
        expect(read.body).toEqual(res.body);
      }
      const list = await http('GET', `/api/exchanges/${exchangeId}/sessions`, {
        token: observer.token,
      });
      expect(list.body.filter((s: { startsAt: string }) => s.startsAt === startsAt)).toHaveLength(
        5,
      );
    });

    it('tells every member but the host who scheduled it', async () => {
      const session = await scheduleSession(http, host, exchangeId, { title: 'Told to all' });
      for (const member of [coordinator, participant, observer]) {
        const [latest] = await inboxOf(http, member);
        expect(latest).toMatchObject({
          kind: 'session-scheduled',
          data: {
            exchangeId,
            sessionId: session.id,
            sessionTitle: 'Told to all',
            startsAt: session.startsAt,
            endsAt: session.endsAt,
            hostTimeZone: 'Europe/Amsterdam',
          },
        });
      }
      const own = (await inboxOf(http, host)).filter((n) => n.data.sessionId === session.id);
      expect(own).toEqual([]);
      const stranger = (await inboxOf(http, outsider)).filter(
        (n) => n.data.sessionId === session.id,
      );
      expect(stranger).toEqual([]);
    });

    it('lists sessions in a window, in start order', async () => {
      const other = await createExchange(http, coordinator, { title: 'Window exchange' });
      const late = await scheduleSession(http, coordinator, other.id, {
        startsAt: fromNow(20 * DAY),
        endsAt: fromNow(20 * DAY + HOUR),
      });
      const early = await scheduleSession(http, coordinator, other.id, {
        startsAt: fromNow(3 * DAY),
        endsAt: fromNow(3 * DAY + HOUR),
      });
      const ids = async (query: string) =>
        (
          await http('GET', `/api/exchanges/${other.id}/sessions${query}`, {
            token: coordinator.token,
          })
        ).body.map((s: { id: string }) => s.id);
      expect(await ids('')).toEqual([early.id, late.id]);
      expect(await ids(`?from=${encodeURIComponent(fromNow(10 * DAY))}`)).toEqual([late.id]);
      expect(await ids(`?to=${encodeURIComponent(fromNow(10 * DAY))}`)).toEqual([early.id]);
    });
  });

  describe('bad input: typed 4xx, nothing stored', () => {
    it('refuses bad zones, times, durations, venues and fields', async () => {
      const start = fromNow(5 * DAY);
      const plus = (minutes: number) =>
        new Date(Date.parse(start) + minutes * 60_000).toISOString();
      const cases: Array<[string, Record<string, unknown>, string]> = [
        ['unknown IANA zone', { hostTimeZone: 'Europe/Atlantis' }, 'hostTimeZone'],
        ['offset is not a zone', { hostTimeZone: '+02:00' }, 'hostTimeZone'],
        ['empty zone', { hostTimeZone: '' }, 'hostTimeZone'],
        ['end before start', { startsAt: start, endsAt: plus(-60) }, 'endsAt'],
        ['zero duration', { startsAt: start, endsAt: start }, 'endsAt'],
        ['huge duration', { startsAt: start, endsAt: plus(73 * 60) }, 'endsAt'],
        ['start in the past', { startsAt: fromNow(-HOUR), endsAt: fromNow(HOUR) }, 'startsAt'],
        ['not an instant', { startsAt: 'next Tuesday' }, 'startsAt'],
        [
          'unknown venue city',
          { online: false, venue: { name: 'Nowhere', cityId: randomUUID() } },
          'venue.cityId',
        ],
        ['in person without a venue', { online: false, venue: null }, 'venue'],
        ['venue without a name', { venue: { cityId: rotterdam.id } }, 'venue.name'],
        ['kind outside the set', { kind: 'party' }, 'kind'],
        ['unknown field', { recording: true }, 'recording'],
        ['unknown venue field', { venue: { name: 'Hall', capacity: 40 } }, 'capacity'],
      ];
      const before = await counts();
      const problems: string[] = [];
      for (const [what, patch, field] of cases) {
        const res = await http('POST', `/api/exchanges/${exchangeId}/sessions`, {
          token: host.token,
          body: sessionBody({ startsAt: start, endsAt: plus(60), ...patch }),
        });
        if (
          res.status !== 400 ||
          res.body.code !== 'VALIDATION_FAILED' ||
          !String(res.body.message).includes(field)
        )
          problems.push(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
      }
      expect(problems).toEqual([]);
      // The longest session allowed (72 hours) is fine.
      const longest = await http('POST', `/api/exchanges/${exchangeId}/sessions`, {
        token: host.token,
        body: sessionBody({ startsAt: start, endsAt: plus(72 * 60), title: 'Three-day summit' }),
      });
      expect(longest.status).toBe(201);
      const after = await counts();
      expect(after.sessions).toBe(before.sessions + 1);
      // Only the one valid session told anyone anything.
      expect(after.notifications).toBe(before.notifications + 3);
    });

    it('refuses bad reschedules and leaves the session as it was', async () => {
      const session = await scheduleSession(http, host, exchangeId, { title: 'Stays put' });
      const before = await counts();
      const cases: Array<[Record<string, unknown>, number, string]> = [
        [{ endsAt: fromNow(DAY) }, 400, 'VALIDATION_FAILED'], // now before the start
        [{ startsAt: fromNow(-DAY) }, 400, 'VALIDATION_FAILED'],
        [{ hostTimeZone: 'America/Gotham' }, 400, 'VALIDATION_FAILED'],
        [{ online: false, venue: null }, 400, 'VALIDATION_FAILED'],
        [{ venue: { name: 'X', cityId: randomUUID() } }, 400, 'VALIDATION_FAILED'],
        [{ status: 'cancelled' }, 400, 'VALIDATION_FAILED'],
        [{ sequence: 9 }, 400, 'VALIDATION_FAILED'],
      ];
      const problems: string[] = [];
      for (const [body, status, code] of cases) {
        const res = await http('PATCH', `/api/sessions/${session.id}`, { token: host.token, body });
        if (res.status !== status || res.body.code !== code)
          problems.push(`${JSON.stringify(body)}: ${res.status} ${JSON.stringify(res.body)}`);
      }
      const ghost = await http('PATCH', `/api/sessions/${randomUUID()}`, {
        token: host.token,
        body: { title: 'Ghost' },
      });
      if (ghost.status !== 404 || ghost.body.code !== 'NOT_FOUND')
        problems.push(`unknown session: ${ghost.status}`);
      expect(problems).toEqual([]);
      expect(await counts()).toEqual(before);
    });
  });

  describe('reschedule and cancel', () => {
    it('a new time tells every member and bumps the sequence; a title change tells no one', async () => {
      const session = await scheduleSession(http, host, exchangeId, { title: 'Moving target' });
      const startsAt = fromNow(9 * DAY);
      const endsAt = fromNow(9 * DAY + 90 * 60_000);
      const moved = await http('PATCH', `/api/sessions/${session.id}`, {
        token: host.token,
        body: { startsAt, endsAt, hostTimeZone: 'America/New_York' },
      });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({
        startsAt,
        endsAt,
        hostTimeZone: 'America/New_York',
        sequence: 1,
        status: 'scheduled',
      });
      for (const member of [coordinator, participant, observer]) {
        const [latest] = await inboxOf(http, member);
        expect(latest).toMatchObject({
          kind: 'session-rescheduled',
          data: {
            sessionId: session.id,
            startsAt,
            endsAt,
            hostTimeZone: 'America/New_York',
            sequence: 1,
          },
        });
      }
      expect((await inboxOf(http, host)).some((n) => n.data.sessionId === session.id)).toBe(false);

      const before = (await inboxOf(http, participant)).length;
      const renamed = await http('PATCH', `/api/sessions/${session.id}`, {
        token: host.token,
        body: { title: 'Moving target, renamed', agenda: 'New *agenda*' },
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({
        title: 'Moving target, renamed',
        sequence: 2,
        startsAt,
      });
      expect((await inboxOf(http, participant)).length).toBe(before);
    });

    it('a session that has started can run longer; its start cannot move into the past', async () => {
      const session = await scheduleSession(http, host, exchangeId, { title: 'Running late' });
      // It started 30 minutes ago and ends in 30 minutes (set in the database: the API refuses a
      // start in the past, which is the point).
      const startedAt = fromNow(-30 * 60_000);
      await t.dataSource.query(`UPDATE sessions SET starts_at = $2, ends_at = $3 WHERE id = $1`, [
        session.id,
        startedAt,
        fromNow(30 * 60_000),
      ]);
      const patch = (body: Record<string, unknown>) =>
        http('PATCH', `/api/sessions/${session.id}`, { token: host.token, body });

      const longer = fromNow(HOUR);
      const extended = await patch({ endsAt: longer });
      expect({ status: extended.status, body: extended.body }).toMatchObject({
        status: 200,
        body: { startsAt: startedAt, endsAt: longer, sequence: 1 },
      });
      expect((await inboxOf(http, participant))[0]).toMatchObject({
        kind: 'session-rescheduled',
        data: { sessionId: session.id, startsAt: startedAt, endsAt: longer },
      });
      // The web form sends the unchanged start along with the new end.
      const longerStill = fromNow(2 * HOUR);
      const again = await patch({
        startsAt: startedAt,
        endsAt: longerStill,
        title: 'Running later',
      });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ startsAt: startedAt, endsAt: longerStill, sequence: 2 });

      const before = await counts();
      const refused: Array<[Record<string, unknown>, string]> = [
        [{ startsAt: fromNow(-HOUR) }, 'startsAt'], // a new start in the past
        [{ endsAt: fromNow(-5 * 60_000) }, 'endsAt'], // an end in the past
        [{ endsAt: startedAt }, 'endsAt'], // not after the start
      ];
      for (const [body, field] of refused) {
        const res = await patch(body);
        expect({ body, status: res.status, code: res.body.code }).toEqual({
          body,
          status: 400,
          code: 'VALIDATION_FAILED',
        });
        expect(res.body.message).toContain(field);
      }
      expect(await counts()).toEqual(before);
    });

    it('a session that is over cannot be extended, only moved to a new start', async () => {
      const session = await scheduleSession(http, host, exchangeId, { title: 'Long gone' });
      await t.dataSource.query(`UPDATE sessions SET starts_at = $2, ends_at = $3 WHERE id = $1`, [
        session.id,
        fromNow(-2 * HOUR),
        fromNow(-HOUR),
      ]);
      const before = await counts();
      const extend = await http('PATCH', `/api/sessions/${session.id}`, {
        token: host.token,
        body: { endsAt: fromNow(HOUR) },
      });
      expect({ status: extend.status, code: extend.body.code }).toEqual({
        status: 409,
        code: 'CONFLICT',
      });
      expect(await counts()).toEqual(before);
      const moved = await http('PATCH', `/api/sessions/${session.id}`, {
        token: host.token,
        body: { startsAt: fromNow(2 * DAY), endsAt: fromNow(2 * DAY + HOUR) },
      });
      expect(moved.status).toBe(200);
    });

    it('cancelling tells every member with the reason, once; a cancelled session cannot change', async () => {
      const session = await scheduleSession(http, host, exchangeId, { title: 'Called off' });
      const cancelled = await http('POST', `/api/sessions/${session.id}/cancel`, {
        token: coordinator.token,
        body: { reason: 'The venue is closed.' },
      });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', sequence: 1 });
      // The coordinator cancelled: the host is told this time, the coordinator is not.
      for (const member of [host, participant, observer]) {
        const [latest] = await inboxOf(http, member);
        expect(latest).toMatchObject({
          kind: 'session-cancelled',
          data: { sessionId: session.id, reason: 'The venue is closed.' },
        });
        expect(latest!.text).toContain('The venue is closed.');
      }
      expect(
        (await inboxOf(http, coordinator)).some(
          (n) => n.kind === 'session-cancelled' && n.data.sessionId === session.id,
        ),
      ).toBe(false);

      const before = await counts();
      const again = await http('POST', `/api/sessions/${session.id}/cancel`, {
        token: host.token,
        body: {},
      });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ status: 'cancelled', sequence: 1 });
      const edit = await http('PATCH', `/api/sessions/${session.id}`, {
        token: host.token,
        body: { startsAt: fromNow(12 * DAY), endsAt: fromNow(12 * DAY + HOUR) },
      });
      expect(edit.status).toBe(409);
      expect(edit.body.code).toBe('CONFLICT');
      expect(await counts()).toEqual(before);
    });
  });

  describe('find a time across time zones', () => {
    const dst = dstChanges();
    let tz: Record<'amsterdam' | 'newYork' | 'denver', TestPerson>;
    let findExchangeId: string;

    beforeAll(async () => {
      tz = {
        amsterdam: await createPerson(t.dataSource, http, { displayName: 'Anneke Amsterdam' }),
        newYork: await createPerson(t.dataSource, http, { displayName: 'Nate New York' }),
        denver: await createPerson(t.dataSource, http, { displayName: 'Dana Denver' }),
      };
      await setWorkingHours(http, tz.amsterdam, 'Europe/Amsterdam');
      await setWorkingHours(http, tz.newYork, 'America/New_York');
      await setWorkingHours(http, tz.denver, 'America/Denver');
      const exchange = await createExchange(http, coordinator, { title: 'Find a time' });
      findExchangeId = exchange.id;
      await addMember(http, coordinator, findExchangeId, tz.amsterdam, 'host');
      await addMember(http, coordinator, findExchangeId, tz.newYork, 'participant');
      await addMember(http, coordinator, findExchangeId, tz.denver, 'participant');
      // The coordinator hands the exchange over, so only the three are judged.
      const left = await http(
        'DELETE',
        `/api/exchanges/${findExchangeId}/members/${coordinator.id}`,
        { token: coordinator.token },
      );
      expect(left.status).toBe(204);
    });

    const suggest = async (
      from: string,
      to: string,
      durationMinutes = 60,
      limit?: number,
      exchange = findExchangeId,
      asker = tz.newYork,
    ) => {
      const query = new URLSearchParams({ durationMinutes: String(durationMinutes), from, to });
      if (limit) query.set('limit', String(limit));
      const res = await http('GET', `/api/exchanges/${exchange}/time-suggestions?${query}`, {
        token: asker.token,
      });
      expect(res.status).toBe(200);
      return res.body as TimeSuggestionsView;
    };
    const suggestions = async (...args: Parameters<typeof suggest>) =>
      (await suggest(...args)).suggestions;

    /** Who is outside one given slot, and by how many minutes; and everyone's local start. */
    const judgeSlot = async (startsAt: string) => {
      const endsAt = new Date(Date.parse(startsAt) + HOUR).toISOString();
      const slots = await suggestions(startsAt, endsAt);
      expect(slots).toHaveLength(1);
      const [slot] = slots;
      expect(slot).toMatchObject({ startsAt, endsAt, memberCount: 3 });
      const name = (id: string) => Object.entries(tz).find(([, p]) => p.id === id)![0];
      return {
        outside: Object.fromEntries(
          slot!.outside.map((j) => [name(j.person.id), j.distanceMinutes]),
        ),
        local: Object.fromEntries(
          [...slot!.inside, ...slot!.outside].map((j) => [name(j.person.id), j.localStart]),
        ),
        insideCount: slot!.insideCount,
      };
    };

    it('shows every member with their time zone in the member list', async () => {
      const res = await http('GET', `/api/exchanges/${findExchangeId}/members`, {
        token: tz.denver.token,
      });
      expect(
        Object.fromEntries(
          res.body.map((m: { person: { displayName: string; timeZone: string } }) => [
            m.person.displayName,
            m.person.timeZone,
          ]),
        ),
      ).toEqual({
        'Anneke Amsterdam': 'Europe/Amsterdam',
        'Nate New York': 'America/New_York',
        'Dana Denver': 'America/Denver',
      });
    });

    /** Everyone's local start of the 15:00 UTC slot on a given day. */
    const localAt = (date: string, amsterdam: string, newYork: string, denver: string) => ({
      amsterdam: `${date}T${amsterdam}`,
      newYork: `${date}T${newYork}`,
      denver: `${date}T${denver}`,
    });

    it(`March ${dst.year}: the same 15:00 UTC slot suits different people before, during and after the gap weeks`, async () => {
      // Before the US change: Denver is on MST (UTC-7), so 15:00 UTC is 08:00 there.
      const before = addDays(dst.usSpring, -5);
      expect(await judgeSlot(`${before}T15:00:00.000Z`)).toEqual({
        insideCount: 2,
        outside: { denver: 60 },
        local: localAt(before, '16:00', '10:00', '08:00'),
      });
      // Between the changes (e.g. 2027-03-14..27): the US is on summer time, Europe is not yet.
      const during = addDays(dst.usSpring, 2);
      expect(await judgeSlot(`${during}T15:00:00.000Z`)).toEqual({
        insideCount: 3,
        outside: {},
        local: localAt(during, '16:00', '11:00', '09:00'),
      });
      // Once Europe is on summer time too: 15:00 UTC is 17:00 in Amsterdam.
      const after = addDays(dst.euSpring, 2);
      expect(await judgeSlot(`${after}T15:00:00.000Z`)).toEqual({
        insideCount: 2,
        outside: { amsterdam: 60 },
        local: localAt(after, '17:00', '11:00', '09:00'),
      });
      // Half an hour earlier in the gap weeks: Denver is 30 minutes early.
      const early = await judgeSlot(`${addDays(dst.usSpring, 3)}T14:30:00.000Z`);
      expect(early.outside).toEqual({ denver: 30 });
    });

    it('ranks the gap weeks: the one slot a day that suits all three, every weekday', async () => {
      const slots = await suggestions(
        `${addDays(dst.usSpring, 1)}T00:00:00Z`,
        `${dst.euSpring}T00:00:00Z`,
        60,
        10,
      );
      expect(slots.map((s) => s.startsAt)).toEqual(
        [1, 2, 3, 4, 5, 8, 9, 10, 11, 12].map(
          (days) => `${addDays(dst.usSpring, days)}T15:00:00.000Z`,
        ),
      );
      for (const slot of slots) {
        expect(slot).toMatchObject({ insideCount: 3, memberCount: 3, outside: [] });
      }
      // The week after Europe changed, no hour suits all three; the best leave one out by an hour
      // at most, and name who.
      const after = await suggestions(
        `${addDays(dst.euSpring, 1)}T00:00:00Z`,
        `${addDays(dst.euSpring, 6)}T00:00:00Z`,
        60,
        3,
      );
      expect(after).toHaveLength(3);
      for (const slot of after) {
        expect(slot.insideCount).toBe(2);
        expect(slot.outside).toHaveLength(1);
        expect(slot.outside[0]).toMatchObject({ atNight: false, dayOff: false });
        expect(slot.outside[0]!.distanceMinutes).toBeLessThanOrEqual(60);
        expect(slot.outside[0]!.assumedHours).toBe(false);
      }
    });

    it(`October/November ${dst.year}: Europe back on winter time a week before the US`, async () => {
      // Before the EU change: Amsterdam on CEST (UTC+2).
      const before = addDays(dst.euFall, -5);
      expect(await judgeSlot(`${before}T15:00:00.000Z`)).toEqual({
        insideCount: 2,
        outside: { amsterdam: 60 },
        local: localAt(before, '17:00', '11:00', '09:00'),
      });
      // The week between (e.g. 2027-10-31..11-06): Europe on CET, the US still on summer time.
      const during = addDays(dst.euFall, 2);
      expect(await judgeSlot(`${during}T15:00:00.000Z`)).toEqual({
        insideCount: 3,
        outside: {},
        local: localAt(during, '16:00', '11:00', '09:00'),
      });
      // Once the US is on winter time: Denver at 08:00.
      const after = addDays(dst.usFall, 2);
      expect(await judgeSlot(`${after}T15:00:00.000Z`)).toEqual({
        insideCount: 2,
        outside: { denver: 60 },
        local: localAt(after, '16:00', '10:00', '08:00'),
      });
      const week = await suggestions(`${dst.euFall}T00:00:00Z`, `${dst.usFall}T00:00:00Z`, 60, 5);
      expect(week.map((s) => s.startsAt)).toEqual(
        [1, 2, 3, 4, 5].map((days) => `${addDays(dst.euFall, days)}T15:00:00.000Z`),
      );
    });

    it('judges hosts and participants, not observers', async () => {
      const observerInTokyo = await createPerson(t.dataSource, http, { displayName: 'Toshi' });
      await setWorkingHours(http, observerInTokyo, 'Asia/Tokyo');
      await addMember(http, tz.amsterdam, findExchangeId, observerInTokyo, 'observer');
      const during = addDays(dst.usSpring, 2);
      const [slot] = await suggestions(`${during}T15:00:00Z`, `${during}T16:00:00Z`);
      // 00:00 in Tokyo, but an observer only listens in: the slot still suits everyone judged.
      expect(slot!.insideCount).toBe(3);
      expect(slot!.memberCount).toBe(3);
      expect(slot!.outside).toEqual([]);
      expect(slot!.inside.map((j) => j.person.id)).not.toContain(observerInTokyo.id);
      const removed = await http(
        'DELETE',
        `/api/exchanges/${findExchangeId}/members/${observerInTokyo.id}`,
        { token: tz.amsterdam.token, body: { reason: 'Observer no longer needed' } },
      );
      expect(removed.status).toBe(204);
    });

    /** The Monday of the second week of February next year, far from any clock change. */
    const februaryMonday = () => {
      const first = `${dst.year}-02-08`;
      return addDays(first, (8 - new Date(`${first}T00:00:00Z`).getUTCDay()) % 7);
    };
    const PLACES = {
      paris: { timeZone: 'Europe/Paris', countryCode: 'FR', region: 'europe' },
      rotterdam: { timeZone: 'Europe/Amsterdam', countryCode: 'NL', region: 'europe' },
      denver: { timeZone: 'America/Denver', countryCode: 'US', region: 'north-america' },
    } as const;
    /** A person in a city of their own, with office hours (09:00–17:00, Monday to Friday). */
    const personIn = async (displayName: string, place: keyof typeof PLACES) => {
      const home = await createCity(t.dataSource, { name: displayName, ...PLACES[place] });
      const person = await createPerson(t.dataSource, http, { displayName, cityId: home.id });
      await setWorkingHours(http, person, PLACES[place].timeZone);
      return person;
    };
    /** An exchange of just these people (the coordinator who created it leaves). */
    const exchangeOf = async (
      title: string,
      people: Array<[TestPerson, 'host' | 'participant']>,
    ) => {
      const exchange = await createExchange(http, coordinator, { title });
      for (const [person, role] of people)
        await addMember(http, coordinator, exchange.id, person, role);
      await http('DELETE', `/api/exchanges/${exchange.id}/members/${coordinator.id}`, {
        token: coordinator.token,
      });
      return exchange.id as string;
    };

    it('keeps a practitioner in Denver out of the night when the others are in Paris and Rotterdam', async () => {
      const paris = await personIn('Pauline Paris', 'paris');
      const mayor = await personIn('Maarten Rotterdam', 'rotterdam');
      const denver = await personIn('Diego Denver', 'denver');
      const id = await exchangeOf('Night and day', [
        [paris, 'host'],
        [mayor, 'participant'],
        [denver, 'participant'],
      ]);
      const monday = februaryMonday();
      const week = [0, 1, 2, 3, 4].map((days) => addDays(monday, days));
      const answer = await suggest(
        `${monday}T00:00:00Z`,
        `${addDays(monday, 5)}T00:00:00Z`,
        60,
        10,
        id,
        paris,
      );
      expect(answer.night).toEqual({ start: '22:00', end: '07:00' });
      expect(answer.fairness).toBeNull();
      // 16:00 in Paris (08:00 in Denver) every day, then 15:30 (07:30): never 09:00–14:30 in
      // Paris, which is 01:00–06:30 in Denver.
      expect(answer.suggestions.map((s) => s.startsAt)).toEqual([
        ...week.map((day) => `${day}T15:00:00.000Z`),
        ...week.map((day) => `${day}T14:30:00.000Z`),
      ]);
      for (const slot of answer.suggestions) {
        expect(slot).toMatchObject({ insideCount: 2, memberCount: 3, atNightCount: 0 });
        expect(slot.outside).toEqual([
          expect.objectContaining({
            person: expect.objectContaining({ id: denver.id }),
            direction: 'before-start',
            atNight: false,
            dayOff: false,
          }),
        ]);
      }
      expect(answer.suggestions[0]!.outside[0]).toMatchObject({
        localStart: `${monday}T08:00`,
        distanceMinutes: 60,
      });
      expect(answer.suggestions[5]!.outside[0]).toMatchObject({
        localStart: `${monday}T07:30`,
        distanceMinutes: 90,
      });
      // Asked for 09:00 in Paris only, the answer says what it is in Denver: 01:00, at night.
      const [night] = await suggestions(
        `${monday}T08:00:00Z`,
        `${monday}T09:00:00Z`,
        60,
        1,
        id,
        paris,
      );
      expect(night).toMatchObject({ insideCount: 2, atNightCount: 1 });
      expect(night!.outside[0]).toMatchObject({
        localStart: `${monday}T01:00`,
        atNight: true,
        distanceMinutes: 480,
        direction: 'before-start',
      });
    });

    it('takes turns: the side stretched at the last session is spared among equal slots', async () => {
      const paris = await personIn('Paul Paris', 'paris');
      const denver = await personIn('Rosa Denver', 'denver');
      const id = await exchangeOf('Taking turns', [
        [paris, 'host'],
        [denver, 'participant'],
      ]);
      const monday = februaryMonday();
      const day = addDays(monday, 7);
      const best = () =>
        suggest(`${day}T00:00:00Z`, `${addDays(day, 1)}T00:00:00Z`, 60, 2, id, paris);
      const outsider = (answer: TimeSuggestionsView) =>
        answer.suggestions[0]!.outside.map((o) => [o.person.id, o.direction, o.distanceMinutes]);
      /** A one-hour session hosted from Paris, starting at a UTC hour on a date. */
      const sessionAt = (title: string, date: string, utcHour: number) =>
        scheduleSession(http, paris, id, {
          title,
          startsAt: `${date}T${utcHour}:00:00.000Z`,
          endsAt: `${date}T${utcHour + 1}:00:00.000Z`,
          hostTimeZone: 'Europe/Paris',
        });

      // In February their days do not meet: 08:00 in Denver (16:00 in Paris) and 17:00 in Paris
      // (09:00 in Denver) are equally far out; with no session yet, the earlier comes first.
      let answer = await best();
      expect(answer.fairness).toBeNull();
      expect(answer.suggestions.map((s) => [s.startsAt, s.totalDistanceMinutes])).toEqual([
        [`${day}T15:00:00.000Z`, 60],
        [`${day}T16:00:00.000Z`, 60],
      ]);

      // The session a week before had Denver in an hour early: this time Paris stays late.
      const early = await sessionAt('Early in Denver', monday, 15);
      answer = await best();
      expect(answer.fairness).toEqual({
        lastSession: {
          id: early.id,
          title: 'Early in Denver',
          startsAt: early.startsAt,
          endsAt: early.endsAt,
        },
        stretched: { kind: 'region', region: 'north-america' },
      });
      expect(answer.suggestions[0]!.startsAt).toBe(`${day}T16:00:00.000Z`);
      expect(outsider(answer)).toEqual([[paris.id, 'after-end', 60]]);

      // A later session kept Paris late: Denver's turn to come in early.
      const late = await sessionAt('Late in Paris', addDays(monday, 2), 16);
      answer = await best();
      expect(answer.fairness).toMatchObject({
        lastSession: { id: late.id },
        stretched: { kind: 'region', region: 'europe' },
      });
      expect(outsider(answer)).toEqual([[denver.id, 'before-start', 60]]);

      // A cancelled session does not count, nor one after the searched range.
      await http('POST', `/api/sessions/${late.id}/cancel`, { token: paris.token, body: {} });
      await sessionAt('Later still', addDays(day, 2), 16);
      answer = await best();
      expect(answer.fairness).toMatchObject({
        lastSession: { id: early.id },
        stretched: { kind: 'region', region: 'north-america' },
      });
      expect(outsider(answer)).toEqual([[paris.id, 'after-end', 60]]);
    });

    it('refuses bad ranges and durations with typed errors', async () => {
      const y = dst.year;
      const cases: Array<[Record<string, string>, string]> = [
        [{ durationMinutes: '60', from: `${y}-03-20T00:00:00Z`, to: `${y}-03-15T00:00:00Z` }, 'to'],
        [{ durationMinutes: '60', from: `${y}-03-01T00:00:00Z`, to: `${y}-04-01T00:00:00Z` }, 'to'],
        [
          { durationMinutes: '0', from: `${y}-03-15T00:00:00Z`, to: `${y}-03-16T00:00:00Z` },
          'durationMinutes',
        ],
        [
          { durationMinutes: '481', from: `${y}-03-15T00:00:00Z`, to: `${y}-03-16T00:00:00Z` },
          'durationMinutes',
        ],
        [{ durationMinutes: '60', from: 'soon', to: `${y}-03-16T00:00:00Z` }, 'from'],
        [{ from: `${y}-03-15T00:00:00Z`, to: `${y}-03-16T00:00:00Z` }, 'durationMinutes'],
      ];
      for (const [query, field] of cases) {
        const res = await http(
          'GET',
          `/api/exchanges/${findExchangeId}/time-suggestions?${new URLSearchParams(query)}`,
          { token: tz.amsterdam.token },
        );
        expect({ query, status: res.status, code: res.body.code }).toEqual({
          query,
          status: 400,
          code: 'VALIDATION_FAILED',
        });
        expect(res.body.message).toContain(field);
      }
    });
  });
});
