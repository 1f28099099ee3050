import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import { ApiRequestError } from '../api/client';

/** Shows why a request failed, in the API's own words (the network error in ours). */
export function ErrorNotice({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const message =
    error instanceof ApiRequestError
      ? error.code === 'NETWORK'
        ? t('errors.network')
        : error.message
      : t('errors.unexpected');
  return (
    <div className="notice notice--error" role="alert">
      {message}
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
