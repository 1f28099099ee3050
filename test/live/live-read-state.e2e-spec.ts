// Where each reader left off: unread counts per room and per exchange for two people writing to
// each other, marking read (never backwards, never past the end), the position in the join's
// answer, the other tabs told, and what does not count (one's own, deleted, hidden, before
// joining, rooms one was removed from).
import { randomBytes } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import type {
  MessageView,
  RoomJoined,
  RoomListEntry,
  RoomReadState,
  UnreadCounts,
} from '#libs/contracts';
import { createCity, createPerson, type TestPerson } from '../factories/accounts.js';
import { httpClient, type Http } from '../support/http.js';
import { connectLive, connected, emitAck, nextEvent } from '../support/live-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('live rooms: read state and unread counts', () => {
  let t: TestApp;
  let http: Http;
  let host: TestPerson;
  let ana: TestPerson;
  let bo: TestPerson;
  let exchangeId: string;
  let lobbyId: string;
  let sessionRoomId: string;
  let otherExchangeId: string;
  let otherLobbyId: string;
  const sockets: Socket[] = [];

  const open = async (person: TestPerson): Promise<Socket> => {
    const socket = connectLive(t.baseUrl, person.token);
    sockets.push(socket);
    await connected(socket);
    return socket;
  };
  const send = async (socket: Socket, roomId: string, body: string): Promise<MessageView> => {
    const ack = await emitAck<MessageView>(socket, 'message.send', {
      roomId,
      clientMessageId: `read-${randomBytes(6).toString('hex')}`,
      body,
    });
    if (!ack.ok) throw new Error(JSON.stringify(ack.error));
    return ack.data;
  };
  const unread = async (person: TestPerson): Promise<UnreadCounts> => {
    const res = await http<UnreadCounts>('GET', '/api/me/unread', { token: person.token });
    expect(res.status).toBe(200);
    return res.body;
  };
  const roomsOf = async (person: TestPerson, id = exchangeId): Promise<RoomListEntry[]> => {
    const res = await http<RoomListEntry[]>('GET', `/api/exchanges/${id}/rooms`, {
      token: person.token,
    });
    expect(res.status).toBe(200);
    return res.body;
  };
  const newExchange = async (title: string, members: TestPerson[]) => {
    const city = await createCity(t.dataSource);
    const exchange = await http('POST', '/api/exchanges', {
      token: host.token,
      body: { title, cityIds: [city.id], attribution: 'named' },
    });
    expect(exchange.status).toBe(201);
    for (const person of members) {
      const added = await http('POST', `/api/exchanges/${exchange.body.id}/members`, {
        token: host.token,
        body: { practitionerId: person.id, role: 'participant' },
      });
      expect(added.status).toBe(201);
    }
    return exchange.body.id as string;
  };

  beforeAll(async () => {
    t = await startTestApp({ LIVE_SEND_PER_SECOND: '100', LIVE_SEND_BURST: '100' });
    http = httpClient(t.baseUrl);
    host = await createPerson(t.dataSource, http, { role: 'coordinator' });
    ana = await createPerson(t.dataSource, http, { displayName: 'Ana' });
    bo = await createPerson(t.dataSource, http, { displayName: 'Bo' });
    exchangeId = await newExchange('Read state exchange', [ana, bo]);
    const startsAt = Date.now() + 10 * 60_000;
    const session = await http('POST', `/api/exchanges/${exchangeId}/sessions`, {
      token: host.token,
      body: {
        kind: 'workshop',
        title: 'Unread session',
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(startsAt + 3_600_000).toISOString(),
        hostTimeZone: 'Europe/Paris',
      },
    });
    expect(session.status).toBe(201);
    const rooms = await roomsOf(host);
    lobbyId = rooms.find((r) => r.kind === 'lobby')!.id;
    sessionRoomId = rooms.find((r) => r.kind === 'session')!.id;
    otherExchangeId = await newExchange('Another exchange', [ana, bo]);
    otherLobbyId = (await roomsOf(host, otherExchangeId)).find((r) => r.kind === 'lobby')!.id;
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(() => t.close());

  it('counts what the other wrote, per room and per exchange, and marking read lowers it', async () => {
    const anaSocket = await open(ana);
    const boSocket = await open(bo);
    for (const body of ['one', 'two', 'three']) await send(anaSocket, lobbyId, body);
    for (const body of ['four', 'five']) await send(anaSocket, sessionRoomId, body);
    await send(anaSocket, otherLobbyId, 'elsewhere');
    await send(boSocket, lobbyId, 'Bo answers');

    const forBo = await unread(bo);
    expect(forBo.total).toBe(6);
    expect(forBo.rooms).toEqual(
      expect.arrayContaining([
        { roomId: lobbyId, exchangeId, lastReadSeq: 0, unread: 3 },
        { roomId: sessionRoomId, exchangeId, lastReadSeq: 0, unread: 2 },
        { roomId: otherLobbyId, exchangeId: otherExchangeId, lastReadSeq: 0, unread: 1 },
      ]),
    );
    expect(forBo.rooms).toHaveLength(3);
    expect(forBo.exchanges).toEqual(
      expect.arrayContaining([
        { exchangeId, unread: 5 },
        { exchangeId: otherExchangeId, unread: 1 },
      ]),
    );
    // Ana wrote those: for her only Bo's answer is new.
    expect(await unread(ana)).toEqual({
      rooms: [{ roomId: lobbyId, exchangeId, lastReadSeq: 0, unread: 1 }],
      exchanges: [{ exchangeId, unread: 1 }],
      total: 1,
    });
    const listed = await roomsOf(bo);
    expect(listed.find((r) => r.id === lobbyId)).toMatchObject({ unread: 3, lastReadSeq: 0 });
    expect(listed.find((r) => r.id === sessionRoomId)).toMatchObject({ unread: 2 });

    // Bo reads the lobby up to seq 2 on one tab; his other tab hears it.
    const otherTab = await open(bo);
    const heard = nextEvent<RoomReadState>(otherTab, 'unread.changed');
    const read = await emitAck<RoomReadState>(boSocket, 'room.read', { roomId: lobbyId, seq: 2 });
    expect(read).toEqual({
      ok: true,
      data: { roomId: lobbyId, exchangeId, lastReadSeq: 2, unread: 1 },
    });
    expect(await heard).toEqual(read.ok && read.data);
    // Never backwards; never past the last message.
    expect(await emitAck(boSocket, 'room.read', { roomId: lobbyId, seq: 1 })).toMatchObject({
      ok: true,
      data: { lastReadSeq: 2, unread: 1 },
    });
    expect(await emitAck(boSocket, 'room.read', { roomId: lobbyId, seq: 9999 })).toMatchObject({
      ok: true,
      data: { lastReadSeq: 4, unread: 0 },
    });
    const after = await unread(bo);
    expect(after.total).toBe(3);
    expect(after.rooms.map((r) => r.roomId).sort()).toEqual([otherLobbyId, sessionRoomId].sort());
    // The join's answer carries the position, for the "new messages" line.
    const joined = await emitAck<RoomJoined>(boSocket, 'room.join', { roomId: lobbyId });
    expect(joined).toMatchObject({ ok: true, data: { lastReadSeq: 4, mutedUntil: null } });
    const fresh = await emitAck<RoomJoined>(boSocket, 'room.join', { roomId: sessionRoomId });
    expect(fresh).toMatchObject({ ok: true, data: { lastReadSeq: 0 } });
  });

  it('does not count deleted or hidden messages', async () => {
    const anaSocket = await open(ana);
    const hostSocket = await open(host);
    const before = (await unread(bo)).rooms.find((r) => r.roomId === otherLobbyId)!.unread;
    const kept = await send(anaSocket, otherLobbyId, 'kept');
    const deleted = await send(anaSocket, otherLobbyId, 'deleted');
    const hidden = await send(anaSocket, otherLobbyId, 'hidden');
    expect(kept.seq).toBeGreaterThan(0);
    expect(
      (await emitAck(anaSocket, 'message.delete', { roomId: otherLobbyId, messageId: deleted.id }))
        .ok,
    ).toBe(true);
    expect(
      (
        await emitAck(hostSocket, 'message.hide', {
          roomId: otherLobbyId,
          messageId: hidden.id,
          reason: 'Not for here',
        })
      ).ok,
    ).toBe(true);
    const now = (await unread(bo)).rooms.find((r) => r.roomId === otherLobbyId)!.unread;
    expect(now).toBe(before + 1);
  });

  it('does not count what was written before someone joined the exchange', async () => {
    const newcomer = await createPerson(t.dataSource, http);
    const added = await http('POST', `/api/exchanges/${otherExchangeId}/members`, {
      token: host.token,
      body: { practitionerId: newcomer.id, role: 'participant' },
    });
    expect(added.status).toBe(201);
    expect((await unread(newcomer)).total).toBe(0);
    await send(await open(ana), otherLobbyId, 'welcome');
    expect(await unread(newcomer)).toMatchObject({
      total: 1,
      exchanges: [{ exchangeId: otherExchangeId, unread: 1 }],
    });
  });

  it('forgets a room someone was removed from, and refuses to mark it read', async () => {
    const leaver = await createPerson(t.dataSource, http);
    const added = await http('POST', `/api/exchanges/${otherExchangeId}/members`, {
      token: host.token,
      body: { practitionerId: leaver.id, role: 'participant' },
    });
    expect(added.status).toBe(201);
    await send(await open(ana), otherLobbyId, 'before the removal');
    expect((await unread(leaver)).total).toBe(1);
    const hostSocket = await open(host);
    expect(
      (
        await emitAck(hostSocket, 'member.remove', {
          roomId: otherLobbyId,
          practitionerId: leaver.id,
          reason: 'Off topic',
        })
      ).ok,
    ).toBe(true);
    expect((await unread(leaver)).total).toBe(0);
    const socket = await open(leaver);
    expect(await emitAck(socket, 'room.read', { roomId: otherLobbyId, seq: 1 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});
