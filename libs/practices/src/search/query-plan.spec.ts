import {
  compiledQuery,
  compileSql,
  planQuery,
  typoCandidates,
  withCorrections,
} from './query-plan.js';

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
  it('parses every alternative of every unit once per language, texts as parameters', () => {
    const { sql, params } = compileSql(planQuery('exit programme Denver'));
    expect(params[0]).toBe('exit programme');
    expect(params).toContain('Ausstiegsprogramm');
    expect(params).toContain('denver');
    expect(sql).toContain(`phraseto_tsquery('crossings_de', $1)`);
    expect(sql).toMatch(/AS en_0, .* AS en_1, .* AS fr_0, .* AS other_1$/);
    expect(sql).not.toContain('Denver');
  });
});

describe('compiledQuery', () => {
  const plan = planQuery('young mentors');
  const parsed = {
    en_0: ["'young'"],
    en_1: ["'mentor'"],
    fr_0: ["'young'"],
    fr_1: ["'mentor'"],
    nl_0: ["'young'"],
    nl_1: ["'mentor'"],
    de_0: [''],
    de_1: ["'mentor'"],
    other_0: ["'young'"],
    other_1: ["'mentors'"],
  };

  it('ANDs the units and ORs each unit’s alternatives, each asked once, stop words left out', () => {
    const query = compiledQuery(plan, parsed);
    expect(query.en).toBe("(('young')) & (('mentor'))");
    expect(query.de).toBe("(('mentor'))");
    expect(query.other).toBe("(('young')) & (('mentors'))");
  });

  it('asks the head for each unit in any language’s form', () => {
    expect(compiledQuery(plan, parsed).head).toBe("(('young')) & (('mentor') | ('mentors'))");
  });

  it('keeps phrases whole inside their parentheses', () => {
    const exit = planQuery('exit programme');
    const alternatives = ["'exit' <-> 'programm'", "'exitprogramma'"];
    const query = compiledQuery(
      exit,
      Object.fromEntries(['en', 'fr', 'nl', 'de', 'other'].map((s) => [`${s}_0`, alternatives])),
    );
    expect(query.en).toBe("(('exit' <-> 'programm') | ('exitprogramma'))");
  });
});
