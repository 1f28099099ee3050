// Visibility is the heart of the library: an `exchange` entry reaches its exchange's members (and
// coordinators) and nobody else, through any door: search items, totals, facet counts, typo
// corrections, the entry page by id or slug, versions, diffs, the compendium and the home page.
import { createCity, createPerson, type TestPerson } from '../factories/accounts.js';
import { addMember, createExchange } from '../exchanges/exchange-helpers.js';
import { httpClient, type Http } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  completeEntry,
  createDraft,
  createReviewer,
  expectOk,
  publish,
} from './practice-helpers.js';

type Caller = 'anonymous' | 'otherExchange' | 'exchangeMember' | 'coordinator';
const CALLERS: Caller[] = ['anonymous', 'otherExchange', 'exchangeMember', 'coordinator'];

describe('practice visibility: an exchange entry never leaks', () => {
  let t: TestApp;
  let http: Http;
  const people = {} as Record<Exclude<Caller, 'anonymous'>, TestPerson> & {
    reviewer: TestPerson;
  };
  const ids = {} as { exchange: string; network: string; public: string };
  const slugs = {} as typeof ids;
  const tokenOf = (caller: Caller) => (caller === 'anonymous' ? undefined : people[caller].token);
  /** Which entries each caller reaches. */
  const reaches: Record<Caller, Array<keyof typeof ids>> = {
    anonymous: ['public'],
    otherExchange: ['network', 'public'],
    exchangeMember: ['exchange', 'network', 'public'],
    coordinator: ['exchange', 'network', 'public'],
  };
  let secretCity: { id: string };

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    people.coordinator = await createPerson(t.dataSource, http, { role: 'coordinator' });
    people.exchangeMember = await createPerson(t.dataSource, http);
    people.otherExchange = await createPerson(t.dataSource, http);
    people.reviewer = await createReviewer(t.dataSource, http);
    secretCity = await createCity(t.dataSource, { name: 'Secretville', countryCode: 'IS' });
    const openCity = await createCity(t.dataSource, { name: 'Openville', countryCode: 'NL' });
    const a = await createExchange(http, people.coordinator, { title: 'Exchange A' });
    const b = await createExchange(http, people.coordinator, { title: 'Exchange B' });
    await addMember(http, people.coordinator, a.id, people.exchangeMember, 'participant');
    await addMember(http, people.coordinator, b.id, people.otherExchange, 'participant');
    const author = people.exchangeMember;
    const flow = { author, reviewer: people.reviewer, coordinator: people.coordinator };
    const entry = async (
      key: keyof typeof ids,
      word: string,
      extra: Record<string, unknown>,
      visibility: 'exchange' | 'network' | 'public',
    ) => {
      const draft = await createDraft(
        http,
        author,
        completeEntry({
          ...extra,
          visibility: visibility === 'public' ? 'network' : visibility,
          texts: [
            {
              language: 'en',
              title: `Mentoring with ${word}`,
              summary: `A ${word} approach to mentoring.`,
              challenge: 'Recruiters online.',
              approach: 'Weekly meetings.',
              lessonsWorked: 'Trust.',
            },
          ],
        }),
      );
      const published = await publish(http, flow, draft.id, visibility);
      ids[key] = draft.id;
      slugs[key] = published.slug;
    };
    // The exchange entry alone has the theme mental-health, the city Secretville (Iceland), the
    // evidence level evaluated-independently, the target group victims and the word zephyrine.
    await entry(
      'exchange',
      'zephyrine',
      {
        exchangeId: a.id,
        themes: ['mental-health'],
        cityIds: [secretCity.id],
        evidenceLevel: 'evaluated-independently',
        targetGroups: ['victims'],
      },
      'exchange',
    );
    await entry('network', 'networking', { cityIds: [openCity.id] }, 'network');
    await entry('public', 'openness', { cityIds: [openCity.id] }, 'public');
  });
  afterAll(() => t.close());

  it.each(CALLERS)(
    'search, totals and facets for %s show only what they may read',
    async (caller) => {
      const res = await expectOk(http('GET', '/api/practices', { token: tokenOf(caller) }));
      const expected = reaches[caller].map((k) => ids[k]).sort();
      expect(res.items.map((i: any) => i.id).sort()).toEqual(expected);
      expect(res.total).toBe(expected.length);
      const secret = reaches[caller].includes('exchange');
      const count = (facet: string, value: string) =>
        res.facets[facet].find((f: any) => f.value === value)?.count ?? 0;
      expect(count('theme', 'mental-health')).toBe(secret ? 1 : 0);
      expect(count('city', secretCity.id)).toBe(secret ? 1 : 0);
      expect(count('country', 'IS')).toBe(secret ? 1 : 0);
      expect(count('evidence', 'evaluated-independently')).toBe(secret ? 1 : 0);
      expect(count('targetGroup', 'victims')).toBe(secret ? 1 : 0);
      expect(count('language', 'en')).toBe(expected.length);
      // Filtering by the exchange entry's facets finds nothing for those outside it.
      const filtered = await expectOk(
        http('GET', `/api/practices?theme=mental-health&city=${secretCity.id}`, {
          token: tokenOf(caller),
        }),
      );
      expect(filtered.total).toBe(secret ? 1 : 0);
      const worded = await expectOk(
        http('GET', '/api/practices?q=zephyrine', { token: tokenOf(caller) }),
      );
      expect(worded.total).toBe(secret ? 1 : 0);
      expect(JSON.stringify(worded)).toEqual(
        secret ? expect.any(String) : expect.not.stringContaining('zephyrine approach'),
      );
    },
  );

  it.each(CALLERS)(
    'typo corrections for %s never offer a word of an entry they may not read',
    async (caller) => {
      const res = await expectOk(
        http('GET', '/api/practices?q=zephyrin', { token: tokenOf(caller) }),
      );
      const offered = res.expansions.flatMap((e: any) => e.alternatives);
      if (reaches[caller].includes('exchange')) {
        expect(offered).toContain('zephyrine');
        expect(res.total).toBe(1);
      } else {
        expect(offered).not.toContain('zephyrine');
        expect(res.total).toBe(0);
      }
    },
  );

  it.each(CALLERS)('the entry page, versions and diffs for %s', async (caller) => {
    for (const key of ['exchange', 'network', 'public'] as const) {
      const allowed = reaches[caller].includes(key);
      for (const path of [
        `/api/practices/${ids[key]}`,
        `/api/practices/${slugs[key]}`,
        `/api/practices/${ids[key]}/versions`,
        `/api/practices/${ids[key]}/versions/1`,
        `/api/practices/${ids[key]}/diff?from=0&to=1`,
      ]) {
        const res = await http('GET', path, { token: tokenOf(caller) });
        expect({ path, key, status: res.status }).toEqual({
          path,
          key,
          status: allowed ? 200 : 404,
        });
        if (!allowed) expect(JSON.stringify(res.body)).not.toContain('zephyrine');
      }
    }
  });

  it('the compendium never takes an exchange entry: not by filter, not by hand', async () => {
    const coordinator = people.coordinator.token;
    const byFilter = await http('POST', '/api/practices/compendium', {
      token: coordinator,
      body: { language: 'en', format: 'markdown' },
    });
    expect(byFilter.status).toBe(200);
    expect(byFilter.body).toContain('Mentoring with networking');
    expect(byFilter.body).toContain('Mentoring with openness');
    expect(byFilter.body).not.toContain('zephyrine');
    const publicOnly = await http('POST', '/api/practices/compendium', {
      token: coordinator,
      body: { language: 'en', format: 'markdown', audience: 'public' },
    });
    expect(publicOnly.body).toContain('Mentoring with openness');
    expect(publicOnly.body).not.toContain('Mentoring with networking');
    const byHand = await http('POST', '/api/practices/compendium', {
      token: coordinator,
      body: { language: 'en', format: 'markdown', ids: [ids.public, ids.exchange] },
    });
    expect(byHand.status).toBe(400);
    expect(byHand.body.details).toEqual([
      { field: 'ids.1', problems: ['exchange-only entries never go into a compendium'] },
    ]);
    const member = await http('POST', '/api/practices/compendium', {
      token: people.exchangeMember.token,
      body: { language: 'en', format: 'markdown' },
    });
    expect(member.status).toBe(403);
  });

  it('the home page shows newly published entries only from what the member may read', async () => {
    const other = await expectOk(
      http('GET', '/api/me/home', { token: people.otherExchange.token }),
    );
    expect(other.sections.newPractices.items.map((i: any) => i.id).sort()).toEqual(
      [ids.network, ids.public].sort(),
    );
    const inside = await expectOk(
      http('GET', '/api/me/home', { token: people.exchangeMember.token }),
    );
    expect(inside.sections.newPractices.total).toBe(3);
  });

  it('a member who leaves the exchange stops reaching its entries at once', async () => {
    const leaver = await createPerson(t.dataSource, http);
    const exchangeId = (
      await expectOk(
        http('GET', `/api/practices/${ids.exchange}`, { token: people.coordinator.token }),
      )
    ).exchange.id;
    await addMember(http, people.coordinator, exchangeId, leaver, 'observer');
    expect(
      (await http('GET', `/api/practices/${ids.exchange}`, { token: leaver.token })).status,
    ).toBe(200);
    await expectOk(
      http('DELETE', `/api/exchanges/${exchangeId}/members/${leaver.id}`, { token: leaver.token }),
      204,
    );
    expect(
      (await http('GET', `/api/practices/${ids.exchange}`, { token: leaver.token })).status,
    ).toBe(404);
    const search = await expectOk(
      http('GET', '/api/practices?q=zephyrine', { token: leaver.token }),
    );
    expect(search.total).toBe(0);
  });
});
