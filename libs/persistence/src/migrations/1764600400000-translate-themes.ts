// Themes carry their label in the languages of the web client; the seeded ones get theirs here.
import type { MigrationInterface, QueryRunner } from 'typeorm';

const TRANSLATIONS: Record<string, { fr: string; nl: string; de: string }> = {
  'online-hate': { fr: 'Haine en ligne', nl: 'Online haat', de: 'Hass im Netz' },
  'returning-foreign-fighters': {
    fr: 'Combattants étrangers de retour et leurs familles',
    nl: 'Teruggekeerde buitenlandse strijders en hun families',
    de: 'Rückkehrende ausländische Kämpfer und ihre Familien',
  },
  'youth-engagement': {
    fr: 'Engagement des jeunes',
    nl: 'Betrokkenheid van jongeren',
    de: 'Jugendbeteiligung',
  },
  'national-local-coordination': {
    fr: 'Coordination nationale–locale',
    nl: 'Afstemming tussen nationaal en lokaal',
    de: 'Abstimmung zwischen Bund und Kommunen',
  },
  'far-right-violent-extremism': {
    fr: 'Extrémisme violent d’extrême droite',
    nl: 'Gewelddadig rechts-extremisme',
    de: 'Gewaltbereiter Rechtsextremismus',
  },
  polarization: { fr: 'Polarisation', nl: 'Polarisatie', de: 'Polarisierung' },
  'community-resilience': {
    fr: 'Résilience des communautés',
    nl: 'Weerbare gemeenschappen',
    de: 'Gesellschaftliche Resilienz',
  },
  'mental-health': {
    fr: 'Santé mentale',
    nl: 'Geestelijke gezondheid',
    de: 'Psychische Gesundheit',
  },
};

export class TranslateThemes1764600400000 implements MigrationInterface {
  name = 'TranslateThemes1764600400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE themes ADD COLUMN IF NOT EXISTS translations jsonb NOT NULL DEFAULT '{}'::jsonb`,
    );
    // Only where nobody has translated the theme yet, so a coordinator's wording stays.
    for (const [slug, translations] of Object.entries(TRANSLATIONS)) {
      await queryRunner.query(
        `UPDATE themes SET translations = $2::jsonb WHERE slug = $1 AND translations = '{}'::jsonb`,
        [slug, JSON.stringify(translations)],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE themes DROP COLUMN IF EXISTS translations');
  }
}
