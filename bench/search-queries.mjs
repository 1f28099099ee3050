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

/** The reader: a member of the corpus's first two exchanges (the bench signs in as one). */
export const benchScope = (exchanges) => ({ kind: 'member', exchangeIds: exchanges.slice(0, 2) });

/** The first page of a query, in English, as runSearch takes it. */
export const searchRequest = (query) => ({
  ...query,
  offset: 0,
  limit: 20,
  preferredLanguage: 'en',
});
