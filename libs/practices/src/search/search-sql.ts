// The library's search statement: one round trip that answers the total, the facet counts for
// every filter and one page of ranked results with snippets. Built from plain values so the
// bench can run exactly what the API runs (its raw-SQL baseline).
//
// How it stays fast on a large library:
// - each language's text has its own GIN-indexed tsvector; the query is OR-ed over them, so the
//   planner combines five small index scans (no table scan, no language-by-language recheck);
// - `m` is the set the facets need (matching the query, readable by the reader, and passing all
//   filters but at most one) and carries only small columns, never the tsvectors;
// - ranking is bounded: the hits are first ordered by a cheap test (does the title or summary
//   match?) and recency, and only the first RANK_WINDOW of those are ranked with ts_rank on the
//   full weighted text (which has to be read from TOAST); later pages follow the cheap order.
import type { PracticeFacet, PracticeFilters } from '#libs/contracts';
import type { SearchScope } from '../practices.policy.js';
import { SEARCH_CONFIGS, SEARCH_SLOTS, type SearchSlot } from './query-plan.js';

export const RANK_WINDOW = 200;
/** Snippets are cut from the first this many characters of an entry's summary and texts (ts_headline parses all it is given). */
export const SNIPPET_SOURCE_CHARS = 3000;

/** The five parsed queries (text form of tsquery), per language slot. */
export type CompiledQuery = Record<SearchSlot, string>;

export interface SearchStatementInput {
  scope: SearchScope;
  query: CompiledQuery | null;
  filters: Omit<PracticeFilters, 'q'>;
  /** The reader's language: titles, summaries and snippets in it where an entry has it. */
  preferredLanguage: string | null;
  offset: number;
  limit: number;
}

export interface SearchRow {
  total: number;
  facets: Array<[PracticeFacet, string, number]>;
  items: Array<{
    practice_id: string;
    slug: string;
    original_language: string;
    languages: string[];
    language: string;
    visibility: 'exchange' | 'network' | 'public';
    evidence_level: string | null;
    themes: string[];
    target_groups: string[];
    city_ids: string[];
    published_at: string;
    title: string;
    summary: string;
    snippet: string | null;
  }>;
}

/** Where a snippet's matched words start and end (private-use characters, split apart later). */
export const MATCH_START = '\uE000';
export const MATCH_END = '\uE001';

const FILTER_SQL: Record<Exclude<keyof SearchStatementInput['filters'], never>, string> = {
  theme: 'd.themes @> ARRAY[{}]::text[]',
  targetGroup: 'd.target_groups @> ARRAY[{}]::text[]',
  region: 'd.regions @> ARRAY[{}]::text[]',
  country: 'd.countries @> ARRAY[{}]::text[]',
  city: 'd.city_ids @> ARRAY[{}]::uuid[]',
  evidence: 'd.evidence_level = {}',
  language: 'd.languages @> ARRAY[{}]::text[]',
};

