// The glossary as the search uses it: every term normalized the way the database folds text
// (lower case, accents off), indexed by its words, and found in a query longest phrase first.
import { SEARCH_LANGUAGES, type SearchLanguage } from '#libs/contracts';
import { GLOSSARY_ROWS } from './concepts.js';

export interface GlossaryConcept {
  id: string;
  terms: Record<SearchLanguage, string[]>;
}

export const GLOSSARY: GlossaryConcept[] = GLOSSARY_ROWS.map(([id, ...columns]) => ({
  id,
  terms: Object.fromEntries(
    SEARCH_LANGUAGES.map((language, i) => [
      language,
      (columns[i] ?? '')
        .split('|')
        .map((t) => t.trim())
        .filter(Boolean),
    ]),
  ) as Record<SearchLanguage, string[]>,
}));

/** Lower case, accents off, ß/æ/œ spelled out: what PostgreSQL's unaccent does to these languages. */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '');
}

/** The words of a text, folded: letters and digits (apostrophes and hyphens split words, as the parser does). */
export function wordsOf(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

export interface GlossaryMatch {
  /** Index of the first query word the match covers, and how many words. */
  start: number;
  length: number;
  concepts: GlossaryConcept[];
}

class GlossaryIndex {
  /** Folded term (words joined by one space) → the concepts that have it. */
  private readonly byTerm = new Map<string, GlossaryConcept[]>();
  readonly longestTerm: number;

  constructor(concepts: GlossaryConcept[]) {
    let longest = 1;
    for (const concept of concepts) {
      for (const language of SEARCH_LANGUAGES) {
        for (const term of concept.terms[language]) {
          const words = wordsOf(term);
          if (words.length === 0) continue;
          longest = Math.max(longest, words.length);
          const key = words.join(' ');
          const list = this.byTerm.get(key) ?? [];
          if (!list.includes(concept)) list.push(concept);
          this.byTerm.set(key, list);
        }
      }
    }
    this.longestTerm = longest;
  }

  /** Non-overlapping matches in a sequence of folded words, the longest phrase winning at each place. */
  match(words: string[]): GlossaryMatch[] {
    const matches: GlossaryMatch[] = [];
    let i = 0;
    while (i < words.length) {
      let found: GlossaryMatch | null = null;
      for (let length = Math.min(this.longestTerm, words.length - i); length >= 1; length--) {
        const concepts = this.byTerm.get(words.slice(i, i + length).join(' '));
        if (concepts) {
          found = { start: i, length, concepts };
          break;
        }
      }
      if (found) {
        matches.push(found);
        i += found.length;
      } else i += 1;
    }
    return matches;
  }

  /** Every distinct folded word of every term (the vocabulary typos are corrected towards). */
  words(): string[] {
    return [...new Set([...this.byTerm.keys()].flatMap((key) => key.split(' ')))];
  }
}

export const glossaryIndex = new GlossaryIndex(GLOSSARY);

/** All terms of a concept, every language, without repeats. */
export function termsOf(concept: GlossaryConcept): string[] {
  return [...new Set(SEARCH_LANGUAGES.flatMap((language) => concept.terms[language]))];
}
