// Themes carry their label in French, Dutch and German: the seeded vocabulary from its migration,
// new themes from the coordinator who adds them. Bad translations are refused and change nothing.
import { createPerson, type TestPerson } from '../factories/accounts.js';
import { httpClient, type Http } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const SEEDED = [
  'online-hate',
  'returning-foreign-fighters',
  'youth-engagement',
  'national-local-coordination',
  'far-right-violent-extremism',
  'polarization',
  'community-resilience',
  'mental-health',
];

describe('theme translations', () => {
  let t: TestApp;
  let http: Http;
  let coordinator: TestPerson;
  let member: TestPerson;

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    coordinator = await createPerson(t.dataSource, http, { role: 'coordinator' });
    member = await createPerson(t.dataSource, http);
  });
  afterAll(() => t.close());

  const themes = async () => {
    const res = await http('GET', '/api/themes', { token: member.token });
    expect(res.status).toBe(200);
    return res.body as Array<{ slug: string; label: string; translations: Record<string, string> }>;
  };

  it('gives every seeded theme a label in French, Dutch and German', async () => {
    const bySlug = new Map((await themes()).map((theme) => [theme.slug, theme]));
    for (const slug of SEEDED) {
      const theme = bySlug.get(slug)!;
      expect(Object.keys(theme.translations).sort()).toEqual(['de', 'fr', 'nl']);
      for (const label of Object.values(theme.translations)) {
        expect(label.trim().length).toBeGreaterThan(2);
        expect(label).not.toBe(theme.label);
      }
    }
    expect(bySlug.get('online-hate')).toMatchObject({
      label: 'Online hate',
      translations: { fr: 'Haine en ligne', nl: 'Online haat', de: 'Hass im Netz' },
    });
  });

  it('shows the translations wherever themes appear (a profile here)', async () => {
    const updated = await http('PATCH', '/api/me', {
      token: member.token,
      body: { themes: ['mental-health'] },
    });
    expect(updated.status).toBe(200);
    const profile = await http('GET', `/api/practitioners/${member.id}`, {
      token: coordinator.token,
    });
    expect(profile.body.themes).toEqual([
      expect.objectContaining({
        slug: 'mental-health',
        translations: {
          fr: 'Santé mentale',
          nl: 'Geestelijke gezondheid',
          de: 'Psychische Gesundheit',
        },
      }),
    ]);
  });

  it('lets a coordinator give translations when adding a theme, trimmed, blanks left out', async () => {
    const created = await http('POST', '/api/themes', {
      token: coordinator.token,
      body: {
        label: 'Hate crime victims',
        translations: {
          fr: '  Victimes de crimes de haine ',
          de: 'Opfer von Hasskriminalität',
          nl: '   ',
        },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      slug: 'hate-crime-victims',
      label: 'Hate crime victims',
      translations: { fr: 'Victimes de crimes de haine', de: 'Opfer von Hasskriminalität' },
    });
    expect(created.body.translations).not.toHaveProperty('nl');
    const listed = (await themes()).find((theme) => theme.slug === 'hate-crime-victims');
    expect(listed?.translations).toEqual(created.body.translations);
  });

  it('adds a theme without translations as before', async () => {
    const created = await http('POST', '/api/themes', {
      token: coordinator.token,
      body: { label: 'Disinformation' },
    });
    expect(created.status).toBe(201);
    expect(created.body.translations).toEqual({});
  });

  it.each([
    ['an unknown language', { es: 'Odio en línea' }],
    ['a number', { fr: 42 }],
    ['a label too short', { de: 'H' }],
    ['a label too long', { nl: 'x'.repeat(121) }],
    ['a list instead of an object', ['Haine en ligne']],
    ['a string instead of an object', 'Haine en ligne'],
    ['null', null],
  ])('refuses translations with %s, and adds nothing', async (_what, translations) => {
    const label = `Refused ${Math.random().toString(36).slice(2, 8)}`;
    const res = await http('POST', '/api/themes', {
      token: coordinator.token,
      body: { label, translations },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect((await themes()).some((theme) => theme.label === label)).toBe(false);
  });

  it('does not let a member add a theme, with or without translations', async () => {
    const res = await http('POST', '/api/themes', {
      token: member.token,
      body: { label: 'Members cannot add this', translations: { fr: 'Non' } },
    });
    expect(res.status).toBe(403);
  });
});
