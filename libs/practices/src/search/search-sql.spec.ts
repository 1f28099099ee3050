import type { SearchScope } from '../practices.policy.js';
import type { CompiledQuery } from './query-plan.js';
import { facetValueOf, searchStatement, type SearchStatementInput } from './search-sql.js';

describe('search statements', () => {
  const query: CompiledQuery = {
    en: "(('mentor')) & (('trust'))",
    fr: "(('mentor')) & (('confianc'))",
    nl: '', // stop words only: no arm for this slot
    de: "(('mentor')) & (('vertrau'))",
    other: "(('mentors')) & (('trust'))",
    head: "(('mentor') | ('mentors')) & (('trust') | ('confianc'))",
  };
  const scopes: SearchScope[] = [
    { kind: 'everything' },
    { kind: 'public' },
    { kind: 'network' },
    { kind: 'member', memberId: '6f1c1a4e-8c1d-4f57-9d55-0d6b1f7e2a10' },
  ];
  const filterSets: Array<SearchStatementInput['filters']> = [
    {},
    { theme: 'youth-engagement' },
    { theme: 'youth-engagement', evidence: 'monitored' },
    { theme: 'polarization', country: 'FR', city: '6F1C1A4E-8C1D-4F57-9D55-0D6B1F7E2A10' },
  ];
  const inputs: SearchStatementInput[] = scopes.flatMap((scope) =>
    [query, null].flatMap((q) =>
      filterSets.map((filters) => ({
        scope,
        query: q,
        filters,
        preferredLanguage: 'en',
        offset: 0,
        limit: 20,
      })),
    ),
  );

  it('uses every parameter it numbers, in each statement (an unused one has no type)', () => {
    for (const input of inputs) {
      const { page, counts } = searchStatement(input);
      for (const { sql, params } of [page, counts]) {
        const used = new Set([...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
        expect([...used].sort((a, b) => a - b)).toEqual(params.map((_, i) => i + 1));
      }
    }
  });

  it('asks no slot whose query parsed to nothing', () => {
    const { page, counts } = searchStatement(inputs[2]!);
    for (const { sql } of [page, counts]) {
      expect(sql).toContain('d.tsv_en ||');
      expect(sql).not.toContain('d.tsv_nl ||');
    }
    const nothing = searchStatement({
      ...inputs[2]!,
      query: { en: '', fr: '', nl: '', de: '', other: '', head: '' },
    });
    expect(nothing.counts.sql).toMatch(/AND FALSE\s/);
  });

  it('passes filter values as quoted lexemes, never as query syntax', () => {
    const { counts } = searchStatement({
      ...inputs[2]!,
      filters: { theme: "x' | 'evidence:monitored", evidence: 'monitored' },
    });
    expect(counts.params).toContain(
      "('evidence:monitored') | ('theme:x'' | ''evidence:monitored')",
    );
    expect(facetValueOf('city', 'ABC-1')).toBe('city:abc-1');
  });
});
