// The demo network a newcomer meets on first start, and the README's table of demo accounts.
import { readFileSync } from 'node:fs';
import type { MessageView, QueuePage, RoomView, ThreadPage, ThreadSummary } from '#libs/contracts';
import {
  DEMO_EXCHANGES,
  DEMO_PASSWORDS,
  DROP_IN,
  type DropInSession,
  prepareDemoNetwork,
  seedDemoNetworkIfEmpty,
} from '../apps/api/src/seed/demo-network.js';
import { FLAGGED_DEMO_POST } from '../apps/api/src/seed/demo-threads.js';
import { httpClient, type Http } from './support/http.js';
import { connected, connectLive, emitAck, nextEvent } from './support/live-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

function readmeAccounts(): Array<{ role: string; email: string; password: string }> {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const header = readme
    .split('\n')
    .findIndex((line) => /^\|\s*role\s*\|\s*email\s*\|\s*password\s*\|/.test(line));
  expect(header).toBeGreaterThan(-1);
  const rows: Array<{ role: string; email: string; password: string }> = [];
  for (const line of readme.split('\n').slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const [role, email, password] = line
      .split('|')
      .slice(1, 4)
      .map((cell) => cell.trim());
    rows.push({ role: role!, email: email!, password: password! });
  }
  return rows;
}

async function signIn(http: Http, email: string): Promise<string> {
  const res = await http('POST', '/api/auth/sign-in', {
    body: { email, password: DEMO_PASSWORDS.member },
  });
  expect(res.status).toBe(200);
  return res.body.accessToken as string;
}

/** The drop-in's room as a member sees it in the exchange's room list. */
async function dropInRoom(http: Http, token: string, dropIn: DropInSession): Promise<RoomView> {
  const rooms = await http('GET', `/api/exchanges/${dropIn.exchangeId}/rooms`, { token });
  expect(rooms.status).toBe(200);
  const room = (rooms.body as RoomView[]).find((r) => r.sessionId === dropIn.sessionId);
  expect(room).toBeDefined();
  return room!;
}

async function exchangeIds(http: Http, token: string): Promise<string[]> {
  const res = await http('GET', '/api/exchanges?limit=50', { token });
  return (res.body.items as Array<{ id: string }>).map((e) => e.id);
}

