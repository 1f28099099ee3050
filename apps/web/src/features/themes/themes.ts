import {
  THEME_TRANSLATION_LANGUAGES,
  type ThemeTranslationLanguage,
  type ThemeView,
} from '@contracts';
import { api } from '../../api/client';
import { useResource } from '../../api/hooks';

export function useThemes() {
  return useResource(() => api.get<ThemeView[]>('/api/themes'), 'themes');
}

/** A theme's label in a language: its translation where it has one, else the English label. */
export function themeLabel(theme: ThemeView, locale: string): string {
  const language = locale.toLowerCase().split('-')[0] ?? locale;
  const translated = (THEME_TRANSLATION_LANGUAGES as readonly string[]).includes(language)
    ? theme.translations?.[language as ThemeTranslationLanguage]
    : undefined;
  return translated || theme.label;
}

/** Themes with their labels in a language, in that language's alphabetical order. */
export function labelledThemes(
  themes: ThemeView[],
  locale: string,
): Array<{ theme: ThemeView; label: string }> {
  const collator = new Intl.Collator(locale);
  return themes
    .map((theme) => ({ theme, label: themeLabel(theme, locale) }))
    .sort((a, b) => collator.compare(a.label, b.label));
}
