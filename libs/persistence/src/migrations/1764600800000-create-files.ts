// Attachments: one row per uploaded file, its content in storage (disk or S3) under the row's id.
// A file is `pending` while its content is being stored, `stored` once it can be read, and
// `deleting` once nobody may read it any more and its content waits to be removed. It belongs to
// its uploader until a post or practice (`subject_type`, `subject_id`) takes it.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateFiles1764600800000 implements MigrationInterface {
  name = 'CreateFiles1764600800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE files (
        id uuid PRIMARY KEY,
        uploader_id uuid NOT NULL REFERENCES practitioners(id),
        name varchar(300) NOT NULL,
        content_type varchar(100) NOT NULL,
        size_bytes integer NOT NULL CHECK (size_bytes >= 0),
        sha256 char(64) NOT NULL,
        status varchar(10) NOT NULL CHECK (status IN ('pending', 'stored', 'deleting')),
        subject_type varchar(32),
        subject_id uuid,
        attached_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((subject_type IS NULL) = (subject_id IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX files_uploader ON files (uploader_id)`);
    await queryRunner.query(
      `CREATE INDEX files_subject ON files (subject_type, subject_id) WHERE subject_id IS NOT NULL`,
    );
    // The sweeper's two questions: unattached uploads by age, and content waiting for removal.
    await queryRunner.query(
      `CREATE INDEX files_unattached ON files (created_at) WHERE subject_id IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX files_unsettled ON files (status) WHERE status <> 'stored'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS files`);
  }
}
