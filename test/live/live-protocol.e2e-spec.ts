// The live protocol's guarantees as a client sees them: gapless per-room numbering under
// concurrent senders, exactly-once retries, catch-up by sequence number (and the reset beyond
// 500), REST history paging, edit and delete rules, body limits, and token renewal.
import { JwtService } from '@nestjs/jwt';
import type { Socket } from 'socket.io-client';
import type { MessageDeleted, MessageView, RoomJoined } from '#libs/contracts';
import { createCity, createPerson, type TestPerson } from '../factories/accounts.js';
import { httpClient, type Http } from '../support/http.js';
import {
  collect,
  connectLive,
  connected,
  emitAck,
  eventually,
  nextEvent,
} from '../support/live-client.js';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app.js';
import { expiryOf, sessionOf, signTestToken } from '../support/tokens.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('live rooms: the protocol', () => {
  let t: TestApp;
  let http: Http;
  let coordinator: TestPerson;
  let cityId: string;
  const sockets: Socket[] = [];

  function open(token: string | undefined): Socket {
    const socket = connectLive(t.baseUrl, token);
    sockets.push(socket);
    return socket;
  }

  async function joined(person: TestPerson, roomId: string): Promise<Socket> {
    const socket = open(person.token);
    await connected(socket);
    const ack = await emitAck(socket, 'room.join', { roomId });
    expect(ack.ok).toBe(true);
    return socket;
  }

  /** A new exchange with these participants; returns its lobby's id. */
  async function lobbyWith(...participants: TestPerson[]): Promise<string> {
    const exchange = await http('POST', '/api/exchanges', {
      token: coordinator.token,
      body: {
        title: `Protocol ${Math.random().toString(36).slice(2, 8)}`,
        cityIds: [cityId],
        attribution: 'named',
      },
    });
    expect(exchange.status).toBe(201);
    for (const person of participants) {
      const added = await http('POST', `/api/exchanges/${exchange.body.id}/members`, {
        token: coordinator.token,
        body: { practitionerId: person.id, role: 'participant' },
      });
      expect(added.status).toBe(201);
    }
    const rooms = await http('GET', `/api/exchanges/${exchange.body.id}/rooms`, {
      token: coordinator.token,
    });
    return rooms.body.find((r: { kind: string }) => r.kind === 'lobby').id;
  }

  function send(socket: Socket, roomId: string, clientMessageId: string, body: string) {
    return emitAck<MessageView>(socket, 'message.send', { roomId, clientMessageId, body }, 15_000);
  }

  beforeAll(async () => {
    // The send limit has its own tests; here many messages go out quickly on purpose.
    t = await startTestApp({
      LIVE_SEND_PER_SECOND: '100000',
      LIVE_SEND_BURST: '100000',
      LIVE_EVENT_BUDGET: '100000',
    });
    http = httpClient(t.baseUrl);
    coordinator = await createPerson(t.dataSource, http, { role: 'coordinator' });
    cityId = (await createCity(t.dataSource)).id;
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(() => t.close());

  it('numbers concurrent sends from many clients 1..n without gaps and delivers each once, in order', async () => {
    const people = await Promise.all(range(1, 10).map(() => createPerson(t.dataSource, http)));
    const roomId = await lobbyWith(...people);
    const clients = await Promise.all(people.map((p) => joined(p, roomId)));
    const received = clients.map((socket) => collect<MessageView>(socket, 'message.created'));

    // Every client fires its 20 messages at once; the 200 sends interleave on the server.
    const acks = await Promise.all(
      clients.flatMap((socket, c) =>
        range(1, 20).map((i) => send(socket, roomId, `client${c}-msg${i}`, `client ${c} #${i}`)),
      ),
    );
    expect(acks.every((ack) => ack.ok)).toBe(true);
    const stored = acks.map((ack) => (ack.ok ? ack.data : undefined)!);
    expect(stored.map((m) => m.seq).sort((a, b) => a - b)).toEqual(range(1, 200));
    // Each ack is the message that was sent (unacknowledged sends may be numbered in any order).
    for (let c = 0; c < 10; c += 1) {
      const own = stored.filter((m) => m.clientMessageId.startsWith(`client${c}-`));
      expect(own.map((m) => m.body)).toEqual(range(1, 20).map((i) => `client ${c} #${i}`));
    }

    for (const [c, list] of received.entries())
      await eventually(() => list.length >= 200, 15_000, `client ${c} received 200`);
    await sleep(200); // a duplicate would arrive right behind the last one
    const bySeq = new Map(stored.map((m) => [m.seq, m.id]));
    for (const list of received) {
      expect(list.map((m) => m.seq)).toEqual(range(1, 200));
      expect(list.every((m) => bySeq.get(m.seq) === m.id)).toBe(true);
    }

    const history = await http('GET', `/api/rooms/${roomId}/messages?limit=200`, {
      token: people[0]!.token,
    });
    expect(history.body.map((m: MessageView) => m.seq)).toEqual(range(1, 200).reverse());
  });

  it('stores a retried clientMessageId once, even when the retries race each other', async () => {
    const [alice, bob] = await Promise.all([
      createPerson(t.dataSource, http),
      createPerson(t.dataSource, http),
    ]);
    const roomId = await lobbyWith(alice, bob);
    const otherRoomId = await lobbyWith(alice);
    const a1 = await joined(alice, roomId);
    const a2 = await joined(alice, roomId); // a second tab retrying the same message
    const b = await joined(bob, roomId);
    const seenByBob = collect<MessageView>(b, 'message.created');

    const racing = await Promise.all(
      range(1, 12).map((i) => send(i % 2 ? a1 : a2, roomId, 'retry-race-0001', 'Once only')),
    );
    expect(racing.every((ack) => ack.ok)).toBe(true);
    const first = racing[0];
    for (const ack of racing) expect(ack).toEqual(first);
    expect(first).toMatchObject({ ok: true, data: { seq: 1, body: 'Once only' } });
    // A later retry, even with another body, returns the original.
    expect(await send(a1, roomId, 'retry-race-0001', 'Changed my mind')).toEqual(first);

    // The same clientMessageId from another person, or in another room, is another message.
    const fromBob = await send(b, roomId, 'retry-race-0001', 'Bob, same id');
    expect(fromBob).toMatchObject({ ok: true, data: { seq: 2, body: 'Bob, same id' } });
    const a3 = await joined(alice, otherRoomId);
    const elsewhere = await send(a3, otherRoomId, 'retry-race-0001', 'Other room');
    expect(elsewhere).toMatchObject({ ok: true, data: { seq: 1, roomId: otherRoomId } });
    const next = await send(a1, roomId, 'retry-race-0002', 'Next');
    expect(next).toMatchObject({ ok: true, data: { seq: 3 } });

    await eventually(() => seenByBob.length >= 3, 5000, 'bob saw three messages');
    await sleep(200);
    expect(seenByBob.map((m) => m.seq)).toEqual([1, 2, 3]);
    const history = await http('GET', `/api/rooms/${roomId}/messages`, { token: bob.token });
    expect(history.body.map((m: MessageView) => m.body)).toEqual([
      'Next',
      'Bob, same id',
      'Once only',
    ]);
  });

  it('catches a rejoining client up with exactly the messages after sinceSeq, in order', async () => {
    const [alice, bob] = await Promise.all([
      createPerson(t.dataSource, http),
      createPerson(t.dataSource, http),
    ]);
    const roomId = await lobbyWith(alice, bob);
    const a = await joined(alice, roomId);
    for (const i of range(1, 5)) await send(a, roomId, `before-${i}-xyz`, `before ${i}`);

    // Bob was away after seq 3; meanwhile 7 more arrive.
    for (const i of range(1, 7)) await send(a, roomId, `missed-${i}-xyz`, `missed ${i}`);
    const b = open(bob.token);
    await connected(b);
    const rejoin = await emitAck<RoomJoined>(b, 'room.join', { roomId, sinceSeq: 3 });
    expect(rejoin).toMatchObject({ ok: true, data: { reset: false, room: { lastSeq: 12 } } });
    const caughtUp = rejoin.ok ? rejoin.data.messages : [];
    expect(caughtUp.map((m) => m.seq)).toEqual(range(4, 12));
    expect(caughtUp.map((m) => m.body)).toEqual([
      'before 4',
      'before 5',
      ...range(1, 7).map((i) => `missed ${i}`),
    ]);
    // Up to date: nothing to catch up; a fresh join (no sinceSeq) gets the latest.
    const upToDate = await emitAck<RoomJoined>(b, 'room.join', { roomId, sinceSeq: 12 });
    expect(upToDate).toMatchObject({ ok: true, data: { reset: false, messages: [] } });
    const fresh = await emitAck<RoomJoined>(b, 'room.join', { roomId });
    expect(fresh.ok && fresh.data.messages.map((m) => m.seq)).toEqual(range(1, 12));
  });

  it('answers more than 500 missed messages with reset, and REST history pages through them', async () => {
    const [alice, bob] = await Promise.all([
      createPerson(t.dataSource, http),
      createPerson(t.dataSource, http),
    ]);
    const roomId = await lobbyWith(alice, bob);
    const a = await joined(alice, roomId);
    const total = 520;
    const bodyOf = new Map<number, string>();
    for (let start = 1; start <= total; start += 40) {
      const batch = range(start, Math.min(start + 39, total));
      const acks = await Promise.all(batch.map((i) => send(a, roomId, `bulk-${i}-abcd`, `m${i}`)));
      for (const ack of acks) {
        expect(ack.ok).toBe(true);
        if (ack.ok) bodyOf.set(ack.data.seq, ack.data.body);
      }
    }
    expect([...bodyOf.keys()].sort((x, y) => x - y)).toEqual(range(1, total));

    const b = open(bob.token);
    await connected(b);
    // Exactly 500 missed: still caught up in one go.
    const exactly500 = await emitAck<RoomJoined>(b, 'room.join', { roomId, sinceSeq: 20 });
    expect(exactly500.ok && exactly500.data.reset).toBe(false);
    const caughtUp = exactly500.ok ? exactly500.data.messages : [];
    expect(caughtUp.map((m) => m.seq)).toEqual(range(21, 520));
    expect(caughtUp.every((m) => m.body === bodyOf.get(m.seq))).toBe(true);
    // 501 missed: reset, no messages; the client reloads history over REST.
    const tooMany = await emitAck<RoomJoined>(b, 'room.join', { roomId, sinceSeq: 19 });
    expect(tooMany).toMatchObject({ ok: true, data: { reset: true, messages: [] } });

    const seqs: number[] = [];
    const bodies: string[] = [];
    let beforeSeq: number | undefined;
    for (let page = 0; page < 10; page += 1) {
      const query = beforeSeq === undefined ? 'limit=200' : `limit=200&beforeSeq=${beforeSeq}`;
      const result = await http('GET', `/api/rooms/${roomId}/messages?${query}`, {
        token: bob.token,
      });
      expect(result.status).toBe(200);
      const pageSeqs = result.body.map((m: MessageView) => m.seq) as number[];
      if (pageSeqs.length === 0) break;
      expect(pageSeqs.length).toBeLessThanOrEqual(200);
      seqs.push(...pageSeqs);
      bodies.push(...result.body.map((m: MessageView) => m.body));
      beforeSeq = pageSeqs[pageSeqs.length - 1];
    }
    expect(seqs).toEqual(range(1, total).reverse());
    expect(bodies).toEqual(seqs.map((seq) => bodyOf.get(seq)));
    const small = await http('GET', `/api/rooms/${roomId}/messages?beforeSeq=10&limit=3`, {
      token: bob.token,
    });
    expect(small.body.map((m: MessageView) => [m.seq, m.body])).toEqual(
      [9, 8, 7].map((seq) => [seq, bodyOf.get(seq)]),
    );
    const tooLarge = await http('GET', `/api/rooms/${roomId}/messages?limit=201`, {
      token: bob.token,
    });
    expect(tooLarge.status).toBe(400);
  });

  it('lets authors edit their own messages for 15 minutes, and nobody else', async () => {
    const [alice, bob] = await Promise.all([
      createPerson(t.dataSource, http),
      createPerson(t.dataSource, http),
    ]);
    const roomId = await lobbyWith(alice, bob);
    const a = await joined(alice, roomId);
    const b = await joined(bob, roomId);
    const sent = await send(a, roomId, 'edit-me-0001', 'Helo from Rotterdam');
    const message = sent.ok ? sent.data : undefined;
    expect(message?.editedAt).toBeNull();

    const updated = nextEvent<MessageView>(b, 'message.updated', (m) => m.id === message?.id);
    const edit = await emitAck<MessageView>(a, 'message.edit', {
      roomId,
      messageId: message!.id,
      body: 'Hello from Rotterdam',
    });
    expect(edit).toMatchObject({
      ok: true,
      data: { id: message!.id, seq: 1, body: 'Hello from Rotterdam' },
    });
    expect(edit.ok && edit.data.editedAt).toEqual(expect.any(String));
    expect(await updated).toMatchObject({ seq: 1, body: 'Hello from Rotterdam' });

    const byBob = await emitAck(b, 'message.edit', {
      roomId,
      messageId: message!.id,
      body: 'Bob rewrites Alice',
    });
    expect(byBob).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // Sixteen minutes later the window has passed.
    await t.dataSource.query(
      `UPDATE messages SET created_at = now() - interval '16 minutes' WHERE id = $1`,
      [message!.id],
    );
    const late = await emitAck(a, 'message.edit', {
      roomId,
      messageId: message!.id,
      body: 'Too late',
    });
    expect(late).toMatchObject({ ok: false, error: { code: 'EDIT_WINDOW_PASSED' } });
    // Just inside the window still works.
    await t.dataSource.query(
      `UPDATE messages SET created_at = now() - interval '14 minutes' WHERE id = $1`,
      [message!.id],
    );
    const inTime = await emitAck(a, 'message.edit', {
      roomId,
      messageId: message!.id,
      body: 'Hello again from Rotterdam',
    });
    expect(inTime.ok).toBe(true);

    const history = await http('GET', `/api/rooms/${roomId}/messages`, { token: bob.token });
    expect(history.body[0]).toMatchObject({ id: message!.id, body: 'Hello again from Rotterdam' });
  });

  it('lets authors delete only their own messages; history keeps a tombstone', async () => {
    const [alice, bob] = await Promise.all([
      createPerson(t.dataSource, http),
      createPerson(t.dataSource, http),
    ]);
    const roomId = await lobbyWith(alice, bob);
    const a = await joined(alice, roomId);
    const b = await joined(bob, roomId);
    const first = await send(a, roomId, 'delete-me-001', 'Oops, wrong room');
    const second = await send(a, roomId, 'keep-me-0001', 'This one stays');
    const firstId = first.ok ? first.data.id : '';

    const byBob = await emitAck(b, 'message.delete', { roomId, messageId: firstId });
    expect(byBob).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const deleted = nextEvent<MessageDeleted>(b, 'message.deleted', (d) => d.id === firstId);
    const ack = await emitAck(a, 'message.delete', { roomId, messageId: firstId });
    expect(ack).toEqual({
      ok: true,
      data: { roomId, id: firstId, seq: 1, reason: 'deleted' },
    });
    expect(await deleted).toEqual({ roomId, id: firstId, seq: 1, reason: 'deleted' });

    const history = await http('GET', `/api/rooms/${roomId}/messages`, { token: bob.token });
    expect(history.body).toHaveLength(2);
    expect(history.body[0]).toMatchObject({ seq: 2, body: 'This one stays', deleted: false });
    expect(history.body[1]).toMatchObject({ seq: 1, body: '', deleted: true });
    expect(second.ok).toBe(true);
    // A deleted message cannot be edited back.
    const edit = await emitAck(a, 'message.edit', { roomId, messageId: firstId, body: 'Back' });
    expect(edit).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // The catch-up after a reconnect carries the tombstone at its seq.
    const rejoin = await emitAck<RoomJoined>(b, 'room.join', { roomId, sinceSeq: 0 });
    expect(rejoin.ok && rejoin.data.messages.map((m) => [m.seq, m.deleted, m.body])).toEqual([
      [1, true, ''],
      [2, false, 'This one stays'],
    ]);
  });

  it('accepts a body of exactly 4,000 characters, refuses 4,001, and stores the language tag', async () => {
    const alice = await createPerson(t.dataSource, http);
    const roomId = await lobbyWith(alice);
    const a = await joined(alice, roomId);
    const longest = 'é'.repeat(4000);
    const accepted = await send(a, roomId, 'longest-0001', longest);
    expect(accepted).toMatchObject({ ok: true, data: { seq: 1 } });
    expect(accepted.ok && accepted.data.body).toHaveLength(4000);
    const refused = await send(a, roomId, 'too-long-0001', 'x'.repeat(4001));
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const empty = await send(a, roomId, 'empty-00001', '');
    expect(empty).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const editTooLong = await emitAck(a, 'message.edit', {
      roomId,
      messageId: accepted.ok ? accepted.data.id : '',
      body: 'y'.repeat(4001),
    });
    expect(editTooLong).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });

    const dutch = await emitAck(a, 'message.send', {
      roomId,
      clientMessageId: 'dutch-00001',
      body: 'Goedemiddag uit Rotterdam',
      language: 'nl-NL',
    });
    expect(dutch).toMatchObject({ ok: true, data: { seq: 2, language: 'nl-NL' } });
    const badTag = await emitAck(a, 'message.send', {
      roomId,
      clientMessageId: 'badtag-0001',
      body: 'Hi',
      language: 'not a language!',
    });
    expect(badTag).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(a.connected).toBe(true);

    const history = await http('GET', `/api/rooms/${roomId}/messages`, { token: alice.token });
    expect(history.body.map((m: MessageView) => [m.seq, m.language, m.body.length])).toEqual([
      [2, 'nl-NL', 25],
      [1, null, 4000],
    ]);
  });

  describe('access tokens on a live connection', () => {
    const jwt = new JwtService({ secret: TEST_JWT_SECRET, signOptions: { algorithm: 'HS256' } });

    it('refuses a connection with an expired token with a typed connect_error', async () => {
      const alice = await createPerson(t.dataSource, http);
      const expired = jwt.sign(
        { sub: alice.id, role: 'member', iam: Date.now() - 120_000, sid: sessionOf(alice.token) },
        { expiresIn: -60 },
      );
      await expect(connected(open(expired))).rejects.toMatchObject({
        data: { code: 'TOKEN_EXPIRED' },
      });
    });

    it('keeps the connection and its rooms when the token is renewed before it expires', async () => {
      const [alice, bob] = await Promise.all([
        createPerson(t.dataSource, http),
        createPerson(t.dataSource, http),
      ]);
      const roomId = await lobbyWith(alice, bob);
      const shortLived = signTestToken(alice, 3);
      const a = open(shortLived);
      await connected(a);
      expect((await emitAck(a, 'room.join', { roomId })).ok).toBe(true);
      const b = await joined(bob, roomId);
      const seenByAlice = collect<MessageView>(a, 'message.created');
      expect((await send(a, roomId, 'fresh-token-01', 'Before expiry')).ok).toBe(true);

      // A token of someone else, or no token at all, is no renewal.
      const notHers = await emitAck(a, 'auth.renew', { token: bob.token });
      expect(notHers).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const garbage = await emitAck(a, 'auth.renew', { token: 'not-a-token' });
      expect(garbage).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      const stale = await emitAck(a, 'auth.renew', { token: signTestToken(alice, -10) });
      expect(stale).toMatchObject({ ok: false, error: { code: 'TOKEN_EXPIRED' } });

      const renewed = await emitAck<{ expiresAt: string }>(a, 'auth.renew', {
        token: alice.token,
      });
      expect(renewed).toMatchObject({ ok: true, data: { expiresAt: expect.any(String) } });
      expect(renewed.ok && new Date(renewed.data.expiresAt).getTime()).toBe(expiryOf(alice.token));

      // Past the first token's expiry, still connected and in the room without rejoining.
      await sleep(Math.max(0, expiryOf(shortLived) - Date.now()) + 500);
      expect(a.connected).toBe(true);
      expect((await send(b, roomId, 'bob-after-renew', 'Welcome back')).ok).toBe(true);
      expect(await send(a, roomId, 'after-renewal-01', 'After renewal')).toMatchObject({
        ok: true,
        data: { seq: 3, body: 'After renewal' },
      });
      await eventually(() => seenByAlice.length >= 3, 5000, 'alice heard three messages');
      expect(seenByAlice.map((m) => m.body)).toEqual([
        'Before expiry',
        'Welcome back',
        'After renewal',
      ]);
    });

    it('drops a connection that has not renewed by its token expiry: it hears nothing after', async () => {
      const [alice, bob] = await Promise.all([
        createPerson(t.dataSource, http),
        createPerson(t.dataSource, http),
      ]);
      const roomId = await lobbyWith(alice, bob);
      const shortLived = signTestToken(alice, 2);
      const a = open(shortLived);
      await connected(a);
      expect((await emitAck(a, 'room.join', { roomId })).ok).toBe(true);
      const b = await joined(bob, roomId);
      const seenByAlice = collect<MessageView>(a, 'message.created');
      const dropped = new Promise<string>((resolve) => a.once('disconnect', resolve));

      await sleep(Math.max(0, expiryOf(shortLived) - Date.now()) + 300);
      expect(await dropped).toBe('io server disconnect');
      expect((await send(b, roomId, 'bob-after-expiry', 'Are you still there?')).ok).toBe(true);
      await sleep(300);
      expect(seenByAlice.map((m) => m.body)).toEqual([]);
    });

    it('documents the renewal in the AsyncAPI document', async () => {
      const doc = await http('GET', '/api/docs/live');
      expect(doc.status).toBe(200);
      expect(doc.body.channels.live.messages['client.auth.renew']).toMatchObject({
        payload: { properties: { token: expect.any(Object) } },
      });
    });
  });
});
