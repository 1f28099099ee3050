// The inbox, live: notification.created reaches the member it is for, on every tab they have
// open, as soon as it is stored — and never anyone else.
import type { Socket } from 'socket.io-client';
import type { NotificationView } from '#libs/contracts';
import { createCity, createPerson, type TestPerson } from '../factories/accounts.js';
import { httpClient, type Http } from '../support/http.js';
import { collect, connectLive, connected, eventually, nextEvent } from '../support/live-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('live rooms: notifications on the per-member channel', () => {
  let t: TestApp;
  let http: Http;
  let host: TestPerson;
  let exchangeId: string;
  const sockets: Socket[] = [];

  const open = async (person: TestPerson): Promise<Socket> => {
    const socket = connectLive(t.baseUrl, person.token);
    sockets.push(socket);
    await connected(socket);
    return socket;
  };
  const inbox = async (person: TestPerson): Promise<NotificationView[]> => {
    const res = await http('GET', '/api/notifications?limit=50', { token: person.token });
    expect(res.status).toBe(200);
    return res.body.items as NotificationView[];
  };
  const addMember = async (person: TestPerson, role = 'participant') => {
    const res = await http('POST', `/api/exchanges/${exchangeId}/members`, {
      token: host.token,
      body: { practitionerId: person.id, role },
    });
    expect(res.status).toBe(201);
  };

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    host = await createPerson(t.dataSource, http, { role: 'coordinator' });
    const city = await createCity(t.dataSource);
    const exchange = await http('POST', '/api/exchanges', {
      token: host.token,
      body: { title: 'Notified exchange', cityIds: [city.id], attribution: 'named' },
    });
    expect(exchange.status).toBe(201);
    exchangeId = exchange.body.id;
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(() => t.close());

  it('delivers "added to an exchange" to every tab of that member, stored first, and to no one else', async () => {
    const member = await createPerson(t.dataSource, http);
    const bystander = await createPerson(t.dataSource, http);
    const [tab1, tab2] = [await open(member), await open(member)];
    const other = await open(bystander);
    const hostSocket = await open(host);
    const seen = {
      tab1: collect<NotificationView>(tab1, 'notification.created'),
      tab2: collect<NotificationView>(tab2, 'notification.created'),
      other: collect<NotificationView>(other, 'notification.created'),
      host: collect<NotificationView>(hostSocket, 'notification.created'),
    };
    const arrived = nextEvent<NotificationView>(tab1, 'notification.created');

    await addMember(member);
    const notification = await arrived;
    expect(notification).toMatchObject({
      kind: 'exchange-member-added',
      text: expect.stringContaining('Notified exchange'),
      data: { exchangeId, role: 'participant' },
      readAt: null,
    });
    // It was committed before it was sent: the inbox already has it, with the same id.
    expect((await inbox(member)).map((n) => n.id)).toContain(notification.id);
    await eventually(() => seen.tab2.length === 1, 5000, 'second tab notified');
    expect(seen.tab2).toEqual([notification]);

    // Now something for the bystander: once it has arrived, anything misrouted would have too.
    const theirs = nextEvent<NotificationView>(other, 'notification.created');
    await addMember(bystander, 'observer');
    expect(await theirs).toMatchObject({
      kind: 'exchange-member-added',
      data: { exchangeId, role: 'observer' },
    });
    await eventually(() => seen.tab1.length === 1 && seen.other.length === 1, 5000, 'settled');
    expect(seen.tab1).toEqual([notification]);
    expect(seen.tab2).toEqual([notification]);
    expect(seen.other.map((n) => n.data)).toEqual([expect.objectContaining({ role: 'observer' })]);
    expect(seen.host).toEqual([]);
    expect((await inbox(bystander)).map((n) => n.id)).not.toContain(notification.id);
  });

  it('tells every member but the host who scheduled a session, each on their own channel', async () => {
    const a = await createPerson(t.dataSource, http);
    const b = await createPerson(t.dataSource, http);
    const outsider = await createPerson(t.dataSource, http);
    await addMember(a);
    await addMember(b, 'observer');
    const sockets = {
      a: await open(a),
      aSecondTab: await open(a),
      b: await open(b),
      outsider: await open(outsider),
      host: await open(host),
    };
    const seen = Object.fromEntries(
      Object.entries(sockets).map(([name, s]) => [
        name,
        collect<NotificationView>(s, 'notification.created'),
      ]),
    ) as Record<keyof typeof sockets, NotificationView[]>;

    const startsAt = Date.now() + 3 * 86_400_000;
    const session = await http('POST', `/api/exchanges/${exchangeId}/sessions`, {
      token: host.token,
      body: {
        kind: 'roundtable',
        title: 'Roundtable on notifications',
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(startsAt + 3_600_000).toISOString(),
        hostTimeZone: 'America/Denver',
      },
    });
    expect(session.status).toBe(201);

    await eventually(
      () => seen.a.length >= 1 && seen.aSecondTab.length >= 1 && seen.b.length >= 1,
      5000,
      'members notified',
    );
    for (const name of ['a', 'aSecondTab', 'b'] as const) {
      expect([name, seen[name]]).toEqual([
        name,
        [
          expect.objectContaining({
            kind: 'session-scheduled',
            data: expect.objectContaining({ sessionId: session.body.id, exchangeId }),
          }),
        ],
      ]);
    }
    // One notification per person: both of a's tabs show the same one; b's is b's own.
    expect(seen.aSecondTab[0]!.id).toBe(seen.a[0]!.id);
    expect(seen.b[0]!.id).not.toBe(seen.a[0]!.id);
    expect((await inbox(a)).map((n) => n.id)).toContain(seen.a[0]!.id);
    expect((await inbox(b)).map((n) => n.id)).toContain(seen.b[0]!.id);

    // The host who scheduled it and the outsider hear nothing. Prove the pipe is flowing to the
    // outsider by sending them something of their own afterwards.
    const outsiderOwn = nextEvent<NotificationView>(sockets.outsider, 'notification.created');
    await addMember(outsider);
    expect(await outsiderOwn).toMatchObject({ kind: 'exchange-member-added' });
    expect(seen.outsider.map((n) => n.kind)).toEqual(['exchange-member-added']);
    expect(seen.host).toEqual([]);
  });

  it('reaches a member wherever they are, without joining any room, and a new tab gets what comes next', async () => {
    const member = await createPerson(t.dataSource, http);
    await addMember(member);
    const socket = await open(member);
    const removed = nextEvent<NotificationView>(socket, 'notification.created');
    const res = await http('DELETE', `/api/exchanges/${exchangeId}/members/${member.id}`, {
      token: host.token,
      body: { reason: 'Left the programme' },
    });
    expect(res.status).toBeLessThan(300);
    expect(await removed).toMatchObject({ kind: 'exchange-member-removed', data: { exchangeId } });

    // A closed tab gets nothing more; a new one gets what comes next, and the inbox keeps all.
    socket.close();
    const later = await open(member);
    const seen = collect<NotificationView>(later, 'notification.created');
    await addMember(member, 'observer');
    await eventually(() => seen.length === 1, 5000, 'new tab notified');
    expect(seen[0]).toMatchObject({ kind: 'exchange-member-added', data: { role: 'observer' } });
    expect((await inbox(member)).map((n) => n.kind)).toEqual([
      'exchange-member-added',
      'exchange-member-removed',
      'exchange-member-added',
    ]);
  });
});
