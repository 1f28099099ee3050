import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { THEME_TRANSLATION_LANGUAGES, type ThemeTranslations } from '#libs/contracts';
import { ConflictError, ValidationFailedError } from '#libs/common';
import { Theme } from './entities/theme.entity.js';

export function slugify(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}

/** Only the known languages, trimmed; a blank translation is no translation. */
function trimmed(translations: ThemeTranslations): ThemeTranslations {
  const result: ThemeTranslations = {};
  for (const language of THEME_TRANSLATION_LANGUAGES) {
    const text = translations[language]?.trim();
    if (text) result[language] = text;
  }
  return result;
}

@Injectable()
export class ThemesService {
  constructor(@InjectRepository(Theme) private readonly themes: Repository<Theme>) {}

  list(): Promise<Theme[]> {
    return this.themes.find({ order: { label: 'ASC' } });
  }

  async create(label: string, slug?: string, translations: ThemeTranslations = {}): Promise<Theme> {
    const finalSlug = slug ?? slugify(label);
    if (finalSlug.length < 2)
      throw new ValidationFailedError('label: needs at least two letters or digits');
    const inserted = await this.themes
      .createQueryBuilder()
      .insert()
      .values({ slug: finalSlug, label: label.trim(), translations: trimmed(translations) })
      .orIgnore()
      .returning('*')
      .execute();
    if (inserted.identifiers.length === 0 || !inserted.raw[0]) {
      throw new ConflictError(`A theme with the slug "${finalSlug}" already exists.`);
    }
    return this.themes.findOneByOrFail({ slug: finalSlug });
  }

  /** Resolves slugs of the vocabulary to themes; any unknown slug is a validation error. */
  async resolveSlugs(slugs: string[]): Promise<Theme[]> {
    const unique = [...new Set(slugs)];
    if (unique.length === 0) return [];
    const found = await this.themes.findBy({ slug: In(unique) });
    const missing = unique.filter((s) => !found.some((t) => t.slug === s));
    if (missing.length > 0) {
      throw new ValidationFailedError(`themes: unknown theme ${missing.join(', ')}`, {
        unknownThemes: missing,
      });
    }
    return found;
  }
}
