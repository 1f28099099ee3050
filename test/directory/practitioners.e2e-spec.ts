import { createCity, createPerson, type TestPerson } from '../factories/accounts.js';
import { httpClient, type Http, type HttpResult } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('practitioner directory and profiles', () => {
  let t: TestApp;
  let http: Http;
  let viewer: TestPerson;
  let coordinator: TestPerson;
  let denverId: string;
  let rotterdamId: string;

  const names = (res: { body: { items: Array<{ displayName: string }> } }) =>
    res.body.items.map((p) => p.displayName);

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    rotterdamId = (await createCity(t.dataSource, { name: 'Rotterdam', countryCode: 'NL' })).id;
    denverId = (
      await createCity(t.dataSource, {
        name: 'Denver',
        countryCode: 'US',
        region: 'north-america',
        timeZone: 'America/Denver',
      })
    ).id;
    viewer = await createPerson(t.dataSource, http, { displayName: 'Viewer Vera' });
    coordinator = await createPerson(t.dataSource, http, {
      role: 'coordinator',
      displayName: 'Coordinator Cleo',
    });
    const anna = await createPerson(t.dataSource, http, {
      displayName: 'Anna Mayor',
      position: 'mayor',
      cityId: rotterdamId,
      languages: ['nl-BE', 'en'],
    });
    const ben = await createPerson(t.dataSource, http, {
      displayName: 'Ben Youth',
      position: 'practitioner',
      cityId: denverId,
      languages: ['en', 'es'],
    });
    await createPerson(t.dataSource, http, {
      displayName: 'Carl Researcher',
      position: 'researcher',
      cityId: denverId,
      languages: ['en'],
    });
    await createPerson(t.dataSource, http, {
      displayName: 'Dora Suspended',
      status: 'suspended',
      cityId: rotterdamId,
    });
    await http('PATCH', '/api/me', {
      token: anna.token,
      body: { themes: ['polarization', 'online-hate'] },
    });
    await http('PATCH', '/api/me', { token: ben.token, body: { themes: ['youth-engagement'] } });
  });
  afterAll(() => t.close());

  it('filters by region, city, position, theme, language and name', async () => {
    const get = (q: string) => http('GET', `/api/practitioners?${q}`, { token: viewer.token });
    expect(names(await get('region=north-america'))).toEqual(['Ben Youth', 'Carl Researcher']);
    expect(names(await get(`cityId=${rotterdamId}`))).toEqual(['Anna Mayor']);
    expect(names(await get('position=researcher'))).toEqual(['Carl Researcher']);
    expect(names(await get('theme=polarization'))).toEqual(['Anna Mayor']);
    expect(names(await get('language=nl'))).toEqual(['Anna Mayor']);
    expect(names(await get('language=es'))).toEqual(['Ben Youth']);
    expect(names(await get('q=youth'))).toEqual(['Ben Youth']);
  });

  it('shows themes and cities in directory entries, and no email', async () => {
    const res = await http('GET', '/api/practitioners?q=Anna', { token: viewer.token });
    const anna = res.body.items[0];
    expect(anna.city).toMatchObject({ name: 'Rotterdam', region: 'europe' });
    expect(anna.themes.map((th: { slug: string }) => th.slug)).toEqual([
      'online-hate',
      'polarization',
    ]);
    expect(anna).not.toHaveProperty('email');
  });

  it('pages with a cursor through everyone active', async () => {
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const res: HttpResult = await http(
        'GET',
        `/api/practitioners?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token: viewer.token },
      );
      all.push(...names(res));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(all).toEqual([
      'Anna Mayor',
      'Ben Youth',
      'Carl Researcher',
      'Coordinator Cleo',
      'Viewer Vera',
    ]);
  });

  it('keeps suspended accounts out of the directory for members; coordinators can list them', async () => {
    expect(names(await http('GET', '/api/practitioners?q=Dora', { token: viewer.token }))).toEqual(
      [],
    );
    const forbidden = await http('GET', '/api/practitioners?status=suspended', {
      token: viewer.token,
    });
    expect(forbidden.status).toBe(403);
    expect(
      names(await http('GET', '/api/practitioners?status=suspended', { token: coordinator.token })),
    ).toEqual(['Dora Suspended']);
  });

  it('lets a person edit their own profile with validated values', async () => {
    const res = await http('PATCH', '/api/me', {
      token: viewer.token,
      body: {
        displayName: 'Vera Visser',
        position: 'official',
        cityId: rotterdamId,
        organisation: 'Gemeente Rotterdam',
        languages: ['NL', 'en-gb'],
        timeZone: 'Europe/Amsterdam',
        workingHours: { days: [5, 1, 2], start: '08:30', end: '16:30' },
        themes: ['community-resilience'],
        bio: 'Prevention officer.',
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      displayName: 'Vera Visser',
      position: 'official',
      city: { name: 'Rotterdam' },
      languages: ['nl', 'en-GB'],
      workingHours: { days: [1, 2, 5], start: '08:30', end: '16:30' },
      themes: [
        { slug: 'community-resilience', label: 'Community resilience', id: expect.any(String) },
      ],
    });
    const profile = await http('GET', `/api/practitioners/${viewer.id}`, {
      token: coordinator.token,
    });
    expect(profile.body.displayName).toBe('Vera Visser');
  });

  it.each([
    [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
    [{ languages: ['!!'] }, 'languages'],
    [{ position: 'king' }, 'position'],
    [{ themes: ['no-such-theme'] }, 'themes'],
    [{ cityId: '00000000-0000-4000-8000-000000000000' }, 'cityId'],
    [{ workingHours: { days: [8], start: '09:00', end: '17:00' } }, 'workingHours'],
    [{ workingHours: { days: [1], start: '18:00', end: '09:00' } }, 'workingHours'],
    [{ networkRole: 'admin' }, 'networkRole'],
  ])('refuses %j on my profile and changes nothing', async (body, field) => {
    const before = (await http('GET', '/api/me', { token: viewer.token })).body;
    const res = await http('PATCH', '/api/me', { token: viewer.token, body });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.message).toContain(field);
    expect((await http('GET', '/api/me', { token: viewer.token })).body).toEqual(before);
  });

  it('answers 404 for a suspended profile to members and shows it to coordinators', async () => {
    const [{ id }] = await t.dataSource.query(
      `SELECT id FROM practitioners WHERE display_name = 'Dora Suspended'`,
    );
    expect((await http('GET', `/api/practitioners/${id}`, { token: viewer.token })).status).toBe(
      404,
    );
    const res = await http('GET', `/api/practitioners/${id}`, { token: coordinator.token });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('suspended');
  });
});
