// No payload can hurt the live server: generated wrong payloads go to every event the gateway
// registers, and each must be answered with a VALIDATION_FAILED ack on a connection that stays
// up, while nothing is stored and the server keeps serving.
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import type { Socket } from 'socket.io-client';
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
import { gatewayEvents } from '../support/live-gateways.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const RUNS_PER_EVENT = 60;
/** Generated bad payloads per event on top (RELIABILITY.md asks for 10,000; env to change). */
const BULK_PER_EVENT = Number(process.env.LIVE_FUZZ_PAYLOADS ?? 10_000);
const BULK_BATCH = 250;
/** socket.io's maxHttpBufferSize on the server (libs/live/src/live-io.adapter.ts). */
const TRANSPORT_LIMIT_BYTES = 64 * 1024;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const deeplyNested = (depth: number): unknown => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { x: value };
  return value;
};

/** Anything but a string. */
const notAString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  fc.integer({ min: 2, max: 400 }).map(deeplyNested),
);
const notANumber = fc.oneof(
  fc.string({ maxLength: 20 }).filter((s) => !/^\s*-?\d/.test(s)),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  fc.integer({ min: 2, max: 400 }).map(deeplyNested),
);
const huge = (min: number) => fc.integer({ min, max: min + 20_000 }).map((n) => 'x'.repeat(n));

/** Wrong values for each field the live DTOs know. */
const BAD: Record<string, fc.Arbitrary<unknown>> = {
  roomId: fc.oneof(
    notAString,
    fc.string({ maxLength: 40 }).filter((s) => !UUID.test(s)),
    fc.uuid().map((u) => `${u}0`),
    fc.uuid().map((u) => u.replace(/-/g, '')),
    huge(1000),
  ),
  messageId: fc.oneof(
    notAString,
    fc.string({ maxLength: 40 }).filter((s) => !UUID.test(s)),
  ),
  practitionerId: fc.oneof(
    notAString,
    fc.string({ maxLength: 40 }).filter((s) => !UUID.test(s)),
  ),
  clientMessageId: fc.oneof(
    notAString,
    fc.string({ maxLength: 7 }),
    fc.stringMatching(/^[A-Za-z0-9_-]{65,200}$/),
    fc.string({ minLength: 8, maxLength: 64 }).filter((s) => !/^[A-Za-z0-9_-]{8,64}$/.test(s)),
    huge(10_000),
  ),
  body: fc.oneof(notAString, fc.constant(''), huge(4001)),
  language: fc.oneof(
    notAString,
    fc.constantFrom('', 'not a tag!', 'en--US', 'en_US', 'e', '12', 'x'.repeat(100)),
  ),
  isQuestion: fc.oneof(fc.constantFrom('true', 'false', 1, 0, null), fc.array(fc.boolean())),
  sinceSeq: fc.oneof(
    notANumber,
    fc.constantFrom(-1, 1.5, 2 ** 60, Number.MAX_SAFE_INTEGER + 2, '3', true),
  ),
  seq: fc.oneof(notANumber, fc.constantFrom(-1, 2.5, 2 ** 60, '7', true, [1])),
  minutes: fc.oneof(
    notANumber,
    fc.constantFrom(0, -5, 1.5, 7 * 24 * 60 + 1, 1e12, '30', true, [30]),
  ),
  reason: fc.oneof(notAString, fc.constantFrom('', 'ab'), huge(501)),
  token: fc.oneof(notAString, huge(4001)),
  threadId: fc.oneof(
    notAString,
    fc.string({ maxLength: 40 }).filter((s) => !UUID.test(s)),
    fc.uuid().map((u) => `${u}0`),
    huge(1000),
  ),
};

const OPTIONAL = new Set(['sinceSeq', 'language', 'isQuestion']);

/** Text no field may carry (the input gate, libs/common/src/input-gate.ts). */
const BAD_TEXT: Array<[what: string, text: string]> = [
  ['a NUL', '\u0000'],
  ['a lone high surrogate', '\ud800'],
  ['a lone low surrogate', '\udfff'],
  ['an escape character', '\u001b'],
  ['a form feed', '\u000c'],
];
const GATE_PROBLEM = /must not contain control characters|lone surrogate|should not exist/;

/** A payload that is not an object at all. */
const notAnObject = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 100 }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
  huge(20_000),
);

