import { hiddenCharacterIn, namesLookAlike, nameSkeletons } from './names.js';

const alike = (a: string, b: string) => namesLookAlike(nameSkeletons(a), nameSkeletons(b));

describe('hiddenCharacterIn', () => {
  it.each([
    ['zero-width space', '\u200B'],
    ['zero-width non-joiner', '\u200C'],
    ['zero-width joiner', '\u200D'],
    ['left-to-right mark', '\u200E'],
    ['right-to-left mark', '\u200F'],
    ['left-to-right embedding', '\u202A'],
    ['right-to-left override', '\u202E'],
    ['word joiner', '\u2060'],
    ['invisible plus', '\u2064'],
    ['left-to-right isolate', '\u2066'],
    ['pop directional isolate', '\u2069'],
    ['arabic letter mark', '\u061C'],
    ['byte order mark', '\uFEFF'],
    ['soft hyphen', '\u00AD'],
    ['variation selector', '\uFE0F'],
    ['hangul filler', '\u3164'],
    ['tag character', '\u{E0041}'],
    ['line separator', '\u2028'],
    ['newline', '\n'],
    ['NUL', '\u0000'],
    ['lone surrogate', '\uD800'],
  ])('finds a %s and names it', (_name, character) => {
    const found = hiddenCharacterIn(`Coordinator${character} Colette`);
    expect(found).toBe(
      `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
    );
  });

  it.each([
    'Amira Haddad',
    'José Müller-Lüdenscheidt',
    "Siobhán O'Brien",
    'Łódź',
    'أميرة حداد',
    'עמירה',
    '김민수',
    '山田 太郎',
    'Zoë Saint-Étienne',
  ])('accepts a visible name: %s', (name) => {
    expect(hiddenCharacterIn(name)).toBeNull();
  });
});

describe('namesLookAlike', () => {
  it.each([
    ['a capital I for an l', 'Colette Dubois', 'CoIette Dubois'],
    ['a Cyrillic С and е', 'Colette Dubois', 'Сolеtte Dubois'],
    ['a Greek omicron', 'Colette Dubois', 'Cοlette Dubois'],
    ['rn for m', 'Amira Haddad', 'Arnira Haddad'],
    ['another letter case', 'Colette Dubois', 'colette dubois'],
    ['spacing', 'Colette Dubois', '  Colette   Dubois '],
    ['fullwidth letters', 'Colette', 'Ｃｏｌｅｔｔｅ'],
    ['a hidden character inside', 'Colette', 'Col\u200Bette'],
    ['a composed and a decomposed é', 'Zoë Étienne', 'Zoe\u0308 E\u0301tienne'],
    ['capitals, an I among them', 'Colette Dubois', 'COLETTE DUBOIS'],
  ])('%s looks the same', (_what, a, b) => {
    expect(alike(a, b)).toBe(true);
    expect(alike(b, a)).toBe(true);
  });

  it.each([
    ['another name', 'Colette Dubois', 'Colette Durand'],
    ['an accent', 'Colette', 'Colétte'],
    ['a middle initial', 'Colette Dubois', 'Colette M. Dubois'],
  ])('%s looks different', (_what, a, b) => {
    expect(alike(a, b)).toBe(false);
  });
});
