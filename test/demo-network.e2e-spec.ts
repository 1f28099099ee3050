// The demo network a newcomer meets on first start, and the README's table of demo accounts.
import { readFileSync } from 'node:fs';
import { seedDemoNetworkIfEmpty } from '../apps/api/src/seed/demo-network.js';
import { httpClient, type Http } from './support/http.js';
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
    rows.push({ role, email, password });
  }
  return rows;
}

describe('demo network', () => {
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    expect(await seedDemoNetworkIfEmpty(t.app)).toBe(true);
  });
  afterAll(() => t.close());

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
    expect(exchanges.map((e: { attribution: string }) => e.attribution).sort()).toEqual([
      'chatham-house',
      'named',
    ]);
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
    expect(lobbies).toHaveLength(2);
    for (const lobby of lobbies) {
      expect(lobby.messages).toBeGreaterThanOrEqual(3);
      expect(lobby.last_seq).toBe(lobby.messages);
    }
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
});
