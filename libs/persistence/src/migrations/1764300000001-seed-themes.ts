// The starting vocabulary of themes (DESIGN.md); coordinators extend it through the API.
import type { MigrationInterface, QueryRunner } from 'typeorm';

const THEMES: Array<[string, string]> = [
  ['online-hate', 'Online hate'],
  ['returning-foreign-fighters', 'Returning foreign fighters and families'],
  ['youth-engagement', 'Youth engagement'],
  ['national-local-coordination', 'National–local coordination'],
  ['far-right-violent-extremism', 'Far-right violent extremism'],
  ['polarization', 'Polarization'],
  ['community-resilience', 'Community resilience'],
  ['mental-health', 'Mental health'],
];

export class SeedThemes1764300000001 implements MigrationInterface {
  name = 'SeedThemes1764300000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [slug, label] of THEMES) {
      await queryRunner.query(
        'INSERT INTO themes (slug, label) VALUES ($1, $2) ON CONFLICT (slug) DO NOTHING',
        [slug, label],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM themes WHERE slug = ANY($1)', [
      THEMES.map(([slug]) => slug),
    ]);
  }
}
