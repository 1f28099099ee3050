// The mail outbox: a message is written with the change it reports and deleted once delivered,
// so the job queue carries only ids, never addresses or links.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOutgoingMail1764600100002 implements MigrationInterface {
  name = 'CreateOutgoingMail1764600100002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outgoing_mail (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient varchar(254) NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX outgoing_mail_recipient_idx ON outgoing_mail (lower(recipient))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS outgoing_mail`);
  }
}
