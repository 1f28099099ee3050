// The client speaks English, French, Dutch and German; the choice is remembered in localStorage
// and mirrored on <html lang> so assistive technology reads with the right voice.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { de } from './de';
import { en } from './en';
import { fr } from './fr';
import { nl } from './nl';

export const UI_LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'fr', name: 'Français' },
  { code: 'nl', name: 'Nederlands' },
  { code: 'de', name: 'Deutsch' },
] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number]['code'];

const STORAGE_KEY = 'crossings.language';

function isUiLanguage(value: unknown): value is UiLanguage {
  return UI_LANGUAGES.some((language) => language.code === value);
}

function rememberedLanguage(): UiLanguage | null {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isUiLanguage(stored) ? stored : null;
  } catch {
    return null;
  }
}

function browserLanguage(): UiLanguage | null {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isUiLanguage(base)) return base;
  }
  return null;
}

const initial = rememberedLanguage() ?? browserLanguage() ?? 'en';

void i18n.use(initReactI18next).init({
  resources: {
    en: { translation: en },
    fr: { translation: fr },
    nl: { translation: nl },
    de: { translation: de },
  },
  lng: initial,
  fallbackLng: 'en',
  supportedLngs: UI_LANGUAGES.map((language) => language.code),
  initAsync: false,
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
});

document.documentElement.lang = initial;
i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

export function chooseLanguage(language: UiLanguage): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // private mode: the choice lasts for this page only
  }
  void i18n.changeLanguage(language);
}

export function currentLanguage(): UiLanguage {
  return isUiLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
}

export { i18n };
