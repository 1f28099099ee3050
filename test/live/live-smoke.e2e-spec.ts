import { createCity, createPerson, type TestPerson } from '../factories/accounts.js';
import { httpClient, type Http } from '../support/http.js';
import { collect, connectLive, connected, emitAck, eventually } from '../support/live-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('live rooms: the basics', () => {
  let t: TestApp;
  let http: Http;
  let host: TestPerson;
  let participant: TestPerson;
  let lobbyId: string;

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    host = await createPerson(t.dataSource, http, { role: 'coordinator' });
    participant = await createPerson(t.dataSource, http);
    const city = await createCity(t.dataSource);
    const exchange = await http('POST', '/api/exchanges', {
      token: host.token,
      body: { title: 'Live basics', cityIds: [city.id], attribution: 'named' },
    });
    await http('POST', `/api/exchanges/${exchange.body.id}/members`, {
      token: host.token,
      body: { practitionerId: participant.id, role: 'participant' },
    });
    const rooms = await http('GET', `/api/exchanges/${exchange.body.id}/rooms`, {
      token: participant.token,
    });
    expect(rooms.status).toBe(200);
    lobbyId = rooms.body.find((r: { kind: string }) => r.kind === 'lobby').id;
  });
  afterAll(() => t.close());

  it('refuses a connection without a token with a typed connect_error', async () => {
    const socket = connectLive(t.baseUrl, undefined);
    await expect(connected(socket)).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
    socket.close();
  });

  it('delivers a message to another member, once, in sequence, and dedupes a retry', async () => {
    const a = connectLive(t.baseUrl, host.token);
    const b = connectLive(t.baseUrl, participant.token);
    await Promise.all([connected(a), connected(b)]);
    expect((await emitAck(a, 'room.join', { roomId: lobbyId })).ok).toBe(true);
    const joined = await emitAck(b, 'room.join', { roomId: lobbyId });
    expect(joined).toMatchObject({ ok: true, data: { canSend: true, canModerate: false } });
    const received = collect(b, 'message.created');
    const first = await emitAck(a, 'message.send', {
      roomId: lobbyId,
      clientMessageId: 'msg-00000001',
      body: 'Hello from Lyon',
    });
    const retry = await emitAck(a, 'message.send', {
      roomId: lobbyId,
      clientMessageId: 'msg-00000001',
      body: 'Hello from Lyon',
    });
    expect(first).toMatchObject({ ok: true, data: { seq: 1, body: 'Hello from Lyon' } });
    expect(retry).toEqual(first);
    const second = await emitAck(b, 'message.send', {
      roomId: lobbyId,
      clientMessageId: 'msg-00000002',
      body: 'Hi from Denver',
    });
    expect(second).toMatchObject({ ok: true, data: { seq: 2 } });
    await eventually(() => received.length >= 2, 5000, 'both messages delivered');
    expect(received.map((m) => m.seq)).toEqual([1, 2]);
    a.close();
    b.close();
  });

  it('answers a malformed payload with an error ack and stays connected', async () => {
    const socket = connectLive(t.baseUrl, participant.token);
    await connected(socket);
    const ack = await emitAck(socket, 'message.send', { roomId: lobbyId, body: 42 });
    expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(socket.connected).toBe(true);
    socket.close();
  });
});
