// Listing the library without words (filters only) at scale: how many visible entries have each
// facet value, and each pair of values, per scope of readers ('public', 'network', 'x:<exchange
// id>'), kept by publication. A listing with up to two filters reads its total and most facet
// counts from here instead of counting tens of thousands of rows. '' stands for "any entry":
// ('', '') is the scope's total and ('', v) the count of v.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PracticeFacetCounts1764601250000 implements MigrationInterface {
  name = 'PracticeFacetCounts1764601250000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE practice_facet_counts (
        scope text NOT NULL,
        a text NOT NULL,
        b text NOT NULL,
        n integer NOT NULL,
        PRIMARY KEY (scope, a, b),
        CHECK (a < b OR (a = '' AND b = ''))
      )`);
    // A listing reads every pair that holds a chosen value, on either side.
    await queryRunner.query(
      `CREATE INDEX practice_facet_counts_b_idx ON practice_facet_counts (scope, b)`,
    );
    await queryRunner.query(`
      INSERT INTO practice_facet_counts (scope, a, b, n)
      SELECT scope, a, b, count(*)::int FROM (
        SELECT CASE s.visibility WHEN 'exchange' THEN 'x:' || s.exchange_id::text ELSE s.visibility END AS scope,
               x AS a, y AS b
          FROM practice_search s
               CROSS JOIN LATERAL unnest('{""}'::text[] || s.facet_values) AS x
               CROSS JOIN LATERAL unnest('{""}'::text[] || s.facet_values) AS y
         WHERE x < y OR (x = '' AND y = '')) p
      GROUP BY scope, a, b`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE practice_facet_counts`);
  }
}
