// Password reset links: single-use, expiring; only the token's hash is kept.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePasswordResets1764600100001 implements MigrationInterface {
  name = 'CreatePasswordResets1764600100001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE password_resets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practitioner_id uuid NOT NULL REFERENCES practitioners(id) ON DELETE CASCADE,
        token_hash char(64) NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX password_resets_practitioner_idx ON password_resets (practitioner_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS password_resets`);
  }
}
