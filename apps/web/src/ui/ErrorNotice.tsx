import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import { errorText, type FieldLabels } from './errorText';

/** `errorText` with the reader's language: `(error, fields?) => sentence`. */
export function useErrorText(): (error: unknown, fields?: FieldLabels) => string {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return (error, fields) => errorText(t, language, error, fields);
}

/**
 * Shows why a request failed, in the reader's language (errorText.ts). `fields` gives the
 * form's labels, so a refused form names the fields to check.
 */
export function ErrorNotice({ error, fields }: { error: unknown; fields?: FieldLabels }) {
  const text = useErrorText();
  if (!error) return null;
  return (
    <div className="notice notice--error" role="alert">
      {text(error, fields)}
    </div>
  );
}

export function SuccessNotice({ children }: { children: ReactNode }) {
  return (
    <div className="notice notice--success" role="status">
      {children}
    </div>
  );
}
