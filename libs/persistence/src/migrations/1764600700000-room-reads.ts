// Where each member left off in each room: the "new messages" line and the unread counts.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RoomReads1764600700000 implements MigrationInterface {
  name = 'RoomReads1764600700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Keyed by person first: the navigation asks for all of one person's rooms at once.
    await queryRunner.query(`
      CREATE TABLE room_reads (
        practitioner_id uuid NOT NULL REFERENCES practitioners(id) ON DELETE CASCADE,
        room_id uuid NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
        last_read_seq bigint NOT NULL DEFAULT 0 CHECK (last_read_seq >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (practitioner_id, room_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE room_reads');
  }
}
