// Why something failed, in the reader's language: the one place that turns an API error
// (ApiRequestError), a refused live event (LiveError, or an ack's `{ code, message }`) or
// anything else thrown into a sentence. Every error code of the API has a sentence of ours in
// each language (i18n `errors.codes`). In French, Dutch and German the API's own words (English)
// are never shown. In English they are, where they say more than ours ("Ada is already a member
// of this exchange." rather than a general "this cannot be done right now"); where they are
// written for developers or carry raw timestamps and seconds, ours are used in English too.
import type { ErrorCode } from '@contracts';
import type { TFunction } from 'i18next';

/** A form's fields and their labels as the form shows them: `{ title: t('…titleLabel') }`. */
export type FieldLabels = Readonly<Record<string, string>>;

/** What an API error and a live ack error have in common. */
interface CodedError {
  code: string;
  message?: unknown;
  details?: unknown;
}

/**
 * Codes whose API message is not for the people of the network ("The request body is not valid
 * JSON.", "muted until 2025-06-01T14:00:00.000Z", "try again in 900 seconds"): our sentence
 * in English too.
 */
const OURS_IN_ENGLISH: ReadonlySet<string> = new Set<ErrorCode>([
  'MALFORMED_JSON',
  'PAYLOAD_TOO_LARGE',
  'TOKEN_EXPIRED',
  'REFRESH_TOKEN_REUSED',
  'RATE_LIMITED',
  'TOO_MANY_CONNECTIONS',
  'MUTED',
  'ROOM_NOT_OPEN',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
]);

function isCoded(error: unknown): error is CodedError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string'
  );
}

function isEnglish(language: string): boolean {
  return language.toLowerCase().split('-')[0] === 'en';
}

/** Whole minutes to wait, rounded up: a lockout of 900 s reads "15 minutes", 30 s "a minute". */
export function minutesToWait(error: { details?: unknown }): number | null {
  const seconds = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === 'number' && seconds > 0 ? Math.ceil(seconds / 60) : null;
}

/**
 * The fields a VALIDATION_FAILED refused: from its details (`[{ field, problems }]`), or for the
 * few refusals without details, from the message's "field: problem" form.
 */
export function refusedFields(error: { message?: unknown; details?: unknown }): string[] {
  if (Array.isArray(error.details)) {
    return error.details.flatMap((detail: unknown) => {
      const field = (detail as { field?: unknown } | null)?.field;
      return typeof field === 'string' ? [field] : [];
    });
  }
  const message = typeof error.message === 'string' ? error.message : '';
  const named = /^([A-Za-z][\w.]*(?:\/[A-Za-z][\w.]*)*): /.exec(message);
  return named?.[1] ? named[1].split('/') : [];
}

/** "Title, Cities and Dates", in the reader's language. */
function listOf(language: string, items: string[]): string {
  try {
    return new Intl.ListFormat(language, { type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}

/** "These fields were not accepted: Title and Cities. …", or null when none has a label. */
function refusedFieldsText(
  t: TFunction,
  language: string,
  error: CodedError,
  labels: FieldLabels | undefined,
): string | null {
  if (!labels) return null;
  const named = new Set<string>();
  let others = false;
  for (const field of refusedFields(error)) {
    // The most precise label: `venue.cityId` is the venue's city, `venue.name` the venue.
    const key = Object.keys(labels)
      .filter((k) => field === k || field.startsWith(`${k}.`))
      .sort((a, b) => b.length - a.length)[0];
    if (key) named.add(labels[key] as string);
    else others = true;
  }
  if (named.size === 0) return null;
  const fields = [...named, ...(others ? [t('errors.validation.otherFields')] : [])];
  return t('errors.validation.fields', {
    count: fields.length,
    fields: listOf(language, fields),
  });
}

/**
 * A failure in the reader's `language`, through `t` (which speaks it). `fields` names the form's
 * fields, so a VALIDATION_FAILED can say which ones were refused.
 */
export function errorText(
  t: TFunction,
  language: string,
  error: unknown,
  fields?: FieldLabels,
): string {
  if (!isCoded(error)) return t('errors.unexpected');
  const { code } = error;
  if (code === 'NETWORK') return t('errors.network');
  if (code === 'RATE_LIMITED') {
    const minutes = minutesToWait(error);
    if (minutes === 1) return t('errors.tooManyAttemptsMinute');
    if (minutes !== null) return t('errors.tooManyAttemptsMinutes', { minutes });
  }
  if (code === 'VALIDATION_FAILED') {
    const named = refusedFieldsText(t, language, error, fields);
    if (named) return named;
  }
  const apiWords = typeof error.message === 'string' ? error.message.trim() : '';
  if (isEnglish(language) && apiWords && !OURS_IN_ENGLISH.has(code)) return apiWords;
  // A code this client does not know yet (a newer API) reads as the general sentence.
  return t(`errors.codes.${code}`, { defaultValue: t('errors.unexpected') });
}

/** The API's problems for one field, in the reader's language: ours when it is not English. */
export function fieldProblemTexts(t: TFunction, language: string, problems: string[]): string[] {
  if (problems.length === 0 || isEnglish(language)) return problems;
  return [t('errors.validation.fieldProblem')];
}