describe('demo network', () => {
  let t: TestApp;
  let http: Http;
  let dropIn: DropInSession;

  beforeAll(async () => {
    t = await startTestApp({}, { keepDatabase: true });
    http = httpClient(t.baseUrl);
    // What `npm start` does on an empty embedded database.
    const start = await prepareDemoNetwork(t.app, { seed: true });
    expect(start.seeded).toBe(true);
    expect(start.dropIn).not.toBeNull();
    dropIn = start.dropIn!;
  });
  afterAll(async () => {
    await t.close();
    await t.database.drop();
  });

  it('seeds only once', async () => {
    expect(await seedDemoNetworkIfEmpty(t.app)).toBe(false);
  });

  it('has cities on both sides of the Atlantic, in several countries and US states', async () => {
    const [counts] = await t.dataSource.query(`
      SELECT count(*)::int AS cities,
             count(*) FILTER (WHERE region = 'europe')::int AS europe,
             count(*) FILTER (WHERE region = 'north-america')::int AS america,
             count(DISTINCT country_code) FILTER (WHERE region = 'europe')::int AS countries,
             count(DISTINCT subdivision) FILTER (WHERE country_code = 'US')::int AS states
        FROM cities`);
    expect(counts.cities).toBeGreaterThanOrEqual(10);
    expect(counts.europe).toBeGreaterThanOrEqual(4);
    expect(counts.america).toBeGreaterThanOrEqual(4);
    expect(counts.countries).toBeGreaterThanOrEqual(4);
    expect(counts.states).toBeGreaterThanOrEqual(3);
  });

  it('has 20+ practitioners across positions, one coordinator and one admin', async () => {
    const [counts] = await t.dataSource.query(`
      SELECT count(*)::int AS people,
             count(DISTINCT position)::int AS positions,
             count(*) FILTER (WHERE network_role = 'coordinator')::int AS coordinators,
             count(*) FILTER (WHERE network_role = 'admin')::int AS admins
        FROM practitioners`);
    expect(counts.people).toBeGreaterThanOrEqual(20);
    expect(counts.positions).toBeGreaterThanOrEqual(5);
    expect(counts.coordinators).toBe(1);
    expect(counts.admins).toBe(1);
  });

  it('has a named and a Chatham House exchange with hosts, participants, an observer, past and upcoming sessions', async () => {
    const exchanges = await t.dataSource.query(`
      SELECT e.attribution,
             (SELECT array_agg(DISTINCT role) FROM exchange_members m WHERE m.exchange_id = e.id) AS roles,
             (SELECT count(*) FROM sessions s WHERE s.exchange_id = e.id AND s.ends_at < now())::int AS past,
             (SELECT count(*) FROM sessions s WHERE s.exchange_id = e.id AND s.starts_at > now())::int AS upcoming,
             (SELECT count(DISTINCT c.region) FROM exchange_cities ec JOIN cities c ON c.id = ec.city_id WHERE ec.exchange_id = e.id)::int AS regions
        FROM exchanges e`);
    expect(new Set(exchanges.map((e: { attribution: string }) => e.attribution))).toEqual(
      new Set(['chatham-house', 'named']),
    );
    for (const exchange of exchanges) {
      expect([...exchange.roles].sort()).toEqual(['host', 'observer', 'participant']);
      expect(exchange.past).toBeGreaterThan(0);
      expect(exchange.upcoming).toBeGreaterThan(0);
      expect(exchange.regions).toBe(2);
    }
  });

  it('has a conversation in each lobby', async () => {
    const lobbies = await t.dataSource.query(`
      SELECT r.last_seq::int AS last_seq, count(m.id)::int AS messages
        FROM rooms r LEFT JOIN messages m ON m.room_id = r.id
       WHERE r.kind = 'lobby' GROUP BY r.id`);
    expect(lobbies).toHaveLength(DEMO_EXCHANGES.length);
    for (const lobby of lobbies) {
      expect(lobby.messages).toBeGreaterThanOrEqual(3);
      expect(lobby.last_seq).toBe(lobby.messages);
    }
  });

  it('has threads in the commons and in a named and a Chatham House exchange, in several languages, with nested replies, answered questions and lessons learned', async () => {
    const signedIn = await http('POST', '/api/auth/sign-in', {
      body: { email: 'coordinator@crossings.example', password: DEMO_PASSWORDS.coordinator },
    });
    const token = signedIn.body.accessToken as string;
    const threads: ThreadSummary[] = [];
    for (const query of [
      'commons=true',
      ...(await exchangeIds(http, token)).map((id) => `exchangeId=${id}`),
    ]) {
      const res = await http('GET', `/api/threads?${query}&limit=50`, { token });
      expect(res.status).toBe(200);
      threads.push(...(res.body.items as ThreadSummary[]));
    }
    const places = new Set(threads.map((th) => th.exchange?.attribution ?? 'commons'));
    expect([...places].sort()).toEqual(['chatham-house', 'commons', 'named']);
    expect(new Set(threads.map((th) => th.language)).size).toBeGreaterThanOrEqual(3);
    expect(threads.filter((th) => th.kind === 'lesson-learned').length).toBeGreaterThanOrEqual(2);
    const answered = threads.filter((th) => th.kind === 'question' && th.answered);
    expect(answered.length).toBeGreaterThanOrEqual(1);
    const pages = await Promise.all(
      threads.map(
        async (th) => (await http<ThreadPage>('GET', `/api/threads/${th.id}`, { token })).body,
      ),
    );
    expect(
      Math.max(...pages.flatMap((p) => p.posts.map((post) => post.depth))),
    ).toBeGreaterThanOrEqual(3);
    const postLanguages = new Set(pages.flatMap((p) => p.posts.map((post) => post.language)));
    expect([...postLanguages].sort()).toEqual(expect.arrayContaining(['de', 'en', 'fr', 'nl']));
    for (const page of pages) {
      // Counters as live posting keeps them.
      expect(page.thread.lastSeq).toBe(page.posts.length);
      expect(page.thread.replyCount).toBe(page.posts.length - 1);
    }
    // The mayor of Rotterdam has something new waiting on the home page.
    const mayor = await signIn(http, 'mayor.rotterdam@crossings.example');
    const home = await http('GET', '/api/me/home', { token: mayor });
    expect(home.body.sections.unreadThreads.total).toBeGreaterThan(0);
  });

  it('has a reported post waiting in the review queue of the coordinator and the exchange’s host, still shown', async () => {
    const coordinator = await http('POST', '/api/auth/sign-in', {
      body: { email: 'coordinator@crossings.example', password: DEMO_PASSWORDS.coordinator },
    });
    const host = await signIn(http, 'official.atlanta@crossings.example');
    for (const token of [coordinator.body.accessToken as string, host]) {
      const queue = await http<QueuePage>('GET', '/api/moderation/queue', { token });
      const item = queue.body.items.find((i) => i.body === FLAGGED_DEMO_POST);
      expect(item).toMatchObject({ subjectType: 'post', hidden: false });
      expect(item!.flags).toHaveLength(2);
      expect(new Set(item!.flags.map((f) => f.reporterId)).size).toBe(2);
    }
    const member = await signIn(http, 'mayor.rotterdam@crossings.example');
    expect((await http('GET', '/api/moderation/queue', { token: member })).status).toBe(403);
  });

  it('lets every account in the README table sign in with its listed role', async () => {
    const accounts = readmeAccounts();
    expect(accounts.length).toBeGreaterThanOrEqual(3);
    for (const account of accounts) {
      const res = await http('POST', '/api/auth/sign-in', {
        body: { email: account.email, password: account.password },
      });
      expect(res.status).toBe(200);
      expect(account.role.startsWith(res.body.me.networkRole)).toBe(true);
    }
  });

  it('gives every member (and the coordinator) an exchange with someone from across the Atlantic', async () => {
    const lonely = (await t.dataSource.query(`
      SELECT p.email FROM practitioners p JOIN cities c ON c.id = p.city_id
       WHERE p.network_role <> 'admin'
         AND NOT EXISTS (
           SELECT 1 FROM exchange_members mine
             JOIN exchange_members theirs ON theirs.exchange_id = mine.exchange_id
             JOIN practitioners other ON other.id = theirs.practitioner_id
             JOIN cities oc ON oc.id = other.city_id
            WHERE mine.practitioner_id = p.id AND oc.region <> c.region)`)) as Array<{
      email: string;
    }>;
    expect(lonely).toEqual([]);
    const [{ without }] = await t.dataSource.query(
      `SELECT count(*)::int AS without FROM practitioners WHERE network_role <> 'admin' AND city_id IS NULL`,
    );
    expect(without).toBe(0);
  });

  it('has a session room open right after start, where the two people the README names talk across the Atlantic', async () => {
    const [europe, america] = DROP_IN.tryWith;
    const [regions] = await t.dataSource.query(
      `SELECT array_agg(DISTINCT c.region ORDER BY c.region) AS regions FROM practitioners p
         JOIN cities c ON c.id = p.city_id WHERE p.email = ANY($1)`,
      [[europe, america]],
    );
    expect(regions.regions).toEqual(['europe', 'north-america']);
    // The README says whom to sign in as, in the paragraph about the drop-in.
    const paragraph = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
      .split('\n\n')
      .find((p) => p.includes(DROP_IN.title));
    expect(paragraph).toContain(europe);
    expect(paragraph).toContain(america);

    const tokens = [await signIn(http, europe), await signIn(http, america)];
    const room = await dropInRoom(http, tokens[0]!, dropIn);
    expect(room).toMatchObject({ kind: 'session', title: DROP_IN.title, open: true });
    expect(new Date(room.opensAt!).getTime()).toBeLessThanOrEqual(Date.now());
    expect(new Date(room.closesAt!).getTime()).toBeGreaterThan(Date.now() + 3_600_000);

    const sockets = tokens.map((token) => connectLive(t.baseUrl, token));
    try {
      await Promise.all(sockets.map((socket) => connected(socket)));
      for (const socket of sockets) {
        const joined = await emitAck(socket, 'room.join', { roomId: room.id });
        expect(joined).toMatchObject({ ok: true, data: { canSend: true } });
      }
      const heard = nextEvent<MessageView>(sockets[1]!, 'message.created');
      const sent = await emitAck<MessageView>(sockets[0]!, 'message.send', {
        roomId: room.id,
        clientMessageId: 'hello-from-rotterdam',
        body: 'Goedemiddag from Rotterdam!',
      });
      expect(sent.ok).toBe(true);
      expect(await heard).toMatchObject({ body: 'Goedemiddag from Rotterdam!' });
    } finally {
      for (const socket of sockets) socket.close();
    }
  });

  it('opens the drop-in again on the next start, moved to the new start time, once, and tells nobody', async () => {
    // As if the last start had been two days ago: the drop-in is long over.
    await t.dataSource.query(
      `UPDATE sessions SET starts_at = now() - interval '2 days', ends_at = now() - interval '2 days' + interval '8 hours'
        WHERE id = $1`,
      [dropIn.sessionId],
    );
    const [{ notifications }] = await t.dataSource.query(
      'SELECT count(*)::int AS notifications FROM notifications',
    );
    await t.app.close();

    const again = await startTestApp({}, { database: t.database, keepDatabase: true });
    t = again;
    http = httpClient(again.baseUrl);
    const start = await prepareDemoNetwork(again.app, { seed: true });
    expect(start.seeded).toBe(false);
    expect(start.dropIn).toMatchObject({ sessionId: dropIn.sessionId, roomId: dropIn.roomId });
    const token = await signIn(http, DROP_IN.tryWith[1]);
    expect(await dropInRoom(http, token, dropIn)).toMatchObject({ open: true });
    // Starting once more changes nothing.
    const third = await prepareDemoNetwork(again.app, { seed: true });
    expect(third.dropIn).toEqual(start.dropIn);
    const [{ dropIns }] = await again.dataSource.query(
      'SELECT count(*)::int AS "dropIns" FROM sessions WHERE title = $1',
      [DROP_IN.title],
    );
    expect(dropIns).toBe(1);
    const [{ after }] = await again.dataSource.query(
      'SELECT count(*)::int AS after FROM notifications',
    );
    expect(after).toBe(notifications);
  });
});
