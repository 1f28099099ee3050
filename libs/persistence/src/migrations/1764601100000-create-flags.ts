// Flags: members' reports on a message, post, thread or practice, waiting in the shared review
// queue until a moderator decides (issue 11, "Moderation, one system"). One open flag per person
// per item; once a decision closed it, the same person may report the item again (a partial
// unique index, so the closed flag stays as history).
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateFlags1764601100000 implements MigrationInterface {
  name = 'CreateFlags1764601100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE flags (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subject_type varchar(20) NOT NULL
          CHECK (subject_type IN ('message', 'post', 'thread', 'practice')),
        subject_id uuid NOT NULL,
        exchange_id uuid REFERENCES exchanges(id) ON DELETE CASCADE,
        reporter_id uuid NOT NULL REFERENCES practitioners(id) ON DELETE CASCADE,
        reason varchar(30) NOT NULL CHECK (reason IN
          ('spam', 'harassment', 'extremist-content', 'personal-data', 'off-topic', 'other')),
        text varchar(1000) CHECK (text IS NULL OR length(text) > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        resolution varchar(30) CHECK (resolution IS NULL OR resolution IN
          ('dismiss', 'hide', 'hide-and-mute', 'remove-from-exchange', 'suspend')),
        resolved_by uuid REFERENCES practitioners(id) ON DELETE SET NULL,
        CHECK (reason <> 'other' OR text IS NOT NULL),
        CHECK ((resolved_at IS NULL) = (resolution IS NULL))
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX flags_one_open_per_reporter ON flags (subject_type, subject_id, reporter_id)
        WHERE resolved_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX flags_open_by_age ON flags (created_at, subject_id) WHERE resolved_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX flags_subject ON flags (subject_type, subject_id)`);
    await queryRunner.query(`CREATE INDEX flags_reporter ON flags (reporter_id, subject_type)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE flags`);
  }
}
