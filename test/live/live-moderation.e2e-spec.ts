// Moderation in live rooms as people see it: hidden messages vanish for everyone but moderators,
// a mute silences one person in one room for a while, a removal takes someone out for good, and
// every action is on the record with who, when and why. Participants cannot moderate.
import type { Socket } from 'socket.io-client';
import type {
  MessageDeleted,
  MessageView,
  ModerationActionView,
  PresenceChanged,
  RoomJoined,
} from '#libs/contracts';
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

describe('live rooms: moderation', () => {
  let t: TestApp;
  let http: Http;
  let coordinator: TestPerson;
  let cityId: string;
  let counter = 0;
  const sockets: Socket[] = [];

  interface Cast {
    lobbyId: string;
    sessionRoomId: string;
    host: TestPerson;
    alice: TestPerson;
    bob: TestPerson;
    observer: TestPerson;
  }

  /** A fresh exchange with a member host, two participants, an observer and an open session room. */
  async function cast(): Promise<Cast> {
    const [host, alice, bob, observer] = await Promise.all([
      createPerson(t.dataSource, http, { displayName: 'Hanna Host' }),
      createPerson(t.dataSource, http, { displayName: 'Alice Participant' }),
      createPerson(t.dataSource, http, { displayName: 'Bob Participant' }),
      createPerson(t.dataSource, http, { displayName: 'Olga Observer' }),
    ]);
    const exchange = await http('POST', '/api/exchanges', {
      token: coordinator.token,
      body: { title: `Moderated ${(counter += 1)}`, cityIds: [cityId], attribution: 'named' },
    });
    expect(exchange.status).toBe(201);
    const exchangeId = exchange.body.id as string;
    for (const [person, role] of [
      [host, 'host'],
      [alice, 'participant'],
      [bob, 'participant'],
      [observer, 'observer'],
    ] as const) {
      const added = await http('POST', `/api/exchanges/${exchangeId}/members`, {
        token: coordinator.token,
        body: { practitionerId: person.id, role },
      });
      expect(added.status).toBe(201);
    }
    const startsAt = new Date(Date.now() + 10 * 60_000);
    const session = await http('POST', `/api/exchanges/${exchangeId}/sessions`, {
      token: host.token,
      body: {
        kind: 'roundtable',
        title: 'Roundtable after the attack',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 60 * 60_000).toISOString(),
        hostTimeZone: 'Europe/Amsterdam',
      },
    });
    expect(session.status).toBe(201);
    const rooms = await http('GET', `/api/exchanges/${exchangeId}/rooms`, { token: host.token });
    const lobby = rooms.body.find((r: { kind: string }) => r.kind === 'lobby');
    const sessionRoom = rooms.body.find((r: { kind: string }) => r.kind === 'session');
    expect(sessionRoom).toMatchObject({ open: true });
    return { lobbyId: lobby.id, sessionRoomId: sessionRoom.id, host, alice, bob, observer };
  }

  async function joined(person: TestPerson, ...roomIds: string[]): Promise<Socket> {
    const socket = connectLive(t.baseUrl, person.token);
    sockets.push(socket);
    await connected(socket);
    for (const roomId of roomIds) {
      const ack = await emitAck(socket, 'room.join', { roomId });
      expect(ack.ok).toBe(true);
    }
    return socket;
  }

  async function say(socket: Socket, roomId: string, body: string): Promise<MessageView> {
    const ack = await emitAck<MessageView>(socket, 'message.send', {
      roomId,
      clientMessageId: `mod-${(counter += 1)}-${Date.now()}`,
      body,
    });
    if (!ack.ok) throw new Error(`send failed: ${ack.error.code}`);
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
    cityId = (await createCity(t.dataSource)).id;
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(() => t.close());

  it('hides a message: gone for everyone, kept for moderators with the reason', async () => {
    const { lobbyId, host, alice, bob } = await cast();
    const h = await joined(host, lobbyId);
    const c = await joined(coordinator, lobbyId); // a network coordinator, not a member
    const a = await joined(alice, lobbyId);
    const b = await joined(bob, lobbyId);
    const hateful = await say(a, lobbyId, 'Something hateful');
    const fine = await say(b, lobbyId, 'A fine reply');

    const goneForBob = nextEvent<MessageDeleted>(b, 'message.deleted', (d) => d.id === hateful.id);
    const placeholderForAlice = nextEvent<MessageView>(a, 'message.updated');
    const aliceDeletes = collect(a, 'message.deleted');
    const updatedForCoordinator = nextEvent<MessageView>(c, 'message.updated');
    const hostDeletes = collect(h, 'message.deleted');
    const ack = await emitAck<MessageView>(h, 'message.hide', {
      roomId: lobbyId,
      messageId: hateful.id,
      reason: 'Hate speech against a group',
    });
    expect(ack).toMatchObject({
      ok: true,
      data: {
        id: hateful.id,
        body: 'Something hateful',
        hidden: { byId: host.id, reason: 'Hate speech against a group' },
      },
    });
    const tombstone = { roomId: lobbyId, id: hateful.id, seq: hateful.seq, reason: 'hidden' };
    expect(await goneForBob).toEqual(tombstone);
    // Its author sees a placeholder with the reason, naming no moderator.
    expect(await placeholderForAlice).toMatchObject({
      id: hateful.id,
      deleted: true,
      body: '',
      author: { id: alice.id },
      hidden: { byId: null, reason: 'Hate speech against a group' },
    });
    expect(aliceDeletes).toEqual([]);
    expect(await updatedForCoordinator).toMatchObject({
      id: hateful.id,
      body: 'Something hateful',
      hidden: { byId: host.id, reason: 'Hate speech against a group' },
    });
    expect(hostDeletes).toEqual([]); // moderators keep seeing it

    // History: a tombstone for participants, the message and reason for moderators.
    const forBob = await http('GET', `/api/rooms/${lobbyId}/messages`, { token: bob.token });
    expect(forBob.body.map((m: MessageView) => [m.seq, m.deleted, m.body, m.hidden])).toEqual([
      [fine.seq, false, 'A fine reply', null],
      [hateful.seq, true, '', null],
    ]);
    expect(JSON.stringify(forBob.body)).not.toContain('hateful');
    // The tombstone names nobody: not the author, not the moderator.
    expect(forBob.body[1].author).toBeNull();
    expect(JSON.stringify(forBob.body[1])).not.toContain(alice.id);
    const forAlice = await http('GET', `/api/rooms/${lobbyId}/messages`, { token: alice.token });
    expect(forAlice.body[1]).toMatchObject({
      body: '',
      author: { id: alice.id },
      hidden: { byId: null, reason: 'Hate speech against a group' },
    });
    for (const moderator of [host, coordinator]) {
      const history = await http('GET', `/api/rooms/${lobbyId}/messages`, {
        token: moderator.token,
      });
      expect(history.body[1]).toMatchObject({
        id: hateful.id,
        body: 'Something hateful',
        hidden: { reason: 'Hate speech against a group', byId: host.id },
      });
    }
    // Catch-up after a reconnect: the same split.
    const bobAgain = await joined(bob);
    const bobCatchUp = await emitAck<RoomJoined>(bobAgain, 'room.join', {
      roomId: lobbyId,
      sinceSeq: 0,
    });
    expect(bobCatchUp.ok && bobCatchUp.data.messages[0]).toMatchObject({
      seq: hateful.seq,
      deleted: true,
      body: '',
      author: null,
      hidden: null,
    });
    const hostCatchUp = await emitAck<RoomJoined>(h, 'room.join', { roomId: lobbyId, sinceSeq: 0 });
    expect(hostCatchUp.ok && hostCatchUp.data.messages[0]).toMatchObject({
      body: 'Something hateful',
      hidden: { reason: 'Hate speech against a group' },
    });
    // The author cannot edit a hidden message back into view.
    const edit = await emitAck(a, 'message.edit', {
      roomId: lobbyId,
      messageId: hateful.id,
      body: 'Something nice',
    });
    expect(edit).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    // Restoring shows it to everyone again.
    const backForBob = nextEvent<MessageView>(b, 'message.updated', (m) => m.id === hateful.id);
    const restored = await emitAck(c, 'message.restore', {
      roomId: lobbyId,
      messageId: hateful.id,
      reason: 'Reviewed: quoted to condemn it',
    });
    expect(restored).toMatchObject({ ok: true, data: { hidden: null } });
    expect(await backForBob).toMatchObject({ body: 'Something hateful', deleted: false });
  });

  it('keeps what someone reported as extremist content from them live: its edits reach everyone else', async () => {
    const { lobbyId, host, alice, bob, observer } = await cast();
    const a = await joined(alice, lobbyId);
    const b = await joined(bob, lobbyId);
    const h = await joined(host, lobbyId);
    const o = await joined(observer, lobbyId);
    const written = await say(a, lobbyId, 'Join us, the fight is coming');
    const flagged = await http('POST', '/api/flags', {
      token: bob.token,
      body: { subjectType: 'message', subjectId: written.id, reason: 'extremist-content' },
    });
    expect(flagged.status).toBe(201);
    const reporterHears = collect<MessageView>(b, 'message.updated');
    const [observerHears, hostHears] = [o, h].map((socket) =>
      nextEvent<MessageView>(socket, 'message.updated'),
    );
    const edit = await emitAck<MessageView>(a, 'message.edit', {
      roomId: lobbyId,
      messageId: written.id,
      body: 'Join us at the fight on Saturday',
    });
    expect(edit.ok).toBe(true);
    expect(await observerHears).toMatchObject({
      id: written.id,
      body: 'Join us at the fight on Saturday',
    });
    expect(await hostHears).toMatchObject({
      id: written.id,
      body: 'Join us at the fight on Saturday',
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Their history shows the reporter a tombstone; live, they hear nothing of it either.
    expect(reporterHears).toEqual([]);
    const history = await http<MessageView[]>('GET', `/api/rooms/${lobbyId}/messages`, {
      token: bob.token,
    });
    expect(history.body.find((m) => m.id === written.id)).toMatchObject({ body: '', author: null });
  });

  it('mutes a member in one room for a while: MUTED there, free elsewhere and afterwards', async () => {
    const { lobbyId, sessionRoomId, host, alice, bob } = await cast();
    const h = await joined(host, lobbyId);
    const a = await joined(alice, lobbyId, sessionRoomId);
    const b = await joined(bob, lobbyId);
    const earlier = await say(a, lobbyId, 'Before the mute');

    const before = Date.now();
    const mute = await emitAck<{ practitionerId: string; until: string }>(h, 'member.mute', {
      roomId: lobbyId,
      practitionerId: alice.id,
      minutes: 1,
      reason: 'Cool down for a minute',
    });
    expect(mute).toMatchObject({ ok: true, data: { practitionerId: alice.id } });
    const until = mute.ok ? new Date(mute.data.until).getTime() : 0;
    expect(until).toBeGreaterThanOrEqual(before + 60_000 - 1000);
    expect(until).toBeLessThanOrEqual(Date.now() + 60_000 + 1000);

    const bobHears = collect<MessageView>(b, 'message.created');
    const refused = await emitAck(a, 'message.send', {
      roomId: lobbyId,
      clientMessageId: 'while-muted-01',
      body: 'Let me speak',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'MUTED' } });
    // Nor can she rewrite what she said before the mute.
    const edit = await emitAck(a, 'message.edit', {
      roomId: lobbyId,
      messageId: earlier.id,
      body: 'Rewritten while muted',
    });
    expect(edit).toMatchObject({ ok: false, error: { code: 'MUTED' } });
    // Other rooms are unaffected, and so are other people in this room.
    expect((await say(a, sessionRoomId, 'Fine in the session room')).roomId).toBe(sessionRoomId);
    await say(b, lobbyId, 'Bob still talks');
    expect(bobHears.map((m) => m.body)).toEqual(['Bob still talks']);

    // The minute passes (moved into the past rather than waited for).
    await t.dataSource.query(
      `UPDATE room_mutes SET until = now() - interval '1 second' WHERE room_id = $1 AND practitioner_id = $2`,
      [lobbyId, alice.id],
    );
    const again = await emitAck(a, 'message.send', {
      roomId: lobbyId,
      clientMessageId: 'while-muted-01',
      body: 'Let me speak',
    });
    expect(again).toMatchObject({ ok: true, data: { body: 'Let me speak' } });
    const editAfter = await emitAck(a, 'message.edit', {
      roomId: lobbyId,
      messageId: earlier.id,
      body: 'Before the mute (edited)',
    });
    expect(editAfter).toMatchObject({ ok: true, data: { body: 'Before the mute (edited)' } });

    // Muted again, then unmuted by hand.
    expect(
      (
        await emitAck(h, 'member.mute', {
          roomId: lobbyId,
          practitionerId: alice.id,
          minutes: 30,
          reason: 'Again',
        })
      ).ok,
    ).toBe(true);
    expect(
      await emitAck(a, 'message.send', {
        roomId: lobbyId,
        clientMessageId: 'muted-again-1',
        body: 'x',
      }),
    ).toMatchObject({ ok: false, error: { code: 'MUTED' } });
    expect(
      await emitAck(h, 'member.unmute', {
        roomId: lobbyId,
        practitionerId: alice.id,
        reason: 'Apology accepted',
      }),
    ).toMatchObject({ ok: true });
    expect((await say(a, lobbyId, 'Thank you')).body).toBe('Thank you');
  });

  it('removes a member from a room: taken out live and unable to rejoin', async () => {
    const { lobbyId, sessionRoomId, host, alice, bob } = await cast();
    const h = await joined(host, lobbyId);
    const a = await joined(alice, lobbyId);
    const b = await joined(bob, lobbyId, sessionRoomId);
    const bobTab2 = await joined(bob, lobbyId);
    const presence: PresenceChanged[] = [];
    a.on('presence.changed', (p: PresenceChanged) => {
      if (p.roomId === lobbyId) presence.push(p);
    });
    const bobHears = collect<MessageView>(b, 'message.created');

    const removedEvent = nextEvent(b, 'room.removed');
    const removedInTab2 = nextEvent(bobTab2, 'room.removed');
    const ack = await emitAck(h, 'member.remove', {
      roomId: lobbyId,
      practitionerId: bob.id,
      reason: 'Repeated personal attacks',
    });
    expect(ack).toEqual({ ok: true, data: { practitionerId: bob.id } });
    expect(await removedEvent).toEqual({ roomId: lobbyId, reason: 'Repeated personal attacks' });
    expect(await removedInTab2).toEqual({ roomId: lobbyId, reason: 'Repeated personal attacks' });

    // Others see him leave.
    await eventually(
      () => presence.some((p) => !p.present.some((e) => e.person.id === bob.id)),
      5000,
      'presence without bob',
    );
    expect(
      presence
        .at(-1)
        ?.present.map((e) => e.person.id)
        .sort(),
    ).toEqual([host.id, alice.id].sort());

    // He no longer hears the lobby: a message there, then one in the session room he is still in.
    const marker = nextEvent<MessageView>(b, 'message.created', (m) => m.roomId === sessionRoomId);
    await say(a, lobbyId, 'Lobby, after the removal');
    await say(h, sessionRoomId, 'Session room message');
    await marker;
    expect(bobHears.map((m) => m.body)).toEqual(['Session room message']);

    // And cannot come back, send, or read the history (the room looks missing to him).
    for (const socket of [b, bobTab2, await joined(bob)]) {
      const rejoin = await emitAck(socket, 'room.join', { roomId: lobbyId });
      expect(rejoin).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    const send = await emitAck(b, 'message.send', {
      roomId: lobbyId,
      clientMessageId: 'removed-send-1',
      body: 'Let me back in',
    });
    expect(send).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const history = await http('GET', `/api/rooms/${lobbyId}/messages`, { token: bob.token });
    expect(history.status).toBe(404);
    // The session room is a different room: he stays in it.
    expect((await say(b, sessionRoomId, 'Still here')).body).toBe('Still here');
  });

  it('records every action with who, when and why', async () => {
    const { lobbyId, host, alice, bob } = await cast();
    const h = await joined(host, lobbyId);
    const c = await joined(coordinator, lobbyId);
    const a = await joined(alice, lobbyId);
    const message = await say(a, lobbyId, 'Off topic rant');
    const before = Date.now() - 1000;

    const actions: Array<[Socket, string, Record<string, unknown>]> = [
      [h, 'message.hide', { messageId: message.id, reason: 'Off topic' }],
      [c, 'message.restore', { messageId: message.id, reason: 'On reflection, fine' }],
      [h, 'member.mute', { practitionerId: alice.id, minutes: 5, reason: 'Flooding' }],
      [c, 'member.unmute', { practitionerId: alice.id, reason: 'Calmer now' }],
      [h, 'member.remove', { practitionerId: bob.id, reason: 'Spam links' }],
    ];
    for (const [socket, event, payload] of actions) {
      const ack = await emitAck(socket, event, { roomId: lobbyId, ...payload });
      expect(ack.ok).toBe(true);
    }

    const log = await http<ModerationActionView[]>(
      'GET',
      `/api/rooms/${lobbyId}/moderation-actions`,
      { token: host.token },
    );
    expect(log.status).toBe(200);
    // Newest first.
    expect(
      log.body.map((entry) => [entry.action, entry.actorId, entry.targetId, entry.reason]),
    ).toEqual([
      ['remove', host.id, bob.id, 'Spam links'],
      ['unmute', coordinator.id, alice.id, 'Calmer now'],
      ['mute', host.id, alice.id, 'Flooding'],
      ['restore', coordinator.id, alice.id, 'On reflection, fine'],
      ['hide', host.id, alice.id, 'Off topic'],
    ]);
    for (const entry of log.body) {
      expect(entry.roomId).toBe(lobbyId);
      const at = new Date(entry.createdAt).getTime();
      expect(at).toBeGreaterThanOrEqual(before);
      expect(at).toBeLessThanOrEqual(Date.now() + 1000);
    }
    expect(log.body.find((e) => e.action === 'hide')?.messageId).toBe(message.id);
    expect(log.body.find((e) => e.action === 'mute')?.until).toEqual(expect.any(String));
    const coordinatorView = await http('GET', `/api/rooms/${lobbyId}/moderation-actions`, {
      token: coordinator.token,
    });
    expect(coordinatorView.body).toEqual(log.body);
  });

  it('tells the person concerned, live and in their inbox, without naming the moderator', async () => {
    const { lobbyId, sessionRoomId, host, alice, bob } = await cast();
    const h = await joined(host, lobbyId, sessionRoomId);
    const a = await joined(alice, sessionRoomId);
    const message = await say(a, sessionRoomId, 'A link to a dubious site');
    const live = nextEvent<{ kind: string; data: Record<string, unknown>; text: string }>(
      a,
      'notification.created',
      (n) => n.kind === 'moderation-outcome',
    );
    const hidden = await emitAck(h, 'message.hide', {
      roomId: sessionRoomId,
      messageId: message.id,
      reason: 'Unverified source',
    });
    expect(hidden.ok).toBe(true);
    const delivered = await live;
    expect(delivered.data).toMatchObject({
      action: 'hide',
      reason: 'Unverified source',
      roomId: sessionRoomId,
      messageId: message.id,
      sessionTitle: 'Roundtable after the attack',
    });
    expect(delivered.text).toContain('A moderator hid your message');
    expect(delivered.text).not.toContain('Hanna');
    const muted = await emitAck(h, 'member.mute', {
      roomId: lobbyId,
      practitionerId: alice.id,
      minutes: 5,
      reason: 'Flooding',
    });
    expect(muted.ok).toBe(true);

    const inbox = await http('GET', '/api/notifications', { token: alice.token });
    const outcomes = inbox.body.items.filter(
      (n: { kind: string }) => n.kind === 'moderation-outcome',
    );
    expect(outcomes.map((n: { data: { action: string } }) => n.data.action)).toEqual([
      'mute',
      'hide',
    ]);
    expect(outcomes[0].data).toMatchObject({ roomId: lobbyId, reason: 'Flooding' });
    expect(outcomes[0].data.until).toEqual(expect.any(String));
    // Nobody else hears about it, the moderator included.
    for (const other of [host, bob]) {
      const theirs = await http('GET', '/api/notifications', { token: other.token });
      expect(theirs.body.items.some((n: { kind: string }) => n.kind === 'moderation-outcome')).toBe(
        false,
      );
    }

    // A member who switched the kind off is not notified.
    const off = await http('PUT', '/api/notifications/preferences', {
      token: alice.token,
      body: { disable: ['moderation-outcome'] },
    });
    expect(off.status).toBe(200);
    expect(
      (
        await emitAck(h, 'member.unmute', {
          roomId: lobbyId,
          practitionerId: alice.id,
          reason: 'Calmer now',
        })
      ).ok,
    ).toBe(true);
    const after = await http('GET', '/api/notifications', { token: alice.token });
    expect(
      after.body.items.filter((n: { kind: string }) => n.kind === 'moderation-outcome'),
    ).toHaveLength(2);
  });

  it('lets neither participants nor observers moderate', async () => {
    const { lobbyId, host, alice, bob, observer } = await cast();
    const h = await joined(host, lobbyId);
    const b = await joined(bob, lobbyId);
    const o = await joined(observer, lobbyId);
    const a = await joined(alice, lobbyId);
    const message = await say(h, lobbyId, 'Welcome, everyone');
    const joinedAsParticipant = await emitAck<RoomJoined>(b, 'room.join', { roomId: lobbyId });
    expect(joinedAsParticipant).toMatchObject({ ok: true, data: { canModerate: false } });

    const aliceHears = collect(a, 'message.deleted');
    for (const [socket, who] of [
      [b, 'participant'],
      [o, 'observer'],
    ] as const) {
      const attempts: Array<[string, Record<string, unknown>]> = [
        ['message.hide', { roomId: lobbyId, messageId: message.id, reason: `${who} hides` }],
        ['message.restore', { roomId: lobbyId, messageId: message.id, reason: `${who} restores` }],
        ['member.mute', { roomId: lobbyId, practitionerId: alice.id, minutes: 5, reason: 'mine' }],
        ['member.unmute', { roomId: lobbyId, practitionerId: alice.id, reason: 'mine' }],
        ['member.remove', { roomId: lobbyId, practitionerId: alice.id, reason: 'mine' }],
      ];
      for (const [event, payload] of attempts) {
        const ack = await emitAck(socket, event, payload);
        expect({ who, event, ack }).toMatchObject({
          who,
          event,
          ack: { ok: false, error: { code: 'FORBIDDEN' } },
        });
      }
    }
    const log = await http('GET', `/api/rooms/${lobbyId}/moderation-actions`, { token: bob.token });
    expect(log.status).toBe(403);
    const hostLog = await http('GET', `/api/rooms/${lobbyId}/moderation-actions`, {
      token: host.token,
    });
    expect(hostLog.body).toEqual([]);
    // Nothing happened: Alice can still send, the message is still visible.
    expect((await say(a, lobbyId, 'Still free to talk')).body).toBe('Still free to talk');
    const history = await http('GET', `/api/rooms/${lobbyId}/messages`, { token: bob.token });
    expect(history.body.find((m: MessageView) => m.id === message.id)).toMatchObject({
      body: 'Welcome, everyone',
      deleted: false,
    });
    expect(aliceHears).toEqual([]);
  });
});
