// The strongest test of a live protocol (after Zulip's test_events): a client that joined with
// some state and then applied every live event must hold exactly what a fresh fetch returns —
// for a participant and for a moderator, through sends, edits, deletes, hides, restores,
// questions, upvotes and answers.
import type { Socket } from 'socket.io-client';
import type { MessageDeleted, MessageView, RoomJoined } from '#libs/contracts';
import { createCity, createPerson, type TestPerson } from '../factories/accounts.js';
import { httpClient, type Http } from '../support/http.js';
import { connectLive, connected, emitAck, eventually } from '../support/live-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** A client's view of one room, kept by seq the way the web client keeps it. */
class RoomState {
  readonly bySeq = new Map<number, MessageView>();
  events = 0;

  constructor(socket: Socket, roomId: string) {
    socket.on('message.created', (m: MessageView) => {
      if (m.roomId !== roomId) return;
      this.events += 1;
      this.bySeq.set(m.seq, m);
    });
    socket.on('message.updated', (m: MessageView) => {
      if (m.roomId !== roomId) return;
      this.events += 1;
      this.bySeq.set(m.seq, m);
    });
    socket.on('message.deleted', (d: MessageDeleted) => {
      if (d.roomId !== roomId) return;
      this.events += 1;
      const known = this.bySeq.get(d.seq);
      if (!known) return;
      // The tombstone a fresh fetch shows: same seq and times, no content; a hidden message's
      // names no one.
      this.bySeq.set(d.seq, {
        ...known,
        author: d.reason === 'hidden' ? null : known.author,
        body: '',
        language: null,
        deleted: true,
        question: null,
        hidden: null,
      });
    });
  }

  load(messages: MessageView[]): void {
    for (const m of messages) this.bySeq.set(m.seq, m);
  }

  sorted(): MessageView[] {
    return [...this.bySeq.values()].sort((a, b) => a.seq - b.seq);
  }
}

