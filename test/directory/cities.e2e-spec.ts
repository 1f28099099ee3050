import { createPerson, type TestPerson } from '../factories/accounts.js';
import { httpClient, type Http } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('city directory', () => {
  let t: TestApp;
  let http: Http;
  let member: TestPerson;
  let coordinator: TestPerson;

  const addCity = (body: Record<string, unknown>) =>
    http('POST', '/api/cities', { token: coordinator.token, body });

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    member = await createPerson(t.dataSource, http, { role: 'member' });
    coordinator = await createPerson(t.dataSource, http, { role: 'coordinator' });
    for (const city of [
      {
        name: 'Rotterdam',
        countryCode: 'NL',
        timeZone: 'Europe/Amsterdam',
        languages: ['nl', 'en'],
      },
      { name: 'Lyon', countryCode: 'fr', timeZone: 'Europe/Paris', population: 522000 },
      { name: 'Denver', countryCode: 'US', subdivision: 'us-co', timeZone: 'America/Denver' },
      { name: 'Boston', countryCode: 'US', subdivision: 'US-MA', timeZone: 'America/New_York' },
      { name: 'Toronto', countryCode: 'CA', timeZone: 'America/Toronto' },
      { name: 'Nairobi', countryCode: 'KE', timeZone: 'Africa/Nairobi' },
    ]) {
      expect((await addCity(city)).status).toBe(201);
    }
  });
  afterAll(() => t.close());

  it('derives the region from the country and normalizes codes', async () => {
    const res = await http('GET', '/api/cities?q=Denver', { token: member.token });
    expect(res.body.items).toEqual([
      expect.objectContaining({
        name: 'Denver',
        countryCode: 'US',
        subdivision: 'US-CO',
        region: 'north-america',
        timeZone: 'America/Denver',
      }),
    ]);
    const lyon = (await http('GET', '/api/cities?q=lyo', { token: member.token })).body.items[0];
    expect(lyon).toMatchObject({ countryCode: 'FR', region: 'europe', population: 522000 });
    const nairobi = (await http('GET', '/api/cities?country=KE', { token: member.token })).body
      .items[0];
    expect(nairobi.region).toBe('other');
  });

  it('filters by region and country', async () => {
    const europe = await http('GET', '/api/cities?region=europe', { token: member.token });
    expect(europe.body.items.map((c: { name: string }) => c.name)).toEqual(['Lyon', 'Rotterdam']);
    const us = await http('GET', '/api/cities?country=us', { token: member.token });
    expect(us.body.items.map((c: { name: string }) => c.name)).toEqual(['Boston', 'Denver']);
  });

  it('pages through the directory with a cursor, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const res = await http('GET', `/api/cities${query}`, { token: member.token });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((c: { name: string }) => c.name));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Boston', 'Denver', 'Lyon', 'Nairobi', 'Rotterdam', 'Toronto']);
  });

  it('refuses a forged cursor with VALIDATION_FAILED', async () => {
    const res = await http('GET', '/api/cities?cursor=not-a-cursor', { token: member.token });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it.each([
    [{ name: 'Atlantis', countryCode: 'XX', timeZone: 'Europe/Paris' }, 'countryCode'],
    [{ name: 'Gent', countryCode: 'BE', timeZone: 'Europe/Gent' }, 'timeZone'],
    [
      { name: 'Gent', countryCode: 'BE', timeZone: 'Europe/Brussels', population: -5 },
      'population',
    ],
    [
      {
        name: 'Gent',
        countryCode: 'BE',
        timeZone: 'Europe/Brussels',
        languages: ['not a language!'],
      },
      'languages',
    ],
    [
      { name: 'Gent', countryCode: 'BE', timeZone: 'Europe/Brussels', subdivision: 'US-CO' },
      'subdivision',
    ],
    [{ name: '', countryCode: 'BE', timeZone: 'Europe/Brussels' }, 'name'],
  ])('refuses a city with a bad %j and changes nothing', async (body, field) => {
    const before = await t.dataSource.query('SELECT count(*)::int AS n FROM cities');
    const res = await addCity(body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.message).toContain(field);
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM cities')).toEqual(before);
  });

  it('refuses the same city twice with CONFLICT', async () => {
    const res = await addCity({
      name: 'rotterdam',
      countryCode: 'NL',
      timeZone: 'Europe/Amsterdam',
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CONFLICT');
  });

  it('lets a coordinator edit a city, re-deriving its region', async () => {
    const toronto = (await http('GET', '/api/cities?q=Toronto', { token: member.token })).body
      .items[0];
    const res = await http('PATCH', `/api/cities/${toronto.id}`, {
      token: coordinator.token,
      body: { population: 2_800_000, languages: ['en', 'fr-CA'] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      population: 2_800_000,
      languages: ['en', 'fr-CA'],
      region: 'north-america',
    });
  });

  it('hides archived cities from the directory unless asked, and restores them', async () => {
    const nairobi = (await http('GET', '/api/cities?country=KE', { token: member.token })).body
      .items[0];
    expect(
      (await http('POST', `/api/cities/${nairobi.id}/archive`, { token: coordinator.token })).body
        .archived,
    ).toBe(true);
    expect(
      (await http('GET', '/api/cities?country=KE', { token: member.token })).body.items,
    ).toEqual([]);
    expect(
      (await http('GET', '/api/cities?country=KE&archived=true', { token: member.token })).body
        .items,
    ).toHaveLength(1);
    expect(
      (await http('GET', `/api/cities/${nairobi.id}`, { token: member.token })).body.archived,
    ).toBe(true);
    await http('POST', `/api/cities/${nairobi.id}/unarchive`, { token: coordinator.token });
    expect(
      (await http('GET', '/api/cities?country=KE', { token: member.token })).body.items,
    ).toHaveLength(1);
  });

  it('does not let a member create, edit or archive cities', async () => {
    const city = (await http('GET', '/api/cities?q=Lyon', { token: member.token })).body.items[0];
    expect(
      (
        await http('POST', '/api/cities', {
          token: member.token,
          body: { name: 'Gent', countryCode: 'BE', timeZone: 'Europe/Brussels' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await http('PATCH', `/api/cities/${city.id}`, {
          token: member.token,
          body: { population: 1 },
        })
      ).status,
    ).toBe(403);
    expect(
      (await http('POST', `/api/cities/${city.id}/archive`, { token: member.token })).status,
    ).toBe(403);
    expect(
      (await http('GET', `/api/cities/${city.id}`, { token: member.token })).body.population,
    ).toBe(522000);
  });

  it('answers an unknown city with 404', async () => {
    const res = await http('GET', '/api/cities/00000000-0000-4000-8000-000000000000', {
      token: member.token,
    });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });
});
