// The home page (`GET /api/me/home`) per role: a participant, an observer, a host, a coordinator,
// an admin and an outsider each get their own sections, built only from what they may see; next
// sessions across exchanges in order, with the room only while it is open; and what others
// changed in an exchange since the member's last visit, cleared by the next visit.
import type { HomeSectionKind, HomeView } from '#libs/contracts';
import { createPerson, type TestPerson } from '../factories/accounts.js';
import { httpClient, type Http } from '../support/http.js';
import { connectLive, connected, emitAck } from '../support/live-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  addMember,
  createExchange,
  DAY,
  fromNow,
  HOUR,
  scheduleSession,
} from '../exchanges/exchange-helpers.js';

const MINUTE = 60_000;
// The practice library's quote requests (and, for reviewers, reviews) appear only when there
// are some (test/practices).
const EVERY_MEMBER: HomeSectionKind[] = [
  'nextSessions',
  'exchanges',
  'notifications',
  'unreadThreads',
  'waitingReplies',
  'newPractices',
];
const COORDINATORS: HomeSectionKind[] = [
  ...EVERY_MEMBER,
  'joinRequests',
  'invitations',
  'quietExchanges',
  'neverSignedIn',
  'practiceReviews',
];

describe('the home page', () => {
  let t: TestApp;
  let http: Http;
  let coordinator: TestPerson;
  let admin: TestPerson;
  let host: TestPerson;
  let participant: TestPerson;
  let observer: TestPerson;
  let outsider: TestPerson;
  /** E1: the coordinator created it; host, participant and observer are members. */
  let e1: { id: string; title: string };
  /** E2: the host hosts it, the participant takes part. */
  let e2: { id: string; title: string };
  /** E3: neither the participant nor the host belongs to it. */
  let e3: { id: string; title: string };
  /** E4: planned, without any session. */
  let e4: { id: string; title: string };
  const sessions: Record<string, { id: string; startsAt: string }> = {};

  const home = async (person: TestPerson): Promise<HomeView> => {
    const res = await http<HomeView>('GET', '/api/me/home', { token: person.token });
    expect(res.status).toBe(200);
    return res.body;
  };
  const visit = async (person: TestPerson, exchangeId: string) => {
    const res = await http('GET', `/api/exchanges/${exchangeId}`, { token: person.token });
    expect(res.status).toBe(200);
  };
  const changesOf = (view: HomeView, exchangeId: string) =>
    view.sections.exchanges!.find((x) => x.exchange.id === exchangeId)!.changes;
  const NO_CHANGES = {
    newSessions: 0,
    rescheduledSessions: 0,
    cancelledSessions: 0,
    newMembers: 0,
    newMessages: 0,
  };

  const lobbyOf = async (exchangeId: string, person: TestPerson): Promise<string> => {
    const rooms = await http('GET', `/api/exchanges/${exchangeId}/rooms`, { token: person.token });
    return rooms.body.find((r: { kind: string }) => r.kind === 'lobby').id;
  };
  const say = async (person: TestPerson, exchangeId: string, body: string): Promise<string> => {
    const roomId = await lobbyOf(exchangeId, person);
    const socket = connectLive(t.baseUrl, person.token);
    try {
      await connected(socket);
      expect((await emitAck(socket, 'room.join', { roomId })).ok).toBe(true);
      const ack = await emitAck(socket, 'message.send', {
        roomId,
        clientMessageId: `home-${Math.random().toString(36).slice(2, 12)}`,
        body,
      });
      expect(ack.ok).toBe(true);
      return (ack as { data: { id: string } }).data.id;
    } finally {
      socket.close();
    }
  };

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    coordinator = await createPerson(t.dataSource, http, {
      role: 'coordinator',
      timeZone: 'Europe/Amsterdam',
    });
    admin = await createPerson(t.dataSource, http, { role: 'admin' });
    host = await createPerson(t.dataSource, http, {
      displayName: 'Hana Host',
      timeZone: 'America/Denver',
    });
    participant = await createPerson(t.dataSource, http, {
      displayName: 'Pia Participant',
      timeZone: 'Europe/Paris',
    });
    observer = await createPerson(t.dataSource, http, { displayName: 'Otto Observer' });
    outsider = await createPerson(t.dataSource, http, { displayName: 'Oona Outsider' });

    e1 = await createExchange(http, coordinator, {
      title: 'E1 Rotterdam–Denver',
      status: 'active',
    });
    await addMember(http, coordinator, e1.id, host, 'host');
    await addMember(http, coordinator, e1.id, participant, 'participant');
    await addMember(http, coordinator, e1.id, observer, 'observer');
    e2 = await createExchange(http, coordinator, { title: 'E2 Lyon–Boston', status: 'active' });
    await addMember(http, coordinator, e2.id, host, 'host');
    await addMember(http, coordinator, e2.id, participant, 'participant');
    e3 = await createExchange(http, coordinator, { title: 'E3 Munich–Atlanta', status: 'active' });
    e4 = await createExchange(http, coordinator, { title: 'E4 Aarhus–Minneapolis' });

    // Scheduled out of order, across E1 and E2; E3's session must never show to E1/E2 people.
    const plan: Array<[string, { id: string }, number]> = [
      ['in three days', e1, 3 * DAY],
      ['in ten minutes', e2, 10 * MINUTE],
      ['in two hours', e1, 2 * HOUR],
      ['tomorrow', e1, DAY],
      ['cancelled', e2, 4 * HOUR],
      ['elsewhere', e3, 5 * MINUTE],
      ['under way', e2, 5 * MINUTE],
    ];
    for (const [title, exchange, from] of plan) {
      const s = await scheduleSession(http, coordinator, exchange.id, {
        title,
        startsAt: fromNow(from),
        endsAt: fromNow(from + HOUR),
        hostTimeZone: 'America/Denver',
      });
      sessions[title] = s;
    }
    await http('POST', `/api/sessions/${sessions.cancelled!.id}/cancel`, {
      token: coordinator.token,
      body: {},
    });
    // A session cannot be scheduled in the past: move one that is under way by hand.
    await t.dataSource.query(
      `UPDATE sessions SET starts_at = now() - interval '10 minutes' WHERE id = $1`,
      [sessions['under way']!.id],
    );
    // The outsider asks to join E1 and E3: E1's host sees the first, coordinators both.
    for (const exchange of [e1, e3]) {
      const res = await http('POST', `/api/exchanges/${exchange.id}/join-requests`, {
        token: outsider.token,
        body: { message: `May I join ${exchange.title}?` },
      });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => t.close());

  it('needs an account', async () => {
    const res = await http('GET', '/api/me/home');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });

  it('gives each role its sections', async () => {
    const sectionsOf = async (p: TestPerson) => Object.keys((await home(p)).sections).sort();
    expect(await sectionsOf(participant)).toEqual([...EVERY_MEMBER].sort());
    expect(await sectionsOf(observer)).toEqual([...EVERY_MEMBER].sort());
    expect(await sectionsOf(outsider)).toEqual([...EVERY_MEMBER].sort());
    expect(await sectionsOf(host)).toEqual([...EVERY_MEMBER, 'joinRequests'].sort());
    expect(await sectionsOf(coordinator)).toEqual([...COORDINATORS].sort());
    expect(await sectionsOf(admin)).toEqual([...COORDINATORS].sort());
  });

  it("lists a participant's next sessions across exchanges, soonest first, in their zone and the host's", async () => {
    const view = await home(participant);
    expect(view.timeZone).toBe('Europe/Paris');
    const next = view.sections.nextSessions!;
    expect(next.map((n) => n.session.title)).toEqual([
      'under way',
      'in ten minutes',
      'in two hours',
      'tomorrow',
      'in three days',
    ]);
    expect(next.map((n) => n.exchange.title)).toEqual([
      e2.title,
      e2.title,
      e1.title,
      e1.title,
      e1.title,
    ]);
    for (const item of next) {
      expect(item.session.hostTimeZone).toBe('America/Denver');
      expect(item.session.status).toBe('scheduled');
    }
  });

  it('gives the room only while it is open: 30 minutes before the start', async () => {
    const next = (await home(participant)).sections.nextSessions!;
    const byTitle = new Map(next.map((n) => [n.session.title, n]));
    for (const title of ['under way', 'in ten minutes']) {
      const room = byTitle.get(title)!.room!;
      expect(room.open).toBe(true);
      // The same room the exchange's room list names.
      const rooms = await http('GET', `/api/rooms/${room.id}`, { token: participant.token });
      expect(rooms.status).toBe(200);
      expect(rooms.body.sessionId).toBe(sessions[title]!.id);
    }
    for (const title of ['in two hours', 'tomorrow', 'in three days']) {
      const item = byTitle.get(title)!;
      expect(item.room).toMatchObject({ open: false });
      expect(Date.parse(item.room!.opensAt!)).toBe(Date.parse(item.session.startsAt) - 30 * MINUTE);
    }
  });

  it("shows an observer E1's sessions only, and an outsider nothing of any exchange", async () => {
    const view = await home(observer);
    expect(view.sections.nextSessions!.map((n) => n.session.title)).toEqual([
      'in two hours',
      'tomorrow',
      'in three days',
    ]);
    expect(view.sections.exchanges!.map((x) => [x.exchange.title, x.myRole])).toEqual([
      [e1.title, 'observer'],
    ]);

    const outside = await home(outsider);
    expect(outside.sections.nextSessions).toEqual([]);
    expect(outside.sections.exchanges).toEqual([]);
    const text = JSON.stringify(outside);
    for (const e of [e1, e2, e3, e4]) expect(text).not.toContain(e.id);
  });

  it("never shows anyone another exchange's sessions, rooms or requests", async () => {
    for (const person of [participant, host, observer]) {
      const text = JSON.stringify(await home(person));
      expect(text).not.toContain(e3.id);
      expect(text).not.toContain(sessions.elsewhere!.id);
      expect(text).not.toContain(e4.id);
    }
  });

  it("gives a host the requests to join the exchanges they host, and coordinators everyone's", async () => {
    const hosts = (await home(host)).sections.joinRequests!;
    expect(hosts.total).toBe(1);
    expect(hosts.items).toHaveLength(1);
    expect(hosts.items[0]).toMatchObject({
      exchange: { id: e1.id, title: e1.title },
      request: {
        exchangeId: e1.id,
        person: { id: outsider.id, displayName: 'Oona Outsider' },
        message: `May I join ${e1.title}?`,
        status: 'pending',
      },
    });
    for (const person of [coordinator, admin]) {
      const all = (await home(person)).sections.joinRequests!;
      expect(all.total).toBe(2);
      expect(all.items.map((i) => i.exchange.id)).toEqual([e1.id, e3.id]);
    }
    // Decided requests leave the list.
    const request = hosts.items[0]!.request;
    const decided = await http(
      'POST',
      `/api/exchanges/${e1.id}/join-requests/${request.id}/decline`,
      { token: host.token, body: {} },
    );
    expect(decided.status).toBe(200);
    expect((await home(host)).sections.joinRequests).toEqual({ items: [], total: 0 });
    expect(
      (await home(coordinator)).sections.joinRequests!.items.map((i) => i.exchange.id),
    ).toEqual([e3.id]);
  });

  it('shows coordinators open invitations, quiet exchanges and members who never signed in', async () => {
    const invited = await http('POST', '/api/invitations', {
      token: coordinator.token,
      body: { email: 'newcomer@home.example', networkRole: 'member' },
    });
    expect(invited.status).toBe(201);
    // An account someone made and its owner never used, and one that is suspended.
    const [{ id: dormantId }] = (await t.dataSource.query(
      `INSERT INTO practitioners (email, display_name, network_role, status, time_zone)
       VALUES ('dormant@home.example', 'Dora Dormant', 'member', 'active', 'America/Chicago')
       RETURNING id`,
    )) as [{ id: string }];
    await t.dataSource.query(
      `INSERT INTO practitioners (email, display_name, network_role, status, time_zone)
       VALUES ('away@home.example', 'Sam Suspended', 'member', 'suspended', 'UTC')`,
    );
    // E3 had a session that is over: it is quiet now, and says when it last met.
    await t.dataSource.query(
      `UPDATE sessions SET starts_at = now() - interval '2 days', ends_at = now() - interval '2 days' + interval '1 hour'
        WHERE exchange_id = $1`,
      [e3.id],
    );

    for (const person of [coordinator, admin]) {
      const { sections } = await home(person);
      expect(sections.invitations!.total).toBe(1);
      expect(sections.invitations!.items[0]).toMatchObject({
        email: 'newcomer@home.example',
        networkRole: 'member',
        acceptedAt: null,
      });
      expect(sections.invitations!.items[0]).not.toHaveProperty('inviteUrl');

      const quiet = sections.quietExchanges!;
      expect(quiet.items.map((q) => q.exchange.title)).toEqual([e3.title, e4.title]);
      expect(quiet.total).toBe(2);
      expect(quiet.items[0]!.lastSessionAt).not.toBeNull();
      expect(quiet.items[1]).toEqual({
        exchange: { id: e4.id, title: e4.title, status: 'planned' },
        lastSessionAt: null,
      });

      // Everyone the factory made signed in; only the dormant account never did.
      expect(sections.neverSignedIn!.total).toBe(1);
      expect(sections.neverSignedIn!.items).toEqual([
        {
          person: expect.objectContaining({ id: dormantId, displayName: 'Dora Dormant' }),
          networkRole: 'member',
          accountCreatedAt: expect.any(String),
        },
      ]);
    }
  });

  it('lists unread notifications: the count and the latest few', async () => {
    const { sections } = await home(participant);
    const inbox = await http('GET', '/api/notifications?limit=100', { token: participant.token });
    const unread = inbox.body.items.filter((n: { readAt: string | null }) => !n.readAt);
    expect(sections.notifications!.unreadCount).toBe(inbox.body.unreadCount);
    expect(sections.notifications!.unreadCount).toBeGreaterThan(5);
    expect(sections.notifications!.latest.map((n) => n.id)).toEqual(
      unread.slice(0, 5).map((n: { id: string }) => n.id),
    );
    await http('POST', '/api/notifications/read-all', { token: participant.token });
    expect((await home(participant)).sections.notifications).toEqual({
      unreadCount: 0,
      latest: [],
    });
  });

  describe('what changed since the last visit', () => {
    let newcomer: TestPerson;

    it('counts nothing right after a visit', async () => {
      await visit(participant, e1.id);
      await visit(host, e1.id);
      const view = await home(participant);
      const item = view.sections.exchanges!.find((x) => x.exchange.id === e1.id)!;
      expect(item.changes).toEqual(NO_CHANGES);
      expect(item.lastVisitAt).not.toBeNull();
      expect(item.changesSince).toBe(item.lastVisitAt);
      expect(item.myRole).toBe('participant');
    });

    it('shows what someone else did since: sessions scheduled, moved and cancelled, members, messages', async () => {
      await scheduleSession(http, host, e1.id, { title: 'added after the visit' });
      const moved = await http('PATCH', `/api/sessions/${sessions.tomorrow!.id}`, {
        token: host.token,
        body: { startsAt: fromNow(DAY + HOUR), endsAt: fromNow(DAY + 2 * HOUR) },
      });
      expect(moved.status).toBe(200);
      // A title edit is no new time.
      await http('PATCH', `/api/sessions/${sessions['in two hours']!.id}`, {
        token: host.token,
        body: { title: 'in two hours (renamed)' },
      });
      const cancelled = await http(
        'POST',
        `/api/sessions/${sessions['in three days']!.id}/cancel`,
        {
          token: host.token,
          body: { reason: 'Travel' },
        },
      );
      expect(cancelled.status).toBe(200);
      newcomer = await createPerson(t.dataSource, http, { displayName: 'Nils Newcomer' });
      await addMember(http, host, e1.id, newcomer, 'participant');
      await say(host, e1.id, 'Welcome, Nils!');
      // The participant's own message, and a message deleted by its author, do not count.
      await say(participant, e1.id, 'Hello from Paris');
      const socket = connectLive(t.baseUrl, newcomer.token);
      await connected(socket);
      const roomId = await lobbyOf(e1.id, newcomer);
      await emitAck(socket, 'room.join', { roomId });
      const sent = await emitAck<{ id: string }>(socket, 'message.send', {
        roomId,
        clientMessageId: 'home-deleted-1',
        body: 'Oops',
      });
      expect(sent.ok).toBe(true);
      const deleted = await emitAck(socket, 'message.delete', {
        roomId,
        messageId: (sent as { data: { id: string } }).data.id,
      });
      expect(deleted.ok).toBe(true);
      socket.close();

      const view = await home(participant);
      expect(changesOf(view, e1.id)).toEqual({
        newSessions: 1,
        rescheduledSessions: 1,
        cancelledSessions: 1,
        newMembers: 1,
        newMessages: 1,
      });
      // The changed exchange comes first.
      expect(view.sections.exchanges![0]!.exchange.id).toBe(e1.id);
    });

    it("does not count the viewer's own doings", async () => {
      // The host did all of it; they only see the participant's message.
      expect(changesOf(await home(host), e1.id)).toEqual({ ...NO_CHANGES, newMessages: 1 });
    });

    it('counts from joining for a member who never visited', async () => {
      const view = await home(newcomer);
      const item = view.sections.exchanges!.find((x) => x.exchange.id === e1.id)!;
      expect(item.lastVisitAt).toBeNull();
      // Everything after they joined: the welcome and the participant's message.
      expect(item.changes).toEqual({ ...NO_CHANGES, newMessages: 2 });
    });

    it('clears with the next visit', async () => {
      await visit(participant, e1.id);
      expect(changesOf(await home(participant), e1.id)).toEqual(NO_CHANGES);
    });

    it('forgets where an erased account went', async () => {
      const visits = async () =>
        (
          (await t.dataSource.query(
            'SELECT count(*)::int AS n FROM exchange_visits WHERE practitioner_id = $1',
            [newcomer.id],
          )) as Array<{ n: number }>
        )[0]!.n;
      await visit(newcomer, e1.id);
      expect(await visits()).toBe(1);
      const erased = await http('DELETE', '/api/me', {
        token: newcomer.token,
        body: { password: newcomer.password },
      });
      expect(erased.status).toBe(204);
      expect(await visits()).toBe(0);
    });

    it("does not record a visit for someone who only sees the exchange's summary", async () => {
      await visit(outsider, e2.id);
      const [{ n }] = (await t.dataSource.query(
        'SELECT count(*)::int AS n FROM exchange_visits WHERE practitioner_id = $1',
        [outsider.id],
      )) as [{ n: number }];
      expect(n).toBe(0);
    });
  });
});
