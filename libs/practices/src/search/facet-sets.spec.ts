import { FacetSets } from './facet-sets.js';
import type { FacetGroup } from './search-sql.js';

describe('FacetSets', () => {
  /** practice_facet_sets as rows, and every id list it was asked for. */
  const table = new Map<number, string[]>([
    [1, ['theme:polarization', 'theme:online-hate']],
    [2, ['targetGroup:youth']],
    [3, ['region:europe', 'country:FR', 'city:c1']],
    [4, ['theme:polarization', 'theme:youth-engagement']],
    [5, ['theme:online-hate', 'mood:blue']],
  ]);
  const asked: number[][] = [];
  const run = async (_sql: string, params: unknown[]) => {
    const ids = params[0] as number[];
    asked.push(ids);
    return ids.flatMap((id) => (table.has(id) ? [{ id, values: table.get(id) }] : []));
  };
  const sorted = (rows: Array<[string, string, number]>) => rows.map((r) => r.join('|')).sort();

  it("counts each group's rows for its combination's values, and misses only for their facet", async () => {
    const groups: FacetGroup[] = [
      [1, null, null, 5],
      [3, null, null, 5],
      [null, 'monitored', null, 4],
      [null, 'evaluated-internally', null, 1],
      [null, null, null, 2], // rows without an evidence level count for no value
      // Rows that fail the theme filter count only for the theme facet.
      [1, null, 'theme', 3],
      [3, null, 'theme', 3],
      [null, 'monitored', 'theme', 3],
    ];
    const counts = await new FacetSets().count(groups, [], run);
    expect(sorted(counts)).toEqual(
      sorted([
        ['theme', 'polarization', 8],
        ['theme', 'online-hate', 8],
        ['region', 'europe', 5],
        ['country', 'FR', 5],
        ['city', 'c1', 5],
        ['evidence', 'monitored', 4],
        ['evidence', 'evaluated-internally', 1],
      ]),
    );
  });

  it('leaves out the facets asked to skip, and reads each combination once', async () => {
    asked.length = 0;
    const sets = new FacetSets();
    const groups: FacetGroup[] = [
      [1, null, null, 2],
      [2, null, null, 2],
      [null, 'monitored', null, 2],
    ];
    expect(sorted(await sets.count(groups, ['theme', 'evidence'], run))).toEqual([
      'targetGroup|youth|2',
    ]);
    await sets.count(groups, [], run);
    expect(asked).toEqual([[1, 2]]);
    // An id it cannot find counts for nothing rather than failing the search.
    expect(await sets.count([[99, null, null, 1]], [], run)).toEqual([]);
  });

  it('adds up a value shared by combinations, and counts a facet it does not know for none', async () => {
    const counts = await new FacetSets().count(
      [
        [1, null, null, 2],
        [4, null, null, 3],
        [5, null, null, 1],
        [4, null, 'mood', 7], // a miss of an unknown filter: no facet of ours
      ],
      [],
      run,
    );
    expect(sorted(counts)).toEqual([
      'theme|online-hate|3',
      'theme|polarization|5',
      'theme|youth-engagement|3',
    ]);
  });
});
