// Presence and typing as people see them: each person once however many tabs they open, join and
// leave announced, a dead connection (no clean close) cleared within seconds, and typing relayed
// to the others in the room only.
import { createServer, connect, type Server, type Socket as TcpSocket } from 'node:net';
import type { Socket } from 'socket.io-client';
import type { PresenceChanged, RoomJoined, TypingEvent } from '#libs/contracts';
import { createCity, createPerson, type TestPerson } from '../factories/accounts.js';
import { httpClient, type Http } from '../support/http.js';
import { collect, connectLive, connected, emitAck, nextEvent } from '../support/live-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * A TCP proxy in front of the API that can go silent: frozen, it stops passing bytes both ways
 * but closes nothing, like a laptop whose lid shut or a network that dropped.
 */
class SilenceableProxy {
  private readonly pairs: Array<[TcpSocket, TcpSocket]> = [];
  private readonly server: Server;
  private port = 0;

  constructor(targetPort: number) {
    this.server = createServer((client) => {
      const upstream = connect(targetPort, '127.0.0.1');
      client.on('error', () => undefined);
      upstream.on('error', () => undefined);
      client.pipe(upstream);
      upstream.pipe(client);
      this.pairs.push([client, upstream]);
    });
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  freeze(): void {
    for (const [client, upstream] of this.pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
  }

  async close(): Promise<void> {
    for (const [client, upstream] of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    await new Promise((resolve) => this.server.close(resolve));
  }
}

const idsOf = (p: PresenceChanged | RoomJoined) => p.present.map((e) => e.person.id).sort();

describe('live rooms: presence and typing', () => {
  let t: TestApp;
  let http: Http;
  let coordinator: TestPerson;
  let alice: TestPerson;
  let bob: TestPerson;
  let carol: TestPerson;
  let lobbyId: string;
  let otherLobbyId: string;
  const sockets: Socket[] = [];

  async function online(person: TestPerson, baseUrl = t.baseUrl): Promise<Socket> {
    const socket = connectLive(baseUrl, person.token);
    sockets.push(socket);
    await connected(socket);
    return socket;
  }

  async function join(socket: Socket, roomId: string): Promise<RoomJoined> {
    const ack = await emitAck<RoomJoined>(socket, 'room.join', { roomId });
    if (!ack.ok) throw new Error(`join failed: ${ack.error.code}`);
    return ack.data;
  }

  /** The next presence.changed for the room that satisfies `match`. */
  const presence = (
    socket: Socket,
    roomId: string,
    match: (p: PresenceChanged) => boolean,
    timeoutMs = 5000,
  ) =>
    nextEvent<PresenceChanged>(
      socket,
      'presence.changed',
      (p) => p.roomId === roomId && match(p),
      timeoutMs,
    );

  async function lobbyOf(title: string, members: TestPerson[], cityId: string): Promise<string> {
    const exchange = await http('POST', '/api/exchanges', {
      token: coordinator.token,
      body: { title, cityIds: [cityId], attribution: 'named' },
    });
    for (const person of members) {
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

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    const city = await createCity(t.dataSource, { name: 'Lyon', countryCode: 'FR' });
    coordinator = await createPerson(t.dataSource, http, { role: 'coordinator' });
    [alice, bob, carol] = await Promise.all([
      createPerson(t.dataSource, http, { displayName: 'Alice Lyon', cityId: city.id }),
      createPerson(t.dataSource, http, { displayName: 'Bob Denver' }),
      createPerson(t.dataSource, http, { displayName: 'Carol Munich' }),
    ]);
    lobbyId = await lobbyOf('Presence exchange', [alice, bob, carol], city.id);
    otherLobbyId = await lobbyOf('Another exchange', [carol, bob], city.id);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(() => t.close());

  it('counts a person once across tabs, and announces joins and leaves', async () => {
    const a = await online(alice);
    const joinedAlice = await join(a, lobbyId);
    expect(joinedAlice.present).toEqual([
      {
        person: expect.objectContaining({
          id: alice.id,
          displayName: 'Alice Lyon',
          city: expect.objectContaining({ name: 'Lyon' }),
        }),
        connections: 1,
      },
    ]);

    // Bob arrives in one tab, then a second: still one Bob, with two connections.
    const bobArrives = presence(a, lobbyId, (p) => idsOf(p).includes(bob.id));
    const bobTab1 = await online(bob);
    await join(bobTab1, lobbyId);
    expect(idsOf(await bobArrives)).toEqual([alice.id, bob.id].sort());
    const secondTab = presence(
      a,
      lobbyId,
      (p) => p.present.find((e) => e.person.id === bob.id)?.connections === 2,
    );
    const bobTab2 = await online(bob);
    const joinedTab2 = await join(bobTab2, lobbyId);
    const twoTabs = await secondTab;
    expect(twoTabs.present.map((e) => [e.person.id, e.connections])).toEqual([
      [alice.id, 1],
      [bob.id, 2],
    ]);
    expect(joinedTab2.present.filter((e) => e.person.id === bob.id)).toHaveLength(1);

    // Closing one of two tabs keeps him present.
    const oneTabLeft = presence(
      a,
      lobbyId,
      (p) => p.present.find((e) => e.person.id === bob.id)?.connections === 1,
    );
    bobTab1.close();
    expect((await oneTabLeft).present.map((e) => [e.person.id, e.connections])).toEqual([
      [alice.id, 1],
      [bob.id, 1],
    ]);

    // Leaving the room (still connected) takes him out; so does closing his last tab elsewhere.
    const bobLeaves = presence(a, lobbyId, (p) => !idsOf(p).includes(bob.id));
    expect(await emitAck(bobTab2, 'room.leave', { roomId: lobbyId })).toEqual({
      ok: true,
      data: { roomId: lobbyId },
    });
    expect(idsOf(await bobLeaves)).toEqual([alice.id]);
    expect(bobTab2.connected).toBe(true);

    const c = await online(carol);
    await join(c, lobbyId);
    const carolGone = presence(a, lobbyId, (p) => !idsOf(p).includes(carol.id));
    c.close();
    expect(idsOf(await carolGone)).toEqual([alice.id]);
  });

  it('clears a person within seconds when their connection dies without a goodbye', async () => {
    const proxy = await new SilenceableProxy(Number(new URL(t.baseUrl).port)).listen();
    try {
      const a = await online(alice);
      await join(a, lobbyId);
      const bobArrives = presence(a, lobbyId, (p) => idsOf(p).includes(bob.id));
      const b = await online(bob, proxy.url);
      await join(b, lobbyId);
      await bobArrives;

      // The wire goes silent: no close frame, no FIN; only the missing pongs tell the server.
      const frozenAt = Date.now();
      const bobGone = presence(a, lobbyId, (p) => !idsOf(p).includes(bob.id), 30_000);
      proxy.freeze();
      expect(idsOf(await bobGone)).toEqual([alice.id]);
      const tookMs = Date.now() - frozenAt;
      // pingInterval 10 s + pingTimeout 5 s (libs/live/src/live-io.adapter.ts) + debounce + slack;
      // socket.io's defaults (25 s + 20 s) would fail this.
      expect(tookMs).toBeLessThan(25_000);
      // Alice, on a healthy connection, is unaffected.
      expect(a.connected).toBe(true);
      expect(idsOf(await join(a, lobbyId))).toEqual([alice.id]);
    } finally {
      await proxy.close();
    }
  }, 60_000);

  it('relays typing to the others in the room, not to the typist and not to other rooms', async () => {
    const a = await online(alice);
    const b = await online(bob);
    const c = await online(carol);
    await join(a, lobbyId);
    await join(b, lobbyId);
    await join(c, otherLobbyId);
    const typingAtAlice = collect<TypingEvent>(a, 'typing');
    const typingAtCarol = collect<TypingEvent>(c, 'typing');

    const bobSees = nextEvent<TypingEvent>(b, 'typing');
    const ack = await emitAck(a, 'typing', { roomId: lobbyId });
    expect(ack).toEqual({ ok: true, data: { roomId: lobbyId } });
    expect(await bobSees).toEqual({
      roomId: lobbyId,
      person: expect.objectContaining({ id: alice.id, displayName: 'Alice Lyon' }),
    });
    // The relay goes out before the ack: had Alice been sent her own typing, it would be here.
    expect(typingAtAlice).toEqual([]);

    // Carol, in another room, hears Bob type there, and nothing from Alice before it.
    await join(b, otherLobbyId);
    const carolSees = nextEvent<TypingEvent>(c, 'typing');
    expect((await emitAck(b, 'typing', { roomId: otherLobbyId })).ok).toBe(true);
    expect(await carolSees).toMatchObject({
      roomId: otherLobbyId,
      person: { id: bob.id },
    });
    expect(typingAtCarol.map((e) => [e.roomId, e.person.id])).toEqual([[otherLobbyId, bob.id]]);
    // Bob's typing in the other room does not reach Alice's room either.
    expect(typingAtAlice).toEqual([]);

    // Typing in a room you have not joined is refused.
    const notJoined = await emitAck(c, 'typing', { roomId: lobbyId });
    expect(notJoined).toMatchObject({ ok: false, error: { code: 'ROOM_READ_ONLY' } });
  });
});
