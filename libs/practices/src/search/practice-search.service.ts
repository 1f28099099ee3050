// Searching the library: the reader's scope (the policy's; a member's exchanges are read by the
// statements themselves), the query widened by the glossary, then the page and the counts
// (total, facets) asked at once; when the words find (almost) nothing, a second try with the
// nearest known words of short queries (a likely typo).
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { PracticeFilters, QueryExpansion } from '#libs/contracts';
import { type Actor, ValidationFailedError } from '#libs/common';
import { exchangeIdsOfMemberSql } from '#libs/exchanges';
import { PG_POOL } from '#libs/persistence';
import { type SearchScope, searchScopeOf } from '../practices.policy.js';
import {
  type CompiledQuery,
  compiledQuery,
  compileSql,
  planQuery,
  type QueryPlan,
  typoCandidates,
  withCorrections,
} from './query-plan.js';
import { FacetSets } from './facet-sets.js';
import { memberScopesSql, type SearchRow, searchStatement } from './search-sql.js';

/** Similarity (pg_trgm) a known word needs to count as what a typo meant. */
export const TYPO_SIMILARITY = 0.35;
/** Below this many results, a short query is tried again with the nearest known words. */
export const TYPO_RETRY_BELOW = 3;
/** The deepest a reader can page (offset). */
export const MAX_SEARCH_OFFSET = 1000;

export interface SearchRequest extends PracticeFilters {
  offset: number;
  limit: number;
  preferredLanguage: string | null;
}

export interface SearchOutcome {
  row: SearchRow;
  expansions: QueryExpansion[];
}

/**
 * Runs one SQL statement and answers its rows (TypeORM's DataSource and pg's Pool alike). Called
 * for two statements at once: each should get a connection of its own, or they run in turn.
 */
export type RunSql = (sql: string, params: unknown[]) => Promise<unknown[]>;

/**
 * The whole search as statements: exported so the bench's raw-SQL baseline runs exactly what
 * the API runs, without HTTP, Nest or authentication around it.
 */
export async function runSearch(
  run: RunSql,
  scope: SearchScope,
  request: SearchRequest,
  facetSets: FacetSets,
): Promise<SearchOutcome> {
  const compile = async (plan: QueryPlan | null) => {
    if (!plan) return null;
    const { sql, params } = compileSql(plan);
    return compiledQuery(plan, ((await run(sql, params)) as [Record<string, string[]>])[0]);
  };
  const useful = request.q?.trim() ? usefulPlan(request.q) : null;
  const firstQuery = await compile(useful);
  const execute = async (query: CompiledQuery | null) => {
    const { page, counts, groupsSkip } = searchStatement({
      scope,
      query,
      filters: request,
      preferredLanguage: request.preferredLanguage,
      offset: request.offset,
      limit: request.limit,
    });
    // At once: `run` takes a connection of its own for each (see searchStatement).
    const [[pageRow], [countsRow]] = (await Promise.all([
      run(page.sql, page.params),
      run(counts.sql, counts.params),
    ])) as [[Pick<SearchRow, 'items'>], [Omit<SearchRow, 'items'>]];
    const grouped = await facetSets.count(countsRow.facet_groups, groupsSkip, run);
    return {
      ...countsRow,
      items: pageRow.items,
      facets: [...countsRow.facets, ...grouped],
      facet_groups: [],
    };
  };
  const expansionsOf = (p: QueryPlan | null) =>
    (p?.units ?? []).flatMap((unit) => (unit.expansion ? [unit.expansion] : []));
  const row = await execute(firstQuery);
  const words = useful ? typoCandidates(useful) : [];
  if (!useful || row.total >= TYPO_RETRY_BELOW || words.length === 0)
    return { row, expansions: expansionsOf(useful) };
  const { sql, params } = correctionsStatement(words, scope);
  const found = (await run(sql, params)) as Array<{ word: string; near: string[] }>;
  const corrections = new Map(found.filter((r) => r.near.length > 0).map((r) => [r.word, r.near]));
  if (corrections.size === 0) return { row, expansions: expansionsOf(useful) };
  const corrected = withCorrections(useful, corrections);
  return { row: await execute(await compile(corrected)), expansions: expansionsOf(corrected) };
}

/** The query's plan, or null when it holds no word worth searching. */
function usefulPlan(q: string): QueryPlan | null {
  const plan = planQuery(q);
  return plan.units.length > 0 ? plan : null;
}

@Injectable()
export class PracticeSearch {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  private readonly facetSets = new FacetSets();

  /** Straight on the pool: through TypeORM's query runner each statement cost a millisecond more. */
  private readonly run: RunSql = async (sql, params) => (await this.pool.query(sql, params)).rows;

  async search(actor: Actor | null, request: SearchRequest): Promise<SearchOutcome> {
    if (request.offset > MAX_SEARCH_OFFSET)
      throw new ValidationFailedError(`cursor: results beyond ${MAX_SEARCH_OFFSET} are not paged`);
    return runSearch(this.run, searchScopeOf(actor), request, this.facetSets);
  }

  /** The query parsed per language with the glossary's words (no typo correction). */
  async compile(q: string | undefined): Promise<CompiledQuery | null> {
    if (!q || !q.trim()) return null;
    const plan = planQuery(q);
    if (plan.units.length === 0) return null;
    const { sql, params } = compileSql(plan);
    const [parsed] = (await this.run(sql, params)) as [Record<string, string[]>];
    return compiledQuery(plan, parsed);
  }
}

/**
 * For each word that no title or summary in the reader's scopes contains, its nearest known
 * words (pg_trgm similarity ≥ TYPO_SIMILARITY), best first, at most two. The glossary's words
 * are in every reader's scope; a coordinator's scope is every word.
 */
export function correctionsStatement(
  words: string[],
  scope: SearchScope,
): { sql: string; params: unknown[] } {
  const scopes = {
    everything: null,
    public: `ARRAY['glossary', 'public']`,
    network: `ARRAY['glossary', 'public', 'network']`,
    member: `ARRAY['glossary'] || ${memberScopesSql(exchangeIdsOfMemberSql('$2'))}`,
  }[scope.kind];
  const inScope = scopes ? `AND t.scope = ANY(${scopes})` : '';
  return {
    sql: `SELECT q.word, ARRAY(
                SELECT c.term FROM (
                  SELECT DISTINCT ON (t.term) t.term, similarity(t.term, q.word) AS s
                    FROM practice_terms t
                   WHERE t.term % q.word ${inScope}
                   ORDER BY t.term) c
                 WHERE c.s >= ${TYPO_SIMILARITY} AND c.term <> q.word
                 ORDER BY c.s DESC, c.term LIMIT 2) AS near
         FROM unnest($1::text[]) AS q(word)
        WHERE NOT EXISTS (SELECT 1 FROM practice_terms t WHERE t.term = q.word ${inScope})`,
    params: scope.kind === 'member' ? [words, scope.memberId] : [words],
  };
}
