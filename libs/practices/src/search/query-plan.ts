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
/** The five parsed queries (text form of tsquery), per language slot, and each unit in any language. */
export type CompiledQuery = Record<SearchSlot | 'head', string>;
export const SEARCH_SLOTS = Object.keys(SEARCH_CONFIGS) as SearchSlot[];

export function slotOf(language: string): SearchSlot {
  return (['en', 'fr', 'nl', 'de'] as const).find((l) => l === language) ?? 'other';
}

/**
 * SQL that parses each alternative of each unit once per language configuration and answers one
 * row: a column per language and unit (`en_0`, `fr_0`, …) holding the parsed alternatives as
 * text (multi-word terms are phrases). `compiledQuery` assembles them into the queries.
 */
export function compileSql(plan: QueryPlan): { sql: string; params: string[] } {
  const params: string[] = [];
  const param = (text: string) => {
    const at = params.indexOf(text);
    if (at >= 0) return `$${at + 1}`;
    params.push(text);
    return `$${params.length}`;
  };
  const columns = SEARCH_SLOTS.flatMap((slot) =>
    plan.units.map(
      (unit, i) =>
        `ARRAY[${unit.alternatives
          .map((a) => `phraseto_tsquery('${SEARCH_CONFIGS[slot]}', ${param(a)})::text`)
          .join(', ')}] AS ${slot}_${i}`,
    ),
  );
  return { sql: `SELECT ${columns.join(', ')}`, params };
}

/** How a compiled query joins its units (a phrase inside one never holds it). */
const UNITS_AND = ' & ';

/** A compiled query that any one of its units satisfies: what a snippet highlights. */
export function anyUnitQuery(compiled: string): string {
  return compiled.split(UNITS_AND).join(' | ');
}

/**
 * The five queries (en, fr, nl, de, other) and `head`, each unit in any language: every unit
 * must match (&), any alternative of a unit may (|). Alternatives that parse alike are asked
 * once and those that parse to nothing (stop words) not at all: a GIN index reads a repeated
 * word's postings again for each repetition. `head` is an AND of ORs rather than the OR of the
 * five queries, so the index can intersect its postings (3-4× faster); it may accept units
 * matched in different languages' forms, which is what it asks ("are these words in the title
 * or summary").
 */
export function compiledQuery(plan: QueryPlan, parsed: Record<string, string[]>): CompiledQuery {
  const queryOf = (alternativesPerUnit: string[][]) =>
    alternativesPerUnit
      .map((alternatives) => [...new Set(alternatives.filter((a) => a !== ''))])
      .filter((alternatives) => alternatives.length > 0)
      .map((alternatives) => `(${alternatives.map((a) => `(${a})`).join(' | ')})`)
      .join(UNITS_AND);
  const ofSlot = (slot: SearchSlot) => plan.units.map((_, i) => parsed[`${slot}_${i}`] ?? []);
  return {
    ...(Object.fromEntries(SEARCH_SLOTS.map((slot) => [slot, queryOf(ofSlot(slot))])) as Record<
      SearchSlot,
      string
    >),
    head: queryOf(plan.units.map((_, i) => SEARCH_SLOTS.flatMap((slot) => ofSlot(slot)[i]!))),
  };
}