describe('live rooms: validation of every payload', () => {
  let t: TestApp;
  let http: Http;
  let host: TestPerson;
  let participant: TestPerson;
  let lobbyId: string;
  let sessionRoomId: string;
  let questionId: string;
  let threadId: string;
  const sockets: Socket[] = [];

  const open = async (person: TestPerson): Promise<Socket> => {
    const socket = connectLive(t.baseUrl, person.token);
    sockets.push(socket);
    await connected(socket);
    return socket;
  };

  /** Valid payloads: each generated case breaks exactly one thing about one of them. */
  const valid = (): Record<string, Record<string, unknown>> => ({
    'auth.renew': { token: host.token },
    'room.join': { roomId: sessionRoomId, sinceSeq: 0 },
    'room.leave': { roomId: sessionRoomId },
    'room.read': { roomId: sessionRoomId, seq: 1 },
    'message.send': {
      roomId: sessionRoomId,
      clientMessageId: `valid-${randomBytes(6).toString('hex')}`,
      body: 'A valid question',
      language: 'en',
      isQuestion: true,
    },
    'message.edit': { roomId: sessionRoomId, messageId: questionId, body: 'Edited' },
    'message.delete': { roomId: sessionRoomId, messageId: questionId },
    typing: { roomId: sessionRoomId },
    'message.hide': { roomId: sessionRoomId, messageId: questionId, reason: 'Off topic' },
    'message.restore': { roomId: sessionRoomId, messageId: questionId, reason: 'On topic' },
    'member.mute': {
      roomId: sessionRoomId,
      practitionerId: participant.id,
      minutes: 5,
      reason: 'Cooling down',
    },
    'member.unmute': { roomId: sessionRoomId, practitionerId: participant.id, reason: 'Calm' },
    'member.remove': { roomId: sessionRoomId, practitionerId: participant.id, reason: 'Spam' },
    'member.readmit': {
      roomId: sessionRoomId,
      practitionerId: participant.id,
      reason: 'Welcome back',
    },
    'question.upvote': { roomId: sessionRoomId, messageId: questionId },
    'question.answer': { roomId: sessionRoomId, messageId: questionId },
    'thread.subscribe': { threadId },
    'thread.unsubscribe': { threadId },
  });

  /** Everything a live event could have changed. */
  const snapshot = async () => ({
    messages: (await t.dataSource.query(
      `SELECT id, room_id, seq, body, language, is_question, edited_at, deleted_at, hidden_at,
              answered_at, upvotes FROM messages ORDER BY room_id, seq`,
    )) as unknown[],
    rooms: (await t.dataSource.query('SELECT id, last_seq FROM rooms ORDER BY id')) as unknown[],
    actions: (await t.dataSource.query(
      'SELECT count(*)::int AS n FROM moderation_actions',
    )) as unknown[],
    mutes: (await t.dataSource.query('SELECT count(*)::int AS n FROM room_mutes')) as unknown[],
    removals: (await t.dataSource.query(
      'SELECT count(*)::int AS n FROM room_removals',
    )) as unknown[],
    votes: (await t.dataSource.query('SELECT count(*)::int AS n FROM question_votes')) as unknown[],
    reads: (await t.dataSource.query(
      'SELECT practitioner_id, room_id, last_read_seq FROM room_reads ORDER BY 1, 2',
    )) as unknown[],
    notifications: (await t.dataSource.query(
      'SELECT count(*)::int AS n FROM notifications',
    )) as unknown[],
  });

  beforeAll(async () => {
    t = await startTestApp({
      LIVE_SEND_PER_SECOND: '1000',
      LIVE_SEND_BURST: '1000',
      LIVE_EVENT_BUDGET: '1000000',
    });
    http = httpClient(t.baseUrl);
    host = await createPerson(t.dataSource, http, { role: 'coordinator' });
    participant = await createPerson(t.dataSource, http);
    const city = await createCity(t.dataSource);
    const exchange = await http('POST', '/api/exchanges', {
      token: host.token,
      body: { title: 'Validation exchange', cityIds: [city.id], attribution: 'named' },
    });
    await http('POST', `/api/exchanges/${exchange.body.id}/members`, {
      token: host.token,
      body: { practitionerId: participant.id, role: 'participant' },
    });
    const startsAt = Date.now() + 10 * 60_000;
    const session = await http('POST', `/api/exchanges/${exchange.body.id}/sessions`, {
      token: host.token,
      body: {
        kind: 'roundtable',
        title: 'Validation session',
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(startsAt + 3_600_000).toISOString(),
        hostTimeZone: 'Europe/Paris',
      },
    });
    expect(session.status).toBe(201);
    const rooms = await http('GET', `/api/exchanges/${exchange.body.id}/rooms`, {
      token: host.token,
    });
    lobbyId = rooms.body.find((r: { kind: string }) => r.kind === 'lobby').id;
    sessionRoomId = rooms.body.find((r: { kind: string }) => r.kind === 'session').id;
    const socket = await open(participant);
    const question = await emitAck(socket, 'message.send', {
      roomId: sessionRoomId,
      clientMessageId: 'the-question-0001',
      body: 'What worked in your city?',
      isQuestion: true,
    });
    expect(question.ok).toBe(true);
    questionId = (question as { data: { id: string } }).data.id;
    socket.close();
    const thread = await http('POST', '/api/threads', {
      token: host.token,
      body: {
        exchangeId: exchange.body.id,
        title: 'Validation thread',
        kind: 'discussion',
        language: 'en',
        body: 'Payloads',
        clientId: 'validation-thread',
      },
    });
    expect(thread.status).toBe(201);
    threadId = thread.body.thread.id;
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(() => t.close());

  it('knows a valid payload for every event the gateway registers', () => {
    expect(Object.keys(valid()).sort()).toEqual(gatewayEvents());
  });

  it('answers generated wrong payloads on every event with VALIDATION_FAILED, stays up, stores nothing', async () => {
    const before = await snapshot();
    const socket = await open(host);
    expect((await emitAck(socket, 'room.join', { roomId: sessionRoomId })).ok).toBe(true);
    const failures: string[] = [];
    for (const [event, base] of Object.entries(valid())) {
      const fields = Object.keys(base);
      const required = fields.filter((f) => !OPTIONAL.has(f));
      const wrong = fc.oneof(
        notAnObject.map((payload) => ({ what: 'not an object', payload })),
        fc.constantFrom(...required).map((field) => {
          const payload: Record<string, unknown> = { ...base };
          delete payload[field];
          return { what: `without ${field}`, payload };
        }),
        fc.constantFrom(...fields).chain((field) =>
          BAD[field]!.map((value) => ({
            what: `bad ${field}`,
            payload: { ...base, [field]: value },
          })),
        ),
        fc
          .oneof(
            fc.string({ minLength: 1, maxLength: 20 }),
            fc.constantFrom(
              'constructor',
              '__proto__',
              'prototype',
              'valueOf',
              'toString',
              'hasOwnProperty',
              'isAdmin',
              'role',
              'authorId',
              'seq',
              'event',
            ),
          )
          // A name the event really has (room.read's seq) is not unknown.
          .filter((k) => !Object.hasOwn(base, k))
          .chain((key) =>
            fc.jsonValue({ maxDepth: 2 }).map((value) => ({
              what: `unknown field ${key}`,
              payload: { ...base, [key]: value },
            })),
          ),
      );
      await fc.assert(
        fc.asyncProperty(wrong, async ({ what, payload }) => {
          const ack = await emitAck(socket, event, payload, 10_000);
          if (
            ack.ok ||
            ack.error.code !== 'VALIDATION_FAILED' ||
            typeof ack.error.message !== 'string' ||
            !socket.connected
          ) {
            failures.push(
              `${event} ${what} ${JSON.stringify(payload)?.slice(0, 200)} → ${JSON.stringify(ack).slice(0, 300)}`,
            );
          }
        }),
        { numRuns: RUNS_PER_EVENT },
      );
      // Then the volume the pass criteria ask for, sent in concurrent batches (no shrinking).
      const bulk = fc.sample(wrong, BULK_PER_EVENT);
      for (let i = 0; i < bulk.length; i += BULK_BATCH) {
        const batch = bulk.slice(i, i + BULK_BATCH);
        const acks = await Promise.all(
          batch.map(({ payload }) => emitAck(socket, event, payload, 30_000)),
        );
        acks.forEach((ack, j) => {
          if (ack.ok || ack.error.code !== 'VALIDATION_FAILED') {
            failures.push(
              `${event} ${batch[j]!.what} ${JSON.stringify(batch[j]!.payload)?.slice(0, 200)} → ${JSON.stringify(ack).slice(0, 300)}`,
            );
          }
        });
      }
      expect(socket.connected).toBe(true);
    }
    expect(failures).toEqual([]);
    expect(socket.connected).toBe(true);
    expect(await snapshot()).toEqual(before);

    // The base payloads themselves pass validation: it is the broken part that was refused.
    for (const [event, payload] of Object.entries(valid())) {
      const ack = await emitAck(socket, event, payload);
      if (!ack.ok) expect([event, ack.error.code]).not.toEqual([event, 'VALIDATION_FAILED']);
    }
  }, 240_000);

  it('refuses NUL, lone surrogates and control characters in every text field of every event with VALIDATION_FAILED naming the field, never INTERNAL', async () => {
    const before = await snapshot();
    const socket = await open(host);
    expect((await emitAck(socket, 'room.join', { roomId: sessionRoomId })).ok).toBe(true);
    const failures: string[] = [];
    const tried = new Set<string>();
    for (const [event, base] of Object.entries(valid())) {
      for (const [field, value] of Object.entries(base)) {
        if (typeof value !== 'string') continue;
        tried.add(event);
        const cases: Array<[what: string, bad: unknown, at: string]> = BAD_TEXT.flatMap(
          ([what, text]): Array<[string, unknown, string]> => [
            [`${what} after the value`, `${value}${text}`, field],
            [`${what} alone`, text, field],
          ],
        );
        cases.push([
          `a constructor key`,
          { constructor: { prototype: {} } },
          `${field}.constructor`,
        ]);
        for (const [what, bad, at] of cases) {
          const ack = await emitAck(socket, event, { ...base, [field]: bad });
          if (
            ack.ok ||
            ack.error.code !== 'VALIDATION_FAILED' ||
            !ack.error.message.startsWith(`${at}: `) ||
            !GATE_PROBLEM.test(ack.error.message)
          )
            failures.push(`${event} ${field} with ${what} → ${JSON.stringify(ack)}`);
        }
      }
    }
    expect([...tried].sort()).toEqual(gatewayEvents());
    expect(failures).toEqual([]);
    expect(socket.connected).toBe(true);
    expect(await snapshot()).toEqual(before);
  });

  it('accepts right-to-left and zero-width characters, tabs and newlines in a message', async () => {
    const socket = await open(participant);
    const body = 'שלום\u200f, مرحبا\u200d!\n\tThanks 👏';
    const ack = await emitAck(socket, 'message.send', {
      roomId: lobbyId,
      clientMessageId: 'bidi-is-text-01',
      body,
    });
    expect(ack).toMatchObject({ ok: true, data: { body } });
  });

  it('treats an upper-case room id like its lower case: the joiner hears the room', async () => {
    const listener = await open(host);
    const sender = await open(participant);
    const joined = await emitAck(listener, 'room.join', { roomId: lobbyId.toUpperCase() });
    expect(joined).toMatchObject({ ok: true, data: { room: { id: lobbyId } } });
    const heard = nextEvent(
      listener,
      'message.created',
      (m: { clientMessageId: string }) => m.clientMessageId === 'upper-case-room',
    );
    const sent = await emitAck(sender, 'message.send', {
      roomId: lobbyId,
      clientMessageId: 'upper-case-room',
      body: 'Can you hear me?',
    });
    expect(sent.ok).toBe(true);
    expect(await heard).toMatchObject({ body: 'Can you hear me?', roomId: lobbyId });
    // And the other way round: sent to the upper-case id, heard in the room.
    const again = nextEvent(
      listener,
      'message.created',
      (m: { clientMessageId: string }) => m.clientMessageId === 'upper-case-send',
    );
    const upperSend = await emitAck(sender, 'message.send', {
      roomId: lobbyId.toUpperCase(),
      clientMessageId: 'upper-case-send',
      body: 'And now?',
    });
    expect(upperSend).toMatchObject({ ok: true, data: { roomId: lobbyId } });
    expect(await again).toMatchObject({ body: 'And now?' });
  });

  it('knows a moderator by their id in any case: muting yourself in upper case is still refused', async () => {
    const before = await snapshot();
    const socket = await open(host);
    const ack = await emitAck(socket, 'member.mute', {
      roomId: lobbyId.toUpperCase(),
      practitionerId: host.id.toUpperCase(),
      minutes: 5,
      reason: 'Testing myself',
    });
    expect(ack).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses missing, extra and misplaced arguments', async () => {
    const before = await snapshot();
    const socket = await open(participant);
    for (const event of gatewayEvents()) {
      const none = (await socket.timeout(5000).emitWithAck(event)) as {
        ok: boolean;
        error?: { code: string };
      };
      const many = (await socket
        .timeout(5000)
        .emitWithAck(event, { roomId: lobbyId }, { roomId: lobbyId })) as typeof none;
      expect([event, none.ok, none.error?.code]).toEqual([event, false, 'VALIDATION_FAILED']);
      expect([event, many.ok, many.error?.code]).toEqual([event, false, 'VALIDATION_FAILED']);
    }
    expect(socket.connected).toBe(true);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses bodies over 4,000 characters and accepts exactly 4,000', async () => {
    const socket = await open(participant);
    const before = await snapshot();
    const over = await emitAck(socket, 'message.send', {
      roomId: lobbyId,
      clientMessageId: 'body-over-limit-1',
      body: 'é'.repeat(4001),
    });
    expect(over).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await snapshot()).toEqual(before);
    const exact = await emitAck(socket, 'message.send', {
      roomId: lobbyId,
      clientMessageId: 'body-at-limit-01',
      body: 'é'.repeat(4000),
    });
    expect(exact).toMatchObject({ ok: true, data: { body: 'é'.repeat(4000) } });
  });

  it('answers a payload just under the transport limit with an ack; one over it only closes that connection', async () => {
    const socket = await open(participant);
    const watcher = await open(host);
    expect((await emitAck(watcher, 'room.join', { roomId: lobbyId })).ok).toBe(true);
    const before = await snapshot();
    const near = await emitAck(socket, 'message.send', {
      roomId: lobbyId,
      clientMessageId: 'near-the-limit',
      body: 'x'.repeat(TRANSPORT_LIMIT_BYTES - 1024),
    });
    expect(near).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const nested = await emitAck(socket, 'message.send', {
      roomId: lobbyId,
      clientMessageId: 'deeply-nested',
      body: deeplyNested(2000),
    });
    expect(nested).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(socket.connected).toBe(true);

    // Over maxHttpBufferSize the frame is refused before it is parsed: no ack is possible, the
    // connection is closed, and the server carries on for everyone else.
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    socket.emit('message.send', {
      roomId: lobbyId,
      clientMessageId: 'over-the-limit',
      body: 'x'.repeat(TRANSPORT_LIMIT_BYTES + 1024),
    });
    expect(await closed).toEqual(expect.any(String));
    expect(watcher.connected).toBe(true);
    expect(await snapshot()).toEqual(before);
    const fresh = await open(participant);
    const ok = await emitAck(fresh, 'message.send', {
      roomId: lobbyId,
      clientMessageId: 'after-the-limit',
      body: 'Still serving',
    });
    expect(ok).toMatchObject({ ok: true, data: { body: 'Still serving' } });
  });

  it('survives events without an ack callback and unknown event names', async () => {
    const socket = await open(participant);
    const listener = await open(host);
    expect((await emitAck(listener, 'room.join', { roomId: lobbyId })).ok).toBe(true);
    const before = await snapshot();
    for (const event of [...gatewayEvents(), 'no.such.event', 'message.sendd', '', 'connect_x'])
      for (const payload of [undefined, null, 42, 'text', [1, 2], { roomId: 'nope' }, {}])
        socket.emit(event, payload);
    socket.emit('message.send');
    socket.emit('message.send', { roomId: lobbyId }, 'second', 3);
    // The server answers the next acked request on the same connection, and stored nothing.
    const alive = await emitAck(socket, 'room.join', { roomId: lobbyId });
    expect(alive.ok).toBe(true);
    expect(socket.connected).toBe(true);
    expect(await snapshot()).toEqual(before);

    // A valid send without an ack is still stored and delivered.
    const created = collect<{ clientMessageId: string }>(listener, 'message.created');
    const delivered = nextEvent(
      listener,
      'message.created',
      (m: { clientMessageId: string }) => m.clientMessageId === 'no-ack-please',
    );
    socket.emit('message.send', {
      roomId: lobbyId,
      clientMessageId: 'no-ack-please',
      body: 'Fire and forget',
    });
    expect(await delivered).toMatchObject({ body: 'Fire and forget' });
    await eventually(() => created.length >= 1, 5000, 'delivery');
    expect(created.map((m) => m.clientMessageId)).toEqual(['no-ack-please']);
    const history = await http('GET', `/api/rooms/${lobbyId}/messages?limit=5`, {
      token: participant.token,
    });
    expect(history.body[0]).toMatchObject({ clientMessageId: 'no-ack-please' });
  });
});
