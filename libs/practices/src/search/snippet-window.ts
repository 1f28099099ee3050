// Where to cut a result's snippet from. ts_headline parses every word it is given with the
// language's dictionaries (half of a selective search's time when each result gave it 3,000
// characters), so the statement first finds the first place a query word occurs (a regular
// expression over the text: ~50× cheaper per character) and gives ts_headline a few hundred
// characters around it; where that window shows no match (a stem the expression missed), the
// whole text is parsed as before.
import type { CompiledQuery } from './query-plan.js';

/** Characters before the first match that the snippet's window starts at. */
export const WINDOW_BEFORE = 150;
/** The window's length in characters. */
export const WINDOW_LENGTH = 450;

/** Accented letters each folded (unaccented) letter stands for in a text, both cases. */
const VARIANTS: Record<string, string> = {
  a: 'àáâãäåÀÁÂÃÄÅ',
  c: 'çÇ',
  e: 'èéêëÈÉÊË',
  i: 'ìíîïÌÍÎÏ',
  n: 'ñÑ',
  o: 'òóôõöøÒÓÔÕÖØ',
  u: 'ùúûüÙÚÛÜ',
  y: 'ýÿÝŸ',
};
/** Letter pairs a folded word has where a text may have one letter. */
const PAIRS: Record<string, string> = { ss: 'ß', ae: 'æÆ', oe: 'œŒ' };

const escape = (ch: string) => (/[\\^$.|?*+()[\]{}-]/.test(ch) ? `\\${ch}` : ch);
const letter = (ch: string) => (VARIANTS[ch] ? `[${ch}${VARIANTS[ch]}]` : escape(ch));

/** A folded word (a lexeme or a word as typed, folded) as a pattern matching it in a text. */
export function wordPattern(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const pair = PAIRS[word.slice(i, i + 2)];
    if (pair) {
      out += `(?:${letter(word[i]!)}${letter(word[i + 1]!)}|[${pair}])`;
      i++;
    } else out += letter(word[i]!);
  }
  return out;
}

/** The words of a text search query's text form ('caglafi' & ( 'exit' <-> 'programm' )). */
export function lexemesOf(tsquery: string): string[] {
  return [...tsquery.matchAll(/'((?:[^']|'')+)'/g)].map((m) => m[1]!.replaceAll("''", "'"));
}

/**
 * A case-insensitive regular expression (PostgreSQL's) for the start of any of the query's words
 * in any language: each language's stems, and the words as typed (the `other` slot's, folded
 * only), so "city" is found where its stem "citi" is not. Null when the query has no word.
 */
export function snippetPattern(query: CompiledQuery): string | null {
  const words = [
    ...new Set(
      (['en', 'fr', 'nl', 'de', 'other'] as const).flatMap((slot) => lexemesOf(query[slot])),
    ),
  ]
    .map((w) => w.toLowerCase())
    .filter((w) => w.length > 0)
    .sort((a, b) => b.length - a.length || a.localeCompare(b));
  if (words.length === 0) return null;
  return `\\m(?:${[...new Set(words)].map(wordPattern).join('|')})`;
}
