import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import { ApiRequestError } from '../api/client';

/** Whole minutes to wait, rounded up: a lockout of 900 s reads "15 minutes", 30 s "a minute". */
export function minutesToWait(error: ApiRequestError): number | null {
  const seconds = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === 'number' && seconds > 0 ? Math.ceil(seconds / 60) : null;
}

/**
 * Shows why a request failed, in the API's own words; the network error and waiting after too
 * many attempts in ours (in the reader's language, in minutes rather than seconds).
 */
export function ErrorNotice({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  let message = t('errors.unexpected');
  if (error instanceof ApiRequestError) {
    const minutes = error.code === 'RATE_LIMITED' ? minutesToWait(error) : null;
    if (error.code === 'NETWORK') message = t('errors.network');
    else if (minutes === 1) message = t('errors.tooManyAttemptsMinute');
    else if (minutes !== null) message = t('errors.tooManyAttemptsMinutes', { minutes });
    else message = error.message;
  }
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
