// The position "coordinator" now belongs to people with that network role: members who chose it
// (anyone could, and so pose as the network's coordinator) lose it.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReserveCoordinatorPosition1764600100003 implements MigrationInterface {
  name = 'ReserveCoordinatorPosition1764600100003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE practitioners SET position = NULL WHERE position = 'coordinator' AND network_role = 'member'`,
    );
  }

  async down(): Promise<void> {
    // Nothing to restore: who had chosen the position is not kept.
  }
}
