// No input can produce a 500: generated malformed bodies go to every write route, and every
// answer must be a typed 4xx (or a success) in the one error shape.
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { createCity, createPerson, type TestPerson } from '../factories/accounts.js';
import { httpClient, type Http } from '../support/http.js';
import { fillPath, registeredRoutes } from '../support/routes.js';
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

describe('malformed input', () => {
  let t: TestApp;
  let http: Http;
  let admin: TestPerson;
  /** Ids of things that exist, so generated bodies reach the services, not just a 404. */
  let realIds: string[];

  beforeAll(async () => {
    t = await startTestApp({
      SIGNIN_MAX_FAILURES: '1000',
      SIGNIN_MAX_FAILURES_PER_ADDRESS: '100000',
    });
    http = httpClient(t.baseUrl);
    admin = await createPerson(t.dataSource, http, { role: 'admin' });
    const other = await createPerson(t.dataSource, http, { role: 'member' });
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
  });
  afterAll(() => t.close());

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

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const res = await http('POST', '/api/auth/sign-in', { rawBody: '{"email": ' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'MALFORMED_JSON' });
  });

  it('answers an oversized body with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await http('PATCH', '/api/me', {
      token: admin.token,
      body: { bio: 'x'.repeat(200_000) },
    });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers an unknown API path with 404 in the error shape', async () => {
    const res = await http('GET', '/api/nothing-here', { token: admin.token });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });
});
