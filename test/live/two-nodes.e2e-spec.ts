// Two real API nodes (child processes from dist/) share one PostgreSQL database and one Redis:
// people on different nodes talk as if on one, and when a node dies under a steady send rate
// its clients move to the other node and nothing acknowledged is lost or stored twice.
import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import type { MessageView, NotificationView, PresenceChanged, RoomJoined } from '#libs/contracts';
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
import {
  clearRedisPrefix,
  type LiveNode,
  redisPrefixForRun,
  redisReachable,
  startLiveNode,
  explainedBy,
} from '../support/live-nodes.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const redisUp = await redisReachable(REDIS_URL);
const suite = redisUp ? describe : describe.skip;
if (!redisUp) {
  console.warn(`[two-node live test] skipped: no Redis reachable at ${REDIS_URL}`);
}

function collectPresence(socket: Socket, roomId: string): PresenceChanged[] {
  const seen: PresenceChanged[] = [];
  socket.on('presence.changed', (p: PresenceChanged) => {
    if (p.roomId === roomId) seen.push(p);
  });
  return seen;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const present = (p: PresenceChanged | RoomJoined) =>
  p.present.map((entry) => entry.person.id).sort();

/** How long a client waits for a missing sequence number before fetching it (events from two
 * nodes may arrive slightly out of order). */
const GAP_GRACE_MS = 1_000;

/**
 * One person's live view of one room, kept like a real client keeps it: every message by
 * sequence number; a gap (a later number arrived, an earlier one did not) is filled by
 * re-joining with sinceSeq, and more than the server's catch-up limit by reloading history.
 */
class RoomClient {
  socket!: Socket;
  node!: LiveNode;
  readonly view = new Map<number, string>();
  readonly conflicts: string[] = [];
  private inOrder = 0;
  private highest = 0;
  private gapTimer: NodeJS.Timeout | undefined;
  private filling: Promise<void> | undefined;
  private closed = false;
  liveDeliveries = 0;
  caughtUp = 0;
  gapFills = 0;
  resets = 0;
  readonly joinFailures: string[] = [];

  constructor(
    readonly name: string,
    readonly person: TestPerson,
    readonly roomId: string,
  ) {}

  async connect(node: LiveNode): Promise<void> {
    this.node = node;
    this.socket = connectLive(node.baseUrl, this.person.token);
    this.socket.on('message.created', (message: MessageView) => {
      if (message.roomId !== this.roomId) return;
      this.liveDeliveries += 1;
      this.record(message);
      if (this.highest > this.inOrder) this.watchGap();
    });
    await connected(this.socket, 10_000);
  }

  record(message: Pick<MessageView, 'seq' | 'id'>): void {
    const seen = this.view.get(message.seq);
    if (seen !== undefined && seen !== message.id)
      this.conflicts.push(`seq ${message.seq}: ${seen} and ${message.id}`);
    this.view.set(message.seq, message.id);
    this.highest = Math.max(this.highest, message.seq);
    while (this.view.has(this.inOrder + 1)) this.inOrder += 1;
  }

  /** The highest sequence number up to which this client has every message. */
  contiguous(): number {
    return this.inOrder;
  }

  /** Joins (or re-joins with sinceSeq), as a client does: retried until the server answers ok. */
  async join(sinceSeq?: number): Promise<RoomJoined> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const ack = await emitAck<RoomJoined>(
        this.socket,
        'room.join',
        sinceSeq === undefined ? { roomId: this.roomId } : { roomId: this.roomId, sinceSeq },
        10_000,
      ).catch((error: Error) => ({
        ok: false as const,
        error: { code: 'TIMEOUT', message: error.message },
      }));
      if (ack.ok) {
        for (const message of ack.data.messages) {
          if (!this.view.has(message.seq)) this.caughtUp += 1;
          this.record(message);
        }
        if (ack.data.reset) await this.reloadHistory(ack.data.room.lastSeq);
        return ack.data;
      }
      this.joinFailures.push(ack.error.code);
      if (this.closed || Date.now() > deadline)
        throw new Error(`${this.name} could not join: ${JSON.stringify(ack.error)}`);
      await sleep(200);
    }
  }

  /** Too much missed for a catch-up: page through the history over REST (newest first). */
  private async reloadHistory(lastSeq: number): Promise<void> {
    this.resets += 1;
    const http = httpClient(this.node.baseUrl);
    let beforeSeq = lastSeq + 1;
    while (beforeSeq > this.inOrder + 1) {
      const page = await http<MessageView[]>(
        'GET',
        `/api/rooms/${this.roomId}/messages?beforeSeq=${beforeSeq}&limit=200`,
        { token: this.person.token },
      );
      if (page.status !== 200) throw new Error(`${this.name}: history ${page.status}`);
      if (page.body.length === 0) break;
      for (const message of page.body) {
        if (!this.view.has(message.seq)) this.caughtUp += 1;
        this.record(message);
      }
      beforeSeq = Math.min(...page.body.map((m) => m.seq));
    }
  }

  private watchGap(): void {
    if (this.gapTimer || this.filling) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = undefined;
      if (this.closed || this.highest <= this.inOrder || !this.socket.connected) return;
      this.gapFills += 1;
      this.filling = this.join(this.inOrder)
        .then(() => undefined)
        .catch(() => undefined) // tried again when the next message shows the gap
        .finally(() => (this.filling = undefined));
    }, GAP_GRACE_MS);
  }

  /** Waits for a gap fill in progress, if any. */
  async idle(): Promise<void> {
    await this.filling;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.gapTimer);
    this.socket?.close();
  }
}

