// The question queue of a session room: participants ask, others upvote once, hosts mark
// questions answered, everyone in the room sees the queue change live, and the REST queue
// agrees. Lobbies have no queue.
import type { Socket } from 'socket.io-client';
import type { MessageView, QuestionView } from '#libs/contracts';
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
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('live rooms: the question queue', () => {
  let t: TestApp;
  let http: Http;
  let coordinator: TestPerson;
  let host: TestPerson;
  let alice: TestPerson;
  let bob: TestPerson;
  let carol: TestPerson;
  let lobbyId: string;
  let sessionRoomId: string;
  const sockets: Socket[] = [];

  async function joined(person: TestPerson, roomId: string): Promise<Socket> {
    const socket = connectLive(t.baseUrl, person.token);
    sockets.push(socket);
    await connected(socket);
    expect((await emitAck(socket, 'room.join', { roomId })).ok).toBe(true);
    return socket;
  }

  const queue = async (person: TestPerson) => {
    const result = await http<QuestionView[]>('GET', `/api/rooms/${sessionRoomId}/questions`, {
      token: person.token,
    });
    expect(result.status).toBe(200);
    return result.body;
  };

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    coordinator = await createPerson(t.dataSource, http, { role: 'coordinator' });
    [host, alice, bob, carol] = await Promise.all([
      createPerson(t.dataSource, http, { displayName: 'Hanna Host' }),
      createPerson(t.dataSource, http, { displayName: 'Alice Asks' }),
      createPerson(t.dataSource, http, { displayName: 'Bob Votes' }),
      createPerson(t.dataSource, http, { displayName: 'Carol Votes' }),
    ]);
    const city = await createCity(t.dataSource);
    const exchange = await http('POST', '/api/exchanges', {
      token: coordinator.token,
      body: { title: 'Questions exchange', cityIds: [city.id], attribution: 'named' },
    });
    for (const [person, role] of [
      [host, 'host'],
      [alice, 'participant'],
      [bob, 'participant'],
      [carol, 'participant'],
    ] as const) {
      const added = await http('POST', `/api/exchanges/${exchange.body.id}/members`, {
        token: coordinator.token,
        body: { practitionerId: person.id, role },
      });
      expect(added.status).toBe(201);
    }
    const startsAt = new Date(Date.now() + 15 * 60_000);
    const session = await http('POST', `/api/exchanges/${exchange.body.id}/sessions`, {
      token: host.token,
      body: {
        kind: 'keynote',
        title: 'Keynote: prevention that works',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 60 * 60_000).toISOString(),
        hostTimeZone: 'America/Denver',
      },
    });
    expect(session.status).toBe(201);
    const rooms = await http('GET', `/api/exchanges/${exchange.body.id}/rooms`, {
      token: alice.token,
    });
    lobbyId = rooms.body.find((r: { kind: string }) => r.kind === 'lobby').id;
    sessionRoomId = rooms.body.find((r: { kind: string }) => r.kind === 'session').id;
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(() => t.close());

  it('asks, upvotes once each, answers, and keeps everyone and the REST queue in step', async () => {
    const h = await joined(host, sessionRoomId);
    const a = await joined(alice, sessionRoomId);
    const b = await joined(bob, sessionRoomId);
    const c = await joined(carol, sessionRoomId);
    const updatesSeenByCarol = collect<MessageView>(c, 'message.updated');

    // Two questions and a plain message.
    const createdForBob = nextEvent<MessageView>(b, 'message.created', (m) => m.question !== null);
    const first = await emitAck<MessageView>(a, 'message.send', {
      roomId: sessionRoomId,
      clientMessageId: 'question-alice-1',
      body: 'How did Rotterdam fund its youth workers?',
      isQuestion: true,
    });
    expect(first).toMatchObject({
      ok: true,
      data: { question: { upvotes: 0, answeredAt: null } },
    });
    const q1 = first.ok ? first.data : undefined!;
    expect(await createdForBob).toMatchObject({ id: q1.id, question: { upvotes: 0 } });
    const second = await emitAck<MessageView>(b, 'message.send', {
      roomId: sessionRoomId,
      clientMessageId: 'question-bob-001',
      body: 'Who trains the police liaisons?',
      isQuestion: true,
    });
    const q2 = second.ok ? second.data : undefined!;
    const plain = await emitAck<MessageView>(c, 'message.send', {
      roomId: sessionRoomId,
      clientMessageId: 'plain-carol-001',
      body: 'Great keynote so far',
    });
    expect(plain).toMatchObject({ ok: true, data: { question: null } });
    expect((await queue(carol)).map((q) => q.id)).toEqual([q1.id, q2.id]);

    // Bob upvotes Alice's question: everyone in the room sees the count change.
    const seenByAlice = nextEvent<MessageView>(a, 'message.updated', (m) => m.id === q1.id);
    const seenByHost = nextEvent<MessageView>(h, 'message.updated', (m) => m.id === q1.id);
    const vote = await emitAck<MessageView>(b, 'question.upvote', {
      roomId: sessionRoomId,
      messageId: q1.id,
    });
    expect(vote).toMatchObject({ ok: true, data: { id: q1.id, question: { upvotes: 1 } } });
    expect(await seenByAlice).toMatchObject({ question: { upvotes: 1 } });
    expect(await seenByHost).toMatchObject({ question: { upvotes: 1 } });

    // Once each: Bob's second vote changes nothing.
    const again = await emitAck<MessageView>(b, 'question.upvote', {
      roomId: sessionRoomId,
      messageId: q1.id,
    });
    expect(again).toMatchObject({ ok: true, data: { question: { upvotes: 1 } } });
    // Not your own question.
    const own = await emitAck(a, 'question.upvote', { roomId: sessionRoomId, messageId: q1.id });
    expect(own).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // A plain message cannot be upvoted.
    const notAQuestion = await emitAck(a, 'question.upvote', {
      roomId: sessionRoomId,
      messageId: plain.ok ? plain.data.id : '',
    });
    expect(notAQuestion).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });

    // Carol and the host vote too; concurrent duplicate votes still count once.
    const carolVotes = await Promise.all(
      [1, 2, 3].map(() =>
        emitAck<MessageView>(c, 'question.upvote', { roomId: sessionRoomId, messageId: q1.id }),
      ),
    );
    expect(carolVotes.every((v) => v.ok)).toBe(true);
    expect(
      await emitAck(h, 'question.upvote', { roomId: sessionRoomId, messageId: q2.id }),
    ).toMatchObject({ ok: true, data: { question: { upvotes: 1 } } });

    const asCarol = await queue(carol);
    expect(asCarol.map((q) => [q.id, q.question?.upvotes, q.upvotedByMe])).toEqual([
      [q1.id, 2, true],
      [q2.id, 1, false],
    ]);
    const asAlice = await queue(alice);
    expect(asAlice.map((q) => [q.id, q.question?.upvotes, q.upvotedByMe])).toEqual([
      [q1.id, 2, false],
      [q2.id, 1, false],
    ]);
    // Carol's live view agrees with the REST queue.
    await eventually(
      () => updatesSeenByCarol.some((m) => m.id === q2.id && m.question?.upvotes === 1),
      5000,
      'carol saw the vote on q2',
    );
    const latest = (id: string) => updatesSeenByCarol.filter((m) => m.id === id).at(-1);
    expect(latest(q1.id)?.question?.upvotes).toBe(2);

    // Only hosts mark questions answered.
    const byParticipant = await emitAck(b, 'question.answer', {
      roomId: sessionRoomId,
      messageId: q1.id,
    });
    expect(byParticipant).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const answeredForBob = nextEvent<MessageView>(
      b,
      'message.updated',
      (m) => m.id === q1.id && m.question?.answeredAt !== null,
    );
    const answered = await emitAck<MessageView>(h, 'question.answer', {
      roomId: sessionRoomId,
      messageId: q1.id,
    });
    expect(answered).toMatchObject({
      ok: true,
      data: { id: q1.id, question: { upvotes: 2, answeredAt: expect.any(String) } },
    });
    expect(await answeredForBob).toMatchObject({ question: { answeredAt: expect.any(String) } });

    // Answered questions move behind the open ones.
    const finalQueue = await queue(bob);
    expect(finalQueue.map((q) => [q.id, q.question?.answeredAt !== null])).toEqual([
      [q2.id, false],
      [q1.id, true],
    ]);
    // A question its author deletes leaves the queue.
    expect(
      (await emitAck(b, 'message.delete', { roomId: sessionRoomId, messageId: q2.id })).ok,
    ).toBe(true);
    expect((await queue(alice)).map((q) => q.id)).toEqual([q1.id]);
  });

  it('keeps hidden questions out of the queue', async () => {
    const a = await joined(alice, sessionRoomId);
    const h = await joined(host, sessionRoomId);
    const asked = await emitAck<MessageView>(a, 'message.send', {
      roomId: sessionRoomId,
      clientMessageId: 'question-to-hide',
      body: 'An off-topic question',
      isQuestion: true,
    });
    const id = asked.ok ? asked.data.id : '';
    expect((await queue(bob)).some((q) => q.id === id)).toBe(true);
    const hide = await emitAck(h, 'message.hide', {
      roomId: sessionRoomId,
      messageId: id,
      reason: 'Off topic',
    });
    expect(hide.ok).toBe(true);
    expect((await queue(bob)).some((q) => q.id === id)).toBe(false);
    const vote = await emitAck(h, 'question.upvote', { roomId: sessionRoomId, messageId: id });
    expect(vote).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('has no question queue in a lobby', async () => {
    const a = await joined(alice, lobbyId);
    const asked = await emitAck(a, 'message.send', {
      roomId: lobbyId,
      clientMessageId: 'lobby-question-1',
      body: 'A question in the lobby?',
      isQuestion: true,
    });
    expect(asked).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('session rooms') },
    });
    const plain = await emitAck<MessageView>(a, 'message.send', {
      roomId: lobbyId,
      clientMessageId: 'lobby-plain-001',
      body: 'Just chatting in the lobby',
    });
    expect(plain).toMatchObject({ ok: true, data: { seq: 1, question: null } });
    const vote = await emitAck(await joined(bob, lobbyId), 'question.upvote', {
      roomId: lobbyId,
      messageId: plain.ok ? plain.data.id : '',
    });
    expect(vote).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const answer = await emitAck(await joined(host, lobbyId), 'question.answer', {
      roomId: lobbyId,
      messageId: plain.ok ? plain.data.id : '',
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const rest = await http('GET', `/api/rooms/${lobbyId}/questions`, { token: alice.token });
    expect(rest.status).toBe(404);
    expect(rest.body).toMatchObject({ code: 'NOT_FOUND' });
  });
});
