// Every exchange-scoped route × every exchange role. The authorization matrix only checks the
// network-level guard; here each route is called, on a fresh exchange, by a non-member, an
// observer, a participant, a host, a coordinator and an admin who are not members, and a
// suspended member, and a refused write must leave the database exactly as it was.
// A new /api/exchanges/... or /api/sessions/... route without an entry in ROUTES fails.
import type { DataSource } from 'typeorm';
import { createPerson, type TestPerson } from '../factories/accounts.js';
import { httpClient, type Http } from '../support/http.js';
import { registeredRoutes } from '../support/routes.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  addMember,
  createExchange,
  DAY,
  fromNow,
  scheduleSession,
  sessionBody,
} from './exchange-helpers.js';

type Caller =
  'outsider' | 'observer' | 'participant' | 'host' | 'coordinator' | 'admin' | 'suspended';
const CALLERS: Caller[] = [
  'outsider',
  'observer',
  'participant',
  'host',
  'coordinator',
  'admin',
  'suspended',
];
const MEMBERS: Caller[] = ['observer', 'participant', 'host'];
const READERS: Caller[] = [...MEMBERS, 'coordinator', 'admin'];
const MANAGERS: Caller[] = ['host', 'coordinator', 'admin'];
const EVERYONE: Caller[] = ['outsider', ...READERS];

/** A fresh exchange with a member in every role, a pending join request and a session. */
interface World {
  exchangeId: string;
  sessionId: string;
  joinRequestId: string;
}

interface RouteCase {
  /** Callers who may; everyone else but the suspended member gets 403 FORBIDDEN. */
  allowed: Caller[];
  /** Status for an allowed caller (default 200). */
  ok?: number;
  /** Status and code for callers who are refused by something other than the policy. */
  otherwise?: { status: number; code: string; callers: Caller[] };
  write: boolean;
  request(w: World): { path: string; body?: unknown };
  /** Extra checks of an allowed answer. */
  check?(res: { status: number; body: any }, caller: Caller, w: World): void | Promise<void>;
}

