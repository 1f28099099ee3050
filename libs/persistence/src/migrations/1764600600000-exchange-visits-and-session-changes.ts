// The home page's "what changed since your last visit": each member's last visit per exchange,
// and who last rescheduled or cancelled a session, and when.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ExchangeVisitsAndSessionChanges1764600600000 implements MigrationInterface {
  name = 'ExchangeVisitsAndSessionChanges1764600600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE exchange_visits (
        practitioner_id uuid NOT NULL REFERENCES practitioners(id) ON DELETE CASCADE,
        exchange_id uuid NOT NULL REFERENCES exchanges(id) ON DELETE CASCADE,
        visited_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (practitioner_id, exchange_id)
      )`);
    await queryRunner.query(`
      ALTER TABLE sessions
        ADD COLUMN rescheduled_at timestamptz,
        ADD COLUMN rescheduled_by_id uuid REFERENCES practitioners(id) ON DELETE SET NULL,
        ADD COLUMN cancelled_at timestamptz,
        ADD COLUMN cancelled_by_id uuid REFERENCES practitioners(id) ON DELETE SET NULL`);
    // Sessions cancelled before this migration: their last change was the cancellation.
    await queryRunner.query(
      `UPDATE sessions SET cancelled_at = updated_at WHERE status = 'cancelled'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE sessions
        DROP COLUMN IF EXISTS cancelled_by_id,
        DROP COLUMN IF EXISTS cancelled_at,
        DROP COLUMN IF EXISTS rescheduled_by_id,
        DROP COLUMN IF EXISTS rescheduled_at`);
    await queryRunner.query(`DROP TABLE IF EXISTS exchange_visits`);
  }
}
