// No input can produce a 500: generated malformed bodies go to every write route, and every
// answer must be a typed 4xx (or a success) in the one error shape. Input that is valid JSON but
// not valid text (control characters, lone surrogates, prototype keys, deep nesting) is refused
// by the input gate on every route, in every body field, query parameter and path parameter.
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createCity, createPerson, type TestPerson } from '../factories/accounts.js';
import { httpClient, type Http, type HttpResult } from '../support/http.js';
import {
  fillPath,
  registeredRoutes,
  routeInputs,
  type RegisteredRoute,
  type RouteInputs,
} from '../support/routes.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const RUNS_PER_ROUTE = 40;

/** JSON values of every shape, plus near-misses of the fields our DTOs know. */
const jsonBody = fc.oneof(
  fc.jsonValue(),
  fc.dictionary(
    fc.constantFrom(
      'email',
      'password',
      'name',
      'countryCode',
      'timeZone',
      'languages',
      'themes',
      'workingHours',
      'cityId',
      'networkRole',
      'token',
      'displayName',
      'label',
      'translations',
      'population',
      'subdivision',
      '__proto__',
      'constructor',
    ),
    fc.oneof(
      fc.jsonValue(),
      fc.string({ maxLength: 300 }),
      fc.array(fc.string()),
      fc.integer(),
      fc.constant(null),
    ),
  ),
);

/** Bytes that are not valid JSON. */
const brokenJson = fc.oneof(
  fc.string({ maxLength: 200 }).map((s) => `{${s}`),
  fc.constantFrom('{"a":', '[1,2', 'nul', '{"email": "x" "password": 1}', '\u0000', '{}}'),
);

/** Text no field may carry, by what is wrong with it. */
const BAD_TEXT: Array<[what: string, text: string]> = [
  ['a NUL', 'before\u0000after'],
  ['a lone high surrogate', 'before\ud800after'],
  ['a lone low surrogate', '\udc00'],
  ['an escape character', 'colour \u001b[31m'],
  ['a bell', '\u0007'],
];
/** A URL cannot carry a lone surrogate (it is not UTF-8): the control characters go there. */
const BAD_URL_TEXT = BAD_TEXT.filter(([, text]) =>
  (text as string & { isWellFormed(): boolean }).isWellFormed(),
);
const GATE_PROBLEM =
  /control characters|lone surrogate|should not exist|nest deeper|percent-encoded|not valid text/;

const WRITE_METHODS = ['POST', 'PATCH', 'PUT', 'DELETE'];
const isWrite = (route: RegisteredRoute) => WRITE_METHODS.includes(route.method);

/** 98 KB of nested arrays, the body the review sent. */
const DEEP_BODY = '['.repeat(49_000) + ']'.repeat(49_000);

