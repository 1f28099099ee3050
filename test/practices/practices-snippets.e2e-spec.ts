// Search snippets: cut around the first place a query word occurs, however far into the text,
// with every query word found there marked: accented forms, words the stemmer changed, words
// of a longer query, words only the index's folding finds; an entry matched only by its title
// shows its summary's first words.
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

/** Sentences that match no query below: the text before (and after) the matches. */
const FILLER_EN =
  'Residents met every week in the community hall to talk about their streets and schools. ';
const FILLER_FR =
  'Les habitants se retrouvaient chaque semaine dans la salle du quartier pour parler des rues. ';

describe('practice search snippets', () => {
  let t: TestApp;
  let http: Http;
  let author: TestPerson;
  let reviewer: TestPerson;
  let coordinator: TestPerson;
  const id: Record<string, string> = {};

  async function entry(key: string, language: string, title: string, approach: string) {
    const draft = await createDraft(
      http,
      author,
      completeEntry({
        originalLanguage: language,
        texts: [
          {
            language,
            title,
            summary: language === 'fr' ? 'Un résumé court.' : 'A short summary.',
            challenge: language === 'fr' ? 'Un défi local.' : 'A local challenge.',
            approach,
            lessonsWorked: language === 'fr' ? 'La confiance.' : 'Trust.',
          },
        ],
      }),
    );
    await publish(http, { author, reviewer, coordinator }, draft.id);
    id[key] = draft.id;
  }

  const search = async (query: string) =>
    expectOk(http('GET', `/api/practices?${query}`, { token: author.token }));
  const snippetOf = (res: any, key: string) => {
    const item = res.items.find((i: any) => i.id === id[key]);
    expect(item).toBeDefined();
    return {
      text: item.snippet.map((p: any) => p.text).join(''),
      marked: item.snippet.filter((p: any) => p.match).map((p: any) => p.text.toLowerCase()),
    };
  };

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    author = await createPerson(t.dataSource, http);
    reviewer = await createReviewer(t.dataSource, http);
    coordinator = await createPerson(t.dataSource, http, { role: 'coordinator' });
    await entry(
      'lateFr',
      'fr',
      'Dialogue dans les quartiers',
      `${FILLER_FR.repeat(20)}Les médiatrices formées accompagnent les familles. ${FILLER_FR.repeat(3)}`,
    );
    await entry(
      'stemmedEn',
      'en',
      'Neighbourhood evenings',
      `${FILLER_EN.repeat(12)}Each family chose a mentor for the year. ${FILLER_EN.repeat(2)}`,
    );
    await entry(
      'apartEn',
      'en',
      'Youth workers on the street',
      `Outreach workers began in spring. ${FILLER_EN.repeat(8)}The budget came from the city council.`,
    );
    await entry('titleOnly', 'en', 'Ombudsman hours', FILLER_EN.repeat(3));
    // "Łódź" folds to "lodz" in the index, but no letter pattern of the window spells Ł or ź.
    await entry(
      'folded',
      'en',
      'An ombudsman office',
      `${FILLER_EN.repeat(8)}Partners in Łódź shared their plan. ${FILLER_EN}`,
    );
  });
  afterAll(() => t.close());

  it('cuts the snippet around a match far into the text and marks it, accents folded', async () => {
    const res = await search('q=mediatrices');
    expect(res.items.map((i: any) => i.id)).toEqual([id.lateFr]);
    const { text, marked } = snippetOf(res, 'lateFr');
    expect(marked).toEqual(['médiatrices']);
    expect(text).toContain('Les médiatrices formées accompagnent les familles');
    // A window of the text, not its start (the match is ~1,900 characters in).
    expect(text).not.toContain('Un résumé court');
    expect(text.length).toBeLessThan(400);
    // Cut between words: every word shown is a whole word of the text.
    const words = new Set(
      `${FILLER_FR} Les médiatrices formées accompagnent les familles.`.split(/[\s.]+/),
    );
    for (const word of text.split(/[\s.…]+/).filter(Boolean)) expect(words).toContain(word);
  });

  it('marks a word whose stem the text spells differently (families → family)', async () => {
    const res = await search('q=families');
    const { text, marked } = snippetOf(res, 'stemmedEn');
    expect(marked).toEqual(['family']);
    expect(text).toContain('Each family chose a mentor');
  });

  it('marks the words of a longer query that occur near the first match', async () => {
    const res = await search('q=outreach%20budget');
    expect(res.items.map((i: any) => i.id)).toEqual([id.apartEn]);
    const { text, marked } = snippetOf(res, 'apartEn');
    expect(marked).toContain('outreach');
    expect(text).toContain('Outreach workers began in spring');
  });

  it('marks a body word the window cannot find, with the rest of the query in the title', async () => {
    const res = await search('q=ombudsman%20lodz');
    expect(res.items.map((i: any) => i.id)).toEqual([id.folded]);
    const { text, marked } = snippetOf(res, 'folded');
    expect(marked).toEqual(['łódź']);
    expect(text).toContain('Partners in Łódź shared their plan');
  });

  it('shows the summary first when only the title matches', async () => {
    const res = await search('q=ombudsman');
    const { text, marked } = snippetOf(res, 'titleOnly');
    expect(marked).toEqual([]);
    expect(text.startsWith('A short summary.')).toBe(true);
  });
});
