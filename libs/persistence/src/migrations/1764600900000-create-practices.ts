// The practice library: entries (a working copy with texts per language), published versions,
// reviewers, per-field comments, the workflow's audit trail, provenance links and quotes that
// wait for consent; and the search index: one row per published entry with a weighted tsvector
// per search language (accent-folded text search configurations), facet arrays, and the
// vocabulary for typo tolerance (pg_trgm), scoped by who may see where a word comes from.
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Our text search configurations: PostgreSQL's stemmer per language, with accents folded first. */
const CONFIGS: Array<[name: string, copy: string, stem: string]> = [
  ['crossings_en', 'english', 'english_stem'],
  ['crossings_fr', 'french', 'french_stem'],
  ['crossings_nl', 'dutch', 'dutch_stem'],
  ['crossings_de', 'german', 'german_stem'],
  ['crossings_simple', 'simple', 'simple'],
];

export class CreatePractices1764600900000 implements MigrationInterface {
  name = 'CreatePractices1764600900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Both ship with PostgreSQL (contrib) and are trusted: the database owner may create them.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    // unaccent() is only STABLE (it looks its dictionary up by name); pinned to its dictionary it
    // is a pure function of its input, which indexes and generated columns need.
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION crossings_unaccent(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT unaccent('unaccent'::regdictionary, $1) $$`);
    for (const [name, copy, stem] of CONFIGS) {
      await queryRunner.query(`CREATE TEXT SEARCH CONFIGURATION ${name} (COPY = ${copy})`);
      await queryRunner.query(
        `ALTER TEXT SEARCH CONFIGURATION ${name}
           ALTER MAPPING FOR hword, hword_part, word WITH unaccent, ${stem}`,
      );
    }

    await queryRunner.query(`
      CREATE TABLE practices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug varchar(90) UNIQUE,
        status varchar(20) NOT NULL DEFAULT 'draft'
          CHECK (status IN ('draft', 'in-review', 'changes-requested', 'published', 'archived')),
        author_id uuid NOT NULL REFERENCES practitioners(id),
        exchange_id uuid REFERENCES exchanges(id) ON DELETE SET NULL,
        visibility varchar(10) NOT NULL DEFAULT 'exchange'
          CHECK (visibility IN ('exchange', 'network', 'public')),
        original_language varchar(8) NOT NULL,
        target_groups text[] NOT NULL DEFAULT '{}',
        scale varchar(20) CHECK (scale IN ('neighbourhood', 'city', 'region', 'national')),
        period_start varchar(7),
        period_end varchar(7),
        evidence_level varchar(30)
          CHECK (evidence_level IN ('none-yet', 'monitored', 'evaluated-internally', 'evaluated-independently')),
        evaluation_url varchar(500),
        contact_name varchar(200) NOT NULL DEFAULT '',
        contact_organisation varchar(200) NOT NULL DEFAULT '',
        contact_email varchar(254) NOT NULL DEFAULT '',
        revision integer NOT NULL DEFAULT 1,
        current_version integer,
        published_visibility varchar(10),
        published_exchange_id uuid REFERENCES exchanges(id) ON DELETE SET NULL,
        first_published_at timestamptz,
        last_published_at timestamptz,
        archived_at timestamptz,
        hidden_at timestamptz,
        hidden_by_id uuid REFERENCES practitioners(id) ON DELETE SET NULL,
        hidden_reason varchar(500),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (visibility <> 'exchange' OR exchange_id IS NOT NULL)
      )`);
    await queryRunner.query(
      `CREATE INDEX practices_author_idx ON practices (author_id, updated_at DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX practices_in_review_idx ON practices (updated_at) WHERE status = 'in-review'`,
    );
    await queryRunner.query(`
      CREATE TABLE practice_texts (
        practice_id uuid NOT NULL REFERENCES practices(id) ON DELETE CASCADE,
        language varchar(8) NOT NULL,
        title varchar(200) NOT NULL DEFAULT '',
        summary varchar(1000) NOT NULL DEFAULT '',
        challenge text NOT NULL DEFAULT '',
        approach text NOT NULL DEFAULT '',
        resources text NOT NULL DEFAULT '',
        outcomes text NOT NULL DEFAULT '',
        evaluation text NOT NULL DEFAULT '',
        lessons_worked text NOT NULL DEFAULT '',
        lessons_did_not text NOT NULL DEFAULT '',
        transferability text NOT NULL DEFAULT '',
        PRIMARY KEY (practice_id, language)
      )`);
    await queryRunner.query(`
      CREATE TABLE practice_themes (
        practice_id uuid NOT NULL REFERENCES practices(id) ON DELETE CASCADE,
        theme_id uuid NOT NULL REFERENCES themes(id),
        PRIMARY KEY (practice_id, theme_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE practice_cities (
        practice_id uuid NOT NULL REFERENCES practices(id) ON DELETE CASCADE,
        city_id uuid NOT NULL REFERENCES cities(id),
        PRIMARY KEY (practice_id, city_id)
      )`);
    // A published version is a snapshot: what readers see while the next one is being written.
    await queryRunner.query(`
      CREATE TABLE practice_versions (
        practice_id uuid NOT NULL REFERENCES practices(id) ON DELETE CASCADE,
        version integer NOT NULL,
        snapshot jsonb NOT NULL,
        published_by_id uuid REFERENCES practitioners(id) ON DELETE SET NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (practice_id, version)
      )`);
    await queryRunner.query(`
      CREATE TABLE practice_reviewers (
        practice_id uuid NOT NULL REFERENCES practices(id) ON DELETE CASCADE,
        reviewer_id uuid NOT NULL REFERENCES practitioners(id) ON DELETE CASCADE,
        assigned_by_id uuid REFERENCES practitioners(id) ON DELETE SET NULL,
        assigned_at timestamptz NOT NULL DEFAULT now(),
        decision varchar(20) CHECK (decision IN ('approved', 'changes-requested')),
        decision_revision integer,
        decided_at timestamptz,
        PRIMARY KEY (practice_id, reviewer_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX practice_reviewers_reviewer_idx ON practice_reviewers (reviewer_id)`,
    );
    await queryRunner.query(`
      CREATE TABLE practice_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practices(id) ON DELETE CASCADE,
        author_id uuid NOT NULL REFERENCES practitioners(id),
        revision integer NOT NULL,
        field varchar(40) NOT NULL,
        language varchar(8),
        body varchar(4000) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX practice_comments_practice_idx ON practice_comments (practice_id, created_at)`,
    );
    // The workflow's audit trail (the moderation library's audit log will take it over).
    await queryRunner.query(`
      CREATE TABLE practice_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practices(id) ON DELETE CASCADE,
        actor_id uuid REFERENCES practitioners(id) ON DELETE SET NULL,
        action varchar(40) NOT NULL,
        from_status varchar(20),
        to_status varchar(20),
        comment varchar(4000),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX practice_events_practice_idx ON practice_events (practice_id, created_at)`,
    );
    await queryRunner.query(`
      CREATE TABLE practice_sources (
        practice_id uuid NOT NULL REFERENCES practices(id) ON DELETE CASCADE,
        kind varchar(10) NOT NULL CHECK (kind IN ('exchange', 'session', 'thread', 'post', 'message')),
        source_id uuid NOT NULL,
        added_by_id uuid REFERENCES practitioners(id) ON DELETE SET NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (practice_id, kind, source_id)
      )`);
    // A quote waits for the quoted person's yes; readers only ever see accepted ones. The rule of
    // the exchange it was said in is kept with it (the rule is fixed once anyone has spoken).
    await queryRunner.query(`
      CREATE TABLE practice_quotes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practice_id uuid NOT NULL REFERENCES practices(id) ON DELETE CASCADE,
        source_kind varchar(10) NOT NULL,
        source_id uuid NOT NULL,
        person_id uuid NOT NULL REFERENCES practitioners(id),
        text varchar(2000) NOT NULL,
        exchange_id uuid REFERENCES exchanges(id) ON DELETE SET NULL,
        chatham_house boolean NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined')),
        requested_by_id uuid REFERENCES practitioners(id) ON DELETE SET NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        UNIQUE (practice_id, source_kind, source_id, text)
      )`);
    await queryRunner.query(
      `CREATE INDEX practice_quotes_person_idx ON practice_quotes (person_id) WHERE status = 'pending'`,
    );

    // The search index: one row per published, visible entry. Facets are arrays of the entry's
    // values; each language's text is its own weighted tsvector (title A, summary B, the rest C)
    // so that a query is parsed with that language's stemmer for that language's text.
    await queryRunner.query(`
      CREATE TABLE practice_search (
        practice_id uuid PRIMARY KEY REFERENCES practices(id) ON DELETE CASCADE,
        slug varchar(90) NOT NULL,
        original_language varchar(8) NOT NULL,
        languages text[] NOT NULL,
        visibility varchar(10) NOT NULL,
        exchange_id uuid,
        themes text[] NOT NULL DEFAULT '{}',
        target_groups text[] NOT NULL DEFAULT '{}',
        city_ids uuid[] NOT NULL DEFAULT '{}',
        countries text[] NOT NULL DEFAULT '{}',
        regions text[] NOT NULL DEFAULT '{}',
        evidence_level varchar(30),
        published_at timestamptz NOT NULL,
        head_tsv tsvector NOT NULL,
        tsv_en tsvector,
        tsv_fr tsvector,
        tsv_nl tsvector,
        tsv_de tsvector,
        tsv_other tsvector,
        head_words text[] NOT NULL DEFAULT '{}',
        texts jsonb NOT NULL
      )`);
    for (const column of ['tsv_en', 'tsv_fr', 'tsv_nl', 'tsv_de', 'tsv_other'])
      await queryRunner.query(
        `CREATE INDEX practice_search_${column}_idx ON practice_search USING gin (${column})`,
      );
    await queryRunner.query(
      `CREATE INDEX practice_search_published_idx ON practice_search (published_at DESC, practice_id)`,
    );
    for (const column of ['themes', 'target_groups', 'city_ids', 'countries', 'regions'])
      await queryRunner.query(
        `CREATE INDEX practice_search_${column}_idx ON practice_search USING gin (${column})`,
      );
    await queryRunner.query(
      `CREATE INDEX practice_search_evidence_idx ON practice_search (evidence_level)`,
    );
    await queryRunner.query(
      `CREATE INDEX practice_search_visibility_idx ON practice_search (visibility, exchange_id)`,
    );
    // Words of titles and summaries (and the glossary's), per scope of readers ('glossary',
    // 'public', 'network', 'x:<exchange id>'), counted so a word leaves its scope with its last
    // entry: a typo is only ever corrected to a word the reader could have found.
    await queryRunner.query(`
      CREATE TABLE practice_terms (
        scope varchar(50) NOT NULL,
        term varchar(100) NOT NULL,
        docs integer NOT NULL DEFAULT 0,
        PRIMARY KEY (scope, term)
      )`);
    await queryRunner.query(
      `CREATE INDEX practice_terms_trgm_idx ON practice_terms USING gin (term gin_trgm_ops)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'practice_terms',
      'practice_search',
      'practice_quotes',
      'practice_sources',
      'practice_events',
      'practice_comments',
      'practice_reviewers',
      'practice_versions',
      'practice_cities',
      'practice_themes',
      'practice_texts',
      'practices',
    ])
      await queryRunner.query(`DROP TABLE IF EXISTS ${table}`);
    for (const [name] of CONFIGS)
      await queryRunner.query(`DROP TEXT SEARCH CONFIGURATION IF EXISTS ${name}`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS crossings_unaccent(text)`);
  }
}
