// Every search reads the heap rows of its matches (visibility, filters, facet combinations,
// recency), and a broad word matches a quarter of the library. Rows were ~1.2 kB, most of it the
// title-and-summary tsvector and facet_values, which a search no longer reads row by row: the
// first is asked through its own GIN index (which hits have the words in title or summary), the
// second only when publication keeps the listing's counts. Both now live out of line (TOAST),
// the small arrays the filters test stay in the row, and the heap shrinks by about 60 %.
import type { MigrationInterface, QueryRunner } from 'typeorm';

const IN_ROW = ['themes', 'target_groups', 'city_ids', 'countries', 'regions', 'languages'];

export class PracticeSearchNarrowHeap1764601350000 implements MigrationInterface {
  name = 'PracticeSearchNarrowHeap1764601350000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE practice_search SET (toast_tuple_target = 128)`);
    await queryRunner.query(`
      ALTER TABLE practice_search
        ALTER COLUMN head_tsv SET STORAGE EXTERNAL,
        ALTER COLUMN facet_values SET STORAGE EXTERNAL,
        ${IN_ROW.map((c) => `ALTER COLUMN ${c} SET STORAGE MAIN`).join(', ')}`);
    await queryRunner.query(
      `CREATE INDEX practice_search_head_tsv_idx ON practice_search USING gin (head_tsv)`,
    );
    // Rows written before keep their layout until rewritten: rewrite them now (a large library
    // may run VACUUM FULL practice_search afterwards to give the space back).
    await queryRunner.query(`UPDATE practice_search SET head_tsv = head_tsv`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX practice_search_head_tsv_idx`);
    await queryRunner.query(`
      ALTER TABLE practice_search
        ALTER COLUMN head_tsv SET STORAGE EXTENDED,
        ALTER COLUMN facet_values SET STORAGE EXTENDED,
        ${IN_ROW.map((c) => `ALTER COLUMN ${c} SET STORAGE EXTENDED`).join(', ')}`);
    await queryRunner.query(`ALTER TABLE practice_search RESET (toast_tuple_target)`);
  }
}
