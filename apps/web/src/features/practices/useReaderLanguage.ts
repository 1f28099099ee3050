import { useTranslation } from 'react-i18next';

/** The reader's language for content (en, fr, nl or de): the interface's. */
export function useReaderLanguage(): string {
  const { i18n } = useTranslation();
  return (i18n.resolvedLanguage ?? 'en').slice(0, 2);
}
