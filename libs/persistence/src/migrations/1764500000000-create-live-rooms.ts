// Live rooms: a lobby per exchange and a room per session, gapless per-room message
// sequences, exactly-once sends, questions, mutes, removals and the moderation audit log.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateLiveRooms1764500000000 implements MigrationInterface {
  name = 'CreateLiveRooms1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE rooms (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        exchange_id uuid NOT NULL REFERENCES exchanges(id) ON DELETE CASCADE,
        kind varchar(10) NOT NULL CHECK (kind IN ('lobby', 'session')),
        session_id uuid UNIQUE REFERENCES sessions(id) ON DELETE CASCADE,
        last_seq bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'lobby') = (session_id IS NULL))
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX rooms_one_lobby_uq ON rooms (exchange_id) WHERE kind = 'lobby'`,
    );
    await queryRunner.query(`
      CREATE TABLE messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        room_id uuid NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
        seq bigint NOT NULL,
        author_id uuid NOT NULL REFERENCES practitioners(id),
        client_message_id varchar(64) NOT NULL,
        body text NOT NULL,
        language varchar(35),
        is_question boolean NOT NULL DEFAULT false,
        upvotes integer NOT NULL DEFAULT 0,
        answered_at timestamptz,
        edited_at timestamptz,
        deleted_at timestamptz,
        hidden_at timestamptz,
        hidden_by_id uuid REFERENCES practitioners(id),
        hidden_reason varchar(500),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (room_id, seq),
        UNIQUE (room_id, author_id, client_message_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX messages_questions_idx ON messages (room_id, upvotes DESC) WHERE is_question`,
    );
    await queryRunner.query(`
      CREATE TABLE question_votes (
        message_id uuid NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        practitioner_id uuid NOT NULL REFERENCES practitioners(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (message_id, practitioner_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE room_mutes (
        room_id uuid NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
        practitioner_id uuid NOT NULL REFERENCES practitioners(id) ON DELETE CASCADE,
        until timestamptz NOT NULL,
        PRIMARY KEY (room_id, practitioner_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE room_removals (
        room_id uuid NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
        practitioner_id uuid NOT NULL REFERENCES practitioners(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (room_id, practitioner_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE moderation_actions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        room_id uuid REFERENCES rooms(id) ON DELETE CASCADE,
        action varchar(20) NOT NULL CHECK (action IN ('hide', 'restore', 'mute', 'unmute', 'remove')),
        actor_id uuid REFERENCES practitioners(id) ON DELETE SET NULL,
        target_id uuid REFERENCES practitioners(id) ON DELETE SET NULL,
        message_id uuid REFERENCES messages(id) ON DELETE SET NULL,
        reason varchar(500) NOT NULL,
        until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX moderation_actions_room_idx ON moderation_actions (room_id, created_at DESC)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'moderation_actions',
      'room_removals',
      'room_mutes',
      'question_votes',
      'messages',
      'rooms',
    ]) {
      await queryRunner.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
