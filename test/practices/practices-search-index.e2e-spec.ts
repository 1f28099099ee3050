// The words-and-facets indexes: a search with words and filters asks each language slot's one
// GIN index for both (the migration's expression and the statements' must stay the same, or
// every search reads the whole table), and a slot whose query parsed to nothing finds nothing
// there (joined to the filters, an empty query would ask for the filters alone).
import { PracticeSearch, searchStatement } from '#libs/practices';
import { createPerson, type TestPerson } from '../factories/accounts.js';
import { httpClient, type Http } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  completeEntry,
  createDraft,
  createReviewer,
  expectOk,
  publish,
} from './practice-helpers.js';

describe('practice search indexes', () => {
  let t: TestApp;
  let http: Http;
  let author: TestPerson;
  let reviewer: TestPerson;
  let coordinator: TestPerson;
  const id: Record<string, string> = {};

  const search = async (query: string) =>
    expectOk(http('GET', `/api/practices?${query}`, { token: author.token }));

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    author = await createPerson(t.dataSource, http);
    reviewer = await createReviewer(t.dataSource, http);
    coordinator = await createPerson(t.dataSource, http, { role: 'coordinator' });
    const entries: Array<[string, Record<string, unknown>]> = [
      ['youthMonitored', { themes: ['youth-engagement'], evidenceLevel: 'monitored' }],
      ['youthEvaluated', { themes: ['youth-engagement'], evidenceLevel: 'evaluated-internally' }],
      ['polarizationMonitored', { themes: ['polarization'], evidenceLevel: 'monitored' }],
    ];
    for (const [key, fields] of entries) {
      const draft = await createDraft(http, author, completeEntry(fields));
      await publish(http, { author, reviewer, coordinator }, draft.id);
      id[key] = draft.id;
    }
  });
  afterAll(() => t.close());

  it('finds words with filters, and counts each filter over the rows the other one passes', async () => {
    const res = await search('q=mentors&theme=youth-engagement&evidence=monitored');
    expect(res.items.map((i: any) => i.id)).toEqual([id.youthMonitored]);
    expect(res.total).toBe(1);
    const count = (facet: string, value: string) =>
      res.facets[facet].find((f: any) => f.value === value)?.count ?? 0;
    // Evidence levels among the youth entries; themes among the monitored ones.
    expect(count('evidence', 'monitored')).toBe(1);
    expect(count('evidence', 'evaluated-internally')).toBe(1);
    expect(count('theme', 'youth-engagement')).toBe(1);
    expect(count('theme', 'polarization')).toBe(1);
  });

  it('finds nothing in a language where the words are stop words, with a filter or without', async () => {
    // "the": a stop word in English, a word in the other slots' configurations.
    for (const query of [
      'q=the',
      'q=the&theme=youth-engagement',
      'q=the&theme=youth-engagement&evidence=monitored',
    ]) {
      const res = await search(query);
      expect({ query, total: res.total, items: res.items }).toEqual({ query, total: 0, items: [] });
    }
  });

  it('takes a filter value as data in the index query: quotes, backslashes and direction marks find nothing, NUL is refused', async () => {
    for (const theme of [
      "x' | 'evidence:monitored",
      'a\\b:*',
      '\u202Eyouth-engagement',
      '(youth)',
    ]) {
      for (const rest of ['q=mentors', 'q=mentors&evidence=monitored']) {
        const query = `${rest}&theme=${encodeURIComponent(theme)}`;
        const res = await search(query);
        expect({ query, total: res.total, items: res.items }).toEqual({
          query,
          total: 0,
          items: [],
        });
      }
    }
    const nul = await http('GET', '/api/practices?q=mentors&evidence=monitored&theme=youth%00', {
      token: author.token,
    });
    expect([nul.status, nul.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it("asks each slot's words-and-facets index, for the page and for the counts", async () => {
    const practiceSearch = t.app.get(PracticeSearch);
    const query = await practiceSearch.compile('mentors trust');
    const statements = searchStatement({
      scope: { kind: 'member', memberId: author.id },
      query,
      filters: { theme: 'youth-engagement', evidence: 'monitored' },
      preferredLanguage: 'en',
      offset: 0,
      limit: 20,
    });
    const runner = t.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      // A three-row table reads faster whole: forbid that, to see which index can answer.
      await runner.query('SET LOCAL enable_seqscan = off');
      for (const { sql, params } of [statements.page, statements.counts]) {
        const plan = JSON.stringify(await runner.query(`EXPLAIN (FORMAT JSON) ${sql}`, params));
        expect(plan).toContain('practice_search_match_en_idx');
        expect(plan).not.toContain('"Seq Scan"');
      }
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
