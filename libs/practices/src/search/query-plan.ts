// From the words a reader typed to the text search queries the database runs: the glossary
// widens a concept to its terms in every language, likely typos add the nearest known words,
// and the result is parsed once per language, each language's text with its own stemmer.
import type { QueryExpansion } from '#libs/contracts';
import { glossaryIndex, termsOf, wordsOf } from '../glossary/glossary.js';

/** One thing the query asks for: any of its alternatives must occur (all units must). */
export interface QueryUnit {
  /** The query's words this unit covers, folded. */
  words: string;
  alternatives: string[];
  expansion: QueryExpansion | null;
}

export interface QueryPlan {
  units: QueryUnit[];
  /** Single words not covered by the glossary: candidates for typo correction. */
  plainWords: string[];
}

/** The longest query (in words) that is searched; longer input is cut. */
export const MAX_QUERY_WORDS = 12;
/** Queries of at most this many words get typo tolerance. */
export const TYPO_MAX_WORDS = 3;
/** Words shorter than this are never "corrected". */
export const TYPO_MIN_LENGTH = 4;

export function planQuery(q: string): QueryPlan {
  const words = wordsOf(q).slice(0, MAX_QUERY_WORDS);
  const units: QueryUnit[] = [];
  const plainWords: string[] = [];
  const matches = glossaryIndex.match(words);
  let next = 0;
  const plain = (until: number) => {
    for (; next < until; next++) {
      const word = words[next]!;
      units.push({ words: word, alternatives: [word], expansion: null });
      plainWords.push(word);
    }
  };
  for (const match of matches) {
    plain(match.start);
    const term = words.slice(match.start, match.start + match.length).join(' ');
    const alternatives = [
      ...new Set([term, ...match.concepts.flatMap((concept) => termsOf(concept))]),
    ];
    units.push({
      words: term,
      alternatives,
      expansion: {
        term,
        kind: 'glossary',
        concept: match.concepts.map((c) => c.id).join(','),
        alternatives: alternatives.filter((a) => wordsOf(a).join(' ') !== term),
      },
    });
    next = match.start + match.length;
  }
  plain(words.length);
  return { units, plainWords };
}

/** Words eligible for a typo correction: short queries only, words long enough to misspell. */
export function typoCandidates(plan: QueryPlan): string[] {
  if (plan.units.length > TYPO_MAX_WORDS) return [];
  return plan.plainWords.filter((w) => w.length >= TYPO_MIN_LENGTH && !/^\d+$/.test(w));
}

/** Adds the corrections found for words (nearest known words first) to their units. */
export function withCorrections(plan: QueryPlan, corrections: Map<string, string[]>): QueryPlan {
  return {
    plainWords: plan.plainWords,
    units: plan.units.map((unit) => {
      const found = unit.expansion ? undefined : corrections.get(unit.words);
      if (!found || found.length === 0) return unit;
      return {
        ...unit,
        alternatives: [unit.words, ...found],
        expansion: { term: unit.words, kind: 'typo', concept: null, alternatives: found },
      };
    }),
  };
}

/** Our text search configuration for a content language. */
export const SEARCH_CONFIGS = {
  en: 'crossings_en',
  fr: 'crossings_fr',
  nl: 'crossings_nl',
  de: 'crossings_de',
  other: 'crossings_simple',
} as const;
export type SearchSlot = keyof typeof SEARCH_CONFIGS;
export const SEARCH_SLOTS = Object.keys(SEARCH_CONFIGS) as SearchSlot[];

export function slotOf(language: string): SearchSlot {
  return (['en', 'fr', 'nl', 'de'] as const).find((l) => l === language) ?? 'other';
}

/**
 * SQL that parses the plan once per language configuration and answers one row with the five
 * queries as text (en, fr, nl, de, other): every unit must match (&&), any alternative of a unit
 * may (||); multi-word terms are phrases.
 */
export function compileSql(plan: QueryPlan): { sql: string; params: string[] } {
  const params: string[] = [];
  const param = (text: string) => {
    const at = params.indexOf(text);
    if (at >= 0) return `$${at + 1}`;
    params.push(text);
    return `$${params.length}`;
  };
  const columns = SEARCH_SLOTS.map((slot) => {
    const config = SEARCH_CONFIGS[slot];
    const units = plan.units.map(
      (unit) =>
        `(${unit.alternatives.map((a) => `phraseto_tsquery('${config}', ${param(a)})`).join(' || ')})`,
    );
    return `(${units.join(' && ')})::text AS ${slot}`;
  });
  return { sql: `SELECT ${columns.join(', ')}`, params };
}