describe('exchange roles × every exchange-scoped route', () => {
  let t: TestApp;
  let http: Http;
  const people = {} as Record<Caller, TestPerson>;
  let owner: TestPerson;
  let target: TestPerson;
  let applicant: TestPerson;
  let newcomer: TestPerson;

  async function newWorld(): Promise<World> {
    const exchange = await createExchange(http, owner, {
      title: 'Roles exchange',
      description: 'Only **members** read this.',
      status: 'active',
    });
    const exchangeId = exchange.id as string;
    await addMember(http, owner, exchangeId, people.host, 'host');
    await addMember(http, owner, exchangeId, people.participant, 'participant');
    await addMember(http, owner, exchangeId, people.observer, 'observer');
    await addMember(http, owner, exchangeId, target, 'participant');
    // The suspended member joined before their suspension.
    await t.dataSource.query(
      `INSERT INTO exchange_members (exchange_id, practitioner_id, role) VALUES ($1, $2, 'participant')`,
      [exchangeId, people.suspended.id],
    );
    const request = await http('POST', `/api/exchanges/${exchangeId}/join-requests`, {
      token: applicant.token,
      body: { message: 'We run a similar programme in our city.' },
    });
    expect(request.status).toBe(201);
    const session = await scheduleSession(http, owner, exchangeId);
    return { exchangeId, sessionId: session.id, joinRequestId: request.body.id };
  }

  const ROUTES: Record<string, RouteCase> = {
    'GET /api/exchanges': {
      allowed: EVERYONE,
      write: false,
      request: () => ({ path: '/api/exchanges?limit=100' }),
      check: (res, _caller, w) => {
        expect(res.body.items.map((e: { id: string }) => e.id)).toContain(w.exchangeId);
      },
    },
    'POST /api/exchanges': {
      allowed: ['coordinator', 'admin'],
      ok: 201,
      write: true,
      request: () => ({
        path: '/api/exchanges',
        body: { title: 'A second exchange', cityIds: [], attribution: 'chatham-house' },
      }),
      check: (res) => expect(res.body).toMatchObject({ myRole: 'host', canManage: true }),
    },
    'GET /api/exchanges/:id': {
      allowed: EVERYONE,
      write: false,
      request: (w) => ({ path: `/api/exchanges/${w.exchangeId}` }),
      check: (res, caller) => {
        expect(res.body.title).toBe('Roles exchange');
        expect(res.body.hosts.map((h: { id: string }) => h.id).sort()).toEqual(
          [owner.id, people.host.id].sort(),
        );
        if (caller === 'outsider') {
          // The overview, to decide whether to ask to join; not the content.
          expect(res.body.description).toBeUndefined();
          expect(res.body.myRole).toBeNull();
        } else {
          expect(res.body.description).toBe('Only **members** read this.');
          expect(res.body.canManage).toBe(MANAGERS.includes(caller));
        }
      },
    },
    'PATCH /api/exchanges/:id': {
      allowed: MANAGERS,
      write: true,
      request: (w) => ({
        path: `/api/exchanges/${w.exchangeId}`,
        body: { title: 'Renamed exchange', status: 'concluded' },
      }),
      check: (res) =>
        expect(res.body).toMatchObject({ title: 'Renamed exchange', status: 'concluded' }),
    },
    'GET /api/exchanges/:id/members': {
      allowed: READERS,
      write: false,
      request: (w) => ({ path: `/api/exchanges/${w.exchangeId}/members` }),
      check: (res) => expect(res.body).toHaveLength(6),
    },
    'POST /api/exchanges/:id/members': {
      allowed: MANAGERS,
      ok: 201,
      write: true,
      request: (w) => ({
        path: `/api/exchanges/${w.exchangeId}/members`,
        body: { practitionerId: newcomer.id, role: 'observer' },
      }),
      check: (res) =>
        expect(res.body).toMatchObject({ person: { id: newcomer.id }, role: 'observer' }),
    },
    'PATCH /api/exchanges/:id/members/:practitionerId': {
      allowed: MANAGERS,
      write: true,
      request: (w) => ({
        path: `/api/exchanges/${w.exchangeId}/members/${target.id}`,
        body: { role: 'observer' },
      }),
      check: (res) =>
        expect(res.body).toMatchObject({ person: { id: target.id }, role: 'observer' }),
    },
    'DELETE /api/exchanges/:id/members/:practitionerId': {
      allowed: MANAGERS,
      ok: 204,
      write: true,
      request: (w) => ({
        path: `/api/exchanges/${w.exchangeId}/members/${target.id}`,
        body: { reason: 'No longer part of this exchange' },
      }),
    },
    'POST /api/exchanges/:id/join-requests': {
      // Anyone who is not a member may ask, coordinators and admins included.
      allowed: ['outsider', 'coordinator', 'admin'],
      ok: 201,
      otherwise: { status: 409, code: 'CONFLICT', callers: MEMBERS },
      write: true,
      request: (w) => ({
        path: `/api/exchanges/${w.exchangeId}/join-requests`,
        body: { message: 'Please let me in' },
      }),
      check: (res, caller) =>
        expect(res.body).toMatchObject({ person: { id: people[caller].id }, status: 'pending' }),
    },
    'GET /api/exchanges/:id/join-requests': {
      allowed: MANAGERS,
      write: false,
      request: (w) => ({ path: `/api/exchanges/${w.exchangeId}/join-requests` }),
      check: (res) =>
        expect(res.body.map((r: { person: { id: string } }) => r.person.id)).toEqual([
          applicant.id,
        ]),
    },
    'POST /api/exchanges/:id/join-requests/:requestId/approve': {
      allowed: MANAGERS,
      write: true,
      request: (w) => ({
        path: `/api/exchanges/${w.exchangeId}/join-requests/${w.joinRequestId}/approve`,
        body: { role: 'observer' },
      }),
      check: (res) => expect(res.body.status).toBe('approved'),
    },
    'POST /api/exchanges/:id/join-requests/:requestId/decline': {
      allowed: MANAGERS,
      write: true,
      request: (w) => ({
        path: `/api/exchanges/${w.exchangeId}/join-requests/${w.joinRequestId}/decline`,
        body: {},
      }),
      check: (res) => expect(res.body.status).toBe('declined'),
    },
    'GET /api/exchanges/:id/sessions': {
      allowed: READERS,
      write: false,
      request: (w) => ({ path: `/api/exchanges/${w.exchangeId}/sessions` }),
      check: (res, _caller, w) =>
        expect(res.body.map((s: { id: string }) => s.id)).toEqual([w.sessionId]),
    },
    'POST /api/exchanges/:id/sessions': {
      allowed: MANAGERS,
      ok: 201,
      write: true,
      request: (w) => ({
        path: `/api/exchanges/${w.exchangeId}/sessions`,
        body: sessionBody({ title: 'Another session' }),
      }),
      check: (res) => expect(res.body).toMatchObject({ title: 'Another session', sequence: 0 }),
    },
    'GET /api/exchanges/:id/time-suggestions': {
      allowed: READERS,
      write: false,
      request: (w) => ({
        path: `/api/exchanges/${w.exchangeId}/time-suggestions?durationMinutes=60&from=${encodeURIComponent(fromNow(2 * DAY))}&to=${encodeURIComponent(fromNow(5 * DAY))}`,
      }),
      check: (res) => expect(res.body.suggestions.length).toBeGreaterThan(0),
    },
    'GET /api/exchanges/:id/rooms': {
      allowed: READERS,
      write: false,
      request: (w) => ({ path: `/api/exchanges/${w.exchangeId}/rooms` }),
      check: (res) => expect(Array.isArray(res.body)).toBe(true),
    },
    'GET /api/sessions/:id': {
      allowed: READERS,
      write: false,
      request: (w) => ({ path: `/api/sessions/${w.sessionId}` }),
      check: (res, _caller, w) =>
        expect(res.body).toMatchObject({ id: w.sessionId, status: 'scheduled' }),
    },
    'PATCH /api/sessions/:id': {
      allowed: MANAGERS,
      write: true,
      request: (w) => ({
        path: `/api/sessions/${w.sessionId}`,
        body: { startsAt: fromNow(8 * DAY), endsAt: fromNow(8 * DAY + 3_600_000) },
      }),
      check: (res) => expect(res.body.sequence).toBe(1),
    },
    'POST /api/sessions/:id/cancel': {
      allowed: MANAGERS,
      write: true,
      request: (w) => ({ path: `/api/sessions/${w.sessionId}/cancel`, body: { reason: 'Strike' } }),
      check: (res) => expect(res.body.status).toBe('cancelled'),
    },
    'GET /api/sessions/:id/calendar.ics': {
      allowed: READERS,
      write: false,
      request: (w) => ({ path: `/api/sessions/${w.sessionId}/calendar.ics` }),
      check: (res, _caller, w) => {
        expect(String(res.body)).toContain('BEGIN:VCALENDAR');
        expect(String(res.body)).toContain(`session-${w.sessionId}@crossings`);
      },
    },
  };

  /** Everything a write could touch, to compare before and after a refused one. */
  async function snapshot(ds: DataSource, w: World): Promise<unknown> {
    const q = (sql: string) => ds.query(sql, [w.exchangeId]);
    return {
      exchanges: await ds.query(
        `SELECT id, title, description, status, attribution, updated_at FROM exchanges ORDER BY id`,
      ),
      themes: await q(`SELECT theme_id FROM exchange_themes WHERE exchange_id = $1 ORDER BY 1`),
      cities: await q(`SELECT city_id FROM exchange_cities WHERE exchange_id = $1 ORDER BY 1`),
      members: await q(
        `SELECT practitioner_id, role FROM exchange_members WHERE exchange_id = $1 ORDER BY 1`,
      ),
      joinRequests: await q(
        `SELECT id, practitioner_id, status FROM join_requests WHERE exchange_id = $1 ORDER BY id`,
      ),
      sessions: await q(
        `SELECT id, title, starts_at, ends_at, status, sequence FROM sessions WHERE exchange_id = $1 ORDER BY id`,
      ),
      notifications: await ds.query(`SELECT count(*)::int AS n FROM notifications`),
    };
  }

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    owner = await createPerson(t.dataSource, http, { role: 'coordinator', displayName: 'Owner' });
    for (const caller of CALLERS) {
      people[caller] = await createPerson(t.dataSource, http, {
        role: caller === 'coordinator' || caller === 'admin' ? caller : 'member',
        displayName: `The ${caller}`,
        status: caller === 'suspended' ? 'suspended' : 'active',
      });
    }
    target = await createPerson(t.dataSource, http, { displayName: 'Target' });
    applicant = await createPerson(t.dataSource, http, { displayName: 'Applicant' });
    newcomer = await createPerson(t.dataSource, http, { displayName: 'Newcomer' });
  });
  afterAll(() => t.close());

  it('has an entry for every exchange- and session-scoped route, and no stale ones', () => {
    const registered = registeredRoutes(t.app)
      .filter((r) => r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.path}`)
      .filter((key) => /^\w+ \/api\/(exchanges|sessions)(\/|$)/.test(key));
    expect(registered.length).toBeGreaterThanOrEqual(19);
    expect(registered.filter((key) => !(key in ROUTES))).toEqual([]);
    expect(Object.keys(ROUTES).filter((key) => !registered.includes(key))).toEqual([]);
  });

  it.each(Object.keys(ROUTES))('%s answers each exchange role as the policy says', async (key) => {
    const route = ROUTES[key];
    const method = key.split(' ')[0];
    const problems: string[] = [];
    for (const caller of CALLERS) {
      const w = await newWorld();
      const { path, body } = route!.request(w);
      const before = route!.write ? await snapshot(t.dataSource, w) : null;
      const res = await http(method!, path, { token: people[caller].token, body });
      const other = route!.otherwise?.callers.includes(caller) ? route!.otherwise : null;
      const want = route!.allowed.includes(caller)
        ? { status: route!.ok ?? 200, code: undefined }
        : caller === 'suspended'
          ? { status: 403, code: 'ACCOUNT_SUSPENDED' }
          : (other ?? { status: 403, code: 'FORBIDDEN' });
      if (res.status !== want.status || (want.code && res.body?.code !== want.code)) {
        problems.push(
          `${caller}: expected ${want.status} ${want.code ?? ''}, got ${res.status} ${JSON.stringify(res.body)}`,
        );
        continue;
      }
      if (want.code) {
        if (before !== null) expect(await snapshot(t.dataSource, w)).toEqual(before);
      } else if (route!.check) {
        await route!.check(res, caller, w);
      }
    }
    expect(problems).toEqual([]);
  });
});
