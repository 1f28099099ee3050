import { SEARCH_LANGUAGES } from '#libs/contracts';
import { foldText, GLOSSARY, glossaryIndex, wordsOf } from './glossary.js';

describe('the P/CVE glossary', () => {
  it('has at least 150 concepts, each with terms in English, French, Dutch and German', () => {
    expect(GLOSSARY.length).toBeGreaterThanOrEqual(150);
    for (const concept of GLOSSARY)
      for (const language of SEARCH_LANGUAGES)
        expect({ id: concept.id, language, empty: concept.terms[language].length === 0 }).toEqual({
          id: concept.id,
          language,
          empty: false,
        });
    expect(new Set(GLOSSARY.map((c) => c.id)).size).toBe(GLOSSARY.length);
  });

  it('knows the examples of the brief', () => {
    const radicalisation = GLOSSARY.find((c) => c.id === 'radicalisation')!;
    expect(radicalisation.terms).toMatchObject({
      en: expect.arrayContaining(['radicalisation']),
      fr: ['radicalisation'],
      nl: ['radicalisering'],
      de: ['Radikalisierung'],
    });
    const exit = GLOSSARY.find((c) => c.id === 'exit-programme')!;
    expect(exit.terms.de).toContain('Ausstiegsprogramm');
    expect(exit.terms.fr).toContain('programme de sortie');
  });

  it('folds case and accents the way the database does', () => {
    expect(foldText('Prävention Évaluation Straße Œuvre')).toBe(
      'pravention evaluation strasse oeuvre',
    );
    expect(wordsOf("l’éducation aux médias, d'abord")).toEqual([
      'l',
      'education',
      'aux',
      'medias',
      'd',
      'abord',
    ]);
  });

  it('finds the longest term first, without overlaps', () => {
    const matches = glossaryIndex.match(wordsOf('online radicalisation of young people'));
    expect(matches.map((m) => [m.start, m.length, m.concepts.map((c) => c.id)])).toEqual([
      [0, 2, ['online-radicalisation']],
      [3, 2, ['young-people']],
    ]);
  });
});
