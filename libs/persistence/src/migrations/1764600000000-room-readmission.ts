// A room removal can be lifted ("readmit"), and the lifting is audited like the removal.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RoomReadmission1764600000000 implements MigrationInterface {
  name = 'RoomReadmission1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE moderation_actions DROP CONSTRAINT IF EXISTS moderation_actions_action_check`,
    );
    await queryRunner.query(
      `ALTER TABLE moderation_actions ADD CONSTRAINT moderation_actions_action_check
         CHECK (action IN ('hide', 'restore', 'mute', 'unmute', 'remove', 'readmit'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM moderation_actions WHERE action = 'readmit'`);
    await queryRunner.query(
      `ALTER TABLE moderation_actions DROP CONSTRAINT IF EXISTS moderation_actions_action_check`,
    );
    await queryRunner.query(
      `ALTER TABLE moderation_actions ADD CONSTRAINT moderation_actions_action_check
         CHECK (action IN ('hide', 'restore', 'mute', 'unmute', 'remove'))`,
    );
  }
}
