// The High findings of the security review, across two API nodes: a change made through node A
// (a password change, a sign-out, a demotion, a mute) reaches the person's sockets on node B
// before A answers. Two real API nodes (child processes from dist/) share one PostgreSQL database
// and one Redis.
import { randomBytes } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import type { MessageDeleted, MessageView } from '#libs/contracts';
import {
  createCity,
  createPerson,
  FACTORY_PASSWORD,
  type TestPerson,
} from '../factories/accounts.js';
import { signIn } from '../identity/identity-helpers.js';
import { httpClient, type Http } from '../support/http.js';
import { collect, connectLive, connected, emitAck, nextEvent } from '../support/live-client.js';
import {
  clearRedisPrefix,
  explainedBy,
  type LiveNode,
  redisPrefixForRun,
  redisReachable,
  startLiveNode,
} from '../support/live-nodes.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const redisUp = await redisReachable(REDIS_URL);
const suite = redisUp ? describe : describe.skip;
if (!redisUp) console.warn(`[two-node authority test] skipped: no Redis reachable at ${REDIS_URL}`);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

suite('socket authority across two API nodes (Redis)', () => {
  let database: TestDatabase;
  const redisPrefix = redisPrefixForRun();
  let dataSource: DataSource;
  const nodes: LiveNode[] = [];
  let nodeA: LiveNode;
  let nodeB: LiveNode;
  let httpA: Http;
  let coordinator: TestPerson;
  let cityId: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const start = (name: string) =>
      startLiveNode({ name, databaseUrl: database.url, redisUrl: REDIS_URL, redisPrefix }).then(
        (node) => {
          nodes.push(node);
          return node;
        },
      );
    const started = await Promise.allSettled([start('node-a'), start('node-b')]);
    for (const result of started) if (result.status === 'rejected') throw result.reason;
    [nodeA, nodeB] = nodes.sort((a, b) => a.name.localeCompare(b.name)) as [LiveNode, LiveNode];
    httpA = httpClient(nodeA.baseUrl);
    dataSource = new DataSource({ type: 'postgres', url: database.url });
    await dataSource.initialize();
    cityId = (await createCity(dataSource)).id;
    coordinator = await createPerson(dataSource, httpA, { role: 'coordinator', cityId });
  }, 90_000);

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    try {
      await Promise.all(nodes.map((node) => node.close()));
      if (dataSource?.isInitialized) await dataSource.destroy();
      await database?.drop();
    } finally {
      await clearRedisPrefix(REDIS_URL, redisPrefix);
    }
  }, 30_000);

  const explained = explainedBy(nodes);

  async function lobbyWith(people: Array<[TestPerson, 'host' | 'participant']>) {
    const exchange = await httpA('POST', '/api/exchanges', {
      token: coordinator.token,
      body: {
        title: `Two nodes ${randomBytes(3).toString('hex')}`,
        cityIds: [cityId],
        attribution: 'named',
      },
    });
    expect(exchange.status).toBe(201);
    for (const [person, role] of people) {
      const added = await httpA('POST', `/api/exchanges/${exchange.body.id}/members`, {
        token: coordinator.token,
        body: { practitionerId: person.id, role },
      });
      expect(added.status).toBe(201);
    }
    const rooms = await httpA('GET', `/api/exchanges/${exchange.body.id}/rooms`, {
      token: coordinator.token,
    });
    return { exchangeId: exchange.body.id as string, lobbyId: rooms.body[0].id as string };
  }

  async function joined(node: LiveNode, token: string, roomId: string): Promise<Socket> {
    const socket = connectLive(node.baseUrl, token);
    sockets.push(socket);
    await connected(socket, 10_000);
    expect(await emitAck(socket, 'room.join', { roomId }, 10_000)).toMatchObject({ ok: true });
    return socket;
  }

  /** Resolves with the disconnect reason if the socket is dropped, else 'still connected'. */
  const dropState = (socket: Socket) => {
    let reason: string | null = null;
    socket.once('disconnect', (r) => (reason = r));
    return () => reason ?? 'still connected';
  };

  const say = async (socket: Socket, roomId: string, body: string): Promise<MessageView> => {
    const ack = await emitAck<MessageView>(
      socket,
      'message.send',
      {
        roomId,
        clientMessageId: `two-${randomBytes(8).toString('hex')}`,
        body,
      },
      10_000,
    );
    if (!ack.ok) throw new Error(`send failed: ${ack.error.code}`);
    return ack.data;
  };

  it(
    'a password change answered by A has already dropped the person’s sockets on B',
    explained(async () => {
      const alice = await createPerson(dataSource, httpA, { cityId });
      const bob = await createPerson(dataSource, httpA, { cityId });
      const { lobbyId } = await lobbyWith([
        [alice, 'participant'],
        [bob, 'participant'],
      ]);
      const onB = await joined(nodeB, alice.token, lobbyId);
      const stateOnB = dropState(onB);
      const heardOnB = collect<MessageView>(onB, 'message.created');
      const bobOnA = await joined(nodeA, bob.token, lobbyId);
      const httpB = httpClient(nodeB.baseUrl);
      expect((await httpB('GET', '/api/me', { token: alice.token })).status).toBe(200);

      const changed = await httpA('POST', '/api/me/password', {
        token: alice.token,
        body: { currentPassword: FACTORY_PASSWORD, newPassword: 'another passphrase for alice' },
      });
      expect(changed.status).toBe(200);
      // The token from before the change is refused on B at once, though B had just checked it.
      expect((await httpB('GET', '/api/me', { token: alice.token })).status).toBe(401);
      // B disconnected the socket before A answered; the packet needs only a moment to arrive.
      await sleep(300);
      expect(stateOnB()).toBe('io server disconnect');
      await say(bobOnA, lobbyId, 'Sent after the change was answered');
      await sleep(300);
      expect(heardOnB).toEqual([]);
    }),
    60_000,
  );

  it(
    'a sign-out through A drops that session’s socket on B, and its token stops working on B',
    explained(async () => {
      const alice = await createPerson(dataSource, httpA, { cityId });
      const { lobbyId } = await lobbyWith([[alice, 'participant']]);
      const session = await signIn(httpA, alice.email, FACTORY_PASSWORD);
      const onB = await joined(nodeB, session.accessToken, lobbyId);
      const stateOnB = dropState(onB);
      // B has checked this token just now (B keeps a passed check for a few seconds).
      const httpB = httpClient(nodeB.baseUrl);
      expect((await httpB('GET', '/api/me', { token: session.accessToken })).status).toBe(200);
      expect((await httpA('POST', '/api/auth/sign-out', { cookie: session.cookie })).status).toBe(
        204,
      );
      // Asked at once: B forgot its kept check before A answered.
      expect((await httpB('GET', '/api/me', { token: session.accessToken })).status).toBe(401);
      await sleep(300);
      expect(stateOnB()).toBe('io server disconnect');
    }),
    60_000,
  );

  it(
    'a host demoted through A stops hearing the moderators’ channel on B, and a mute through A stops their typing on B',
    explained(async () => {
      const host = await createPerson(dataSource, httpA, { cityId });
      const alice = await createPerson(dataSource, httpA, { cityId });
      const { exchangeId, lobbyId } = await lobbyWith([
        [host, 'host'],
        [alice, 'participant'],
      ]);
      const hostOnB = await joined(nodeB, host.token, lobbyId);
      const aliceOnA = await joined(nodeA, alice.token, lobbyId);
      const coordinatorOnA = await joined(nodeA, coordinator.token, lobbyId);

      const demoted = await httpA('PATCH', `/api/exchanges/${exchangeId}/members/${host.id}`, {
        token: coordinator.token,
        body: { role: 'participant' },
      });
      expect(demoted.status).toBe(200);
      // Right after the answer: a hidden message reaches the former host only as a tombstone.
      const updates = collect<MessageView>(hostOnB, 'message.updated');
      const message = await say(aliceOnA, lobbyId, 'Said right after the demotion');
      const tombstone = nextEvent<MessageDeleted>(
        hostOnB,
        'message.deleted',
        (d) => d.id === message.id,
        10_000,
      );
      expect(
        await emitAck(coordinatorOnA, 'message.hide', {
          roomId: lobbyId,
          messageId: message.id,
          reason: 'Hidden for the test',
        }),
      ).toMatchObject({ ok: true });
      expect(await tombstone).toMatchObject({ reason: 'hidden' });
      await sleep(300);
      expect(JSON.stringify(updates)).not.toContain('Hidden for the test');

      // A mute made on A silences the (former host's) typing on B at once.
      expect(await emitAck(hostOnB, 'typing', { roomId: lobbyId })).toMatchObject({ ok: true });
      expect(
        await emitAck(coordinatorOnA, 'member.mute', {
          roomId: lobbyId,
          practitionerId: host.id,
          minutes: 5,
          reason: 'Cooling down',
        }),
      ).toMatchObject({ ok: true });
      expect(await emitAck(hostOnB, 'typing', { roomId: lobbyId })).toMatchObject({
        ok: false,
        error: { code: 'MUTED' },
      });
    }),
    60_000,
  );
});
