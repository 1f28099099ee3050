// At most one open invitation per email: a newer one (or an acceptance) revokes the others.
// Existing duplicates keep only their newest open invitation; invitations to an email that
// already has an account are revoked.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OneOpenInvitationPerEmail1764600100000 implements MigrationInterface {
  name = 'OneOpenInvitationPerEmail1764600100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE invitations ADD COLUMN revoked_at timestamptz`);
    await queryRunner.query(`
      UPDATE invitations i SET revoked_at = now()
       WHERE i.accepted_at IS NULL
         AND (EXISTS (SELECT 1 FROM practitioners p WHERE lower(p.email) = lower(i.email))
              OR EXISTS (SELECT 1 FROM invitations newer
                          WHERE lower(newer.email) = lower(i.email)
                            AND newer.accepted_at IS NULL
                            AND (newer.created_at, newer.id) > (i.created_at, i.id)))`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX invitations_one_open_per_email_uq ON invitations (lower(email))
        WHERE accepted_at IS NULL AND revoked_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS invitations_one_open_per_email_uq`);
    await queryRunner.query(`ALTER TABLE invitations DROP COLUMN IF EXISTS revoked_at`);
  }
}
