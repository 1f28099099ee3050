// Exchanges with members and join requests, their sessions, calendar feeds and the inbox.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateExchangesSessionsNotifications1764400000000 implements MigrationInterface {
  name = 'CreateExchangesSessionsNotifications1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE exchanges (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title varchar(200) NOT NULL,
        description text NOT NULL DEFAULT '',
        status varchar(20) NOT NULL CHECK (status IN ('planned', 'active', 'concluded')),
        attribution varchar(20) NOT NULL CHECK (attribution IN ('named', 'chatham-house')),
        created_by_id uuid REFERENCES practitioners(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX exchanges_created_idx ON exchanges (created_at DESC, id)`,
    );
    await queryRunner.query(`
      CREATE TABLE exchange_themes (
        exchange_id uuid NOT NULL REFERENCES exchanges(id) ON DELETE CASCADE,
        theme_id uuid NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
        PRIMARY KEY (exchange_id, theme_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE exchange_cities (
        exchange_id uuid NOT NULL REFERENCES exchanges(id) ON DELETE CASCADE,
        city_id uuid NOT NULL REFERENCES cities(id),
        PRIMARY KEY (exchange_id, city_id)
      )`);
    await queryRunner.query(`CREATE INDEX exchange_cities_city_idx ON exchange_cities (city_id)`);
    await queryRunner.query(`
      CREATE TABLE exchange_members (
        exchange_id uuid NOT NULL REFERENCES exchanges(id) ON DELETE CASCADE,
        practitioner_id uuid NOT NULL REFERENCES practitioners(id) ON DELETE CASCADE,
        role varchar(20) NOT NULL CHECK (role IN ('host', 'participant', 'observer')),
        added_by_id uuid REFERENCES practitioners(id) ON DELETE SET NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (exchange_id, practitioner_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX exchange_members_practitioner_idx ON exchange_members (practitioner_id)`,
    );
    await queryRunner.query(`
      CREATE TABLE join_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        exchange_id uuid NOT NULL REFERENCES exchanges(id) ON DELETE CASCADE,
        practitioner_id uuid NOT NULL REFERENCES practitioners(id) ON DELETE CASCADE,
        message varchar(1000) NOT NULL DEFAULT '',
        status varchar(20) NOT NULL CHECK (status IN ('pending', 'approved', 'declined')),
        decided_by_id uuid REFERENCES practitioners(id) ON DELETE SET NULL,
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX join_requests_one_pending_uq ON join_requests (exchange_id, practitioner_id) WHERE status = 'pending'`,
    );
    await queryRunner.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        exchange_id uuid NOT NULL REFERENCES exchanges(id) ON DELETE CASCADE,
        kind varchar(20) NOT NULL CHECK (kind IN ('workshop', 'roundtable', 'keynote', 'site-visit', 'summit')),
        title varchar(200) NOT NULL,
        agenda text NOT NULL DEFAULT '',
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        host_time_zone varchar(64) NOT NULL,
        online boolean NOT NULL DEFAULT true,
        venue_name varchar(200),
        venue_city_id uuid REFERENCES cities(id),
        status varchar(20) NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
        sequence integer NOT NULL DEFAULT 0,
        created_by_id uuid REFERENCES practitioners(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at),
        CHECK (online OR venue_name IS NOT NULL)
      )`);
    await queryRunner.query(
      `CREATE INDEX sessions_exchange_start_idx ON sessions (exchange_id, starts_at)`,
    );
    await queryRunner.query(`
      CREATE TABLE calendar_feeds (
        practitioner_id uuid PRIMARY KEY REFERENCES practitioners(id) ON DELETE CASCADE,
        token varchar(64) NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient_id uuid NOT NULL REFERENCES practitioners(id) ON DELETE CASCADE,
        kind varchar(40) NOT NULL,
        text varchar(500) NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        dedupe_key varchar(200),
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX notifications_inbox_idx ON notifications (recipient_id, created_at DESC, id DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX notifications_unread_idx ON notifications (recipient_id) WHERE read_at IS NULL`,
    );
    // A retried producer (e.g. a reminder job run twice) never notifies twice.
    await queryRunner.query(
      `CREATE UNIQUE INDEX notifications_dedupe_uq ON notifications (recipient_id, dedupe_key) WHERE dedupe_key IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE notification_preferences (
        practitioner_id uuid NOT NULL REFERENCES practitioners(id) ON DELETE CASCADE,
        kind varchar(40) NOT NULL,
        enabled boolean NOT NULL,
        PRIMARY KEY (practitioner_id, kind)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'notification_preferences',
      'notifications',
      'calendar_feeds',
      'sessions',
      'join_requests',
      'exchange_members',
      'exchange_cities',
      'exchange_themes',
      'exchanges',
    ]) {
      await queryRunner.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
