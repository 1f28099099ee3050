// The library's search statements: the page of ranked results with snippets, and the total
// with the facet counts for every filter, asked at once. Built from plain values so the bench
// can run exactly what the API runs (its raw-SQL baseline).
//
// How they stay fast on a large library:
// - each language's text has its own tsvector, GIN-indexed together with the row's facet
//   values (matchVector); the query is OR-ed over them, so the planner combines five small index
//   scans that answer words and filters at once (no table scan, no filter bitmaps to intersect);
// - `m` is the set the facets need (matching the query, readable by the reader, and passing all
//   filters but at most one) and carries only small columns, never the tsvectors;
// - ranking is bounded: the hits are first ordered by a cheap test (does the title or summary
//   match?) and recency, and only the first RANK_WINDOW of those are ranked with ts_rank on the
//   full weighted text (which has to be read from TOAST); later pages follow the cheap order;
// - facet counts leave as groups of rows by facet combination, unnested by FacetSets;
// - each snippet is cut from a window around the first match (snippet-window.ts).
import type { PracticeFacet, PracticeFilters } from '#libs/contracts';
import { exchangeIdsOfMemberSql } from '#libs/exchanges';
import type { SearchScope } from '../practices.policy.js';
import {
  anyUnitQuery,
  type CompiledQuery,
  SEARCH_CONFIGS,
  SEARCH_SLOTS,
  type SearchSlot,
} from './query-plan.js';
import { snippetPattern, WINDOW_BEFORE, WINDOW_LENGTH } from './snippet-window.js';

export const RANK_WINDOW = 200;
/** Snippets come from the first this many characters of an entry's summary and texts. */
export const SNIPPET_SOURCE_CHARS = 3000;

export interface SearchStatementInput {
  scope: SearchScope;
  query: CompiledQuery | null;
  filters: Omit<PracticeFilters, 'q'>;
  /** The reader's language: titles, summaries and snippets in it where an entry has it. */
  preferredLanguage: string | null;
  offset: number;
  limit: number;
}

/**
 * Matching rows grouped by one of their facet combinations (set_id, a practice_facet_sets id)
 * or by their evidence level (set_id null), with the one filter they miss (null: none) and
 * how many rows: the reader's code unnests the combinations (see FacetSets).
 */
export type FacetGroup = [
  setId: number | null,
  evidence: string | null,
  miss: string | null,
  n: number,
];

