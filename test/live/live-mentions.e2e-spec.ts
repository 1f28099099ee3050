// @mentions in live rooms: a mention notifies exactly the people named who can see the room —
// participants and observers alike, never an outsider or someone removed from the room, never
// the author, never someone who switched mentions off — live and in the inbox, once per
// message however often it is retried or edited. Labels are rewritten to the real names.
import { randomBytes } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import {
  mentionToken,
  type MessageView,
  type NotificationView,
  type PersonSummary,
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

const clientMessageId = () => `mention-${randomBytes(6).toString('hex')}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('live rooms: mentions', () => {
  let t: TestApp;
  let http: Http;
  let host: TestPerson;
  let author: TestPerson;
  let named: TestPerson;
  let observer: TestPerson;
  let outsider: TestPerson;
  let removed: TestPerson;
  let quiet: TestPerson;
  let exchangeId: string;
  let lobbyId: string;
  const sockets: Socket[] = [];

  const open = async (person: TestPerson): Promise<Socket> => {
    const socket = connectLive(t.baseUrl, person.token);
    sockets.push(socket);
    await connected(socket);
    return socket;
  };
  const mentionsOf = async (person: TestPerson): Promise<NotificationView[]> => {
    const res = await http('GET', '/api/notifications?limit=100', { token: person.token });
    expect(res.status).toBe(200);
    return (res.body.items as NotificationView[]).filter((n) => n.kind === 'mention');
  };
  const addMember = async (person: TestPerson, role: 'participant' | 'observer') => {
    const res = await http('POST', `/api/exchanges/${exchangeId}/members`, {
      token: host.token,
      body: { practitionerId: person.id, role },
    });
    expect(res.status).toBe(201);
  };
  const send = async (socket: Socket, body: string, id = clientMessageId()) => {
    const ack = await emitAck<MessageView>(socket, 'message.send', {
      roomId: lobbyId,
      clientMessageId: id,
      body,
    });
    if (!ack.ok) throw new Error(JSON.stringify(ack.error));
    return ack.data;
  };
  const token = (person: TestPerson, label = person.displayName) =>
    mentionToken({ id: person.id, displayName: label });

  beforeAll(async () => {
    t = await startTestApp({ LIVE_SEND_PER_SECOND: '100', LIVE_SEND_BURST: '100' });
    http = httpClient(t.baseUrl);
    host = await createPerson(t.dataSource, http, { role: 'coordinator' });
    author = await createPerson(t.dataSource, http, { displayName: 'Rosa Delgado' });
    named = await createPerson(t.dataSource, http, { displayName: 'Ahmed [the] Mayor*' });
    observer = await createPerson(t.dataSource, http, { displayName: 'Olga Observer' });
    outsider = await createPerson(t.dataSource, http, { displayName: 'Otto Outsider' });
    removed = await createPerson(t.dataSource, http, { displayName: 'Remy Removed' });
    quiet = await createPerson(t.dataSource, http, { displayName: 'Quinn Quiet' });
    const city = await createCity(t.dataSource);
    const exchange = await http('POST', '/api/exchanges', {
      token: host.token,
      body: { title: 'Mentions exchange', cityIds: [city.id], attribution: 'named' },
    });
    expect(exchange.status).toBe(201);
    exchangeId = exchange.body.id;
    for (const person of [author, named, removed, quiet]) await addMember(person, 'participant');
    await addMember(observer, 'observer');
    const rooms = await http('GET', `/api/exchanges/${exchangeId}/rooms`, { token: host.token });
    lobbyId = rooms.body.find((r: { kind: string }) => r.kind === 'lobby').id;
    const hostSocket = await open(host);
    const removal = await emitAck(hostSocket, 'member.remove', {
      roomId: lobbyId,
      practitionerId: removed.id,
      reason: 'Spam in the lobby',
    });
    expect(removal.ok).toBe(true);
    const off = await http('PUT', '/api/notifications/preferences', {
      token: quiet.token,
      body: { disable: ['mention'] },
    });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ mention: false });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(() => t.close());

  it('is on by default, like every kind', async () => {
    const prefs = await http('GET', '/api/notifications/preferences', { token: author.token });
    expect(prefs.body).toMatchObject({ mention: true });
  });

  it('notifies exactly the people named who can see the room, live and in the inbox, and rewrites the labels', async () => {
    const listeners = {
      named: collect<NotificationView>(await open(named), 'notification.created'),
      observer: collect<NotificationView>(await open(observer), 'notification.created'),
      outsider: collect<NotificationView>(await open(outsider), 'notification.created'),
      removed: collect<NotificationView>(await open(removed), 'notification.created'),
      quiet: collect<NotificationView>(await open(quiet), 'notification.created'),
      author: collect<NotificationView>(await open(author), 'notification.created'),
    };
    const socket = await open(author);
    const message = await send(
      socket,
      `Thanks ${token(named, 'Someone Else')} and ${token(observer)}! ` +
        `Also ${token(outsider)}, ${token(removed)}, ${token(quiet)} and me ${token(author)}.`,
    );
    // The label says who it really is; those who cannot see the room are plain text.
    expect(message.body).toBe(
      `Thanks ${token(named)} and ${token(observer)}! ` +
        `Also @Otto Outsider, @Remy Removed, ${token(quiet)} and me ${token(author)}.`,
    );
    await eventually(
      () => listeners.named.length === 1 && listeners.observer.length === 1,
      5000,
      'the mention notifications',
    );
    await sleep(300);
    expect(listeners.named).toEqual([
      expect.objectContaining({
        kind: 'mention',
        data: expect.objectContaining({
          roomId: lobbyId,
          messageId: message.id,
          seq: message.seq,
          authorId: author.id,
          authorName: 'Rosa Delgado',
          exchangeId,
          exchangeTitle: 'Mentions exchange',
        }),
      }),
    ]);
    expect(listeners.named[0]!.text).toBe(
      'Rosa Delgado mentioned you in the lobby of "Mentions exchange".',
    );
    expect(listeners.observer).toHaveLength(1);
    expect(listeners.outsider).toEqual([]);
    expect(listeners.removed.filter((n) => n.kind === 'mention')).toEqual([]);
    expect(listeners.quiet).toEqual([]);
    expect(listeners.author).toEqual([]);
    // And in the inbox, the same ones.
    expect(await mentionsOf(named)).toEqual([listeners.named[0]]);
    expect(await mentionsOf(observer)).toHaveLength(1);
    for (const person of [outsider, removed, quiet, author])
      expect([person.displayName, await mentionsOf(person)]).toEqual([person.displayName, []]);
  });

  it('notifies once per message: a retry and an edit tell only who was not told yet', async () => {
    const late = await createPerson(t.dataSource, http, { displayName: 'Lena Late' });
    await addMember(late, 'participant');
    const socket = await open(author);
    const id = clientMessageId();
    const first = await send(socket, `Question for ${token(named)}`, id);
    const retried = await send(socket, `Question for ${token(named)}`, id);
    expect(retried.id).toBe(first.id);
    const heardByLate = nextEvent<NotificationView>(await open(late), 'notification.created');
    const edited = await emitAck<MessageView>(socket, 'message.edit', {
      roomId: lobbyId,
      messageId: first.id,
      body: `Question for ${token(named)} and ${token(late)}`,
    });
    expect(edited.ok).toBe(true);
    expect(await heardByLate).toMatchObject({ kind: 'mention', data: { messageId: first.id } });
    await sleep(300);
    const forNamed = (await mentionsOf(named)).filter((n) => n.data.messageId === first.id);
    expect(forNamed).toHaveLength(1);
    expect((await mentionsOf(late)).filter((n) => n.data.messageId === first.id)).toHaveLength(1);
  });

  it('does not treat a mention inside code as one', async () => {
    const socket = await open(author);
    const before = (await mentionsOf(named)).length;
    const message = await send(
      socket,
      `Write it as \`${token(named)}\`:\n\n\`\`\`\n${token(named)}\n\`\`\``,
    );
    await sleep(500);
    expect(await mentionsOf(named)).toHaveLength(before);
    // Code is kept as written.
    expect(message.body).toContain(`\`${token(named)}\``);
  });

  it('offers completion among the people who can see the room, by part of their name', async () => {
    const all = await http<PersonSummary[]>('GET', `/api/rooms/${lobbyId}/mentionable`, {
      token: author.token,
    });
    expect(all.status).toBe(200);
    const names = all.body.map((p) => p.displayName);
    expect(names).toEqual(expect.arrayContaining(['Olga Observer', 'Ahmed [the] Mayor*']));
    expect(names).not.toContain('Rosa Delgado'); // not yourself
    expect(names).not.toContain('Otto Outsider');
    expect(names).not.toContain('Remy Removed');
    const some = await http<PersonSummary[]>(
      'GET',
      `/api/rooms/${lobbyId}/mentionable?q=${encodeURIComponent('olg')}`,
      { token: author.token },
    );
    expect(some.body.map((p) => p.displayName)).toEqual(['Olga Observer']);
    // A wildcard is a character, not a pattern.
    const percent = await http<PersonSummary[]>('GET', `/api/rooms/${lobbyId}/mentionable?q=%25`, {
      token: author.token,
    });
    expect(percent.body).toEqual([]);
    const outside = await http('GET', `/api/rooms/${lobbyId}/mentionable`, {
      token: outsider.token,
    });
    expect(outside.status).toBe(404);
  });

  it('refuses a body that mentioned names would push over the limit, storing nothing', async () => {
    const socket = await open(author);
    const long = `${token(named, 'A')} ${'x'.repeat(4000 - token(named, 'A').length - 1)}`;
    expect(long.length).toBe(4000);
    const ack = await emitAck(socket, 'message.send', {
      roomId: lobbyId,
      clientMessageId: clientMessageId(),
      body: long,
    });
    expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
});
