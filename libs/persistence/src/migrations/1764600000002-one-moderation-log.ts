// One audit log for every kind of content and every network-wide action (issue: moderation out of
// live rooms). The room-keyed rows move over without losing one: hide and restore become actions
// on a message, mute, unmute, remove and readmit actions on a member, each keeping its room (and
// its mute's end) in `details`, and the exchange of its room.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OneModerationLog1764600000002 implements MigrationInterface {
  name = 'OneModerationLog1764600000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE moderation_actions RENAME TO room_moderation_actions_old`);
    await queryRunner.query(`
      CREATE TABLE moderation_actions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        exchange_id uuid REFERENCES exchanges(id) ON DELETE CASCADE,
        subject_type varchar(20) NOT NULL
          CHECK (subject_type IN ('message', 'post', 'thread', 'practice', 'member', 'account')),
        subject_id uuid,
        action varchar(40) NOT NULL,
        actor_id uuid REFERENCES practitioners(id) ON DELETE SET NULL,
        target_id uuid REFERENCES practitioners(id) ON DELETE SET NULL,
        reason varchar(1000) NOT NULL CHECK (length(reason) > 0),
        details jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      INSERT INTO moderation_actions
        (id, exchange_id, subject_type, subject_id, action, actor_id, target_id, reason, details, created_at)
      SELECT a.id, r.exchange_id,
             CASE WHEN a.action IN ('hide', 'restore') THEN 'message' ELSE 'member' END,
             CASE WHEN a.action IN ('hide', 'restore') THEN a.message_id ELSE a.target_id END,
             a.action, a.actor_id, a.target_id, a.reason,
             jsonb_strip_nulls(jsonb_build_object(
               'roomId', a.room_id,
               'until', to_char(a.until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))),
             a.created_at
        FROM room_moderation_actions_old a
        LEFT JOIN rooms r ON r.id = a.room_id`);
    await queryRunner.query(`DROP TABLE room_moderation_actions_old`);
    await queryRunner.query(
      `CREATE INDEX moderation_actions_exchange_idx ON moderation_actions (exchange_id, created_at DESC, id DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX moderation_actions_target_idx ON moderation_actions (target_id, created_at DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX moderation_actions_room_idx ON moderation_actions ((details->>'roomId'), created_at DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX moderation_actions_subject_idx ON moderation_actions (subject_type, subject_id)`,
    );
  }

  async down(): Promise<void> {
    throw new Error('The single moderation log is not moved back to room-keyed rows.');
  }
}
