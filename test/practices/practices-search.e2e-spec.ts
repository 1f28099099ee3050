// Searching the library: each language stemmed its own way with accents folded, title before
// summary before body, snippets with the matched words marked, the glossary carrying a query
// into the other three languages (and saying so), typo tolerance for short queries, facets for
// every filter counted over the other filters, paging, and the reader's language.
import { createCity, createPerson, type TestPerson } from '../factories/accounts.js';
import { httpClient, type Http } from '../support/http.js';
import { SEARCH_BUDGET_PER_MINUTE } from '#libs/practices';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  completeEntry,
  createDraft,
  createReviewer,
  expectOk,
  publish,
} from './practice-helpers.js';

describe('practice search', () => {
  let t: TestApp;
  let http: Http;
  let author: TestPerson;
  let reviewer: TestPerson;
  let coordinator: TestPerson;
  const id: Record<string, string> = {};

  const texts = (language: string, title: string, summary: string, approach: string) => ({
    language,
    title,
    summary,
    challenge: 'A local challenge.',
    approach,
    lessonsWorked: 'Trust.',
  });

  async function entry(key: string, body: Record<string, unknown>): Promise<void> {
    const draft = await createDraft(http, author, completeEntry(body));
    await publish(http, { author, reviewer, coordinator }, draft.id);
    id[key] = draft.id;
  }

  const search = async (query: string, token?: string) =>
    expectOk(http('GET', `/api/practices?${query}`, { token: token ?? author.token }));

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    author = await createPerson(t.dataSource, http);
    reviewer = await createReviewer(t.dataSource, http);
    coordinator = await createPerson(t.dataSource, http, { role: 'coordinator' });
    const denver = await createCity(t.dataSource, {
      name: 'Denver',
      countryCode: 'US',
      region: 'north-america',
      timeZone: 'America/Denver',
    });
    const lyon = await createCity(t.dataSource, {
      name: 'Lyon',
      countryCode: 'FR',
      timeZone: 'Europe/Paris',
    });
    await entry('exitEn', {
      originalLanguage: 'en',
      cityIds: [denver.id],
      evidenceLevel: 'evaluated-independently',
      themes: ['returning-foreign-fighters'],
      targetGroups: ['returnees', 'families'],
      texts: [
        texts(
          'en',
          'An exit programme for returnees',
          'Mentors and families work together.',
          'Independent mentors meet each returnee.',
        ),
        texts(
          'fr',
          'Un programme de sortie pour les revenants',
          'Des mentors et les familles travaillent ensemble.',
          'Des mentors indépendants rencontrent chaque revenant.',
        ),
      ],
    });
    await entry('evaluationFr', {
      originalLanguage: 'fr',
      cityIds: [lyon.id],
      evidenceLevel: 'evaluated-internally',
      themes: ['polarization'],
      targetGroups: ['communities'],
      texts: [
        texts(
          'fr',
          'Médiation dans les quartiers',
          'Une évaluation indépendante des tables de dialogue.',
          'Les médiateurs réunissent les habitants.',
        ),
      ],
    });
    await entry('radicalisationDe', {
      originalLanguage: 'de',
      evidenceLevel: 'monitored',
      themes: ['far-right-violent-extremism'],
      targetGroups: ['youth'],
      texts: [
        texts(
          'de',
          'Prävention von Radikalisierung an Schulen',
          'Lehrkräfte erkennen Anzeichen früh.',
          'Fortbildungen für Lehrkräfte und Schulsozialarbeit.',
        ),
      ],
    });
    // Ranking: the same word in the title, in the summary, in the body only.
    await entry('inTitle', {
      texts: [
        texts(
          'en',
          'Resilience workshops',
          'Weekly meetings in libraries.',
          'Facilitators run sessions.',
        ),
      ],
    });
    await entry('inSummary', {
      texts: [
        texts(
          'en',
          'Neighbourhood circles',
          'Circles build resilience among neighbours.',
          'Facilitators run sessions.',
        ),
      ],
    });
    await entry('inBody', {
      texts: [
        texts(
          'en',
          'Library evenings',
          'Evenings with local stories.',
          'The aim is resilience, over months.',
        ),
      ],
    });
  });
  afterAll(() => t.close());

  it('ranks the title above the summary above the body, and marks the matched words in snippets', async () => {
    const res = await search('q=resilience');
    expect(res.items.map((i: any) => i.id)).toEqual([id.inTitle, id.inSummary, id.inBody]);
    const marked = res.items[2].snippet
      .filter((p: any) => p.match)
      .map((p: any) => p.text.toLowerCase());
    expect(marked).toEqual(['resilience']);
    expect(res.items[2].snippet.map((p: any) => p.text).join('')).toContain(
      'The aim is resilience',
    );
  });

  it('stems each language its own way and folds accents', async () => {
    // French: "évaluations" (plural, accented) finds "évaluation"; without accents too.
    expect((await search('q=%C3%A9valuations')).items.map((i: any) => i.id)).toEqual([
      id.evaluationFr,
    ]);
    expect((await search('q=evaluation%20independante')).items.map((i: any) => i.id)).toEqual([
      id.evaluationFr,
    ]);
    // German: "Schule" finds "Schulen"; "Prävention" without its umlaut too.
    expect((await search('q=Schule')).items.map((i: any) => i.id)).toEqual([id.radicalisationDe]);
    expect((await search('q=pravention')).items.map((i: any) => i.id)).toEqual([
      id.radicalisationDe,
    ]);
  });

  it('carries a query into the other languages through the glossary, and says how', async () => {
    // Dutch "exitprogramma" is the glossary's exit programme: it finds the English entry.
    const dutch = await search('q=exitprogramma');
    expect(dutch.items.map((i: any) => i.id)).toEqual([id.exitEn]);
    expect(dutch.expansions).toEqual([
      expect.objectContaining({
        term: 'exitprogramma',
        kind: 'glossary',
        concept: 'exit-programme',
        alternatives: expect.arrayContaining([
          'exit programme',
          'programme de sortie',
          'Ausstiegsprogramm',
        ]),
      }),
    ]);
    // English "radicalisation" finds the German entry (Radikalisierung).
    const english = await search('q=radicalisation');
    expect(english.items.map((i: any) => i.id)).toEqual([id.radicalisationDe]);
    expect(english.expansions[0].concept).toBe('radicalisation');
  });

  it('tolerates a typo in a short query, and says what it searched instead', async () => {
    const res = await search('q=resilianse');
    expect(res.total).toBe(3);
    expect(res.expansions).toEqual([
      {
        term: 'resilianse',
        kind: 'typo',
        concept: null,
        alternatives: expect.arrayContaining(['resilience']),
      },
    ]);
    // A word that exists is not "corrected".
    const exact = await search('q=resilience');
    expect(exact.expansions.filter((e: any) => e.kind === 'typo')).toEqual([]);
  });

  it('counts every facet over the other filters, and filters by each', async () => {
    const all = await search('');
    expect(all.total).toBe(6);
    const counts = (facets: any, facet: string) =>
      Object.fromEntries(facets[facet].map((f: any) => [f.value, f.count]));
    expect(counts(all.facets, 'language')).toEqual({ en: 4, fr: 2, de: 1 });
    expect(counts(all.facets, 'region')).toEqual({ 'north-america': 1, europe: 1 });
    expect(counts(all.facets, 'country')).toEqual({ US: 1, FR: 1 });
    expect(all.facets.country.find((f: any) => f.value === 'US').label).toBe('United States');
    expect(counts(all.facets, 'evidence')).toEqual({
      'evaluated-independently': 1,
      'evaluated-internally': 1,
      monitored: 4,
    });
    // With evidence=monitored chosen, the evidence facet still shows its siblings' counts,
    // while the others count only monitored entries.
    const monitored = await search('evidence=monitored');
    expect(monitored.total).toBe(4);
    expect(counts(monitored.facets, 'evidence')).toEqual(counts(all.facets, 'evidence'));
    expect(counts(monitored.facets, 'language')).toEqual({ en: 3, de: 1 });
    expect((await search('region=north-america')).items.map((i: any) => i.id)).toEqual([id.exitEn]);
    expect((await search('country=FR')).items.map((i: any) => i.id)).toEqual([id.evaluationFr]);
    expect((await search('targetGroup=returnees')).items.map((i: any) => i.id)).toEqual([
      id.exitEn,
    ]);
    expect((await search('theme=polarization')).items.map((i: any) => i.id)).toEqual([
      id.evaluationFr,
    ]);
    expect((await search('language=fr')).total).toBe(2);
    expect((await search('q=mentors&language=fr&evidence=evaluated-independently')).total).toBe(1);
  });

  it('counts each facet over the entries passing every other filter, for any two filters', async () => {
    const all = await search('');
    // The oracle: the entries themselves, with the facet values each item shows.
    const valuesOf = (item: any): Record<string, string[]> => ({
      theme: item.themes.map((t: any) => t.slug),
      targetGroup: item.targetGroups,
      evidence: item.evidenceLevel ? [item.evidenceLevel] : [],
      language: item.languages,
      city: item.cities.map((c: any) => c.id),
      country: [...new Set<string>(item.cities.map((c: any) => c.countryCode))],
      region: [...new Set<string>(item.cities.map((c: any) => c.region))],
    });
    const choices = Object.keys(valuesOf(all.items[0])).flatMap((facet) =>
      (all.facets[facet] as any[]).map((f) => [facet, f.value as string] as const),
    );
    const checked: string[] = [];
    for (const [i, [facetA, valueA]] of choices.entries()) {
      for (const [facetB, valueB] of choices.slice(i + 1)) {
        if (facetA === facetB) continue;
        const chosen = { [facetA]: valueA, [facetB]: valueB };
        const res = await search(new URLSearchParams(chosen).toString());
        const passes = (item: any, except?: string) =>
          Object.entries(chosen).every(
            ([facet, value]) => facet === except || valuesOf(item)[facet]!.includes(value),
          );
        expect(res.total).toBe(all.items.filter((item: any) => passes(item)).length);
        for (const facet of Object.keys(valuesOf(all.items[0]))) {
          const expected: Record<string, number> = {};
          for (const item of all.items.filter((it: any) => passes(it, facet)))
            for (const value of valuesOf(item)[facet]!)
              expected[value] = (expected[value] ?? 0) + 1;
          const got = Object.fromEntries(
            (res.facets[facet] as any[]).filter((f) => f.count > 0).map((f) => [f.value, f.count]),
          );
          expect({ chosen, facet, counts: got }).toEqual({ chosen, facet, counts: expected });
        }
        checked.push(`${facetA}=${valueA}&${facetB}=${valueB}`);
      }
    }
    expect(checked.length).toBeGreaterThan(10);
  });

  it('shows the reader’s language where the entry has it, the original otherwise', async () => {
    const fr = await search('q=mentors&lang=fr');
    expect(fr.items[0]).toMatchObject({
      language: 'fr',
      title: 'Un programme de sortie pour les revenants',
      languages: ['en', 'fr'],
    });
    const nl = await search('q=mentors&lang=nl');
    expect(nl.items[0]).toMatchObject({ language: 'en', title: 'An exit programme for returnees' });
    const page = (lang: string) =>
      expectOk(http('GET', `/api/practices/${id.exitEn}?lang=${lang}`, { token: author.token }));
    expect(await page('fr')).toMatchObject({
      language: 'fr',
      languageNote: 'translated',
      languages: ['en', 'fr'],
      texts: expect.objectContaining({ title: 'Un programme de sortie pour les revenants' }),
    });
    expect(await page('nl')).toMatchObject({ language: 'en', languageNote: 'original' });
    expect(await page('en')).toMatchObject({ language: 'en', languageNote: null });
  });

  it('pages with a cursor, and refuses a forged one', async () => {
    const first = await search('limit=4');
    expect(first.items).toHaveLength(4);
    const second = await search(`limit=4&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items].map((i: any) => i.id);
    expect(new Set(ids).size).toBe(6);
    const forged = await http('GET', '/api/practices?cursor=eyJvZmZzZXQiOi01fQ');
    expect(forged.status).toBe(400);
  });

  it('answers bad filters with a typed 400', async () => {
    for (const query of [
      'evidence=great',
      'targetGroup=aliens',
      'region=mars',
      'country=nl',
      'city=x',
      'limit=500',
      'language=english',
    ]) {
      const res = await http('GET', `/api/practices?${query}`);
      expect({ query, status: res.status, code: res.body.code }).toEqual({
        query,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    // Only stop words: no entry, no error.
    expect((await search('q=the%20and%20of')).total).toBe(0);
  });

  it('gives each caller a budget: past it, RATE_LIMITED with Retry-After', async () => {
    // A member of its own: the budget counts per caller (visitors per address).
    const hurried = await createPerson(t.dataSource, http);
    const statuses: number[] = [];
    for (let batch = 0; batch < SEARCH_BUDGET_PER_MINUTE / 50; batch++)
      statuses.push(
        ...(
          await Promise.all(
            Array.from({ length: 50 }, () =>
              http('GET', '/api/practices?limit=1', { token: hurried.token }),
            ),
          )
        ).map((r) => r.status),
      );
    expect(statuses.every((status) => status === 200)).toBe(true);
    const refused = await http('GET', '/api/practices?limit=1', { token: hurried.token });
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Others keep theirs.
    expect((await http('GET', '/api/practices?limit=1', { token: author.token })).status).toBe(200);
  });
});
