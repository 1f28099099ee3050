// The facet combinations a search's groups name (practice_facet_sets), kept in memory: each is
// a row written once and never changed (its values are unique and its id a sequence's), so a
// copy never goes stale. A search answers its matching rows grouped by combination; the
// combinations' values are counted here rather than joined, unnested and sorted in PostgreSQL
// for every search (a third of a selective search's time there).
//
// Counting runs on every search over a few thousand groups, so values are kept as small
// numbers (each "facet:value" once, with its facet's number) and counted in an array: with
// strings cut and looked up per group, it was the API's largest own cost of a search.
import { PRACTICE_FACETS, type PracticeFacet } from '#libs/contracts';
import type { FacetGroup } from './search-sql.js';

/** Runs one SQL statement and answers its rows. */
type RunSql = (sql: string, params: unknown[]) => Promise<unknown[]>;

const FACET_NUMBER = new Map<string, number>(PRACTICE_FACETS.map((facet, i) => [facet, i]));

export class FacetSets {
  /** Each value seen, as `facet:value`, and its number (its place in the arrays below). */
  private readonly numberOf = new Map<string, number>();
  private readonly facetOfValue: number[] = [];
  private readonly valueText: string[] = [];
  /** A combination's values, by its id. */
  private readonly combinations = new Map<number, number[]>();

  /**
   * How many rows of `groups` have each facet value: a group's rows count for every value of its
   * combination (or its evidence level), except that rows missing one filter count only for
   * that filter's facet; the facets in `skip` are left out.
   */
  async count(
    groups: FacetGroup[],
    skip: PracticeFacet[],
    run: RunSql,
  ): Promise<Array<[PracticeFacet, string, number]>> {
    await this.load(groups, run);
    const skipped = PRACTICE_FACETS.map((facet) => skip.includes(facet));
    const counts: number[] = [];
    const counted: number[] = [];
    const add = (value: number, n: number) => {
      if (counts[value] === undefined) {
        counts[value] = 0;
        counted.push(value);
      }
      counts[value] += n;
    };
    for (const [setId, evidence, miss, n] of groups) {
      const only = miss === null ? -1 : (FACET_NUMBER.get(miss) ?? -2);
      if (setId === null) {
        if (!evidence) continue;
        const value = this.numberFor(`evidence:${evidence}`);
        const facet = this.facetOfValue[value]!;
        if ((only === -1 || only === facet) && !skipped[facet]) add(value, n);
        continue;
      }
      for (const value of this.combinations.get(setId) ?? []) {
        const facet = this.facetOfValue[value]!;
        if ((only !== -1 && only !== facet) || skipped[facet]) continue;
        add(value, n);
      }
    }
    return counted.map((value) => {
      const text = this.valueText[value]!;
      return [
        PRACTICE_FACETS[this.facetOfValue[value]!]!,
        text.slice(text.indexOf(':') + 1),
        counts[value]!,
      ];
    });
  }

  /** The number of a `facet:value`, given one the first time it is seen. */
  private numberFor(text: string): number {
    let value = this.numberOf.get(text);
    if (value === undefined) {
      value = this.valueText.length;
      this.numberOf.set(text, value);
      this.valueText.push(text);
      this.facetOfValue.push(FACET_NUMBER.get(text.slice(0, text.indexOf(':'))) ?? -1);
    }
    return value;
  }

  /** Reads the combinations not yet known (a new library's, or ones published since). */
  private async load(groups: FacetGroup[], run: RunSql): Promise<void> {
    const missing = new Set<number>();
    for (const [setId] of groups)
      if (setId !== null && !this.combinations.has(setId)) missing.add(setId);
    if (missing.size === 0) return;
    const rows = (await run(
      `SELECT id, "values" FROM practice_facet_sets WHERE id = ANY($1::int[])`,
      [[...missing]],
    )) as Array<{ id: number; values: string[] }>;
    // A combination is committed with (or before) the first index row that names it.
    // A facet this code does not know (never written by publication) counts for none.
    for (const row of rows)
      this.combinations.set(
        row.id,
        row.values.map((text) => this.numberFor(text)).filter((v) => this.facetOfValue[v]! >= 0),
      );
  }
}
