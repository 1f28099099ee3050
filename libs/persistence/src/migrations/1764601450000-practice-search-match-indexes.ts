// A search with words and filters intersected three kinds of index: each filter's own (a
// quarter of the library for a common theme or evidence level), and the words' GIN index, as
// bitmaps of every row each one named: about 8 ms of a selective three-word search with two
// filters, most of it spent on the filters' rows. Each slot's words index now also holds the
// row's facet values as lexemes of their own ("theme:youth"; a word's lexeme holds no ':'), so
// one scan answers "these words with these values" and skips through the values' long posting
// lists from the words' short ones. A search without filters asks the same index for its words
// alone (search-sql.ts, matchVector, writes the same expression).
import type { MigrationInterface, QueryRunner } from 'typeorm';

const SLOTS = ['en', 'fr', 'nl', 'de', 'other'];

export class PracticeSearchMatchIndexes1764601450000 implements MigrationInterface {
  name = 'PracticeSearchMatchIndexes1764601450000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const slot of SLOTS) {
      await queryRunner.query(`DROP INDEX practice_search_tsv_${slot}_idx`);
      await queryRunner.query(
        `CREATE INDEX practice_search_match_${slot}_idx ON practice_search
           USING gin ((tsv_${slot} || array_to_tsvector(array_remove(facet_values, NULL))))`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const slot of SLOTS) {
      await queryRunner.query(`DROP INDEX practice_search_match_${slot}_idx`);
      await queryRunner.query(
        `CREATE INDEX practice_search_tsv_${slot}_idx ON practice_search USING gin (tsv_${slot})`,
      );
    }
  }
}
