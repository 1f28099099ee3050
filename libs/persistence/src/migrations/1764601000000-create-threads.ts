// Threaded discussions: threads in an exchange or in the commons, a tree of posts numbered 1, 2,
// 3… per thread, edit history, reactions, each reader's read position and follow level, the
// people who took part, mutes in an exchange's threads, full-text search in each post's language,
// and the link from a live message to the thread it became.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateThreads1764601000000 implements MigrationInterface {
  name = 'CreateThreads1764601000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The text search configuration of a language tag: en, fr, nl and de have stemmers; any other
    // language is indexed word by word. IMMUTABLE, so generated columns and indexes may use it.
    await queryRunner.query(`
      CREATE FUNCTION crossings_search_config(language text) RETURNS regconfig
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE lower(split_part(coalesce(language, ''), '-', 1))
          WHEN 'en' THEN 'pg_catalog.english'::regconfig
          WHEN 'fr' THEN 'pg_catalog.french'::regconfig
          WHEN 'nl' THEN 'pg_catalog.dutch'::regconfig
          WHEN 'de' THEN 'pg_catalog.german'::regconfig
          ELSE 'pg_catalog.simple'::regconfig
        END $$`);
    await queryRunner.query(`
      CREATE TABLE threads (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        exchange_id uuid REFERENCES exchanges(id) ON DELETE CASCADE,
        author_id uuid NOT NULL REFERENCES practitioners(id),
        created_by_id uuid NOT NULL REFERENCES practitioners(id),
        client_id varchar(64) NOT NULL,
        kind varchar(20) NOT NULL CHECK (kind IN ('discussion', 'question', 'lesson-learned')),
        title varchar(200) NOT NULL,
        language varchar(35) NOT NULL,
        title_search tsvector GENERATED ALWAYS AS
          (to_tsvector(crossings_search_config(language), title)) STORED,
        source_message_id uuid UNIQUE REFERENCES messages(id) ON DELETE SET NULL,
        source_room_id uuid REFERENCES rooms(id) ON DELETE SET NULL,
        first_post_id uuid,
        answer_post_id uuid,
        last_seq integer NOT NULL DEFAULT 0,
        reply_count integer NOT NULL DEFAULT 0,
        last_activity_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        pinned_at timestamptz,
        pinned_by_id uuid REFERENCES practitioners(id),
        locked_at timestamptz,
        locked_by_id uuid REFERENCES practitioners(id),
        hidden_at timestamptz,
        hidden_by_id uuid REFERENCES practitioners(id),
        hidden_reason varchar(500),
        merged_into_id uuid REFERENCES threads(id) ON DELETE SET NULL,
        deleted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (created_by_id, client_id)
      )`);
    // Lists: pinned first, then by latest activity; per exchange and for the commons.
    await queryRunner.query(`
      CREATE INDEX threads_listing_idx ON threads
        (exchange_id, (pinned_at IS NOT NULL), last_activity_at, id)
        WHERE merged_into_id IS NULL AND deleted_at IS NULL`);
    await queryRunner.query(`
      CREATE INDEX threads_activity_idx ON threads ((pinned_at IS NOT NULL), last_activity_at, id)
        WHERE merged_into_id IS NULL AND deleted_at IS NULL`);
    await queryRunner.query(
      `CREATE INDEX threads_title_search_idx ON threads USING gin (title_search)`,
    );
    await queryRunner.query(`CREATE INDEX threads_author_idx ON threads (author_id)`);
    await queryRunner.query(`
      CREATE TABLE thread_themes (
        thread_id uuid NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
        theme_id uuid NOT NULL REFERENCES themes(id),
        PRIMARY KEY (thread_id, theme_id)
      )`);
    await queryRunner.query(`CREATE INDEX thread_themes_theme_idx ON thread_themes (theme_id)`);
    await queryRunner.query(`
      CREATE TABLE posts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        thread_id uuid NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
        seq integer NOT NULL,
        parent_id uuid REFERENCES posts(id),
        branch_id uuid REFERENCES posts(id),
        depth integer NOT NULL CHECK (depth >= 0),
        author_id uuid NOT NULL REFERENCES practitioners(id),
        client_id varchar(80) NOT NULL,
        body text NOT NULL,
        language varchar(35) NOT NULL,
        search tsvector GENERATED ALWAYS AS
          (to_tsvector(crossings_search_config(language), body)) STORED,
        reply_count integer NOT NULL DEFAULT 0,
        edited_at timestamptz,
        deleted_at timestamptz,
        hidden_at timestamptz,
        hidden_by_id uuid REFERENCES practitioners(id),
        hidden_reason varchar(500),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (thread_id, seq),
        UNIQUE (thread_id, author_id, client_id),
        CHECK ((depth = 0) = (parent_id IS NULL)),
        CHECK ((depth = 0) = (branch_id IS NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX posts_top_level_idx ON posts (thread_id, seq) WHERE depth = 1`,
    );
    await queryRunner.query(`CREATE INDEX posts_branch_idx ON posts (branch_id, seq)`);
    // Unread = the posts after a read position minus the few removed since: a small index.
    await queryRunner.query(`
      CREATE INDEX posts_removed_idx ON posts (thread_id, seq)
        WHERE deleted_at IS NOT NULL OR hidden_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX posts_parent_idx ON posts (parent_id)`);
    await queryRunner.query(`CREATE INDEX posts_author_idx ON posts (author_id, created_at)`);
    await queryRunner.query(`CREATE INDEX posts_search_idx ON posts USING gin (search)`);
    await queryRunner.query(`
      ALTER TABLE threads
        ADD CONSTRAINT threads_first_post_fk FOREIGN KEY (first_post_id) REFERENCES posts(id)
          DEFERRABLE INITIALLY DEFERRED,
        ADD CONSTRAINT threads_answer_post_fk FOREIGN KEY (answer_post_id) REFERENCES posts(id)
          ON DELETE SET NULL`);
    await queryRunner.query(`
      CREATE TABLE post_revisions (
        post_id uuid NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
        revision integer NOT NULL,
        body text NOT NULL,
        language varchar(35) NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (post_id, revision)
      )`);
    await queryRunner.query(`
      CREATE TABLE post_reactions (
        post_id uuid NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
        practitioner_id uuid NOT NULL REFERENCES practitioners(id) ON DELETE CASCADE,
        reaction varchar(20) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (post_id, practitioner_id, reaction)
      )`);
    // One row per reader and thread: where they read up to, when they last opened it, how they follow it.
    await queryRunner.query(`
      CREATE TABLE thread_readers (
        practitioner_id uuid NOT NULL REFERENCES practitioners(id) ON DELETE CASCADE,
        thread_id uuid NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
        last_read_seq integer NOT NULL DEFAULT 0,
        last_visit_at timestamptz,
        follow_level varchar(10) NOT NULL DEFAULT 'normal'
          CHECK (follow_level IN ('watching', 'normal', 'muted')),
        PRIMARY KEY (practitioner_id, thread_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX thread_readers_watching_idx ON thread_readers (thread_id) WHERE follow_level = 'watching'`,
    );
    await queryRunner.query(`
      CREATE TABLE thread_participants (
        thread_id uuid NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
        practitioner_id uuid NOT NULL REFERENCES practitioners(id),
        post_count integer NOT NULL DEFAULT 0,
        last_posted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (thread_id, practitioner_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX thread_participants_recent_idx ON thread_participants (thread_id, last_posted_at DESC) WHERE post_count > 0`,
    );
    // A mute in the threads of one exchange (or of the commons, exchange_id null).
    await queryRunner.query(`
      CREATE TABLE thread_mutes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        exchange_id uuid REFERENCES exchanges(id) ON DELETE CASCADE,
        practitioner_id uuid NOT NULL REFERENCES practitioners(id) ON DELETE CASCADE,
        until timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX thread_mutes_one_idx ON thread_mutes
        (coalesce(exchange_id, '00000000-0000-0000-0000-000000000000'::uuid), practitioner_id)`);
    await queryRunner.query(
      `ALTER TABLE messages ADD COLUMN thread_id uuid REFERENCES threads(id) ON DELETE SET NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE messages DROP COLUMN IF EXISTS thread_id`);
    for (const table of [
      'thread_mutes',
      'thread_participants',
      'thread_readers',
      'post_reactions',
      'post_revisions',
    ])
      await queryRunner.query(`DROP TABLE IF EXISTS ${table}`);
    await queryRunner.query(`ALTER TABLE threads DROP CONSTRAINT IF EXISTS threads_first_post_fk`);
    await queryRunner.query(`ALTER TABLE threads DROP CONSTRAINT IF EXISTS threads_answer_post_fk`);
    await queryRunner.query(`DROP TABLE IF EXISTS posts`);
    await queryRunner.query(`DROP TABLE IF EXISTS thread_themes`);
    await queryRunner.query(`DROP TABLE IF EXISTS threads`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS crossings_search_config(text)`);
  }
}