describe('live rooms: stale state plus live events equals a fresh fetch', () => {
  let t: TestApp;
  let http: Http;
  let coordinator: TestPerson;
  let alice: TestPerson;
  let bob: TestPerson;
  let carol: TestPerson;
  let sessionRoomId: string;
  const sockets: Socket[] = [];

  async function joined(person: TestPerson, roomId: string): Promise<[Socket, RoomJoined]> {
    const socket = connectLive(t.baseUrl, person.token);
    sockets.push(socket);
    await connected(socket);
    const ack = await emitAck<RoomJoined>(socket, 'room.join', { roomId });
    if (!ack.ok) throw new Error(`join failed: ${ack.error.code}`);
    return [socket, ack.data];
  }

  async function fresh(person: TestPerson, roomId: string): Promise<MessageView[]> {
    const res = await http<MessageView[]>('GET', `/api/rooms/${roomId}/messages?limit=200`, {
      token: person.token,
    });
    expect(res.status).toBe(200);
    return [...res.body].sort((a, b) => a.seq - b.seq);
  }

  async function ok<T = MessageView>(socket: Socket, event: string, payload: object): Promise<T> {
    const ack = await emitAck<T>(socket, event, payload);
    if (!ack.ok) throw new Error(`${event} failed: ${ack.error.code} ${ack.error.message}`);
    return ack.data;
  }

  beforeAll(async () => {
    t = await startTestApp({
      LIVE_SEND_PER_SECOND: '1000',
      LIVE_SEND_BURST: '1000',
      LIVE_EVENT_BUDGET: '1000000',
    });
    http = httpClient(t.baseUrl);
    coordinator = await createPerson(t.dataSource, http, { role: 'coordinator' });
    [alice, bob, carol] = (await Promise.all(
      ['Alice', 'Bob', 'Carol'].map((displayName) =>
        createPerson(t.dataSource, http, { displayName }),
      ),
    )) as [TestPerson, TestPerson, TestPerson];
    const city = await createCity(t.dataSource);
    const exchange = await http('POST', '/api/exchanges', {
      token: coordinator.token,
      body: { title: 'State and events', cityIds: [city.id], attribution: 'named' },
    });
    for (const person of [alice, bob, carol]) {
      const added = await http('POST', `/api/exchanges/${exchange.body.id}/members`, {
        token: coordinator.token,
        body: { practitionerId: person.id, role: 'participant' },
      });
      expect(added.status).toBe(201);
    }
    const startsAt = Date.now() + 10 * 60_000;
    const session = await http('POST', `/api/exchanges/${exchange.body.id}/sessions`, {
      token: coordinator.token,
      body: {
        kind: 'roundtable',
        title: 'State roundtable',
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(startsAt + 3_600_000).toISOString(),
        hostTimeZone: 'Europe/Berlin',
      },
    });
    expect(session.status).toBe(201);
    const rooms = await http('GET', `/api/exchanges/${exchange.body.id}/rooms`, {
      token: coordinator.token,
    });
    sessionRoomId = rooms.body.find((r: { kind: string }) => r.kind === 'session').id;
  });
  afterAll(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await t.close();
  });

  it('holds exactly what a fresh fetch returns, for a participant and for a moderator', async () => {
    const roomId = sessionRoomId;
    const [a] = await joined(alice, roomId);
    const [b] = await joined(bob, roomId);
    const [mod] = await joined(coordinator, roomId);
    // Some history exists before the watchers join: their stale starting state.
    const early = await ok(a, 'message.send', {
      roomId,
      clientMessageId: 'state-early-1',
      body: 'Before anyone watched',
      language: 'en',
    });
    const earlyQuestion = await ok(b, 'message.send', {
      roomId,
      clientMessageId: 'state-early-2',
      body: 'How did Lyon fund its programme?',
      isQuestion: true,
    });

    const [carolSocket, carolJoin] = await joined(carol, roomId);
    const carolState = new RoomState(carolSocket, roomId);
    carolState.load(carolJoin.messages);
    const [watcher, watcherJoin] = await joined(coordinator, roomId);
    const moderatorState = new RoomState(watcher, roomId);
    moderatorState.load(watcherJoin.messages);

    // Everything that can happen to messages in a room, while both watch.
    const second = await ok(a, 'message.send', {
      roomId,
      clientMessageId: 'state-002',
      body: 'Our youth centre pilot',
    });
    await ok(a, 'message.edit', {
      roomId,
      messageId: second.id,
      body: 'Our youth centre pilot (2024)',
    });
    const third = await ok(b, 'message.send', {
      roomId,
      clientMessageId: 'state-003',
      body: 'A typo I regret',
      language: 'nl',
    });
    await ok(b, 'message.delete', { roomId, messageId: third.id });
    const fourth = await ok(b, 'message.send', {
      roomId,
      clientMessageId: 'state-004',
      body: 'Something that should not be here',
    });
    await ok(mod, 'message.hide', { roomId, messageId: fourth.id, reason: 'Personal data' });
    const fifth = await ok(a, 'message.send', {
      roomId,
      clientMessageId: 'state-005',
      body: 'Borderline but fine',
    });
    await ok(mod, 'message.hide', { roomId, messageId: fifth.id, reason: 'Checking' });
    await ok(mod, 'message.restore', { roomId, messageId: fifth.id, reason: 'It was fine' });
    await ok(a, 'question.upvote', { roomId, messageId: earlyQuestion.id });
    await ok(carolSocket, 'question.upvote', { roomId, messageId: earlyQuestion.id });
    const question = await ok(a, 'message.send', {
      roomId,
      clientMessageId: 'state-006',
      body: 'Who evaluated it?',
      isQuestion: true,
    });
    await ok(b, 'question.upvote', { roomId, messageId: question.id });
    await ok(mod, 'question.answer', { roomId, messageId: earlyQuestion.id });
    await ok(carolSocket, 'message.send', {
      roomId,
      clientMessageId: 'state-007',
      body: 'Thanks, all',
    });
    await ok(a, 'message.edit', {
      roomId,
      messageId: early.id,
      body: 'Before anyone watched (edited)',
    });

    const [freshForCarol, freshForModerator] = await Promise.all([
      fresh(carol, roomId),
      fresh(coordinator, roomId),
    ]);
    expect(freshForCarol.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    await eventually(
      () => JSON.stringify(carolState.sorted()) === JSON.stringify(freshForCarol),
      5000,
      "the participant's state matches a fresh fetch",
    ).catch(() => undefined);
    expect(carolState.sorted()).toEqual(freshForCarol);
    await eventually(
      () => JSON.stringify(moderatorState.sorted()) === JSON.stringify(freshForModerator),
      5000,
      "the moderator's state matches a fresh fetch",
    ).catch(() => undefined);
    expect(moderatorState.sorted()).toEqual(freshForModerator);

    // The views differ where they must: the participant sees a tombstone, the moderator the reason.
    const hiddenForCarol = freshForCarol.find((m) => m.id === fourth.id)!;
    expect(hiddenForCarol).toMatchObject({ body: '', deleted: true, hidden: null });
    const hiddenForModerator = freshForModerator.find((m) => m.id === fourth.id)!;
    expect(hiddenForModerator.hidden).toMatchObject({ reason: 'Personal data' });
    expect(carolState.events).toBeGreaterThanOrEqual(12);
  });
});