export function searchStatement(input: SearchStatementInput): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };

  const visibility =
    input.scope.kind === 'everything'
      ? 'TRUE'
      : input.scope.kind === 'public'
        ? `d.visibility = 'public'`
        : `(d.visibility <> 'exchange' OR d.exchange_id = ANY(${p(input.scope.exchangeIds)}::uuid[]))`;

  const q: Partial<Record<SearchSlot, string>> = {};
  if (input.query) for (const slot of SEARCH_SLOTS) q[slot] = `${p(input.query[slot])}::tsquery`;
  const textMatch = input.query
    ? `(${SEARCH_SLOTS.map((slot) => `d.tsv_${slot} @@ ${q[slot]}`).join(' OR ')})`
    : 'TRUE';
  const anyLanguageQuery = input.query ? `(${SEARCH_SLOTS.map((s) => q[s]).join(' || ')})` : null;

  const active = (Object.keys(FILTER_SQL) as PracticeFacet[]).filter(
    (facet) => input.filters[facet] !== undefined && input.filters[facet] !== '',
  );
  const flag = (facet: PracticeFacet) => `f_${facet}`;
  const placeholder = new Map(active.map((facet) => [facet, p(input.filters[facet])]));
  const test = (facet: PracticeFacet) => FILTER_SQL[facet].replace('{}', placeholder.get(facet)!);
  const flags = active.map((facet) => `${test(facet)} AS ${flag(facet)}`);
  const all = active.length ? active.map((f) => `m.${flag(f)}`).join(' AND ') : 'TRUE';
  // Rows failing two filters count for no facet: leave them out of m (an index-friendly OR).
  const prune =
    active.length >= 2
      ? `AND (${active
          .map(
            (left) =>
              `(${active
                .filter((f) => f !== left)
                .map((f) => test(f))
                .join(' AND ')})`,
          )
          .join(' OR ')})`
      : '';

  // Every facet in one pass over m: each row's facet_values ('theme:youth', 'evidence:monitored',
  // …) are unnested once and grouped once. A row that passes every filter counts for every facet;
  // one that fails exactly one filter counts only for that filter's facet (rows failing two are
  // not in m).
  const counts = active.length
    ? `WHERE ${all} OR ${active.map((f) => `(NOT m.${flag(f)} AND v LIKE '${f}:%')`).join(' OR ')}`
    : '';
  const facetQuery = `SELECT split_part(g.v, ':', 1) AS facet, substr(g.v, strpos(g.v, ':') + 1) AS value, g.n
      FROM (SELECT v, count(*)::int AS n FROM m CROSS JOIN LATERAL unnest(m.facet_values) AS v
             ${counts} GROUP BY v) g`;

  const rankWindow = input.query ? RANK_WINDOW : 0;
  const rankedOffset = Math.min(input.offset, rankWindow);
  const rankedLimit = Math.max(0, Math.min(input.limit, rankWindow - input.offset));
  const restOffset = Math.max(input.offset, rankWindow);
  const restLimit = input.limit - rankedLimit;

  const rank = input.query
    ? `GREATEST(${SEARCH_SLOTS.map((slot) => `coalesce(ts_rank(d.tsv_${slot}, ${q[slot]}), 0)`).join(', ')})`
    : '0';
  const preferred = p(input.preferredLanguage ?? '');
  const displayLanguage = `(CASE WHEN ${preferred} = ANY(d.languages) THEN ${preferred} ELSE d.original_language END)`;
  const configOf = (language: string) =>
    `(CASE ${language} ${(['en', 'fr', 'nl', 'de'] as const)
      .map((l) => `WHEN '${l}' THEN '${SEARCH_CONFIGS[l]}'::regconfig`)
      .join(' ')} ELSE '${SEARCH_CONFIGS.other}'::regconfig END)`;
  const queryOf = (language: string) =>
    `(CASE ${language} ${(['en', 'fr', 'nl', 'de'] as const)
      .map((l) => `WHEN '${l}' THEN ${q[l]}`)
      .join(' ')} ELSE ${q.other} END)`;
  const snippet = input.query
    ? `ts_headline(${configOf('lang.language')}, left(d.texts -> lang.language ->> 'body', ${SNIPPET_SOURCE_CHARS}), ${queryOf('lang.language')},
         'MaxFragments=2, MaxWords=24, MinWords=10, FragmentDelimiter=" … ", StartSel=${MATCH_START}, StopSel=${MATCH_END}')`
    : 'NULL';

  const sql = `
WITH m AS MATERIALIZED (
  SELECT d.practice_id, d.published_at, d.facet_values,
         ${anyLanguageQuery ? `d.head_tsv @@ ${anyLanguageQuery}` : 'FALSE'} AS hm
         ${flags.length ? `, ${flags.join(', ')}` : ''}
    FROM practice_search d
   WHERE ${visibility} AND ${textMatch} ${prune}
),
hits AS (SELECT m.practice_id, m.hm, m.published_at FROM m WHERE ${all}),
top AS (
  SELECT h.practice_id, h.hm, h.published_at FROM hits h
   ORDER BY h.hm DESC, h.published_at DESC, h.practice_id LIMIT ${rankWindow}
),
ranked AS (
  SELECT t.practice_id, t.hm, t.published_at, ${rank} AS rank
    FROM top t JOIN practice_search d ON d.practice_id = t.practice_id
),
page AS (
  (SELECT r.practice_id, 0 AS tier, r.rank, r.hm, r.published_at FROM ranked r
    ORDER BY r.rank DESC, r.hm DESC, r.published_at DESC, r.practice_id
   OFFSET ${rankedOffset} LIMIT ${rankedLimit})
  UNION ALL
  (SELECT h.practice_id, 1 AS tier, 0 AS rank, h.hm, h.published_at FROM hits h
    ORDER BY h.hm DESC, h.published_at DESC, h.practice_id
   OFFSET ${restOffset} LIMIT ${restLimit})
),
items AS (
  SELECT pg.*, lang.language, d.slug, d.original_language, d.languages, d.visibility,
         d.evidence_level, d.themes, d.target_groups, d.city_ids,
         d.texts -> lang.language ->> 'title' AS title,
         d.texts -> lang.language ->> 'summary' AS summary,
         ${snippet} AS snippet
    FROM page pg JOIN practice_search d ON d.practice_id = pg.practice_id
    CROSS JOIN LATERAL (SELECT ${displayLanguage} AS language) lang
)
SELECT (SELECT count(*) FROM hits)::int AS total,
       (SELECT coalesce(json_agg(json_build_array(f.facet, f.value, f.n)), '[]'::json)
          FROM (${facetQuery}) f) AS facets,
       (SELECT coalesce(json_agg(json_build_object(
                 'practice_id', i.practice_id, 'slug', i.slug, 'original_language', i.original_language,
                 'languages', i.languages, 'language', i.language, 'visibility', i.visibility,
                 'evidence_level', i.evidence_level, 'themes', i.themes, 'target_groups', i.target_groups,
                 'city_ids', i.city_ids, 'published_at', i.published_at, 'title', i.title,
                 'summary', i.summary, 'snippet', i.snippet)
               ORDER BY i.tier, i.rank DESC, i.hm DESC, i.published_at DESC, i.practice_id), '[]'::json)
          FROM items i) AS items`;
  return { sql, params };
}
