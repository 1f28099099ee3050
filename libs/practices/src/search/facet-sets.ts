// The facet combinations a search's groups name (practice_facet_sets), kept in memory: each is
// a row written once and never changed (its values are unique and its id a sequence's), so a
// copy never goes stale. A search answers its matching rows grouped by combination; the
// combinations' values are counted here rather than joined, unnested and sorted in PostgreSQL
// for every search (a third of a selective search's time there).
import type { PracticeFacet } from '#libs/contracts';
import type { FacetGroup } from './search-sql.js';

/** Runs one SQL statement and answers its rows. */
type RunSql = (sql: string, params: unknown[]) => Promise<unknown[]>;

export class FacetSets {
  private readonly valuesOf = new Map<number, string[]>();

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
    const counts = new Map<string, number>();
    for (const [setId, evidence, miss, n] of groups) {
      const values =
        setId !== null
          ? (this.valuesOf.get(setId) ?? [])
          : evidence
            ? [`evidence:${evidence}`]
            : [];
      for (const value of values) {
        const facet = value.slice(0, value.indexOf(':'));
        if ((miss !== null && facet !== miss) || skip.includes(facet as PracticeFacet)) continue;
        counts.set(value, (counts.get(value) ?? 0) + n);
      }
    }
    return [...counts].map(([value, n]) => {
      const at = value.indexOf(':');
      return [value.slice(0, at) as PracticeFacet, value.slice(at + 1), n];
    });
  }

  /** Reads the combinations not yet known (a new library's, or ones published since). */
  private async load(groups: FacetGroup[], run: RunSql): Promise<void> {
    const missing = [
      ...new Set(
        groups.flatMap(([setId]) => (setId !== null && !this.valuesOf.has(setId) ? [setId] : [])),
      ),
    ];
    if (missing.length === 0) return;
    const rows = (await run(
      `SELECT id, "values" FROM practice_facet_sets WHERE id = ANY($1::int[])`,
      [missing],
    )) as Array<{ id: number; values: string[] }>;
    // A combination is committed with (or before) the first index row that names it.
    for (const row of rows) this.valuesOf.set(row.id, row.values);
  }
}
