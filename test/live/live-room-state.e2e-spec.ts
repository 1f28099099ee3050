// A muted member's own view: the join answers until when they are muted; a mute, its lifting and
// a change of role reach every one of their connections in the room at once (room.state), and
// nobody else's.
import type { Socket } from 'socket.io-client';
import type { RoomJoined, RoomStateChanged } from '#libs/contracts';
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('live rooms: the muted member hears of it', () => {
  let t: TestApp;
  let http: Http;
  let host: TestPerson;
  let member: TestPerson;
  let bystander: TestPerson;
  let exchangeId: string;
  let lobbyId: string;
  const sockets: Socket[] = [];

  const joined = async (person: TestPerson): Promise<{ socket: Socket; data: RoomJoined }> => {
    const socket = connectLive(t.baseUrl, person.token);
    sockets.push(socket);
    await connected(socket);
    const ack = await emitAck<RoomJoined>(socket, 'room.join', { roomId: lobbyId });
    if (!ack.ok) throw new Error(JSON.stringify(ack.error));
    return { socket, data: ack.data };
  };

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    host = await createPerson(t.dataSource, http, { role: 'coordinator' });
    member = await createPerson(t.dataSource, http);
    bystander = await createPerson(t.dataSource, http);
    const city = await createCity(t.dataSource);
    const exchange = await http('POST', '/api/exchanges', {
      token: host.token,
      body: { title: 'Room state exchange', cityIds: [city.id], attribution: 'named' },
    });
    exchangeId = exchange.body.id;
    for (const person of [member, bystander]) {
      const added = await http('POST', `/api/exchanges/${exchangeId}/members`, {
        token: host.token,
        body: { practitionerId: person.id, role: 'participant' },
      });
      expect(added.status).toBe(201);
    }
    const rooms = await http('GET', `/api/exchanges/${exchangeId}/rooms`, { token: host.token });
    lobbyId = rooms.body.find((r: { kind: string }) => r.kind === 'lobby').id;
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(() => t.close());

  it('tells every tab of the muted member at once, with until when, and again when it is lifted', async () => {
    const tab1 = await joined(member);
    const tab2 = await joined(member);
    expect(tab1.data).toMatchObject({ canSend: true, mutedUntil: null });
    const others = collect<RoomStateChanged>((await joined(bystander)).socket, 'room.state');
    const mod = await joined(host);
    const heard = [tab1, tab2].map(({ socket }) =>
      nextEvent<RoomStateChanged>(socket, 'room.state'),
    );
    const mute = await emitAck<{ until: string }>(mod.socket, 'member.mute', {
      roomId: lobbyId,
      practitionerId: member.id,
      minutes: 30,
      reason: 'Cool down a little',
    });
    expect(mute.ok).toBe(true);
    const until = mute.ok ? mute.data.until : '';
    // Heard before the moderator's ack came back: both tabs know already.
    expect(await Promise.all(heard)).toEqual([
      { roomId: lobbyId, canSend: true, canModerate: false, mutedUntil: until },
      { roomId: lobbyId, canSend: true, canModerate: false, mutedUntil: until },
    ]);
    // A connection that joins now is told in the join's answer.
    expect((await joined(member)).data).toMatchObject({ mutedUntil: until, canSend: true });
    const lifted = [tab1, tab2].map(({ socket }) =>
      nextEvent<RoomStateChanged>(socket, 'room.state'),
    );
    const unmute = await emitAck(mod.socket, 'member.unmute', {
      roomId: lobbyId,
      practitionerId: member.id,
      reason: 'Thanks for waiting',
    });
    expect(unmute.ok).toBe(true);
    expect(await Promise.all(lifted)).toEqual([
      { roomId: lobbyId, canSend: true, canModerate: false, mutedUntil: null },
      { roomId: lobbyId, canSend: true, canModerate: false, mutedUntil: null },
    ]);
    await sleep(200);
    expect(others).toEqual([]);
    // And they may write again.
    const sent = await emitAck(tab1.socket, 'message.send', {
      roomId: lobbyId,
      clientMessageId: 'after-the-mute-1',
      body: 'Back again',
    });
    expect(sent.ok).toBe(true);
  });

  it('tells a member whose role changes what they may do now', async () => {
    const tab = await joined(member);
    const states = collect<RoomStateChanged>(tab.socket, 'room.state');
    const toObserver = await http('PATCH', `/api/exchanges/${exchangeId}/members/${member.id}`, {
      token: host.token,
      body: { role: 'observer' },
    });
    expect(toObserver.status).toBe(200);
    await eventually(() => states.length === 1, 5000, 'room.state after the role change');
    expect(states[0]).toEqual({
      roomId: lobbyId,
      canSend: false,
      canModerate: false,
      mutedUntil: null,
    });
    const toHost = await http('PATCH', `/api/exchanges/${exchangeId}/members/${member.id}`, {
      token: host.token,
      body: { role: 'host' },
    });
    expect(toHost.status).toBe(200);
    await eventually(() => states.length === 2, 5000, 'room.state after becoming a host');
    expect(states[1]).toEqual({
      roomId: lobbyId,
      canSend: true,
      canModerate: true,
      mutedUntil: null,
    });
  });

  it('tells the author of a message muted from the review queue at once, and stops their typing', async () => {
    const author = await createPerson(t.dataSource, http);
    const added = await http('POST', `/api/exchanges/${exchangeId}/members`, {
      token: host.token,
      body: { practitionerId: author.id, role: 'participant' },
    });
    expect(added.status).toBe(201);
    const tab = await joined(author);
    await joined(bystander);
    const sent = await emitAck<{ id: string }>(tab.socket, 'message.send', {
      roomId: lobbyId,
      clientMessageId: 'queue-mute-1',
      body: 'Something a bystander reports',
    });
    if (!sent.ok) throw new Error(JSON.stringify(sent.error));
    const flagged = await http('POST', '/api/flags', {
      token: bystander.token,
      body: { subjectType: 'message', subjectId: sent.data.id, reason: 'harassment' },
    });
    expect(flagged.status).toBe(201);
    const heard = nextEvent<RoomStateChanged>(tab.socket, 'room.state');
    const decided = await http('POST', `/api/moderation/queue/message/${sent.data.id}/decision`, {
      token: host.token,
      body: { decision: 'hide-and-mute', reason: 'Harassing a participant', muteMinutes: 30 },
    });
    expect(decided.status).toBe(200);
    // Decided means done on the author's open connection: typing is refused at once.
    expect(await emitAck(tab.socket, 'typing', { roomId: lobbyId })).toMatchObject({
      ok: false,
      error: { code: 'MUTED' },
    });
    expect(await heard).toMatchObject({ roomId: lobbyId, canSend: true, canModerate: false });
    expect((await heard).mutedUntil).not.toBeNull();
  });
});
