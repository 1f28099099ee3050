// What bench:search measures and bench:search:compare compares: the five queries, the reader
// who asks them and the page they ask for, written once for both.

/** The five queries, given the corpus's rare word (under 1 % of entries) and broad one (over 20 %). */
export function searchQueries(rare, broad) {
  return [
    { label: `one word, rare ("${rare}")`, target: 30, query: { q: rare } },
    { label: `one word, broad ("${broad}")`, target: 150, query: { q: broad } },
    {
      label: 'three words + two facets',
      target: 30,
      query: { q: 'young mentors trust', theme: 'youth-engagement', evidence: 'monitored' },
    },
    {
      label: 'across languages ("radicalisering", nl)',
      target: 150,
      query: { q: 'radicalisering' },
    },
    {
      label: 'facet-only listing (theme + evidence)',
      target: 30,
      query: { theme: 'polarization', evidence: 'evaluated-independently' },
    },
  ];
}

/** The reader the bench signs in as: a member of the corpus's first two exchanges. */
export const BENCH_MEMBER_EMAIL = 'bench-member@bench.example';

/**
 * The reader's search scope: by id (the statements read the member's exchanges themselves),
 * with those exchanges listed too, as commits before that took them (bench:search:compare).
 */
export async function benchScope(db, exchanges) {
  const { rows } = await db.query('SELECT id FROM practitioners WHERE email = $1', [
    BENCH_MEMBER_EMAIL,
  ]);
  return { kind: 'member', memberId: rows[0].id, exchangeIds: exchanges.slice(0, 2) };
}

/** The first page of a query, in English, as runSearch takes it. */
export const searchRequest = (query) => ({
  ...query,
  offset: 0,
  limit: 20,
  preferredLanguage: 'en',
});
