// The foundation: themes, cities, practitioners (accounts), invitations, refresh tokens,
// and the table that counts failed sign-ins.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateFoundation1764300000000 implements MigrationInterface {
  name = 'CreateFoundation1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE themes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug varchar(64) NOT NULL UNIQUE,
        label varchar(120) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE cities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(120) NOT NULL,
        country_code char(2) NOT NULL,
        subdivision varchar(6),
        region varchar(20) NOT NULL CHECK (region IN ('north-america', 'europe', 'other')),
        time_zone varchar(64) NOT NULL,
        population integer CHECK (population IS NULL OR population >= 0),
        languages text[] NOT NULL DEFAULT '{}',
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX cities_name_country_uq ON cities (lower(name), country_code)`,
    );
    await queryRunner.query(`CREATE INDEX cities_region_name_idx ON cities (region, name, id)`);
    await queryRunner.query(`
      CREATE TABLE practitioners (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(254),
        display_name varchar(120) NOT NULL,
        password_hash varchar(200),
        network_role varchar(20) NOT NULL CHECK (network_role IN ('member', 'coordinator', 'admin')),
        status varchar(20) NOT NULL CHECK (status IN ('invited', 'active', 'suspended', 'erased')),
        position varchar(20) CHECK (position IN ('mayor', 'official', 'practitioner', 'researcher', 'civil-society', 'coordinator')),
        city_id uuid REFERENCES cities(id),
        organisation varchar(200),
        languages text[] NOT NULL DEFAULT '{}',
        time_zone varchar(64) NOT NULL DEFAULT 'UTC',
        working_hours jsonb,
        bio text NOT NULL DEFAULT '',
        password_changed_at timestamptz,
        suspended_at timestamptz,
        erased_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX practitioners_email_uq ON practitioners (lower(email)) WHERE email IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX practitioners_name_idx ON practitioners (display_name, id)`,
    );
    await queryRunner.query(`CREATE INDEX practitioners_city_idx ON practitioners (city_id)`);
    await queryRunner.query(`
      CREATE TABLE practitioner_themes (
        practitioner_id uuid NOT NULL REFERENCES practitioners(id) ON DELETE CASCADE,
        theme_id uuid NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
        PRIMARY KEY (practitioner_id, theme_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX practitioner_themes_theme_idx ON practitioner_themes (theme_id)`,
    );
    await queryRunner.query(`
      CREATE TABLE invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash char(64) NOT NULL UNIQUE,
        email varchar(254) NOT NULL,
        network_role varchar(20) NOT NULL CHECK (network_role IN ('member', 'coordinator', 'admin')),
        city_id uuid REFERENCES cities(id),
        invited_by_id uuid REFERENCES practitioners(id) ON DELETE SET NULL,
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_by_id uuid REFERENCES practitioners(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX invitations_email_idx ON invitations (lower(email))`);
    await queryRunner.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        practitioner_id uuid NOT NULL REFERENCES practitioners(id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash char(64) NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)`);
    await queryRunner.query(
      `CREATE INDEX refresh_tokens_practitioner_idx ON refresh_tokens (practitioner_id)`,
    );
    // Shape required by rate-limiter-flexible's RateLimiterPostgres (created here, not by it).
    await queryRunner.query(`
      CREATE TABLE rate_limits (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'rate_limits',
      'refresh_tokens',
      'invitations',
      'practitioner_themes',
      'practitioners',
      'cities',
      'themes',
    ]) {
      await queryRunner.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
