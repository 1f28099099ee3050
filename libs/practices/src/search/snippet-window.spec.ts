import { anyUnitQuery } from './query-plan.js';
import { lexemesOf, snippetPattern, wordPattern } from './snippet-window.js';

/** PostgreSQL's pattern as a JavaScript one: `\m` (a word's start) spelled for Unicode text. */
const asJs = (pattern: string) => new RegExp(pattern.replace('\\m', '(?<![\\p{L}\\p{N}])'), 'iu');

describe('snippet window', () => {
  it('finds a folded word in text with its accents, capitals and one-letter pairs', () => {
    expect(asJs(wordPattern('securit')).test('La Sécurité du quartier')).toBe(true);
    expect(asJs(wordPattern('strasse')).test('an der Straße')).toBe(true);
    expect(asJs(wordPattern('oeuvr')).test('mise en Œuvre')).toBe(true);
    expect(asJs(wordPattern('pravention')).test('PRÄVENTION')).toBe(true);
    expect(asJs(wordPattern('mediat')).test('Les médiatrices')).toBe(true);
    expect(asJs(wordPattern('securit')).test('insecurity')).toBe(true); // a part: no \m here
  });

  it('treats a word as text, never as pattern syntax', () => {
    expect(wordPattern('a.b+c(d)')).toBe('[aàáâãäåÀÁÂÃÄÅ]\\.b\\+[cçÇ]\\(d\\)');
  });

  it("takes every language's words of a query, longest first, each once", () => {
    const pattern = snippetPattern({
      en: "'citi' & ( 'exit' <-> 'programm' )",
      fr: "'cit' & ( 'programm' <-> 'sort' )",
      nl: "'city'",
      de: "'city'",
      other: "'city' & 'l''ami'",
      head: '',
    })!;
    const js = asJs(pattern);
    expect(js.test('the city council')).toBe(true);
    expect(js.test('an exit route')).toBe(true);
    expect(js.test("l'ami du quartier")).toBe(true);
    expect(js.test('nothing here')).toBe(false);
    // Each word once ("programm" is English and French), longest first.
    const order = ['programm', "l'ami", 'citi', 'city', 'exit', 'sort', 'cit'];
    expect(pattern).toBe(`\\m(?:${order.map(wordPattern).join('|')})`);
    expect(lexemesOf("'l''ami' & 'x'")).toEqual(["l'ami", 'x']);
    expect(snippetPattern({ en: '', fr: '', nl: '', de: '', other: '', head: '' })).toBeNull();
  });

  it('highlights any unit of a query in a window, keeping phrases and alternatives whole', () => {
    expect(anyUnitQuery("( ('young') ) & ( ('mentor') | ('exit' <-> 'programm') )")).toBe(
      "( ('young') ) | ( ('mentor') | ('exit' <-> 'programm') )",
    );
  });
});
