// Facet counts of a broad search without unnesting every matching row's values: most entries
// share their combination of themes, of target groups, of places (region, country, city) and of
// languages with many others (a few hundred to a few thousand combinations in 100,000 entries).
// Each distinct combination is kept once in practice_facet_sets, and an index row names its four
// combinations by number, set by PostgreSQL itself on every write (a trigger, like facet_values),
// so every writer of the index — publication, the migration, the bench — keeps them. A search
// groups its matching rows by these numbers (four integer groupings in one pass) and unnests only
// the few distinct combinations it met, weighted by their counts.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PracticeFacetSets1764601300000 implements MigrationInterface {
  name = 'PracticeFacetSets1764601300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE practice_facet_sets (
        id serial PRIMARY KEY,
        "values" text[] NOT NULL UNIQUE
      )`);
    // Found in one index lookup almost always; a new combination is added, and when two
    // publications add the same one at once, the second waits for the first and then finds it.
    await queryRunner.query(`
      CREATE FUNCTION practice_facet_set(vals text[]) RETURNS integer LANGUAGE plpgsql AS $$
      DECLARE found_id integer;
      BEGIN
        LOOP
          SELECT id INTO found_id FROM practice_facet_sets WHERE "values" = vals;
          IF found_id IS NOT NULL THEN RETURN found_id; END IF;
          INSERT INTO practice_facet_sets ("values") VALUES (vals)
            ON CONFLICT ("values") DO NOTHING RETURNING id INTO found_id;
          IF found_id IS NOT NULL THEN RETURN found_id; END IF;
        END LOOP;
      END $$`);
    // The values are spelled as in facet_values ('theme:…', 'city:<id>', …).
    await queryRunner.query(`
      CREATE FUNCTION practice_search_facet_sets() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.theme_set := practice_facet_set(ARRAY(SELECT 'theme:' || x FROM unnest(NEW.themes) AS x));
        NEW.target_group_set := practice_facet_set(
          ARRAY(SELECT 'targetGroup:' || x FROM unnest(NEW.target_groups) AS x));
        NEW.place_set := practice_facet_set(
          ARRAY(SELECT 'region:' || x FROM unnest(NEW.regions) AS x)
          || ARRAY(SELECT 'country:' || x FROM unnest(NEW.countries) AS x)
          || ARRAY(SELECT 'city:' || x::text FROM unnest(NEW.city_ids) AS x));
        NEW.language_set := practice_facet_set(
          ARRAY(SELECT 'language:' || x FROM unnest(NEW.languages) AS x));
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      ALTER TABLE practice_search
        ADD COLUMN theme_set integer, ADD COLUMN target_group_set integer,
        ADD COLUMN place_set integer, ADD COLUMN language_set integer`);
    await queryRunner.query(`
      CREATE TRIGGER practice_search_facet_sets
        BEFORE INSERT OR UPDATE OF themes, target_groups, regions, countries, city_ids, languages
        ON practice_search FOR EACH ROW EXECUTE FUNCTION practice_search_facet_sets()`);
    await queryRunner.query(`UPDATE practice_search SET themes = themes`);
    await queryRunner.query(`
      ALTER TABLE practice_search
        ALTER COLUMN theme_set SET NOT NULL, ALTER COLUMN target_group_set SET NOT NULL,
        ALTER COLUMN place_set SET NOT NULL, ALTER COLUMN language_set SET NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER practice_search_facet_sets ON practice_search`);
    await queryRunner.query(`
      ALTER TABLE practice_search DROP COLUMN theme_set, DROP COLUMN target_group_set,
        DROP COLUMN place_set, DROP COLUMN language_set`);
    await queryRunner.query(`DROP FUNCTION practice_search_facet_sets`);
    await queryRunner.query(`DROP FUNCTION practice_facet_set`);
    await queryRunner.query(`DROP TABLE practice_facet_sets`);
  }
}