export interface SearchRow {
  total: number;
  /** Facet counts the statement answers whole (a listing's, from practice_facet_counts). */
  facets: Array<[PracticeFacet, string, number]>;
  /** The rest, as groups of rows by combination; their facets named in `groupsSkip` are not counted. */
  facet_groups: FacetGroup[];
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

export interface SearchStatement {
  sql: string;
  params: unknown[];
}

export interface SearchStatements {
  /** The page: answers `items`. */
  page: SearchStatement;
  /** The total and the facets: answers `total`, `facets` and `facet_groups`. */
  counts: SearchStatement;
  /** Facets the answer's facet_groups must not count (counted whole in `facets`). */
  groupsSkip: PracticeFacet[];
}

/**
 * A slot's text as its GIN index holds it: the words' tsvector and the row's facet values as
 * lexemes of their own ("theme:youth", never a word's form: words hold no ':'), so one index
 * scan answers "these words, with these facet values" (the migration
 * PracticeSearchMatchIndexes builds the same expression; a test checks the plan uses it).
 */
export const matchVector = (slot: SearchSlot, alias = 'd') =>
  `(${alias}.tsv_${slot} || array_to_tsvector(array_remove(${alias}.facet_values, NULL)))`;

/** A facet value as practice_facet_values writes it (city ids in lower case). */
export function facetValueOf(facet: PracticeFacet, value: string): string {
  return `${facet}:${facet === 'city' ? value.toLowerCase() : value}`;
}

/** A tsquery lexeme, quoted (a value is data, never query syntax). */
const lexeme = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * Two statements, asked at once on connections of their own (PracticeSearch, and the bench's
 * raw baseline, do so): the page (ranking and snippets) and the counts (total and facets) are
 * independent answers, and each took about half of a selective search's time, so on two cores
 * the answer comes in the time of the longer. They may see the library a publication apart;
 * a search is a moment's view either way.
 */
export function searchStatement(input: SearchStatementInput): SearchStatements {
  const active = (Object.keys(FILTER_SQL) as PracticeFacet[]).filter(
    (facet) => input.filters[facet] !== undefined && input.filters[facet] !== '',
  );
  if (!input.query) {
    const listing = listingStatements(input, active);
    if (listing) return listing;
  }
  return {
    page: pageStatement(input, active),
    counts: countsStatement(input, active),
    groupsSkip: [],
  };
}

/**
 * The index rows (practice_search as `alias`) a scope reaches: the rule of `read-published`.
 * `exchangesOf` gives the SQL of a member's exchange ids (exchangeIdsOfMemberSql, numbered by
 * the caller's statement).
 */
export function reachSql(
  scope: SearchScope,
  alias: string,
  exchangesOf: (memberId: string) => string,
): string {
  switch (scope.kind) {
    case 'everything':
      return 'TRUE';
    case 'public':
      return `${alias}.visibility = 'public'`;
    case 'network':
      return `${alias}.visibility <> 'exchange'`;
    case 'member':
      return `(${alias}.visibility <> 'exchange' OR ${alias}.exchange_id = ANY(${exchangesOf(scope.memberId)}))`;
  }
}

/** Which facet values a row must have: as a tsquery of them, and as SQL on its columns. */
interface FacetCondition {
  query: string;
  sql: () => string;
}

/** Numbered parameters, and the SQL of the parts both statements share. */
function statementBuilder(input: SearchStatementInput, active: PracticeFacet[]) {
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  // Parameters are numbered when first used: one a statement does not use would have no type.
  let member: string | undefined;
  /** The reader's exchanges, read by the statement itself (see exchangeIdsOfMemberSql). */
  const memberExchanges = (memberId: string) => exchangeIdsOfMemberSql((member ??= p(memberId)));
  const visibility = () => reachSql(input.scope, 'd', memberExchanges);
  const placeholder = new Map<PracticeFacet, string>();
  const test = (facet: PracticeFacet) => {
    if (!placeholder.has(facet)) placeholder.set(facet, p(input.filters[facet]));
    return FILTER_SQL[facet].replace('{}', placeholder.get(facet)!);
  };
  const q: Partial<Record<SearchSlot, string>> = {};
  if (input.query)
    for (const slot of SEARCH_SLOTS)
      if (input.query[slot] !== '') q[slot] = `${p(input.query[slot])}::tsquery`;
  const valueOf = (facet: PracticeFacet) =>
    lexeme(facetValueOf(facet, String(input.filters[facet])));
  /**
   * The rows whose words match (in any slot) and whose facet values pass `facets` (a tsquery of
   * facet values, or the same as SQL on the row's columns; null: any), from the slots' indexes
   * alone. A slot whose query parsed to nothing (stop words) matches nothing: joined to the
   * facets, it would ask only for them. Without words, the facets' own indexes answer.
   */
  const rowsMatching = (facets: FacetCondition | null) => {
    if (!input.query) return facets ? facets.sql() : 'TRUE';
    const facetQuery = facets ? `${p(facets.query)}::tsquery` : null;
    const arms = SEARCH_SLOTS.filter((slot) => q[slot]).map((slot) =>
      facetQuery
        ? `${matchVector(slot)} @@ (${q[slot]} && ${facetQuery})`
        : `${matchVector(slot)} @@ ${q[slot]}`,
    );
    return arms.length ? `(${arms.join(' OR ')})` : 'FALSE';
  };
  /** Every filter (null: none). */
  const allFilters = active.length
    ? { query: active.map(valueOf).join(' & '), sql: () => active.map(test).join(' AND ') }
    : null;
  return { params, p, memberExchanges, visibility, test, q, valueOf, rowsMatching, allFilters };
}

/** The total and the facet counts of a query with words, or of a listing with three filters or more. */
function countsStatement(input: SearchStatementInput, active: PracticeFacet[]): SearchStatement {
  const { params, visibility, test, valueOf, rowsMatching } = statementBuilder(input, active);
  // The one filter a row fails (rows failing two are not in m), NULL when it passes them all.
  const miss = active.length
    ? `CASE ${active.map((f) => `WHEN NOT coalesce(${test(f)}, FALSE) THEN '${f}'`).join(' ')} END`
    : 'NULL::text';
  // A row that passes every filter counts for every facet; one that fails exactly one filter
  // counts only for that filter's facet; rows failing two count for none and stay out of m.
  const allButOne = (left: PracticeFacet) => active.filter((f) => f !== left);
  const passesAllButOne =
    active.length >= 2
      ? {
          query: active.map((left) => `(${allButOne(left).map(valueOf).join(' & ')})`).join(' | '),
          sql: () =>
            `(${active.map((left) => `(${allButOne(left).map(test).join(' AND ')})`).join(' OR ')})`,
        }
      : null;
  const sql = `
WITH m AS MATERIALIZED (
  SELECT ${setColumnsOf('d')}, ${miss} AS miss
    FROM practice_search d
   WHERE ${visibility()} AND ${rowsMatching(passesAllButOne)}
)
SELECT (SELECT count(*) FROM m WHERE m.miss IS NULL)::int AS total, '[]'::json AS facets,
       ${facetGroupsJson('m')} AS facet_groups`;
  return { sql, params };
}

/**
 * The page of a query with words (the hits ranked, then snippets of the page's entries), or of a
 * listing with three filters or more (newest first).
 */
function pageStatement(input: SearchStatementInput, active: PracticeFacet[]): SearchStatement {
  const { params, p, visibility, q, rowsMatching, allFilters } = statementBuilder(input, active);
  const rankWindow = input.query ? RANK_WINDOW : 0;
  const rankedOffset = Math.min(input.offset, rankWindow);
  const rankedLimit = Math.max(0, Math.min(input.limit, rankWindow - input.offset));
  const restOffset = Math.max(input.offset, rankWindow);
  const restLimit = input.limit - rankedLimit;
  const slots = SEARCH_SLOTS.filter((slot) => q[slot]);
  const rank = slots.length
    ? `GREATEST(${slots.map((slot) => `coalesce(ts_rank(d.tsv_${slot}, ${q[slot]}), 0)`).join(', ')})`
    : '0';
  const anyLanguageQuery = input.query ? `${p(input.query.head)}::tsquery` : null;
  // hm: the words are in the title or summary, asked of head_tsv's own index once (head_tsv
  // lives out of the row, so it is never read row by row).
  const rows = `hits AS MATERIALIZED (
  SELECT d.practice_id, d.published_at,
         ${anyLanguageQuery ? `d.practice_id IN (SELECT h.practice_id FROM practice_search h WHERE h.head_tsv @@ ${anyLanguageQuery})` : 'FALSE'} AS hm
    FROM practice_search d
   WHERE ${visibility()} AND ${rowsMatching(allFilters)}
),
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
)`;
  return { sql: itemsOf(rows, input, p), params };
}

/** The page's entries (`page`: practice_id, tier, rank, hm, published_at) with their texts and snippets. */
function itemsOf(rows: string, input: SearchStatementInput, p: (value: unknown) => string): string {
  const preferred = p(input.preferredLanguage ?? '');
  const displayLanguage = `(CASE WHEN ${preferred} = ANY(d.languages) THEN ${preferred} ELSE d.original_language END)`;
  const configOf = (language: string) =>
    `(CASE ${language} ${(['en', 'fr', 'nl', 'de'] as const)
      .map((l) => `WHEN '${l}' THEN '${SEARCH_CONFIGS[l]}'::regconfig`)
      .join(' ')} ELSE '${SEARCH_CONFIGS.other}'::regconfig END)`;
  const queryOf = (language: string, queries: Partial<Record<SearchSlot, string>>) =>
    `(CASE ${language} ${(['en', 'fr', 'nl', 'de'] as const)
      .map((l) => `WHEN '${l}' THEN ${queries[l]}`)
      .join(' ')} ELSE ${queries.other} END)`;
  const pattern = input.query ? snippetPattern(input.query) : null;
  // The window highlights any of the query's words (the whole query rarely fits in it).
  const anyQuery: Partial<Record<SearchSlot, string>> = {};
  if (input.query)
    for (const slot of SEARCH_SLOTS)
      anyQuery[slot] = `${p(anyUnitQuery(input.query[slot]))}::tsquery`;
  const headline = (text: string, query: string) =>
    `ts_headline(src.config, ${text}, ${query}, 'MaxFragments=2, MaxWords=24, MinWords=10, FragmentDelimiter=" … ", StartSel=${MATCH_START}, StopSel=${MATCH_END}')`;
  // The text around the first match, its cut words dropped (see snippet-window.ts).
  const windowHead = `CASE WHEN win.cut_start THEN substr(win.w, strpos(win.w, ' ') + 1) ELSE win.w END`;
  const trimmedWindow = `CASE WHEN win.cut_end THEN regexp_replace(${windowHead}, '\\s+\\S*$', '') ELSE ${windowHead} END`;
  // OFFSET 0 keeps each step a step: flattened, its expression would be computed at every use.
  const snippetJoins = input.query
    ? `
    CROSS JOIN LATERAL (SELECT left(tx.t ->> 'body', ${SNIPPET_SOURCE_CHARS}) AS text, ${configOf('lang.language')} AS config,
                               ${queryOf('lang.language', anyQuery)} AS q_any OFFSET 0) src
    CROSS JOIN LATERAL (SELECT ${pattern ? `regexp_instr(src.text, ${p(pattern)}, 1, 1, 0, 'i')` : '0'} AS at OFFSET 0) hit
    CROSS JOIN LATERAL (SELECT substr(src.text, greatest(1, hit.at - ${WINDOW_BEFORE}), ${WINDOW_LENGTH}) AS w,
                               hit.at > ${WINDOW_BEFORE + 1} AS cut_start,
                               greatest(1, hit.at - ${WINDOW_BEFORE}) + ${WINDOW_LENGTH} <= length(src.text) AS cut_end OFFSET 0) win
    CROSS JOIN LATERAL (SELECT CASE WHEN hit.at > 0 THEN ${headline(trimmedWindow, 'src.q_any')} END AS near OFFSET 0) near`
    : '';
  const tsvOf = (language: string) =>
    `(CASE ${language} ${(['en', 'fr', 'nl', 'de'] as const)
      .map((l) => `WHEN '${l}' THEN d.tsv_${l}`)
      .join(' ')} ELSE d.tsv_other END)`;
  // The window's snippet when it shows a match. Else, when the summary or the rest hold a query
  // word (their weights, B and C: one the expression missed), the whole text's, as ts_headline
  // finds it; when only the title does, the text's first words (ts_headline's answer without a
  // match). Any word of the query is marked, as in the window.
  const snippet = input.query
    ? `CASE WHEN strpos(near.near, '${MATCH_START}') > 0 THEN near.near
            WHEN ts_filter(${tsvOf('lang.language')}, '{b,c}') @@ src.q_any THEN ${headline('src.text', 'src.q_any')}
            ELSE ${headline(`left(src.text, ${WINDOW_LENGTH})`, 'src.q_any')} END`
    : 'NULL';
  return `
WITH ${rows},
items AS (
  SELECT pg.*, lang.language, d.slug, d.original_language, d.languages, d.visibility,
         d.evidence_level, d.themes, d.target_groups, d.city_ids,
         tx.t ->> 'title' AS title, tx.t ->> 'summary' AS summary, ${snippet} AS snippet
    FROM page pg JOIN practice_search d ON d.practice_id = pg.practice_id
    CROSS JOIN LATERAL (SELECT ${displayLanguage} AS language) lang
    CROSS JOIN LATERAL (SELECT d.texts -> lang.language AS t OFFSET 0) tx${snippetJoins}
)
SELECT (SELECT coalesce(json_agg(json_build_object(
                 'practice_id', i.practice_id, 'slug', i.slug, 'original_language', i.original_language,
                 'languages', i.languages, 'language', i.language, 'visibility', i.visibility,
                 'evidence_level', i.evidence_level, 'themes', i.themes, 'target_groups', i.target_groups,
                 'city_ids', i.city_ids, 'published_at', i.published_at, 'title', i.title,
                 'summary', i.summary, 'snippet', i.snippet)
               ORDER BY i.tier, i.rank DESC, i.hm DESC, i.published_at DESC, i.practice_id), '[]'::json)
          FROM items i) AS items`;
}

/** The columns that name an index row's facet combinations (practice_facet_sets), and its evidence. */
const FACET_SET_COLUMNS = [
  'theme_set',
  'target_group_set',
  'place_set',
  'language_set',
  'evidence_level',
] as const;

/** The combination column that holds each facet's values (evidence is a column of its own). */
const SET_COLUMN_OF: Record<
  Exclude<PracticeFacet, 'evidence'>,
  (typeof FACET_SET_COLUMNS)[number]
> = {
  theme: 'theme_set',
  targetGroup: 'target_group_set',
  region: 'place_set',
  country: 'place_set',
  city: 'place_set',
  language: 'language_set',
};

const setColumnsOf = (alias: string) => FACET_SET_COLUMNS.map((c) => `${alias}.${c}`).join(', ');

/**
 * `set_id, evidence, miss, n`: `rows` (FACET_SET_COLUMNS and `miss`, the one filter a row fails
 * or NULL) grouped by each of their combinations and by evidence level in one pass (grouping
 * sets). A few hundred to a few thousand groups, however many rows: unnesting them (and
 * counting a row that misses a filter only for that filter's facet) is FacetSets' work, from the
 * combinations it keeps, rather than a join and a sort of every value here.
 */
function facetGroups(rows: string): string {
  const sets = FACET_SET_COLUMNS.filter((c) => c !== 'evidence_level');
  return `SELECT CASE WHEN GROUPING(r.evidence_level) = 1 THEN coalesce(${sets.map((c) => `r.${c}`).join(', ')}) END AS set_id,
                 r.evidence_level AS evidence, r.miss, count(*)::int AS n
            FROM ${rows} r
           GROUP BY GROUPING SETS (${FACET_SET_COLUMNS.map((c) => `(r.miss, r.${c})`).join(', ')})`;
}

/** facetGroups of `rows` as the JSON array of [set_id, evidence, miss, n] the answer carries. */
function facetGroupsJson(rows: string): string {
  return `(SELECT coalesce(json_agg(json_build_array(g.set_id, g.evidence, g.miss, g.n)), '[]'::json) FROM (${facetGroups(rows)}) g)`;
}

/** A listing without words and with at most two filters (null otherwise): see listingCounts. */
function listingStatements(
  input: SearchStatementInput,
  active: PracticeFacet[],
): SearchStatements | null {
  if (active.length > 2) return null;
  const page = statementBuilder(input, active);
  const rows = `page AS (
  SELECT d.practice_id, 1 AS tier, 0 AS rank, FALSE AS hm, d.published_at FROM practice_search d
   WHERE ${page.visibility()} ${active.map((f) => `AND ${page.test(f)}`).join(' ')}
   ORDER BY d.published_at DESC, d.practice_id OFFSET ${input.offset} LIMIT ${input.limit}
)`;
  const counts = statementBuilder(input, active);
  const counted = listingCounts(input, active, counts);
  const sql = `
WITH ${counted.ctes}
SELECT ${counted.total} AS total,
       (SELECT coalesce(json_agg(json_build_array(f.facet, f.value, f.n)), '[]'::json) FROM (${counted.facets}) f) AS facets,
       ${counted.groupsOf ? facetGroupsJson(counted.groupsOf) : `'[]'::json`} AS facet_groups`;
  return {
    page: { sql: itemsOf(rows, input, page.p), params: page.params },
    counts: { sql, params: counts.params },
    groupsSkip: active,
  };
}

/**
 * The vocabulary and facet-count scopes (termScopeOf) of a member: public, network and one per
 * exchange of `exchangeIds` (SQL for a uuid[]).
 */
export function memberScopesSql(exchangeIds: string): string {
  return `(ARRAY['public', 'network'] || ARRAY(SELECT 'x:' || x FROM unnest(${exchangeIds}) x))`;
}

/**
 * A listing without words and with at most two filters, counted from practice_facet_counts
 * (kept by publication) rather than from the rows: the total is the count of the chosen values'
 * pair; a chosen facet counts its values beside the other filter's value (or alone); the other
 * facets count beside the one chosen value, or, with two chosen, over the rows that have both
 * (the one case that still reads rows: few of them, found by the two filters' indexes).
 */
function listingCounts(
  input: SearchStatementInput,
  active: PracticeFacet[],
  { p, memberExchanges, visibility, test }: ReturnType<typeof statementBuilder>,
): { ctes: string; total: string; facets: string; groupsOf: string | null } {
  const scope = (() => {
    switch (input.scope.kind) {
      case 'everything':
        return 'TRUE';
      case 'public':
        return `c.scope = 'public'`;
      case 'network':
        return `c.scope IN ('public', 'network')`;
      case 'member':
        return `c.scope = ANY(${memberScopesSql(memberExchanges(input.scope.memberId))})`;
    }
  })();
  const code = new Map(active.map((f) => [f, p(facetValueOf(f, String(input.filters[f])))]));
  const codeOf = (facet: PracticeFacet) => `${code.get(facet)!}::text`;
  const bases = [`''`, ...active.map(codeOf)];
  /** Each value counted beside `base` ('' for alone), with its count. */
  const beside = (base: string) =>
    `SELECT CASE WHEN c.a = ${base} THEN c.b ELSE c.a END AS v, c.n FROM c WHERE c.a = ${base} OR c.b = ${base}`;
  const ofFacet = (facet: PracticeFacet) => `u.v LIKE '${facet}:%'`;
  const parts = active.map((facet) => {
    const other = active.find((f) => f !== facet);
    return `SELECT u.v, u.n FROM (${beside(other ? codeOf(other) : `''`)}) u WHERE ${ofFacet(facet)}`;
  });
  const notChosen = active.map((f) => `AND NOT ${ofFacet(f)}`).join(' ');
  let groupsOf: string | null = null;
  if (active.length < 2) {
    parts.push(
      `SELECT u.v, u.n FROM (${beside(active[0] ? codeOf(active[0]) : `''`)}) u WHERE u.v <> '' ${notChosen}`,
    );
  } else {
    // Both filters asked of the rows' combinations, so the covering index answers alone.
    const passes = (facet: PracticeFacet) =>
      facet === 'evidence'
        ? test(facet)
        : `d.${SET_COLUMN_OF[facet]} IN (SELECT s.id FROM practice_facet_sets s WHERE s."values" @> ARRAY[${codeOf(facet)}])`;
    groupsOf = `(SELECT ${setColumnsOf('d')}, NULL::text AS miss
      FROM practice_search d WHERE ${visibility()} AND ${active.map(passes).join(' AND ')})`;
  }
  const [first, second] = active;
  const totalOf = !first
    ? `c.a = '' AND c.b = ''`
    : !second
      ? `c.a = '' AND c.b = ${codeOf(first)}`
      : `c.a = LEAST(${codeOf(first)}, ${codeOf(second)}) AND c.b = GREATEST(${codeOf(first)}, ${codeOf(second)})`;
  return {
    ctes: `c AS MATERIALIZED (
  SELECT c.a, c.b, sum(c.n)::int AS n FROM practice_facet_counts c
   WHERE ${scope} AND (c.a = ANY(ARRAY[${bases.join(', ')}]) OR c.b = ANY(ARRAY[${bases.join(', ')}]))
   GROUP BY c.a, c.b
)`,
    total: `(SELECT coalesce(sum(c.n), 0) FROM c WHERE ${totalOf})::int`,
    facets: `SELECT split_part(f.v, ':', 1) AS facet, substr(f.v, strpos(f.v, ':') + 1) AS value, f.n
      FROM (${parts.join('\n      UNION ALL ')}) f WHERE f.n > 0`,
    groupsOf,
  };
}
