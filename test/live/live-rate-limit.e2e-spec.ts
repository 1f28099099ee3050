// The per-member send limit: a burst on top of a steady rate. Sends beyond it are answered with
// RATE_LIMITED and store nothing; other members are not slowed down; waiting lets sends through.
import type { Socket } from 'socket.io-client';
import { createCity, createPerson, type TestPerson } from '../factories/accounts.js';
import { httpClient, type Http } from '../support/http.js';
import { connectLive, connected, emitAck } from '../support/live-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PER_SECOND = 1;
const BURST = 4;
const ATTEMPTS = 12;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('live rooms: send rate limit', () => {
  let t: TestApp;
  let http: Http;
  let host: TestPerson;
  let chatty: TestPerson;
  let calm: TestPerson;
  let lobbyId: string;
  const sockets: Socket[] = [];

  const open = async (person: TestPerson): Promise<Socket> => {
    const socket = connectLive(t.baseUrl, person.token);
    sockets.push(socket);
    await connected(socket);
    expect((await emitAck(socket, 'room.join', { roomId: lobbyId })).ok).toBe(true);
    return socket;
  };
  const send = (socket: Socket, clientMessageId: string, body = clientMessageId) =>
    emitAck<{ seq: number; clientMessageId: string }>(socket, 'message.send', {
      roomId: lobbyId,
      clientMessageId,
      body,
    });
  const stored = async () => {
    const res = await http('GET', `/api/rooms/${lobbyId}/messages?limit=200`, {
      token: host.token,
    });
    expect(res.status).toBe(200);
    return (res.body as Array<{ seq: number; clientMessageId: string; author: { id: string } }>)
      .slice()
      .reverse();
  };

  beforeAll(async () => {
    t = await startTestApp({
      LIVE_SEND_PER_SECOND: String(PER_SECOND),
      LIVE_SEND_BURST: String(BURST),
    });
    http = httpClient(t.baseUrl);
    host = await createPerson(t.dataSource, http, { role: 'coordinator' });
    chatty = await createPerson(t.dataSource, http);
    calm = await createPerson(t.dataSource, http);
    const city = await createCity(t.dataSource);
    const exchange = await http('POST', '/api/exchanges', {
      token: host.token,
      body: { title: 'Rate limit exchange', cityIds: [city.id], attribution: 'named' },
    });
    for (const person of [chatty, calm]) {
      await http('POST', `/api/exchanges/${exchange.body.id}/members`, {
        token: host.token,
        body: { practitionerId: person.id, role: 'participant' },
      });
    }
    const rooms = await http('GET', `/api/exchanges/${exchange.body.id}/rooms`, {
      token: host.token,
    });
    lobbyId = rooms.body.find((r: { kind: string }) => r.kind === 'lobby').id;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await t.close();
  });

  it('lets the burst through, answers the rest with RATE_LIMITED, stores only what it acked', async () => {
    const chattySocket = await open(chatty);
    const calmSocket = await open(calm);
    const ids = Array.from({ length: ATTEMPTS }, (_, i) => `burst-${String(i).padStart(4, '0')}`);
    const acks = await Promise.all(ids.map((id) => send(chattySocket, id)));

    const accepted = acks.filter((a) => a.ok);
    const limited = acks.filter((a) => !a.ok);
    expect(accepted).toHaveLength(PER_SECOND + BURST);
    expect(limited).toHaveLength(ATTEMPTS - PER_SECOND - BURST);
    for (const ack of limited) {
      expect(ack).toEqual({
        ok: false,
        error: { code: 'RATE_LIMITED', message: expect.stringMatching(/try again in \d+ second/i) },
      });
    }
    expect(chattySocket.connected).toBe(true);

    // Other members are not held back by someone else's limit.
    for (let i = 0; i < 3; i++) {
      expect(await send(calmSocket, `calm-${String(i).padStart(4, '0')}`)).toMatchObject({
        ok: true,
      });
    }

    // Only acknowledged messages exist, numbered without gaps.
    const history = await stored();
    const acceptedIds = accepted.map((a) => (a.ok ? a.data.clientMessageId : '')).sort();
    expect(
      history
        .filter((m) => m.author.id === chatty.id)
        .map((m) => m.clientMessageId)
        .sort(),
    ).toEqual(acceptedIds);
    expect(history.map((m) => m.seq)).toEqual(history.map((_, i) => i + 1));
    const room = await http('GET', `/api/rooms/${lobbyId}`, { token: chatty.token });
    expect(room.body.lastSeq).toBe(history.length);
    const limitedIds = ids.filter((id) => !acceptedIds.includes(id));
    expect(history.some((m) => limitedIds.includes(m.clientMessageId))).toBe(false);

    // After a pause the steady rate lets one send a second through (the burst is spent for its
    // 10-second window); a refused message can simply be retried with the same clientMessageId.
    await sleep(1100);
    const retried = await send(chattySocket, limitedIds[0]!);
    expect(retried).toMatchObject({ ok: true, data: { clientMessageId: limitedIds[0] } });
    const tooSoon = await send(chattySocket, 'right-after-0001');
    expect(tooSoon).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    await sleep(1100);
    expect(await send(chattySocket, 'right-after-0001')).toMatchObject({ ok: true });

    const after = await stored();
    const mine = after.filter((m) => m.author.id === chatty.id).map((m) => m.clientMessageId);
    expect(mine).toHaveLength(PER_SECOND + BURST + 2);
    expect(new Set(mine).size).toBe(mine.length);
    expect(after.map((m) => m.seq)).toEqual(after.map((_, i) => i + 1));
  });

  it('counts a member across connections: a second tab does not double the allowance', async () => {
    // A fresh person, so the previous test's spent allowance does not matter.
    const person = await createPerson(t.dataSource, http);
    const exchangeId = (await http('GET', `/api/rooms/${lobbyId}`, { token: host.token })).body
      .exchangeId as string;
    await http('POST', `/api/exchanges/${exchangeId}/members`, {
      token: host.token,
      body: { practitionerId: person.id, role: 'participant' },
    });
    const tab1 = await open(person);
    const tab2 = await open(person);
    const acks = await Promise.all(
      Array.from({ length: ATTEMPTS }, (_, i) =>
        send(i % 2 ? tab1 : tab2, `tabs-${String(i).padStart(4, '0')}`),
      ),
    );
    expect(acks.filter((a) => a.ok)).toHaveLength(PER_SECOND + BURST);
    expect(acks.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED').length).toBe(
      ATTEMPTS - PER_SECOND - BURST,
    );
    const history = await stored();
    expect(history.filter((m) => m.author.id === person.id)).toHaveLength(PER_SECOND + BURST);
  });
});
