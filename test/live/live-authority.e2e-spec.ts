// A socket holds authority only while its person still does (RELIABILITY.md, "Authority on open
// sockets"): a password change, a sign-out, a replayed refresh token and an erasure drop the
// person's sockets before they are answered; a change of exchange role, mute or removal
// re-derives what the open sockets hear and may do. And the moderation rules that go with it:
// hidden messages stay as evidence, every action on a member checks its target, removals can be
// lifted, hosts do not moderate hosts, and every connection spends from a budget.
import { randomBytes } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import type { MessageDeleted, MessageView, RoomRemoved } from '#libs/contracts';
import {
  createCity,
  createPerson,
  FACTORY_PASSWORD,
  type TestPerson,
} from '../factories/accounts.js';
import { signIn } from '../identity/identity-helpers.js';
import { httpClient, refreshCookieOf, type Http } from '../support/http.js';
import { collect, connectLive, connected, emitAck, nextEvent } from '../support/live-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const clientId = () => `auth-${randomBytes(8).toString('hex')}`;

describe('live rooms: a socket holds authority only while its person does', () => {
  let t: TestApp;
  let http: Http;
  let coordinator: TestPerson;
  let cityId: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp({
      SIGNIN_MAX_FAILURES_PER_ADDRESS: '1000',
      LIVE_MAX_CONNECTIONS_PER_PERSON: '3',
    });
    http = httpClient(t.baseUrl);
    coordinator = await createPerson(t.dataSource, http, { role: 'coordinator' });
    cityId = (await createCity(t.dataSource, { name: 'Aarhus', countryCode: 'DK' })).id;
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(() => t.close());

  /** An exchange with `people` as members (host is the coordinator) and its lobby's id. */
  async function lobbyWith(
    people: Array<[TestPerson, 'host' | 'participant' | 'observer']>,
  ): Promise<{ exchangeId: string; lobbyId: string }> {
    const exchange = await http('POST', '/api/exchanges', {
      token: coordinator.token,
      body: {
        title: `Authority ${randomBytes(3).toString('hex')}`,
        cityIds: [cityId],
        attribution: 'named',
      },
    });
    expect(exchange.status).toBe(201);
    for (const [person, role] of people) {
      const added = await http('POST', `/api/exchanges/${exchange.body.id}/members`, {
        token: coordinator.token,
        body: { practitionerId: person.id, role },
      });
      expect(added.status).toBe(201);
    }
    const rooms = await http('GET', `/api/exchanges/${exchange.body.id}/rooms`, {
      token: coordinator.token,
    });
    return { exchangeId: exchange.body.id, lobbyId: rooms.body[0].id };
  }

  async function joined(token: string, roomId: string): Promise<Socket> {
    const socket = connectLive(t.baseUrl, token);
    sockets.push(socket);
    await connected(socket);
    expect(await emitAck(socket, 'room.join', { roomId })).toMatchObject({ ok: true });
    return socket;
  }

  const say = async (socket: Socket, roomId: string, body: string): Promise<MessageView> => {
    const ack = await emitAck<MessageView>(socket, 'message.send', {
      roomId,
      clientMessageId: clientId(),
      body,
    });
    if (!ack.ok) throw new Error(`send failed: ${ack.error.code}`);
    return ack.data;
  };

  const droppedBy = (socket: Socket) =>
    new Promise<string>((resolve) => socket.once('disconnect', resolve));

  describe('credentials', () => {
    it('a password change drops every open socket before it is answered; the old token cannot reconnect', async () => {
      const alice = await createPerson(t.dataSource, http);
      const bob = await createPerson(t.dataSource, http);
      const { lobbyId } = await lobbyWith([
        [alice, 'participant'],
        [bob, 'participant'],
      ]);
      const tab1 = await joined(alice.token, lobbyId);
      const tab2 = await joined(alice.token, lobbyId);
      const heard = collect<MessageView>(tab1, 'message.created');
      const heard2 = collect<MessageView>(tab2, 'message.created');
      const drops = [droppedBy(tab1), droppedBy(tab2)];
      const b = await joined(bob.token, lobbyId);

      const changed = await http('POST', '/api/me/password', {
        token: alice.token,
        body: { currentPassword: FACTORY_PASSWORD, newPassword: 'a new passphrase for alice' },
      });
      expect(changed.status).toBe(200);
      // Dropped by the time the change was answered (the disconnect packet is already on its way).
      expect(await Promise.all(drops)).toEqual(['io server disconnect', 'io server disconnect']);
      await say(b, lobbyId, 'After the password change');
      await sleep(200);
      expect([...heard, ...heard2]).toEqual([]);

      await expect(connected(connectLive(t.baseUrl, alice.token))).rejects.toMatchObject({
        data: { code: 'UNAUTHENTICATED' },
      });
      // The new token works.
      const fresh = await joined(changed.body.accessToken, lobbyId);
      expect(fresh.connected).toBe(true);
    });

    it('signing out ends that session: its sockets drop and its access token stops working on REST', async () => {
      const alice = await createPerson(t.dataSource, http);
      const { lobbyId } = await lobbyWith([[alice, 'participant']]);
      const laptop = await signIn(http, alice.email, FACTORY_PASSWORD);
      const phone = await signIn(http, alice.email, FACTORY_PASSWORD);
      const onLaptop = await joined(laptop.accessToken, lobbyId);
      const onPhone = await joined(phone.accessToken, lobbyId);
      const laptopDropped = droppedBy(onLaptop);

      const out = await http('POST', '/api/auth/sign-out', { cookie: laptop.cookie });
      expect(out.status).toBe(204);
      expect(await laptopDropped).toBe('io server disconnect');
      expect((await http('GET', '/api/me', { token: laptop.accessToken })).status).toBe(401);
      // The other session carries on, socket and token alike.
      expect(onPhone.connected).toBe(true);
      expect(await emitAck(onPhone, 'typing', { roomId: lobbyId })).toMatchObject({ ok: true });
      expect((await http('GET', '/api/me', { token: phone.accessToken })).status).toBe(200);
    });

    it('a replayed refresh token ends its whole session, sockets included', async () => {
      const alice = await createPerson(t.dataSource, http);
      const { lobbyId } = await lobbyWith([[alice, 'participant']]);
      const session = await signIn(http, alice.email, FACTORY_PASSWORD);
      const socket = await joined(session.accessToken, lobbyId);
      const dropped = droppedBy(socket);
      const rotated = await http('POST', '/api/auth/refresh', { cookie: session.cookie });
      expect(rotated.status).toBe(200);
      expect(refreshCookieOf(rotated)).toBeDefined();

      const replay = await http('POST', '/api/auth/refresh', { cookie: session.cookie });
      expect(replay.body.code).toBe('REFRESH_TOKEN_REUSED');
      expect(await dropped).toBe('io server disconnect');
      expect((await http('GET', '/api/me', { token: rotated.body.accessToken })).status).toBe(401);
    });

    it('erasing the account drops its sockets', async () => {
      const alice = await createPerson(t.dataSource, http);
      const { lobbyId } = await lobbyWith([[alice, 'participant']]);
      const socket = await joined(alice.token, lobbyId);
      const dropped = droppedBy(socket);
      const erased = await http('DELETE', '/api/me', {
        token: alice.token,
        body: { password: FACTORY_PASSWORD },
      });
      expect(erased.status).toBe(204);
      expect(await dropped).toBe('io server disconnect');
    });
  });

  describe('roles, mutes and removals', () => {
    it('a host re-roled to participant stops hearing the moderators’ version at once', async () => {
      const host = await createPerson(t.dataSource, http);
      const alice = await createPerson(t.dataSource, http);
      const { exchangeId, lobbyId } = await lobbyWith([
        [host, 'host'],
        [alice, 'participant'],
      ]);
      const h = await joined(host.token, lobbyId);
      const a = await joined(alice.token, lobbyId);
      const c = await joined(coordinator.token, lobbyId);
      const first = await say(a, lobbyId, 'Heard by the host as a moderator');
      const asModerator = nextEvent<MessageView>(h, 'message.updated', (m) => m.id === first.id);
      expect(
        await emitAck(c, 'message.hide', {
          roomId: lobbyId,
          messageId: first.id,
          reason: 'Test one',
        }),
      ).toMatchObject({ ok: true });
      expect(await asModerator).toMatchObject({ hidden: { reason: 'Test one' } });

      const demoted = await http('PATCH', `/api/exchanges/${exchangeId}/members/${host.id}`, {
        token: coordinator.token,
        body: { role: 'participant' },
      });
      expect(demoted.status).toBe(200);
      const updates = collect<MessageView>(h, 'message.updated');
      const second = await say(a, lobbyId, 'Said after the demotion');
      const tombstone = nextEvent<MessageDeleted>(h, 'message.deleted', (d) => d.id === second.id);
      expect(
        await emitAck(c, 'message.hide', {
          roomId: lobbyId,
          messageId: second.id,
          reason: 'Test two',
        }),
      ).toMatchObject({ ok: true });
      expect(await tombstone).toMatchObject({ reason: 'hidden' });
      await sleep(200);
      expect(JSON.stringify(updates)).not.toContain('Test two');
      expect(JSON.stringify(updates)).not.toContain('Said after the demotion');
      // And moderation itself is refused on that socket.
      expect(
        await emitAck(h, 'message.restore', {
          roomId: lobbyId,
          messageId: second.id,
          reason: 'Undo it',
        }),
      ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    });

    it('a participant re-roled to observer, or muted, no longer shows as typing', async () => {
      const alice = await createPerson(t.dataSource, http);
      const bob = await createPerson(t.dataSource, http);
      const { exchangeId, lobbyId } = await lobbyWith([
        [alice, 'participant'],
        [bob, 'participant'],
      ]);
      const a = await joined(alice.token, lobbyId);
      const c = await joined(coordinator.token, lobbyId);
      expect(await emitAck(a, 'typing', { roomId: lobbyId })).toMatchObject({ ok: true });

      const muted = await emitAck(c, 'member.mute', {
        roomId: lobbyId,
        practitionerId: alice.id,
        minutes: 5,
        reason: 'Cooling down',
      });
      expect(muted).toMatchObject({ ok: true });
      expect(await emitAck(a, 'typing', { roomId: lobbyId })).toMatchObject({
        ok: false,
        error: { code: 'MUTED' },
      });
      expect(
        await emitAck(c, 'member.unmute', {
          roomId: lobbyId,
          practitionerId: alice.id,
          reason: 'Calm now',
        }),
      ).toMatchObject({ ok: true });
      await sleep(1100); // typing passes at most once a second
      expect(await emitAck(a, 'typing', { roomId: lobbyId })).toMatchObject({ ok: true });

      const observer = await http('PATCH', `/api/exchanges/${exchangeId}/members/${alice.id}`, {
        token: coordinator.token,
        body: { role: 'observer' },
      });
      expect(observer.status).toBe(200);
      const b = await joined(bob.token, lobbyId);
      const typingSeen = collect(b, 'typing');
      expect(await emitAck(a, 'typing', { roomId: lobbyId })).toMatchObject({
        ok: false,
        error: { code: 'ROOM_READ_ONLY' },
      });
      await sleep(200);
      expect(typingSeen).toEqual([]);
    });

    it('a room removal can be lifted, is cleared by re-adding to the exchange, and hosts cannot remove hosts', async () => {
      const host = await createPerson(t.dataSource, http);
      const cohost = await createPerson(t.dataSource, http);
      const alice = await createPerson(t.dataSource, http);
      const { exchangeId, lobbyId } = await lobbyWith([
        [host, 'host'],
        [cohost, 'host'],
        [alice, 'participant'],
      ]);
      const h = await joined(host.token, lobbyId);
      const a = await joined(alice.token, lobbyId);
      const removed = nextEvent<RoomRemoved>(a, 'room.removed');
      expect(
        await emitAck(h, 'member.remove', {
          roomId: lobbyId,
          practitionerId: alice.id,
          reason: 'Disruptive',
        }),
      ).toMatchObject({ ok: true });
      expect(await removed).toEqual({ roomId: lobbyId, reason: 'Disruptive' });
      expect(await emitAck(a, 'room.join', { roomId: lobbyId })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      const restrictions = await http('GET', `/api/rooms/${lobbyId}/restrictions`, {
        token: host.token,
      });
      expect(
        restrictions.body.removals.map((r: { person: { id: string } }) => r.person.id),
      ).toEqual([alice.id]);

      // Lifted: she may join again.
      expect(
        await emitAck(h, 'member.readmit', {
          roomId: lobbyId,
          practitionerId: alice.id,
          reason: 'Apologised',
        }),
      ).toMatchObject({ ok: true });
      expect(await emitAck(a, 'room.join', { roomId: lobbyId })).toMatchObject({ ok: true });
      expect(
        await emitAck(h, 'member.readmit', {
          roomId: lobbyId,
          practitionerId: alice.id,
          reason: 'Again',
        }),
      ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

      // Removed again, then taken out of the exchange and added back: the removal is gone.
      expect(
        await emitAck(h, 'member.remove', {
          roomId: lobbyId,
          practitionerId: alice.id,
          reason: 'Once more',
        }),
      ).toMatchObject({ ok: true });
      expect(
        (
          await http('DELETE', `/api/exchanges/${exchangeId}/members/${alice.id}`, {
            token: host.token,
            body: { reason: 'Out for now' },
          })
        ).status,
      ).toBe(204);
      expect(
        (
          await http('POST', `/api/exchanges/${exchangeId}/members`, {
            token: host.token,
            body: { practitionerId: alice.id, role: 'participant' },
          })
        ).status,
      ).toBe(201);
      expect(await emitAck(a, 'room.join', { roomId: lobbyId })).toMatchObject({ ok: true });

      // A host does not remove or mute a co-host; a coordinator may.
      for (const [event, extra] of [
        ['member.remove', {}],
        ['member.mute', { minutes: 5 }],
      ] as const) {
        expect(
          await emitAck(h, event, {
            roomId: lobbyId,
            practitionerId: cohost.id,
            reason: 'Power grab',
            ...extra,
          }),
        ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
      const c = await joined(coordinator.token, lobbyId);
      expect(
        await emitAck(c, 'member.mute', {
          roomId: lobbyId,
          practitionerId: cohost.id,
          minutes: 5,
          reason: 'Calm down',
        }),
      ).toMatchObject({ ok: true });
    });

    it('every action on a member checks its target like mute does: no notification to an outsider, no INTERNAL', async () => {
      const alice = await createPerson(t.dataSource, http);
      const outsider = await createPerson(t.dataSource, http);
      const { lobbyId } = await lobbyWith([[alice, 'participant']]);
      const c = await joined(coordinator.token, lobbyId);
      for (const event of ['member.mute', 'member.unmute', 'member.remove', 'member.readmit']) {
        for (const practitionerId of [outsider.id, '00000000-0000-4000-8000-000000000000']) {
          const ack = await emitAck(c, event, {
            roomId: lobbyId,
            practitionerId,
            reason: 'Free text to a stranger',
            ...(event === 'member.mute' ? { minutes: 5 } : {}),
          });
          expect([event, ack]).toEqual([
            event,
            { ok: false, error: { code: 'VALIDATION_FAILED', message: expect.any(String) } },
          ]);
        }
      }
      const inbox = await http('GET', '/api/notifications', { token: outsider.token });
      expect(inbox.body.items).toEqual([]);
      const log = await http('GET', `/api/rooms/${lobbyId}/moderation-actions`, {
        token: coordinator.token,
      });
      expect(log.body).toEqual([]);
    });
  });

  describe('hidden messages stay as evidence; read-only and mute rules apply to deletes', () => {
    it('the author of a hidden message cannot delete it, and moderators still read it', async () => {
      const alice = await createPerson(t.dataSource, http);
      const { lobbyId } = await lobbyWith([[alice, 'participant']]);
      const a = await joined(alice.token, lobbyId);
      const c = await joined(coordinator.token, lobbyId);
      const message = await say(a, lobbyId, 'Evidence of a threat');
      expect(
        await emitAck(c, 'message.hide', {
          roomId: lobbyId,
          messageId: message.id,
          reason: 'A threat',
        }),
      ).toMatchObject({ ok: true });
      expect(
        await emitAck(a, 'message.delete', { roomId: lobbyId, messageId: message.id }),
      ).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      });
      const forModerator = await http('GET', `/api/rooms/${lobbyId}/messages`, {
        token: coordinator.token,
      });
      expect(forModerator.body[0]).toMatchObject({ body: 'Evidence of a threat', deleted: false });
    });

    it('a muted member cannot delete, nor can anyone in a read-only room', async () => {
      const alice = await createPerson(t.dataSource, http);
      const { exchangeId, lobbyId } = await lobbyWith([[alice, 'participant']]);
      const a = await joined(alice.token, lobbyId);
      const c = await joined(coordinator.token, lobbyId);
      const first = await say(a, lobbyId, 'One');
      const second = await say(a, lobbyId, 'Two');
      expect(
        await emitAck(c, 'member.mute', {
          roomId: lobbyId,
          practitionerId: alice.id,
          minutes: 5,
          reason: 'Pause',
        }),
      ).toMatchObject({ ok: true });
      expect(
        await emitAck(a, 'message.delete', { roomId: lobbyId, messageId: first.id }),
      ).toMatchObject({
        ok: false,
        error: { code: 'MUTED' },
      });
      expect(
        await emitAck(c, 'member.unmute', {
          roomId: lobbyId,
          practitionerId: alice.id,
          reason: 'Go on',
        }),
      ).toMatchObject({ ok: true });
      const concluded = await http('PATCH', `/api/exchanges/${exchangeId}`, {
        token: coordinator.token,
        body: { status: 'concluded' },
      });
      expect(concluded.status).toBe(200);
      expect(
        await emitAck(a, 'message.delete', { roomId: lobbyId, messageId: second.id }),
      ).toMatchObject({
        ok: false,
        error: { code: 'ROOM_READ_ONLY' },
      });
      const history = await http('GET', `/api/rooms/${lobbyId}/messages`, { token: alice.token });
      expect(history.body.map((m: MessageView) => [m.body, m.deleted])).toEqual([
        ['Two', false],
        ['One', false],
      ]);
    });
  });

  describe('budgets', () => {
    it('a flood of joins on one connection is refused with RATE_LIMITED beyond its budget; the socket stays', async () => {
      const alice = await createPerson(t.dataSource, http);
      const { lobbyId } = await lobbyWith([[alice, 'participant']]);
      const socket = connectLive(t.baseUrl, alice.token);
      sockets.push(socket);
      await connected(socket);
      const acks = await Promise.all(
        Array.from({ length: 200 }, () =>
          emitAck(socket, 'room.join', { roomId: lobbyId }, 20_000),
        ),
      );
      const codes = acks.map((a) => (a.ok ? 'ok' : a.error.code));
      // 60 points per 10 s and a join costs 5: 12 pass, the rest wait their turn elsewhere.
      expect(codes.filter((c) => c === 'ok').length).toBeLessThanOrEqual(12 + 6);
      expect(codes.filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(180);
      expect(new Set(codes)).toEqual(new Set(['ok', 'RATE_LIMITED']));
      expect(socket.connected).toBe(true);
      // A flood of typing too.
      const typing = await Promise.all(
        Array.from({ length: 300 }, () => emitAck(socket, 'typing', { roomId: lobbyId }, 20_000)),
      );
      expect(typing.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED').length).toBeGreaterThan(
        200,
      );
      expect((await http('GET', '/health')).status).toBe(200);
    });

    it('one person may hold only so many connections (3 here): the next is refused with TOO_MANY_CONNECTIONS', async () => {
      const alice = await createPerson(t.dataSource, http);
      const open = () => {
        const socket = connectLive(t.baseUrl, alice.token);
        sockets.push(socket);
        return socket;
      };
      const first = [open(), open(), open()];
      await Promise.all(first.map((s) => connected(s)));
      await expect(connected(open())).rejects.toMatchObject({
        data: { code: 'TOO_MANY_CONNECTIONS' },
      });
      // Closing one makes room for another.
      first[0]!.disconnect();
      await sleep(200);
      await connected(open());
    });
  });
});
