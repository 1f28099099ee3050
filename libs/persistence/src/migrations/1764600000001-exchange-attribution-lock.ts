// An exchange's attribution rule is fixed once it has left "planned": remember when it did, so a
// status set back to planned cannot unlock the rule.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ExchangeAttributionLock1764600000001 implements MigrationInterface {
  name = 'ExchangeAttributionLock1764600000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE exchanges ADD COLUMN left_planned_at timestamptz`);
    await queryRunner.query(
      `UPDATE exchanges SET left_planned_at = updated_at WHERE status <> 'planned'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE exchanges DROP COLUMN left_planned_at`);
  }
}