interface Outgoing {
  clientMessageId: string;
  body: string;
  acked: { seq: number; id: string } | null;
  attempts: number;
}

/** A client keeps at most this many sends unanswered; beyond that its outbox waits. */
const MAX_IN_FLIGHT = 3;
/** Answers that mean "not stored, try again" (the database is overloaded or away). */
const RETRYABLE = new Set(['SERVICE_UNAVAILABLE']);

/** Sends at a steady rate; remembers what was acknowledged and what must be retried. */
class Sender {
  readonly outbox = new Map<string, Outgoing>();
  readonly errors: string[] = [];
  retryableErrors = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private loop: Promise<void> | undefined;
  private sending = false;
  private counter = 0;

  constructor(
    readonly client: RoomClient,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.sending = true;
    this.loop = (async () => {
      while (this.sending) {
        // A slow server slows the client down instead of piling up sends.
        if (this.client.socket.connected && this.inFlight.size < MAX_IN_FLIGHT) {
          this.counter += 1;
          const clientMessageId = `${this.client.name}-${String(this.counter).padStart(5, '0')}`;
          const outgoing: Outgoing = {
            clientMessageId,
            body: `${this.client.name} says ${this.counter}`,
            acked: null,
            attempts: 0,
          };
          this.outbox.set(clientMessageId, outgoing);
          this.send(outgoing);
        }
        await sleep(this.intervalMs);
      }
    })();
  }

  /** Stops sending new messages and waits until every send in flight is answered or timed out. */
  async stop(): Promise<void> {
    this.sending = false;
    await this.loop;
    await this.settle();
  }

  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  unacknowledged(): Outgoing[] {
    return [...this.outbox.values()].filter((o) => o.acked === null);
  }

  acknowledged(): Outgoing[] {
    return [...this.outbox.values()].filter((o) => o.acked !== null);
  }

  /** Retries (same clientMessageId) every send that was never acknowledged, until each is. */
  async retryUnacknowledged(): Promise<number> {
    let retried = 0;
    const deadline = Date.now() + 30_000;
    await this.settle();
    while (this.unacknowledged().length > 0) {
      if (Date.now() > deadline)
        throw new Error(`${this.client.name}: sends still unacknowledged after retries`);
      for (const outgoing of this.unacknowledged()) {
        while (this.inFlight.size >= MAX_IN_FLIGHT) await Promise.race([...this.inFlight]);
        retried += 1;
        this.send(outgoing);
      }
      await this.settle();
    }
    return retried;
  }

  private send(outgoing: Outgoing): void {
    outgoing.attempts += 1;
    const done = emitAck<MessageView>(
      this.client.socket,
      'message.send',
      {
        roomId: this.client.roomId,
        clientMessageId: outgoing.clientMessageId,
        body: outgoing.body,
      },
      8_000,
    )
      .then((ack) => {
        if (ack.ok) {
          if (outgoing.acked && outgoing.acked.id !== ack.data.id)
            this.errors.push(`${outgoing.clientMessageId} acknowledged as two messages`);
          outgoing.acked = { seq: ack.data.seq, id: ack.data.id };
          this.client.record(ack.data);
        } else if (RETRYABLE.has(ack.error.code)) {
          this.retryableErrors += 1;
        } else {
          this.errors.push(`${outgoing.clientMessageId}: ${ack.error.code}`);
        }
      })
      .catch(() => undefined) // no answer (the node died): retried later
      .finally(() => this.inFlight.delete(done));
    this.inFlight.add(done);
  }
}

