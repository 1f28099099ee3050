import { compileSql, planQuery, typoCandidates, withCorrections } from './query-plan.js';

describe('planQuery', () => {
  it('widens a glossary term to its concept in every language, and says so', () => {
    const plan = planQuery('Radicalisering jongeren');
    expect(plan.units.map((u) => u.words)).toEqual(['radicalisering', 'jongeren']);
    expect(plan.units[0]!.alternatives).toEqual(
      expect.arrayContaining(['radicalisering', 'radicalisation', 'Radikalisierung']),
    );
    expect(plan.units[0]!.expansion).toMatchObject({ kind: 'glossary', concept: 'radicalisation' });
    expect(plan.units[0]!.expansion!.alternatives).not.toContain('radicalisering');
    expect(plan.units[1]!.expansion!.concept).toBe('young-people');
    expect(plan.plainWords).toEqual([]);
  });

  it('keeps other words as they are, as typo candidates in short queries only', () => {
    const plan = planQuery('library evenings at 7');
    expect(plan.units.map((u) => u.alternatives)).toEqual([
      ['library'],
      ['evenings'],
      ['at'],
      ['7'],
    ]);
    expect(typoCandidates(plan)).toEqual([]); // four words: no typo tolerance
    expect(typoCandidates(planQuery('libary evnings'))).toEqual(['libary', 'evnings']);
    expect(typoCandidates(planQuery('abc 2024'))).toEqual([]);
  });

  it('adds corrections to plain words, never to glossary terms', () => {
    const plan = withCorrections(
      planQuery('resilianse mentoring'),
      new Map([
        ['resilianse', ['resilience']],
        ['mentoring', ['mentors']],
      ]),
    );
    expect(plan.units[0]).toMatchObject({
      alternatives: ['resilianse', 'resilience'],
      expansion: { kind: 'typo', term: 'resilianse', alternatives: ['resilience'] },
    });
    expect(plan.units[1]!.expansion!.kind).toBe('glossary');
  });
});

describe('compileSql', () => {
  it('parses every unit once per language: units AND-ed, alternatives OR-ed, texts as parameters', () => {
    const { sql, params } = compileSql(planQuery('exit programme Denver'));
    expect(params[0]).toBe('exit programme');
    expect(params).toContain('Ausstiegsprogramm');
    expect(params).toContain('denver');
    expect(sql).toContain(`phraseto_tsquery('crossings_de', $1)`);
    expect(sql).toMatch(/AS en, .* AS fr, .* AS nl, .* AS de, .* AS other$/);
    expect(sql).not.toContain('Denver');
  });
});
