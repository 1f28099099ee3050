// The library's search at scale (bench:search, 100,000 entries):
// - every facet value of an index row in one array ('theme:youth-engagement',
//   'evidence:monitored', 'city:<id>', …), kept by PostgreSQL itself, so a search counts all
//   seven facets with one unnest and one grouping instead of seven array scans per matching row;
// - the words of titles and summaries (for the typo vocabulary) move beside the row: every search
//   reads the heap of practice_search, and they were a third of it.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PracticeSearchAtScale1764601200000 implements MigrationInterface {
  name = 'PracticeSearchAtScale1764601200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE practice_search_words (
        practice_id uuid PRIMARY KEY REFERENCES practices (id) ON DELETE CASCADE,
        words text[] NOT NULL DEFAULT '{}'
      )`);
    await queryRunner.query(`
      INSERT INTO practice_search_words (practice_id, words)
      SELECT practice_id, head_words FROM practice_search`);
    await queryRunner.query(`ALTER TABLE practice_search DROP COLUMN head_words`);
    // The facet names are the API's (PracticeFacet); values never contain ':'.
    await queryRunner.query(`
      CREATE FUNCTION practice_facet_values(
        themes text[], target_groups text[], regions text[], countries text[], city_ids uuid[],
        evidence_level text, languages text[]
      ) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT ARRAY(SELECT 'theme:' || x FROM unnest(themes) AS x)
            || ARRAY(SELECT 'targetGroup:' || x FROM unnest(target_groups) AS x)
            || ARRAY(SELECT 'region:' || x FROM unnest(regions) AS x)
            || ARRAY(SELECT 'country:' || x FROM unnest(countries) AS x)
            || ARRAY(SELECT 'city:' || x::text FROM unnest(city_ids) AS x)
            || CASE WHEN evidence_level IS NULL THEN '{}'::text[]
                    ELSE ARRAY['evidence:' || evidence_level] END
            || ARRAY(SELECT 'language:' || x FROM unnest(languages) AS x)
      $$`);
    await queryRunner.query(`
      ALTER TABLE practice_search ADD COLUMN facet_values text[] NOT NULL
        GENERATED ALWAYS AS (practice_facet_values(themes, target_groups, regions, countries,
          city_ids, evidence_level, languages)) STORED`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE practice_search DROP COLUMN facet_values`);
    await queryRunner.query(`DROP FUNCTION practice_facet_values`);
    await queryRunner.query(
      `ALTER TABLE practice_search ADD COLUMN head_words text[] NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(`
      UPDATE practice_search s SET head_words = w.words
        FROM practice_search_words w WHERE w.practice_id = s.practice_id`);
    await queryRunner.query(`DROP TABLE practice_search_words`);
  }
}
