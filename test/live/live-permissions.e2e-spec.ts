// Who may do what in live rooms: every client → server event (enumerated from the gateway, so a
// new event without a decision here fails) × every kind of caller, the REST live routes per role,
// connection refusals, a suspension while connected, and a session room's time window.
import { JwtService } from '@nestjs/jwt';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { CLIENT_EVENTS } from '#libs/contracts';
import { createCity, createPerson, type TestPerson } from '../factories/accounts.js';
import { httpClient, type Http } from '../support/http.js';
import { connectLive, connected, emitAck, nextEvent } from '../support/live-client.js';
import { gatewayEvents } from '../support/live-gateways.js';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app.js';

type Role = 'outsider' | 'observer' | 'participant' | 'host' | 'coordinator' | 'admin';
const ROLES: Role[] = ['outsider', 'observer', 'participant', 'host', 'coordinator', 'admin'];

/** 'ok', or the error code the ack must carry. */
type Outcome = 'ok' | string;

const OPENS_MINUTES_BEFORE = 60;
const CLOSES_MINUTES_AFTER = 10;

const clientMessageId = () => `perm-${randomBytes(8).toString('hex')}`;

describe('live rooms: permissions', () => {
  let t: TestApp;
  let http: Http;
  let admin: TestPerson;
  let coordinator: TestPerson;
  let people: Record<Role, TestPerson>;
  /** Writes the fixture messages the others act on. */
  let author: TestPerson;
  let exchangeId: string;
  let lobbyId: string;
  /** A thread of the exchange, for the thread events. */
  let threadId: string;
  const sockets: Socket[] = [];

  const open = async (person: TestPerson): Promise<Socket> => {
    const socket = connectLive(t.baseUrl, person.token);
    sockets.push(socket);
    await connected(socket);
    return socket;
  };

  const addMember = async (person: TestPerson, role: 'host' | 'participant' | 'observer') => {
    const res = await http('POST', `/api/exchanges/${exchangeId}/members`, {
      token: coordinator.token,
      body: { practitionerId: person.id, role },
    });
    expect(res.status).toBe(201);
  };

  const scheduleSession = async (startsInMinutes: number, title: string): Promise<string> => {
    const startsAt = Date.now() + startsInMinutes * 60_000;
    const session = await http('POST', `/api/exchanges/${exchangeId}/sessions`, {
      token: coordinator.token,
      body: {
        kind: 'workshop',
        title,
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(startsAt + 3_600_000).toISOString(),
        hostTimeZone: 'Europe/Paris',
      },
    });
    expect(session.status).toBe(201);
    const rooms = await http('GET', `/api/exchanges/${exchangeId}/rooms`, {
      token: coordinator.token,
    });
    expect(rooms.status).toBe(200);
    const room = rooms.body.find((r: { sessionId: string }) => r.sessionId === session.body.id);
    expect(room).toBeDefined();
    return room.id as string;
  };

  /** Sends a message as `person` (who must be allowed to) and returns its id. */
  const post = async (person: TestPerson, roomId: string, isQuestion = false) => {
    const socket = await open(person);
    const ack = await emitAck(socket, 'message.send', {
      roomId,
      clientMessageId: clientMessageId(),
      body: 'A fixture message',
      ...(isQuestion ? { isQuestion: true } : {}),
    });
    socket.close();
    expect(ack.ok).toBe(true);
    return (ack as { data: { id: string } }).data.id;
  };

  beforeAll(async () => {
    t = await startTestApp({
      ROOM_OPENS_MINUTES_BEFORE: String(OPENS_MINUTES_BEFORE),
      ROOM_CLOSES_MINUTES_AFTER: String(CLOSES_MINUTES_AFTER),
      LIVE_SEND_PER_SECOND: '100',
      LIVE_SEND_BURST: '100',
    });
    http = httpClient(t.baseUrl);
    admin = await createPerson(t.dataSource, http, { role: 'admin' });
    coordinator = await createPerson(t.dataSource, http, { role: 'coordinator' });
    const city = await createCity(t.dataSource);
    const exchange = await http('POST', '/api/exchanges', {
      token: coordinator.token,
      body: { title: 'Permissions exchange', cityIds: [city.id], attribution: 'named' },
    });
    expect(exchange.status).toBe(201);
    exchangeId = exchange.body.id;
    // The coordinator created (and so hosts) this exchange; the "coordinator" role below is
    // another coordinator who is not a member, like the admin.
    people = {
      outsider: await createPerson(t.dataSource, http),
      observer: await createPerson(t.dataSource, http),
      participant: await createPerson(t.dataSource, http),
      host: await createPerson(t.dataSource, http),
      coordinator: await createPerson(t.dataSource, http, { role: 'coordinator' }),
      admin,
    };
    author = await createPerson(t.dataSource, http);
    await addMember(people.observer, 'observer');
    await addMember(people.participant, 'participant');
    await addMember(people.host, 'host');
    await addMember(author, 'participant');
    const rooms = await http('GET', `/api/exchanges/${exchangeId}/rooms`, {
      token: coordinator.token,
    });
    lobbyId = rooms.body.find((r: { kind: string }) => r.kind === 'lobby').id;
    const thread = await http('POST', '/api/threads', {
      token: author.token,
      body: {
        exchangeId,
        title: 'A thread to hear',
        kind: 'discussion',
        language: 'en',
        body: 'Listen live',
        clientId: clientMessageId(),
      },
    });
    expect(thread.status).toBe(201);
    threadId = thread.body.thread.id;
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(() => t.close());

  /**
   * Expected ack per event and role, in a room that is open. Each row is run by `act` below with
   * fresh targets, in this order, on one connection per role.
   */
  const EXPECTED: Record<string, Record<Role, Outcome>> = {
    'auth.renew': {
      outsider: 'ok',
      observer: 'ok',
      participant: 'ok',
      host: 'ok',
      coordinator: 'ok',
      admin: 'ok',
    },
    'room.join': {
      outsider: 'NOT_FOUND',
      observer: 'ok',
      participant: 'ok',
      host: 'ok',
      coordinator: 'ok',
      admin: 'ok',
    },
    'room.read': {
      // Anyone who may read the room keeps their own read position in it.
      outsider: 'NOT_FOUND',
      observer: 'ok',
      participant: 'ok',
      host: 'ok',
      coordinator: 'ok',
      admin: 'ok',
    },
    typing: {
      // Typing announces a message to come: only for those who may send.
      outsider: 'ROOM_READ_ONLY',
      observer: 'ROOM_READ_ONLY',
      participant: 'ok',
      host: 'ok',
      coordinator: 'ok',
      admin: 'ok',
    },
    'message.send': {
      outsider: 'NOT_FOUND',
      observer: 'ROOM_READ_ONLY',
      participant: 'ok',
      host: 'ok',
      coordinator: 'ok',
      admin: 'ok',
    },
    'message.edit': {
      outsider: 'NOT_FOUND',
      observer: 'ROOM_READ_ONLY',
      participant: 'ok',
      host: 'ok',
      coordinator: 'ok',
      admin: 'ok',
    },
    'message.delete': {
      // Deleting changes what everyone reads: observers cannot write, so cannot delete either.
      outsider: 'NOT_FOUND',
      observer: 'ROOM_READ_ONLY',
      participant: 'ok',
      host: 'ok',
      coordinator: 'ok',
      admin: 'ok',
    },
    'message.hide': {
      outsider: 'NOT_FOUND',
      observer: 'FORBIDDEN',
      participant: 'FORBIDDEN',
      host: 'ok',
      coordinator: 'ok',
      admin: 'ok',
    },
    'message.restore': {
      outsider: 'NOT_FOUND',
      observer: 'FORBIDDEN',
      participant: 'FORBIDDEN',
      host: 'ok',
      coordinator: 'ok',
      admin: 'ok',
    },
    'member.mute': {
      outsider: 'NOT_FOUND',
      observer: 'FORBIDDEN',
      participant: 'FORBIDDEN',
      host: 'ok',
      coordinator: 'ok',
      admin: 'ok',
    },
    'member.unmute': {
      outsider: 'NOT_FOUND',
      observer: 'FORBIDDEN',
      participant: 'FORBIDDEN',
      host: 'ok',
      coordinator: 'ok',
      admin: 'ok',
    },
    'member.remove': {
      outsider: 'NOT_FOUND',
      observer: 'FORBIDDEN',
      participant: 'FORBIDDEN',
      host: 'ok',
      coordinator: 'ok',
      admin: 'ok',
    },
    'member.readmit': {
      outsider: 'NOT_FOUND',
      observer: 'FORBIDDEN',
      participant: 'FORBIDDEN',
      host: 'ok',
      coordinator: 'ok',
      admin: 'ok',
    },
    'question.upvote': {
      outsider: 'NOT_FOUND',
      observer: 'ROOM_READ_ONLY',
      participant: 'ok',
      host: 'ok',
      coordinator: 'ok',
      admin: 'ok',
    },
    'question.answer': {
      outsider: 'NOT_FOUND',
      observer: 'FORBIDDEN',
      participant: 'FORBIDDEN',
      host: 'ok',
      coordinator: 'ok',
      admin: 'ok',
    },
    'room.leave': {
      // Leaving a room you are not in changes nothing and tells nothing.
      outsider: 'ok',
      observer: 'ok',
      participant: 'ok',
      host: 'ok',
      coordinator: 'ok',
      admin: 'ok',
    },
    // Threads: every reader hears a thread (observers too); an outsider's looks missing.
    'thread.subscribe': {
      outsider: 'NOT_FOUND',
      observer: 'ok',
      participant: 'ok',
      host: 'ok',
      coordinator: 'ok',
      admin: 'ok',
    },
    'thread.unsubscribe': {
      outsider: 'ok',
      observer: 'ok',
      participant: 'ok',
      host: 'ok',
      coordinator: 'ok',
      admin: 'ok',
    },
  };

  it('has a decision for every event the gateway registers', () => {
    const events = gatewayEvents();
    expect(events.length).toBeGreaterThanOrEqual(14);
    expect(Object.keys(EXPECTED).sort()).toEqual(events);
    // ...and the published contract lists exactly those.
    expect([...CLIENT_EVENTS].sort()).toEqual(events);
  });

  it.each(ROLES)(
    'acks every event for the %s as expected, in an open session room',
    async (role) => {
      const person = people[role];
      const roomId = await scheduleSession(30, `Matrix session for ${role}`);
      // Fresh targets: someone else's question, and a participant to mute and remove.
      const question = await post(author, roomId, true);
      const victim = await createPerson(t.dataSource, http);
      await addMember(victim, 'participant');
      const socket = await open(person);
      let ownMessageId: string | undefined;

      const payloadFor = (event: string): unknown => {
        switch (event) {
          case 'auth.renew':
            return { token: person.token };
          case 'room.join':
          case 'room.leave':
          case 'typing':
            return { roomId };
          case 'room.read':
            return { roomId, seq: 1 };
          case 'message.send':
            return { roomId, clientMessageId: clientMessageId(), body: `Hello from the ${role}` };
          case 'message.edit':
            return { roomId, messageId: ownMessageId ?? question, body: 'Edited' };
          case 'message.delete':
            return { roomId, messageId: ownMessageId ?? question };
          case 'message.hide':
          case 'message.restore':
            return { roomId, messageId: question, reason: 'Off topic for this session' };
          case 'member.mute':
            return { roomId, practitionerId: victim.id, minutes: 5, reason: 'Cooling down' };
          case 'member.unmute':
          case 'member.remove':
          case 'member.readmit':
            return { roomId, practitionerId: victim.id, reason: 'Repeated disruption' };
          case 'question.upvote':
          case 'question.answer':
            return { roomId, messageId: question };
          case 'thread.subscribe':
          case 'thread.unsubscribe':
            return { threadId };
          default:
            throw new Error(`no payload for ${event}`);
        }
      };

      const got: Record<string, Outcome> = {};
      const want: Record<string, Outcome> = {};
      for (const [event, byRole] of Object.entries(EXPECTED)) {
        const ack = await emitAck(socket, event, payloadFor(event));
        got[event] = ack.ok ? 'ok' : ack.error.code;
        want[event] = byRole[role];
        if (!ack.ok) expect(ack.error.message).toEqual(expect.any(String));
        if (event === 'message.send' && ack.ok) ownMessageId = (ack.data as { id: string }).id;
      }
      expect(got).toEqual(want);
      expect(socket.connected).toBe(true);

      // What the acks claimed is what is stored.
      const history = await http('GET', `/api/rooms/${roomId}/messages`, {
        token: coordinator.token,
      });
      const stored = history.body as Array<{ author: { id: string }; deleted: boolean }>;
      const mine = stored.filter((m) => m.author?.id === person.id);
      expect(mine).toHaveLength(want['message.send'] === 'ok' ? 1 : 0);
      const actions = await http('GET', `/api/rooms/${roomId}/moderation-actions`, {
        token: coordinator.token,
      });
      expect(actions.status).toBe(200);
      expect(
        (actions.body as Array<{ actorId: string }>).filter((a) => a.actorId === person.id).length,
      ).toBe(want['message.hide'] === 'ok' ? 6 : 0); // hide, restore, mute, unmute, remove, readmit
    },
  );

  it("no one edits or deletes someone else's message, not even a host or coordinator", async () => {
    const question = await post(author, lobbyId);
    for (const role of ['participant', 'host', 'coordinator', 'admin'] as const) {
      const socket = await open(people[role]);
      const edit = await emitAck(socket, 'message.edit', {
        roomId: lobbyId,
        messageId: question,
        body: 'Not yours',
      });
      const del = await emitAck(socket, 'message.delete', { roomId: lobbyId, messageId: question });
      expect([role, edit]).toEqual([role, expect.objectContaining({ ok: false })]);
      expect((edit as { error: { code: string } }).error.code).toBe('FORBIDDEN');
      expect((del as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    }
    const history = await http('GET', `/api/rooms/${lobbyId}/messages`, {
      token: author.token,
    });
    const message = history.body.find((m: { id: string }) => m.id === question);
    expect(message).toMatchObject({ body: 'A fixture message' });
  });

  it('observers join and read live but every send is refused with ROOM_READ_ONLY', async () => {
    const observer = await open(people.observer);
    const joined = await emitAck(observer, 'room.join', { roomId: lobbyId });
    expect(joined).toMatchObject({ ok: true, data: { canSend: false, canModerate: false } });
    const heard = nextEvent(observer, 'message.created', (m: { body: string }) =>
      m.body.startsWith('For the observer'),
    );
    const participant = await open(people.participant);
    const sent = await emitAck(participant, 'message.send', {
      roomId: lobbyId,
      clientMessageId: clientMessageId(),
      body: 'For the observer to read',
    });
    expect(sent.ok).toBe(true);
    expect(await heard).toMatchObject({ body: 'For the observer to read' });
    const refused = await emitAck(observer, 'message.send', {
      roomId: lobbyId,
      clientMessageId: clientMessageId(),
      body: 'Observers cannot say this',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'ROOM_READ_ONLY' } });
    // Nor do they show as typing; participants do.
    expect(await emitAck(observer, 'typing', { roomId: lobbyId })).toMatchObject({
      ok: false,
      error: { code: 'ROOM_READ_ONLY' },
    });
    expect((await emitAck(participant, 'room.join', { roomId: lobbyId })).ok).toBe(true);
    const typing = nextEvent(observer, 'typing');
    expect((await emitAck(participant, 'typing', { roomId: lobbyId })).ok).toBe(true);
    expect(await typing).toMatchObject({ roomId: lobbyId, person: { id: people.participant.id } });
    const history = await http('GET', `/api/rooms/${lobbyId}/messages`, {
      token: people.observer.token,
    });
    expect(history.status).toBe(200);
    expect(history.body.some((m: { body: string }) => m.body.startsWith('Observers'))).toBe(false);
  });

  it('answers the REST live routes per role', async () => {
    const roomId = await scheduleSession(30, 'REST session');
    const paths = [
      `/api/exchanges/${exchangeId}/rooms`,
      `/api/rooms/${lobbyId}`,
      `/api/rooms/${lobbyId}/messages`,
      `/api/rooms/${roomId}/messages?limit=5`,
      `/api/rooms/${roomId}/questions`,
      `/api/rooms/${lobbyId}/moderation-actions`,
      `/api/rooms/${lobbyId}/restrictions`,
      `/api/rooms/${lobbyId}/mentionable?q=a`,
      '/api/me/unread',
    ];
    const expected: Record<Role, number[]> = {
      outsider: [403, 404, 404, 404, 404, 404, 404, 404, 200],
      observer: [200, 200, 200, 200, 200, 403, 403, 200, 200],
      participant: [200, 200, 200, 200, 200, 403, 403, 200, 200],
      host: [200, 200, 200, 200, 200, 200, 200, 200, 200],
      coordinator: [200, 200, 200, 200, 200, 200, 200, 200, 200],
      admin: [200, 200, 200, 200, 200, 200, 200, 200, 200],
    };
    const got: Record<string, number[]> = {};
    for (const role of ROLES) {
      got[role] = [];
      for (const path of paths) {
        const res = await http('GET', path, { token: people[role].token });
        got[role].push(res.status);
        if (res.status >= 400) expect(res.body.code).toEqual(expect.any(String));
      }
    }
    expect(got).toEqual(expected);
    for (const path of paths) {
      const anonymous = await http('GET', path);
      expect([path, anonymous.status, anonymous.body.code]).toEqual([path, 401, 'UNAUTHENTICATED']);
    }
    // A room that does not exist looks the same as one you may not read; a bad id is a 400.
    const missing = await http('GET', `/api/rooms/${randomUUID()}`, { token: admin.token });
    expect(missing.status).toBe(404);
    const bad = await http('GET', '/api/rooms/not-a-uuid/messages', { token: admin.token });
    expect(bad.status).toBe(400);
  });

  describe('connection refusals', () => {
    const refusal = async (auth: string | undefined) => {
      const socket = connectLive(t.baseUrl, auth);
      sockets.push(socket);
      const error = await connected(socket).then(
        () => undefined,
        (e: { data?: { code: string; message: string } }) => e,
      );
      expect(socket.connected).toBe(false);
      return error?.data;
    };

    it('refuses a missing token with UNAUTHENTICATED', async () => {
      expect(await refusal(undefined)).toEqual({
        code: 'UNAUTHENTICATED',
        message: expect.any(String),
      });
    });

    it('refuses a malformed or foreign-signed token with UNAUTHENTICATED', async () => {
      expect(await refusal('not-a-jwt')).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(await refusal('')).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(await refusal('x'.repeat(5000))).toMatchObject({ code: 'UNAUTHENTICATED' });
      const foreign = new JwtService({ secret: 'another-secret-that-is-long-enough-for-hs256' });
      const forged = foreign.sign(
        { sub: people.participant.id, role: 'admin', iam: Date.now() },
        { expiresIn: 600 },
      );
      expect(await refusal(forged)).toMatchObject({ code: 'UNAUTHENTICATED' });
    });

    it('refuses an expired token with TOKEN_EXPIRED', async () => {
      const now = Math.floor(Date.now() / 1000);
      const expired = new JwtService({ secret: TEST_JWT_SECRET }).sign({
        sub: people.participant.id,
        role: 'member',
        iam: Date.now() - 120_000,
        iat: now - 120,
        exp: now - 60,
      });
      expect(await refusal(expired)).toMatchObject({ code: 'TOKEN_EXPIRED' });
    });

    it('refuses a suspended account with ACCOUNT_SUSPENDED', async () => {
      const suspended = await createPerson(t.dataSource, http, { status: 'suspended' });
      expect(await refusal(suspended.token)).toMatchObject({ code: 'ACCOUNT_SUSPENDED' });
    });
  });

  it('disconnects every tab of a member suspended while connected, and they cannot come back', async () => {
    const member = await createPerson(t.dataSource, http);
    await addMember(member, 'participant');
    const tab1 = await open(member);
    const tab2 = await open(member);
    const bystander = await open(people.participant);
    for (const socket of [tab1, tab2, bystander])
      expect((await emitAck(socket, 'room.join', { roomId: lobbyId })).ok).toBe(true);
    const gone = [tab1, tab2].map(
      (socket) => new Promise<string>((resolve) => socket.once('disconnect', resolve)),
    );
    const res = await http('POST', `/api/practitioners/${member.id}/suspend`, {
      token: coordinator.token,
      body: { reason: 'Threatened another member' },
    });
    expect(res.status).toBe(200);
    const reasons = await Promise.race([
      Promise.all(gone),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('not disconnected within 5 s')), 5000),
      ),
    ]);
    expect(reasons).toEqual(['io server disconnect', 'io server disconnect']);
    // Nothing they emit reaches the server any more, and a reconnect is refused.
    expect(tab1.connected).toBe(false);
    const again = connectLive(t.baseUrl, member.token);
    sockets.push(again);
    await expect(connected(again)).rejects.toMatchObject({ data: { code: 'ACCOUNT_SUSPENDED' } });
    // Others carry on.
    const ack = await emitAck(bystander, 'message.send', {
      roomId: lobbyId,
      clientMessageId: clientMessageId(),
      body: 'Still here',
    });
    expect(ack.ok).toBe(true);
  });

  describe('session room window', () => {
    it('is closed before the configured window: join and send are refused with typed codes', async () => {
      // Opens 60 minutes before the start (configured): at 90 minutes out it is still closed.
      const roomId = await scheduleSession(90, 'Later session');
      const room = await http('GET', `/api/rooms/${roomId}`, { token: people.participant.token });
      expect(room.status).toBe(200);
      expect(room.body.open).toBe(false);
      const sessionStart = Date.parse(room.body.opensAt) + OPENS_MINUTES_BEFORE * 60_000;
      expect(Math.abs(sessionStart - (Date.now() + 90 * 60_000))).toBeLessThan(60_000);

      const participant = await open(people.participant);
      const join = await emitAck(participant, 'room.join', { roomId });
      expect(join).toMatchObject({ ok: false, error: { code: 'ROOM_NOT_OPEN' } });
      const send = await emitAck(participant, 'message.send', {
        roomId,
        clientMessageId: clientMessageId(),
        body: 'Too early',
      });
      expect(send).toMatchObject({ ok: false, error: { code: 'ROOM_NOT_OPEN' } });
      expect((send as { error: { message: string } }).error.message).toContain('opens at');

      // Hosts may enter early to prepare, but nobody sends before the window.
      const host = await open(people.host);
      const early = await emitAck(host, 'room.join', { roomId });
      expect(early).toMatchObject({ ok: true, data: { canSend: false, canModerate: true } });
      const hostSend = await emitAck(host, 'message.send', {
        roomId,
        clientMessageId: clientMessageId(),
        body: 'Too early as well',
      });
      expect(hostSend).toMatchObject({ ok: false, error: { code: 'ROOM_NOT_OPEN' } });
      const history = await http('GET', `/api/rooms/${roomId}/messages`, {
        token: people.host.token,
      });
      expect(history.body).toEqual([]);
    });

    it('is open inside the configured window and readable, not writable, afterwards', async () => {
      // 45 minutes out: inside the configured 60-minute window (the default 30 would be closed).
      const roomId = await scheduleSession(45, 'Soon session');
      const listed = await http('GET', `/api/exchanges/${exchangeId}/rooms`, {
        token: people.participant.token,
      });
      expect(listed.body.find((r: { id: string }) => r.id === roomId)).toMatchObject({
        kind: 'session',
        open: true,
      });
      const participant = await open(people.participant);
      expect(await emitAck(participant, 'room.join', { roomId })).toMatchObject({
        ok: true,
        data: { canSend: true },
      });
      const sent = await emitAck(participant, 'message.send', {
        roomId,
        clientMessageId: clientMessageId(),
        body: 'During the session',
      });
      expect(sent).toMatchObject({ ok: true, data: { seq: 1 } });
      participant.close();

      // The session took place and ended more than CLOSES_MINUTES_AFTER ago.
      await t.dataSource.query(
        `UPDATE sessions SET starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour'
          WHERE id = (SELECT session_id FROM rooms WHERE id = $1)`,
        [roomId],
      );
      const room = await http('GET', `/api/rooms/${roomId}`, { token: people.participant.token });
      expect(room.body.open).toBe(false);
      const later = await open(people.participant);
      const rejoined = await emitAck(later, 'room.join', { roomId });
      expect(rejoined).toMatchObject({ ok: true, data: { canSend: false } });
      expect(
        (rejoined as { data: { messages: Array<{ body: string }> } }).data.messages.map(
          (m) => m.body,
        ),
      ).toEqual(['During the session']);
      const refused = await emitAck(later, 'message.send', {
        roomId,
        clientMessageId: clientMessageId(),
        body: 'After the session',
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'ROOM_READ_ONLY' } });
      const history = await http('GET', `/api/rooms/${roomId}/messages`, {
        token: people.observer.token,
      });
      expect(history.status).toBe(200);
      expect(history.body.map((m: { body: string }) => m.body)).toEqual(['During the session']);
    });
  });
});