suite('live rooms across two API nodes (Redis)', () => {
  let database: TestDatabase;
  const redisPrefix = redisPrefixForRun();
  let dataSource: DataSource;
  const nodes: LiveNode[] = [];
  let nodeA: LiveNode;
  let nodeB: LiveNode;
  let httpA: Http;
  let httpB: Http;
  let host: TestPerson;
  let people: TestPerson[];
  let cityId: string;
  const sockets: Socket[] = [];
  const clients: RoomClient[] = [];

  async function createExchange(title: string, members: TestPerson[]): Promise<string> {
    const exchange = await httpA('POST', '/api/exchanges', {
      token: host.token,
      body: { title, cityIds: [cityId], attribution: 'named' },
    });
    expect(exchange.status).toBe(201);
    for (const member of members) {
      const added = await httpA('POST', `/api/exchanges/${exchange.body.id}/members`, {
        token: host.token,
        body: { practitionerId: member.id, role: 'participant' },
      });
      expect(added.status).toBe(201);
    }
    return exchange.body.id as string;
  }

  async function lobbyOf(exchangeId: string, http: Http): Promise<string> {
    const rooms = await http('GET', `/api/exchanges/${exchangeId}/rooms`, { token: host.token });
    expect(rooms.status).toBe(200);
    return rooms.body.find((r: { kind: string }) => r.kind === 'lobby').id as string;
  }

  function live(node: LiveNode, person: TestPerson): Socket {
    const socket = connectLive(node.baseUrl, person.token);
    sockets.push(socket);
    return socket;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    const start = (name: string) =>
      startLiveNode({
        name,
        databaseUrl: database.url,
        redisUrl: REDIS_URL,
        redisPrefix,
        // The failover test sends far faster than a person types.
        env: {
          LIVE_SEND_PER_SECOND: '1000',
          LIVE_SEND_BURST: '1000',
          LIVE_EVENT_BUDGET: '1000000',
        },
      }).then((node) => {
        nodes.push(node);
        return node;
      });
    // Both at once, as a deployment starts them (settled, so a failure leaves no node behind).
    const started = await Promise.allSettled([start('node-a'), start('node-b')]);
    for (const result of started) if (result.status === 'rejected') throw result.reason;
    [nodeA, nodeB] = nodes.sort((a, b) => a.name.localeCompare(b.name)) as [LiveNode, LiveNode];
    httpA = httpClient(nodeA.baseUrl);
    httpB = httpClient(nodeB.baseUrl);
    dataSource = new DataSource({ type: 'postgres', url: database.url });
    await dataSource.initialize();
    cityId = (await createCity(dataSource)).id;
    // Signed in on node A or node B: both nodes accept every token.
    host = await createPerson(dataSource, httpA, { role: 'coordinator', cityId });
    people = [];
    for (let i = 0; i < 7; i += 1)
      people.push(await createPerson(dataSource, i % 2 ? httpA : httpB, { cityId }));
  }, 90_000);

  afterAll(async () => {
    for (const client of clients) client.close();
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

  it(
    'accepts on each node the tokens the other node issued',
    explained(async () => {
      expect(nodeA.port).not.toBe(nodeB.port);
      // people[0] signed in on B, people[1] on A.
      const [meOnA, meOnB] = await Promise.all([
        httpA('GET', '/api/me', { token: people[0]!.token }),
        httpB('GET', '/api/me', { token: people[1]!.token }),
      ]);
      expect(meOnA).toMatchObject({ status: 200, body: { id: people[0]!.id } });
      expect(meOnB).toMatchObject({ status: 200, body: { id: people[1]!.id } });
    }),
  );

  it(
    'shows messages, presence, typing, moderation and notifications across nodes',
    explained(async () => {
      const exchangeId = await createExchange('Across the Atlantic', people.slice(0, 3));
      const roomId = await lobbyOf(exchangeId, httpB);
      const [mayor, practitioner, researcher] = people;

      const hostSocket = live(nodeA, host);
      const mayorSocket = live(nodeA, mayor!);
      const practitionerSocket = live(nodeB, practitioner!);
      await Promise.all([hostSocket, mayorSocket, practitionerSocket].map((s) => connected(s)));

      expect(await emitAck(hostSocket, 'room.join', { roomId })).toMatchObject({ ok: true });
      // The practitioner joins on B and sees the host, who is connected to A.
      const hostSeesPractitioner = nextEvent<PresenceChanged>(
        hostSocket,
        'presence.changed',
        (p) => p.roomId === roomId && present(p).includes(practitioner!.id),
        10_000,
      );
      const joinedOnB = await emitAck<RoomJoined>(practitionerSocket, 'room.join', { roomId });
      expect(joinedOnB.ok).toBe(true);
      if (!joinedOnB.ok) return;
      expect(present(joinedOnB.data)).toEqual([host.id, practitioner!.id].sort());
      // ...and the host on A hears that the practitioner (on B) arrived.
      await hostSeesPractitioner;
      const mayorJoined = await emitAck<RoomJoined>(mayorSocket, 'room.join', { roomId });
      expect(mayorJoined.ok && present(mayorJoined.data)).toEqual(
        [host.id, mayor!.id, practitioner!.id].sort(),
      );

      // A message sent on A reaches B, and one sent on B reaches A.
      const onB = nextEvent<MessageView>(practitionerSocket, 'message.created', (m) => m.seq === 1);
      const fromA = await emitAck<MessageView>(mayorSocket, 'message.send', {
        roomId,
        clientMessageId: 'across-0001',
        body: 'Good morning from Rotterdam',
      });
      expect(fromA).toMatchObject({ ok: true, data: { seq: 1 } });
      expect(await onB).toMatchObject({
        seq: 1,
        body: 'Good morning from Rotterdam',
        author: { id: mayor!.id },
      });
      const onA = nextEvent<MessageView>(mayorSocket, 'message.created', (m) => m.seq === 2);
      const fromB = await emitAck<MessageView>(practitionerSocket, 'message.send', {
        roomId,
        clientMessageId: 'across-0002',
        body: 'And good night from Denver',
      });
      expect(fromB).toMatchObject({ ok: true, data: { seq: 2 } });
      expect(await onA).toMatchObject({ seq: 2, author: { id: practitioner!.id } });

      // The mayor's retry of the same clientMessageId through the other node returns the original.
      const mayorOnB = live(nodeB, mayor!);
      await connected(mayorOnB);
      const retryOnB = await emitAck<MessageView>(mayorOnB, 'message.send', {
        roomId,
        clientMessageId: 'across-0001',
        body: 'Good morning from Rotterdam',
      });
      expect(retryOnB).toEqual(fromA);
      // The same clientMessageId five times at once, through both nodes: one message, five
      // identical acks, one delivery.
      const practitionerHears = collect<MessageView>(practitionerSocket, 'message.created');
      const fiveAcks = await Promise.all(
        [mayorSocket, mayorOnB, mayorSocket, mayorOnB, mayorSocket].map((socket) =>
          emitAck<MessageView>(socket, 'message.send', {
            roomId,
            clientMessageId: 'across-0003',
            body: 'Sent from a shaky train connection',
          }),
        ),
      );
      expect(fiveAcks[0]).toMatchObject({ ok: true, data: { seq: 3 } });
      for (const ack of fiveAcks) expect(ack).toEqual(fiveAcks[0]);
      const rows = (await dataSource.query(
        'SELECT count(*)::int AS n FROM messages WHERE room_id = $1 AND client_message_id = $2',
        [roomId, 'across-0003'],
      )) as Array<{ n: number }>;
      expect(rows[0]!.n).toBe(1);
      await eventually(
        () => practitionerHears.some((m) => m.seq === 3),
        10_000,
        'the message reaches B',
      );
      mayorOnB.close();

      // Typing on B shows on A.
      const typingOnA = nextEvent<{ roomId: string; person: { id: string } }>(
        mayorSocket,
        'typing',
        (t) => t.roomId === roomId && t.person.id === practitioner!.id,
        10_000,
      );
      expect(await emitAck(practitionerSocket, 'typing', { roomId })).toMatchObject({ ok: true });
      await typingOnA;

      // The host (on A) hides the practitioner's message: it disappears for the mayor (A); the
      // practitioner (B), its author, sees why; the host, a moderator, gets it back with the reason.
      const hiddenOnB = nextEvent<MessageView>(
        practitionerSocket,
        'message.updated',
        (m) => fromB.ok && m.id === fromB.data.id,
        10_000,
      );
      const hiddenOnA = nextEvent<{ id: string; reason: string }>(
        mayorSocket,
        'message.deleted',
        (d) => fromB.ok && d.id === fromB.data.id,
        10_000,
      );
      const hide = await emitAck<MessageView>(hostSocket, 'message.hide', {
        roomId,
        messageId: fromB.ok ? fromB.data.id : '',
        reason: 'Off topic for this exchange',
      });
      expect(hide).toMatchObject({
        ok: true,
        data: { hidden: { reason: 'Off topic for this exchange' } },
      });
      expect(await hiddenOnB).toMatchObject({
        seq: 2,
        deleted: true,
        body: '',
        hidden: { byId: null, reason: 'Off topic for this exchange' },
      });
      expect(await hiddenOnA).toMatchObject({ reason: 'hidden', seq: 2 });
      const historyOnB = await httpB('GET', `/api/rooms/${roomId}/messages`, {
        token: researcher!.token,
      });
      expect(historyOnB.status).toBe(200);
      expect(JSON.stringify(historyOnB.body)).not.toContain('And good night from Denver');

      // A notification created by a request to A reaches the person's socket on B.
      const researcherSocket = live(nodeB, researcher!);
      await connected(researcherSocket);
      const notified = nextEvent<NotificationView>(
        researcherSocket,
        'notification.created',
        (n) => n.kind === 'exchange-member-added',
        10_000,
      );
      const second = await createExchange('A second exchange', []);
      const added = await httpA('POST', `/api/exchanges/${second}/members`, {
        token: host.token,
        body: { practitionerId: researcher!.id, role: 'participant' },
      });
      expect(added.status).toBe(201);
      expect(await notified).toMatchObject({ data: { exchangeId: second } });

      // Presence: the practitioner leaves B, and A sees them go within seconds.
      const gone = nextEvent<PresenceChanged>(
        hostSocket,
        'presence.changed',
        (p) => p.roomId === roomId && !present(p).includes(practitioner!.id),
        10_000,
      );
      // (By now a second delivery of the five-times-sent message would have arrived.)
      expect(practitionerHears.filter((m) => m.clientMessageId === 'across-0003')).toHaveLength(1);
      practitionerSocket.close();
      expect(present(await gone)).toEqual([host.id, mayor!.id].sort());
    }),
  );

  it(
    'loses nothing acknowledged and stores nothing twice when a node is killed mid-stream',
    explained(async () => {
      const exchangeId = await createExchange('Failover', people);
      const roomId = await lobbyOf(exchangeId, httpA);
      // Four people on B, four on A (the host among them), each sending every 35 ms (~230 msgs/s).
      const onB = people.slice(0, 4).map((p, i) => new RoomClient(`b${i}`, p, roomId));
      const onA = [host, ...people.slice(4)].map((p, i) => new RoomClient(`a${i}`, p, roomId));
      clients.push(...onB, ...onA);
      await Promise.all(onB.map((c) => c.connect(nodeB)));
      await Promise.all(onA.map((c) => c.connect(nodeA)));
      for (const client of [...onB, ...onA]) await client.join();
      const senders = [...onB, ...onA].map((client) => new Sender(client, 35));
      const all = [...onB, ...onA];

      senders.forEach((s) => s.start());
      const acked = () => senders.reduce((sum, s) => sum + s.acknowledged().length, 0);
      // Mid-stream: a few seconds in, with a few hundred messages stored (a busy machine is slower).
      await sleep(2_500);
      await eventually(() => acked() >= 300, 30_000, '300 messages acknowledged');
      const ackedBeforeKill = acked();

      // Node B dies without a word.
      nodeB.kill('SIGKILL');
      const killedAt = Date.now();
      await eventually(
        () => onB.every((c) => !c.socket.connected),
        10_000,
        'B clients disconnected',
      );
      expect(await nodeB.exited).toMatchObject({ signal: 'SIGKILL' });

      // Each B client, as behind a load balancer, reconnects to A: it waits for its sends in
      // flight to be answered or time out, re-joins with sinceSeq = the last seq it has in order,
      // and retries every send that was never acknowledged, with the same clientMessageId.
      const presenceOnA = collectPresence(onA[1]!.socket, roomId);
      const recovered = await Promise.all(
        onB.map(async (client, i) => {
          await senders[i]!.settle();
          client.socket.close();
          await client.connect(nodeA);
          const rejoined = await client.join(client.contiguous());
          // Caught up by sequence number: everything up to the room's last message at the join.
          const inOrder = client.contiguous();
          return {
            inOrder,
            lastSeq: rejoined.room.lastSeq,
            retried: await senders[i]!.retryUnacknowledged(),
          };
        }),
      );
      const recoveredInMs = Date.now() - killedAt;
      for (const { inOrder, lastSeq } of recovered) expect(inOrder).toBeGreaterThanOrEqual(lastSeq);
      const retried = recovered.map((r) => r.retried);
      // Presence counts each person once, with no ghost connection left on the dead node.
      await eventually(
        () => {
          const latest = presenceOnA.at(-1);
          return (
            latest !== undefined &&
            latest.present.length === all.length &&
            latest.present.every((entry) => entry.connections === 1)
          );
        },
        15_000,
        'presence on A lists everyone once',
      );
      // Everyone keeps sending on A for a while.
      const ackedAfterRecovery = acked();
      await sleep(2_000);
      await eventually(
        () => acked() >= ackedAfterRecovery + 200,
        30_000,
        '200 more messages acknowledged on A',
      );
      await Promise.all(senders.map((s) => s.stop()));
      const retriedAtEnd = (await Promise.all(senders.map((s) => s.retryUnacknowledged()))).reduce(
        (a, b) => a + b,
        0,
      );

      // What was stored.
      const rows = (await dataSource.query(
        'SELECT seq, id, author_id, client_message_id FROM messages WHERE room_id = $1 ORDER BY seq',
        [roomId],
      )) as Array<{ seq: string; id: string; author_id: string; client_message_id: string }>;
      const stored = new Map(rows.map((r) => [Number(r.seq), r.id]));
      const n = rows.length;

      // A gap at the very end shows no client a later number: each catches up once more, as
      // clients do on reconnect and from time to time.
      const caughtUpBefore = all.reduce((sum, c) => sum + c.caughtUp, 0);
      for (const client of all) {
        await client.idle();
        if (client.contiguous() < n) await client.join(client.contiguous());
      }

      const acknowledged = senders.flatMap((s) => s.acknowledged());
      const lost = acknowledged.filter((o) => stored.get(o.acked!.seq) !== o.acked!.id);
      const missingFromViews = all.flatMap((client) =>
        acknowledged
          .filter((o) => client.view.get(o.acked!.seq) !== o.acked!.id)
          .map((o) => `${client.name}: ${o.clientMessageId}`),
      );
      const keys = rows.map((r) => `${r.author_id}/${r.client_message_id}`);
      const duplicates = keys.length - new Set(keys).size;
      const sentIds = new Set(senders.flatMap((s) => [...s.outbox.keys()]));
      const strangers = rows.filter((r) => !sentIds.has(r.client_message_id));
      const filledAtEnd = all.reduce((sum, c) => sum + c.caughtUp, 0) - caughtUpBefore;
      console.log(
        `[two-node failover] ${n} stored, ${acknowledged.length} acknowledged ` +
          `(${ackedBeforeKill} before the kill), ${retried.reduce((a, b) => a + b, 0)} retried ` +
          `after moving to A (+${retriedAtEnd} at the end), recovered in ${recoveredInMs} ms; ` +
          `lost ${lost.length}, duplicates ${duplicates}, ` +
          `missing from views ${missingFromViews.length}; caught up ${caughtUpBefore} ` +
          `(${all.reduce((sum, c) => sum + c.gapFills, 0)} gap fills, ` +
          `${all.reduce((sum, c) => sum + c.resets, 0)} history reloads), ` +
          `${filledAtEnd} more at the end, ` +
          `join retries ${JSON.stringify(all.flatMap((c) => c.joinFailures))}, ` +
          `"try again" answers ${senders.reduce((sum, s) => sum + s.retryableErrors, 0)}`,
      );

      expect(senders.flatMap((s) => s.errors)).toEqual([]);
      expect(senders.flatMap((s) => s.unacknowledged())).toEqual([]);
      // Every acknowledged message is stored, once, and every stored message was acknowledged.
      expect(lost).toEqual([]);
      expect(duplicates).toBe(0);
      expect(strangers).toEqual([]);
      expect(n).toBe(acknowledged.length);
      expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: n }, (_, i) => i + 1));
      // Every client sees exactly seq 1..N, the same messages as the database.
      expect(missingFromViews).toEqual([]);
      for (const client of all) {
        expect(client.conflicts).toEqual([]);
        expect([...client.view.keys()].sort((a, b) => a - b)).toEqual([...stored.keys()]);
        expect([...client.view.entries()].every(([seq, id]) => stored.get(seq) === id)).toBe(true);
      }
    }),
    120_000,
  );
});