/** Every row of every table, as a fingerprint per table: what "nothing is stored" compares. */
async function databaseFingerprint(dataSource: DataSource): Promise<Record<string, string>> {
  const tables = (await dataSource.query(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  )) as Array<{ name: string }>;
  const fingerprint: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = (await dataSource.query(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h
         FROM "${name}" t`,
    )) as Array<{ n: number; h: string }>;
    fingerprint[name] = `${row!.n} rows ${row!.h}`;
  }
  return fingerprint;
}

/** Whether an answer is the gate's refusal naming this field. */
function refusedAt(res: HttpResult, field: string): boolean {
  return (
    res.status === 400 &&
    res.body?.code === 'VALIDATION_FAILED' &&
    Array.isArray(res.body.details) &&
    res.body.details.some(
      (d: { field: string; problems: string[] }) =>
        d.field === field && d.problems.some((p) => GATE_PROBLEM.test(p)),
    )
  );
}

describe('malformed input', () => {
  let t: TestApp;
  let http: Http;
  let admin: TestPerson;
  let other: TestPerson;
  /** Ids of things that exist, so generated bodies reach the services, not just a 404. */
  let realIds: string[];
  let ids: { city: string; exchange: string; session: string; room: string };

  beforeAll(async () => {
    t = await startTestApp({
      SIGNIN_MAX_FAILURES: '1000',
      SIGNIN_MAX_FAILURES_PER_ADDRESS: '100000',
    });
    http = httpClient(t.baseUrl);
    admin = await createPerson(t.dataSource, http, { role: 'admin' });
    other = await createPerson(t.dataSource, http, { role: 'member' });
    const city = await createCity(t.dataSource);
    const exchange = await http('POST', '/api/exchanges', {
      token: admin.token,
      body: { title: 'Fuzzed exchange', cityIds: [city.id], attribution: 'named' },
    });
    await http('POST', `/api/exchanges/${exchange.body.id}/members`, {
      token: admin.token,
      body: { practitionerId: other.id, role: 'participant' },
    });
    const session = await http('POST', `/api/exchanges/${exchange.body.id}/sessions`, {
      token: admin.token,
      body: {
        kind: 'workshop',
        title: 'Fuzzed session',
        startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        endsAt: new Date(Date.now() + 7 * 86_400_000 + 3_600_000).toISOString(),
        hostTimeZone: 'Europe/Paris',
      },
    });
    realIds = [other.id, city.id, exchange.body.id, session.body.id];
    expect(realIds.every((id) => typeof id === 'string')).toBe(true);
    const rooms = await http('GET', `/api/exchanges/${exchange.body.id}/rooms`, {
      token: admin.token,
    });
    const room = rooms.body.find((r: { kind: string }) => r.kind === 'session').id;
    ids = { city: city.id, exchange: exchange.body.id, session: session.body.id, room };
  });
  afterAll(() => t.close());

  /** A route's path with real ids of the right kind in its parameters (`as` rewrites each). */
  const realPath = (path: string, as: (id: string) => string = (id) => id): string =>
    path.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
      if (name === 'token') return 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';
      if (name === 'practitionerId') return as(other.id);
      if (name === 'requestId') return as(randomUUID());
      const kind = path.split('/')[2] ?? '';
      const known: Record<string, string> = {
        cities: ids.city,
        practitioners: other.id,
        exchanges: ids.exchange,
        sessions: ids.session,
        rooms: ids.room,
      };
      const id = known[kind] ?? randomUUID();
      return as(id);
    });

  /** Every registered route with what it reads; fails when a route's inputs cannot be found. */
  const everyRoute = (): Array<RegisteredRoute & RouteInputs> => {
    const inputs = routeInputs(t.app);
    const routes = registeredRoutes(t.app).filter((r) => r.method !== 'HEAD');
    // Swagger serves /api/docs itself; every other route is a controller's, with known inputs.
    const unknown = routes.filter(
      (r) => !inputs.has(`${r.method} ${r.path}`) && !r.path.startsWith('/api/docs'),
    );
    expect(unknown).toEqual([]);
    return routes.map((r) => ({
      ...r,
      ...(inputs.get(`${r.method} ${r.path}`) ?? { body: [], query: [] }),
    }));
  };

  it('finds the body and query fields of every route from its controller', () => {
    const routes = everyRoute();
    const find = (key: string) => routes.find((r) => `${r.method} ${r.path}` === key);
    expect(find('POST /api/exchanges')?.body).toEqual(expect.arrayContaining(['title', 'cityIds']));
    expect(find('POST /api/auth/sign-in')?.body).toEqual(['email', 'password']);
    expect(find('GET /api/rooms/:id/messages')?.query).toEqual(
      expect.arrayContaining(['beforeSeq', 'limit']),
    );
    expect(routes.filter((r) => r.body.length > 0).length).toBeGreaterThan(15);
    expect(routes.filter((r) => r.query.length > 0).length).toBeGreaterThanOrEqual(8);
  });

  it('refuses a NUL, a lone surrogate or a control character in every body field of every route, naming the field, storing nothing', async () => {
    const before = await databaseFingerprint(t.dataSource);
    const failures: string[] = [];
    for (const route of everyRoute().filter(isWrite)) {
      // Every declared field, and one no route declares: the gate does not depend on the DTO.
      const fields = [...new Set([...route.body, 'note'])];
      for (const field of fields) {
        for (const [what, text] of BAD_TEXT) {
          const cases: Array<[body: unknown, at: string]> = [
            [{ [field]: text }, field],
            [{ [field]: ['fine', { inner: text }] }, `${field}.1.inner`],
          ];
          for (const [body, at] of cases) {
            const res = await http(route.method, realPath(route.path), {
              token: admin.token,
              body,
            });
            if (!refusedAt(res, at))
              failures.push(
                `${route.method} ${route.path} ${at} with ${what} → ${res.status} ${JSON.stringify(res.body)}`,
              );
            if (JSON.stringify(res.body).includes(text))
              failures.push(`${route.method} ${route.path} echoed the value of ${at}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await databaseFingerprint(t.dataSource)).toEqual(before);
  });

  it('refuses a NUL or a control character in every query parameter of every route, naming it', async () => {
    const before = await databaseFingerprint(t.dataSource);
    const failures: string[] = [];
    for (const route of everyRoute()) {
      for (const field of [...new Set([...route.query, 'probe'])]) {
        for (const [what, text] of BAD_URL_TEXT) {
          const res = await http(
            route.method,
            `${realPath(route.path)}?${new URLSearchParams({ [field]: text }).toString()}`,
            { token: admin.token, body: isWrite(route) ? {} : undefined },
          );
          if (!refusedAt(res, field))
            failures.push(
              `${route.method} ${route.path}?${field} with ${what} → ${res.status} ${JSON.stringify(res.body)}`,
            );
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await databaseFingerprint(t.dataSource)).toEqual(before);
  });

  it('refuses a NUL, a control character or an encoded surrogate in every path parameter of every route', async () => {
    const before = await databaseFingerprint(t.dataSource);
    const failures: string[] = [];
    const routes = everyRoute().filter((r) => r.path.includes(':'));
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) {
      const params = route.path.match(/:[A-Za-z]+/g)!;
      for (const param of params) {
        for (const bad of ['a%00b', '%1B', '%07x', '%ED%A0%80']) {
          const path = realPath(route.path.replace(param, bad));
          const res = await http(route.method, path, {
            token: admin.token,
            body: isWrite(route) ? {} : undefined,
          });
          if (!refusedAt(res, 'path'))
            failures.push(`${route.method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await databaseFingerprint(t.dataSource)).toEqual(before);
  });

  it('refuses __proto__, constructor, prototype and inherited names (valueOf) anywhere in a body or query, on every route', async () => {
    const before = await databaseFingerprint(t.dataSource);
    const failures: string[] = [];
    for (const route of everyRoute()) {
      const field = route.body[0] ?? 'note';
      const cases: Array<[raw: string | undefined, query: string, at: string]> = [
        [undefined, '__proto__=x', '__proto__'],
        [undefined, 'constructor=x', 'constructor'],
        [undefined, 'hasOwnProperty=x', 'hasOwnProperty'],
      ];
      if (isWrite(route)) {
        cases.push(
          ['{"__proto__":{"networkRole":"admin","isAdmin":true}}', '', '__proto__'],
          ['{"constructor":{"prototype":{"isAdmin":true}}}', '', 'constructor'],
          [`{"${field}":[{"prototype":{"isAdmin":true}}]}`, '', `${field}.0.prototype`],
          [`{"${field}":{"a":{"__proto__":null}}}`, '', `${field}.a.__proto__`],
          // class-transformer drops these before whitelisting would refuse them.
          ['{"valueOf":1}', '', 'valueOf'],
          ['{"toString":"x"}', '', 'toString'],
        );
      }
      for (const [rawBody, query, at] of cases) {
        const res = await http(route.method, `${realPath(route.path)}${query ? `?${query}` : ''}`, {
          token: admin.token,
          rawBody: rawBody ?? (isWrite(route) ? '{}' : undefined),
        });
        if (!refusedAt(res, at))
          failures.push(
            `${route.method} ${route.path} ${rawBody ?? query} → ${res.status} ${JSON.stringify(res.body)}`,
          );
      }
    }
    expect(failures).toEqual([]);
    expect(await databaseFingerprint(t.dataSource)).toEqual(before);
    // The prototype of the app's objects is untouched.
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('refuses 98 KB of nested arrays on every write route with 400 before parsing it', async () => {
    const before = await databaseFingerprint(t.dataSource);
    const failures: string[] = [];
    const inField = `{"bio":${'['.repeat(33)}${']'.repeat(33)}}`;
    for (const route of everyRoute().filter(isWrite)) {
      for (const rawBody of [DEEP_BODY, inField]) {
        const res = await http(route.method, realPath(route.path), { token: admin.token, rawBody });
        if (!refusedAt(res, 'body'))
          failures.push(
            `${route.method} ${route.path} ${rawBody.length} bytes → ${res.status} ${JSON.stringify(res.body)}`,
          );
      }
    }
    expect(failures).toEqual([]);
    expect(await databaseFingerprint(t.dataSource)).toEqual(before);
    // 32 levels pass the gate and meet the ordinary validation (bio must be text).
    const atLimit = await http('PATCH', '/api/me', {
      token: admin.token,
      rawBody: `{"bio":${'['.repeat(31)}${']'.repeat(31)}}`,
    });
    expect(atLimit.status).toBe(400);
    expect(atLimit.body.details).toEqual([
      { field: 'bio', problems: expect.arrayContaining(['bio must be a string']) },
    ]);
  });

  it('answers ten 98 KB nested bodies sent at once to an anonymous route with 400, and /health meanwhile', async () => {
    const deep = Array.from({ length: 10 }, () =>
      http('POST', '/api/auth/sign-in', { rawBody: DEEP_BODY }),
    );
    const health = http('GET', '/health');
    const answers = await Promise.all(deep);
    expect(answers.map((r) => [r.status, r.body.code])).toEqual(
      Array(10).fill([400, 'VALIDATION_FAILED']),
    );
    expect((await health).status).toBe(200);
  });

  it('accepts right-to-left and zero-width characters, tabs and newlines in text', async () => {
    const bio = 'שלום\u200f, مرحبا\u200d!\n\tA line with an emoji 👏';
    const res = await http('PATCH', '/api/me', { token: admin.token, body: { bio } });
    expect(res.status).toBe(200);
    expect(res.body.bio).toBe(bio);
  });

  it('answers a forged cursor whose key is not valid text with VALIDATION_FAILED', async () => {
    for (const key of ['Lyon\u0000', 'Lyon\ud800']) {
      const cursor = Buffer.from(JSON.stringify([key, randomUUID()])).toString('base64url');
      for (const path of ['/api/cities', '/api/practitioners', '/api/exchanges']) {
        const res = await http('GET', `${path}?cursor=${cursor}`, { token: admin.token });
        expect([path, res.status, res.body.code]).toEqual([path, 400, 'VALIDATION_FAILED']);
      }
    }
  });

  it('answers generated bodies on every write route with 4xx or success, never 5xx', async () => {
    const writeRoutes = registeredRoutes(t.app).filter((r) =>
      ['POST', 'PATCH', 'PUT', 'DELETE'].includes(r.method),
    );
    expect(writeRoutes.length).toBeGreaterThan(10);
    const failures: string[] = [];
    for (const route of writeRoutes) {
      // The admin's own erase and password change are exercised with bodies that cannot match their password.
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            jsonBody.map((body) => ({ body })),
            brokenJson.map((rawBody) => ({ rawBody })),
          ),
          async (input) => {
            const res = await http(route.method, fillPath(route.path, randomUUID()), {
              token: admin.token,
              ...input,
            });
            if (res.status >= 500 || (res.status >= 400 && typeof res.body?.code !== 'string')) {
              failures.push(
                `${route.method} ${route.path} ${JSON.stringify(input).slice(0, 200)} → ${res.status} ${JSON.stringify(res.body)}`,
              );
            }
          },
        ),
        { numRuns: RUNS_PER_ROUTE },
      );
    }
    expect(failures).toEqual([]);
    // The admin is still there and can still act: nothing crashed or erased them.
    expect((await http('GET', '/api/me', { token: admin.token })).status).toBe(200);
  });

  it('answers generated query strings on directory routes with 4xx or success', async () => {
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/api/cities', '/api/practitioners'),
        fc.dictionary(
          fc.constantFrom(
            'region',
            'country',
            'q',
            'cursor',
            'limit',
            'cityId',
            'position',
            'theme',
            'language',
            'status',
            'archived',
            'x',
          ),
          fc.string({ maxLength: 50 }),
        ),
        async (path, query) => {
          const res = await http('GET', `${path}?${new URLSearchParams(query).toString()}`, {
            token: admin.token,
          });
          if (res.status >= 500) failures.push(`${path} ${JSON.stringify(query)} → ${res.status}`);
        },
      ),
      { numRuns: 150 },
    );
    expect(failures).toEqual([]);
  });

  it('refuses unknown fields instead of ignoring them', async () => {
    const res = await http('PATCH', '/api/me', {
      token: admin.token,
      body: { bio: 'hello', isAdmin: true },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.message).toMatch(/isAdmin/);
    expect((await http('GET', '/api/me', { token: admin.token })).body.bio).not.toBe('hello');
  });

  /** helmet's headers, and no cache may keep the answer. */
  const expectGuarded = (res: HttpResult, cacheControl = 'no-store') => {
    expect({
      csp: res.headers.get('content-security-policy'),
      nosniff: res.headers.get('x-content-type-options'),
      frames: res.headers.get('x-frame-options'),
      hsts: res.headers.get('strict-transport-security'),
      referrer: res.headers.get('referrer-policy'),
      cache: res.headers.get('cache-control'),
    }).toEqual({
      csp: expect.stringContaining("default-src 'self'"),
      nosniff: 'nosniff',
      frames: 'SAMEORIGIN',
      hsts: expect.stringContaining('max-age='),
      referrer: 'no-referrer',
      cache: cacheControl,
    });
  };

  it('answers malformed JSON with 400 MALFORMED_JSON, with the security headers', async () => {
    const res = await http('POST', '/api/auth/sign-in', { rawBody: '{"email": ' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'MALFORMED_JSON' });
    expectGuarded(res);
  });

  it('answers an oversized body with 413 PAYLOAD_TOO_LARGE, with the security headers', async () => {
    const res = await http('PATCH', '/api/me', {
      token: admin.token,
      body: { bio: 'x'.repeat(200_000) },
    });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    expectGuarded(res);
  });

  it("puts the security headers and no-store on the gate's refusals and on every JSON answer", async () => {
    expectGuarded(await http('POST', '/api/auth/sign-in', { rawBody: DEEP_BODY }));
    expectGuarded(await http('GET', '/api/cities?q=%00', { token: admin.token }));
    expectGuarded(await http('GET', '/api/me', { token: admin.token }));
    expectGuarded(await http('GET', '/api/me', {}));
    expectGuarded(await http('GET', '/api/nothing-here', { token: admin.token }));
    expectGuarded(await http('GET', '/health'));
    const exported = await http('GET', '/api/me/export', { token: admin.token });
    expect(exported.status).toBe(200);
    expectGuarded(exported);
    const session = await http('GET', `/api/sessions/${ids.session}/calendar.ics`, {
      token: admin.token,
    });
    expect(session.status).toBe(200);
    expectGuarded(session);
    // The subscription feed keeps its own caching: private (no shared cache), five minutes.
    const feed = await http('GET', '/api/me/calendar-feed', { token: admin.token });
    const subscription = await http('GET', new URL(feed.body.url).pathname);
    expect(subscription.status).toBe(200);
    expectGuarded(subscription, 'private, max-age=300');
  });

  it("serves the web client's files and pages, and never to the API's paths", async () => {
    const page = await http('GET', '/exchanges/some-client-route');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(String(page.body))?.[1];
    expect(script).toBeDefined();
    const asset = await http('GET', script!);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=3600');
    for (const path of ['/api/nothing-here', '/api/assets/index.html', '/api/nothing/app.js']) {
      const res = await http('GET', path, { token: admin.token });
      expect({ path, status: res.status, code: res.body?.code }).toEqual({
        path,
        status: 404,
        code: 'NOT_FOUND',
      });
    }
  });

  it('treats an upper-case UUID like its lower case on every route that reads one', async () => {
    const failures: string[] = [];
    const stable = (res: HttpResult) =>
      typeof res.body === 'string' ? res.body.replace(/^DTSTAMP:.*$/gm, '') : res.body;
    const reads = everyRoute().filter(
      (r) => r.method === 'GET' && r.path.includes(':') && !r.path.includes(':token'),
    );
    expect(reads.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/api/rooms/:id', '/api/rooms/:id/messages', '/api/exchanges/:id']),
    );
    for (const route of reads) {
      const lower = await http('GET', realPath(route.path), { token: admin.token });
      const upper = await http(
        'GET',
        realPath(route.path, (id) => id.toUpperCase()),
        {
          token: admin.token,
        },
      );
      if (
        upper.status !== lower.status ||
        JSON.stringify(stable(upper)) !== JSON.stringify(stable(lower))
      )
        failures.push(
          `${route.path}: lower ${lower.status}, upper ${upper.status} ${JSON.stringify(upper.body).slice(0, 200)}`,
        );
    }
    expect(failures).toEqual([]);

    // Ids in queries and bodies: the same rule.
    const byCity = (cityId: string) =>
      http('GET', `/api/practitioners?cityId=${cityId}`, { token: admin.token });
    expect((await byCity(ids.city.toUpperCase())).body).toEqual((await byCity(ids.city)).body);
    const created = await http('POST', '/api/exchanges', {
      token: admin.token,
      body: { title: 'Upper-case ids', cityIds: [ids.city.toUpperCase()], attribution: 'named' },
    });
    expect(created.status).toBe(201);
    expect(created.body.cities.map((c: { id: string }) => c.id)).toEqual([ids.city]);

    // A member leaving with their own id in upper case is leaving, not removing someone.
    const leaver = await createPerson(t.dataSource, http);
    const added = await http('POST', `/api/exchanges/${created.body.id}/members`, {
      token: admin.token,
      body: { practitionerId: leaver.id.toUpperCase(), role: 'participant' },
    });
    expect(added.body.person.id).toBe(leaver.id);
    const left = await http(
      'DELETE',
      `/api/exchanges/${created.body.id.toUpperCase()}/members/${leaver.id.toUpperCase()}`,
      { token: leaver.token },
    );
    expect(left.status).toBe(204);
  });

  it('answers an unknown API path with 404 in the error shape', async () => {
    const res = await http('GET', '/api/nothing-here', { token: admin.token });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });
});
