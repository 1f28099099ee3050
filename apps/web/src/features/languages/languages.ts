// Languages as BCP 47 tags, named in the reader's language by Intl.DisplayNames.

/** The languages offered as checkboxes; any other tag can still be typed in. */
export const COMMON_LANGUAGES = [
  'en',
  'fr',
  'nl',
  'de',
  'es',
  'it',
  'pt',
  'pl',
  'da',
  'sv',
  'nb',
  'fi',
  'el',
  'cs',
  'hu',
  'ro',
  'bg',
  'hr',
  'sr',
  'sq',
  'tr',
  'ar',
  'fa',
  'ur',
  'so',
  'uk',
  'ru',
];

export function languageName(tag: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** Splits "pt-BR, ku" into canonical tags, dropping what is not a language tag. */
export function parseLanguageTags(text: string): { tags: string[]; invalid: string[] } {
  const tags: string[] = [];
  const invalid: string[] = [];
  for (const part of text.split(/[\s,;]+/).filter(Boolean)) {
    try {
      tags.push(...Intl.getCanonicalLocales(part));
    } catch {
      invalid.push(part);
    }
  }
  return { tags, invalid };
}
