// Searching the library: the reader's scope (the policy's), the query widened by the glossary
// and typo corrections, then one statement for total, facets and a page.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { PracticeFilters, QueryExpansion } from '../../../contracts/src/index.js';
import { type Actor, ValidationFailedError } from '../../../common/src/index.js';
import { ExchangeAccess } from '../../../exchanges/src/index.js';
import { type SearchScope, searchScopeOf, termScopesOf } from '../practices.policy.js';
import {
  compileSql,
  planQuery,
  type QueryPlan,
  typoCandidates,
  withCorrections,
} from './query-plan.js';
import { type CompiledQuery, type SearchRow, searchStatement } from './search-sql.js';

/** Similarity (pg_trgm) a known word needs to count as what a typo meant. */
export const TYPO_SIMILARITY = 0.35;
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

@Injectable()
export class PracticeSearch {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly exchanges: ExchangeAccess,
  ) {}

  /** Whose entries the actor's search reaches (their exchanges, for members). */
  async scopeFor(actor: Actor | null): Promise<SearchScope> {
    if (!actor) return searchScopeOf(null, []);
    return searchScopeOf(actor, await this.exchanges.exchangeIdsOf(actor.id));
  }

  async search(actor: Actor | null, request: SearchRequest): Promise<SearchOutcome> {
    if (request.offset > MAX_SEARCH_OFFSET)
      throw new ValidationFailedError(`cursor: results beyond ${MAX_SEARCH_OFFSET} are not paged`);
    const scope = await this.scopeFor(actor);
    const { query, expansions } = await this.compile(request.q, scope);
    const { sql, params } = searchStatement({
      scope,
      query,
      filters: request,
      preferredLanguage: request.preferredLanguage,
      offset: request.offset,
      limit: request.limit,
    });
    const [row] = (await this.dataSource.query(sql, params)) as SearchRow[];
    return { row, expansions };
  }

  /** The query parsed per language, with the glossary's and the typo corrections' words. */
  async compile(
    q: string | undefined,
    scope: SearchScope,
  ): Promise<{ query: CompiledQuery | null; expansions: QueryExpansion[] }> {
    if (!q || !q.trim()) return { query: null, expansions: [] };
    let plan = planQuery(q);
    if (plan.units.length === 0) return { query: null, expansions: [] };
    plan = withCorrections(plan, await this.corrections(plan, scope));
    const { sql, params } = compileSql(plan);
    const [query] = (await this.dataSource.query(sql, params)) as CompiledQuery[];
    return {
      query,
      expansions: plan.units.flatMap((unit) => (unit.expansion ? [unit.expansion] : [])),
    };
  }

  /**
   * For words no title or summary the reader can reach contains, the nearest words that some
   * do (pg_trgm similarity), best first. Only words from scopes the reader reaches are offered,
   * so a correction never reveals a word of an entry they may not read.
   */
  private async corrections(plan: QueryPlan, scope: SearchScope): Promise<Map<string, string[]>> {
    const words = typoCandidates(plan);
    if (words.length === 0) return new Map();
    const scopes = termScopesOf(scope);
    const inScope = scopes ? 'AND t.scope = ANY($2::text[])' : '';
    const rows = (await this.dataSource.query(
      `SELECT q.word, ARRAY(
                SELECT c.term FROM (
                  SELECT DISTINCT ON (t.term) t.term, similarity(t.term, q.word) AS s
                    FROM practice_terms t
                   WHERE t.term % q.word ${inScope}
                   ORDER BY t.term) c
                 WHERE c.s >= ${TYPO_SIMILARITY} AND c.term <> q.word
                 ORDER BY c.s DESC, c.term LIMIT 2) AS near
         FROM unnest($1::text[]) AS q(word)
        WHERE NOT EXISTS (SELECT 1 FROM practice_terms t WHERE t.term = q.word ${inScope})`,
      scopes ? [words, scopes] : [words],
    )) as Array<{ word: string; near: string[] }>;
    return new Map(rows.filter((r) => r.near.length > 0).map((r) => [r.word, r.near]));
  }
}
