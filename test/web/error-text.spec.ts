// The web client's error sentences (apps/web/src/ui/errorText.ts): every error code of the API
// has one in English, French, Dutch and German; in the three others the API's own English words
// never show; in English they do where they say more than ours.
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { ERROR_CODES, type ErrorCode } from '#libs/contracts';

type Language = 'en' | 'fr' | 'nl' | 'de';
const LANGUAGES: Language[] = ['en', 'fr', 'nl', 'de'];
type Catalogue = { errors: { codes: Record<string, string> } };
type FieldLabels = Readonly<Record<string, string>>;
interface ErrorTextModule {
  errorText(t: TFunction, language: string, error: unknown, fields?: FieldLabels): string;
  fieldProblemTexts(t: TFunction, language: string, problems: string[]): string[];
}

/** What the API says for each code (its English, as ApiExceptionFilter and the acks send it). */
const API_WORDS: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'title: must be longer than or equal to 3 characters',
  MALFORMED_JSON: 'The request body is not valid JSON.',
  PAYLOAD_TOO_LARGE: 'The request body is too large.',
  UNAUTHENTICATED: 'The password was changed; sign in again.',
  INVALID_CREDENTIALS: 'The email or password is not correct.',
  ACCOUNT_SUSPENDED: 'This account is suspended.',
  TOKEN_EXPIRED: 'The access token has expired; refresh it.',
  REFRESH_TOKEN_REUSED: 'This refresh token was already used; the session is revoked.',
  FORBIDDEN: "Only this exchange's hosts and coordinators can do this.",
  NOT_FOUND: 'Exchange was not found.',
  CONFLICT: 'Ada Lovelace is already a member of this exchange.',
  INVITATION_INVALID:
    'This invitation link is not valid: it was used, has expired, or never existed.',
  PASSWORD_RESET_INVALID: 'This link to choose a new password is not valid. Ask for a new one.',
  RATE_LIMITED: 'Too many attempts. Try again in 900 seconds.',
  TOO_MANY_CONNECTIONS: 'You already have 10 live connections open; close a tab or device first.',
  MUTED: 'You are muted in this room until 2030-06-01T14:00:00.000Z.',
  ROOM_NOT_OPEN: 'This room opens at 2030-06-01T14:00:00.000Z.',
  ROOM_READ_ONLY: 'The exchange has concluded; its rooms are read-only.',
  EDIT_WINDOW_PASSED: 'Messages can be edited for 15 minutes after sending.',
  THREAD_LOCKED: 'This thread is locked: no new posts.',
  FILE_TOO_LARGE: 'A file may be at most 25 MB.',
  UNSUPPORTED_FILE_TYPE: 'Only PDF, images and office documents can be attached.',
  QUOTA_EXCEEDED: 'This file does not fit in your 500 MB of attachments (499.5 MB used).',
  FILE_ATTACHED: 'This file belongs to a post or practice: remove it from there instead.',
  ALREADY_FLAGGED: 'You already reported this; moderators will review it.',
  CANNOT_FLAG_OWN_CONTENT: 'You cannot report what you wrote; edit or delete it.',
  SERVICE_UNAVAILABLE: 'The database is unavailable; try again shortly.',
  INTERNAL: 'Something went wrong on our side.',
};

/** An ApiRequestError as the client makes it (the shape is what errorText reads). */
function apiError(code: string, message: string, details?: unknown) {
  return Object.assign(new Error(message), { name: 'ApiRequestError', code, details });
}

describe('error sentences of the web client', () => {
  const catalogues = {} as Record<Language, Catalogue>;
  const ts = {} as Record<Language, TFunction>;
  let errorText: ErrorTextModule['errorText'];
  let fieldProblemTexts: ErrorTextModule['fieldProblemTexts'];

  beforeAll(async () => {
    // Loaded by path: the web client's modules are not part of the API's TypeScript project.
    const web = path.resolve('apps/web/src');
    for (const language of LANGUAGES)
      catalogues[language] = (await import(path.join(web, 'i18n', `${language}.ts`)))[language];
    ({ errorText, fieldProblemTexts } = (await import(
      path.join(web, 'ui', 'errorText.ts')
    )) as ErrorTextModule);
    const i18n = i18next.createInstance();
    await i18n.init({
      resources: Object.fromEntries(
        LANGUAGES.map((language) => [language, { translation: catalogues[language] }]),
      ),
      lng: 'en',
      fallbackLng: 'en',
      interpolation: { escapeValue: false },
    });
    for (const language of LANGUAGES) ts[language] = i18n.getFixedT(language);
  });

  const say = (language: Language, error: unknown, fields?: FieldLabels) =>
    errorText(ts[language], language, error, fields);

  it('has a sentence for every error code in every language, each its own', () => {
    for (const language of LANGUAGES) {
      const codes = catalogues[language].errors.codes;
      expect({ language, codes: Object.keys(codes).sort() }).toEqual({
        language,
        codes: [...ERROR_CODES].sort(),
      });
      for (const code of ERROR_CODES) {
        expect(codes[code]?.trim()).toBeTruthy();
        if (language !== 'en')
          expect({
            language,
            code,
            same: codes[code] === catalogues.en.errors.codes[code],
          }).toEqual({ language, code, same: false });
      }
    }
  });

  it('never shows the API’s English in French, Dutch or German, for a request or a live ack', () => {
    for (const language of ['fr', 'nl', 'de'] as const) {
      for (const code of ERROR_CODES) {
        const words = API_WORDS[code];
        for (const error of [apiError(code, words), { code, message: words }]) {
          const text = say(language, error);
          expect(text).not.toContain(words);
          expect(text).not.toEqual(say('en', error));
          if (code !== 'RATE_LIMITED')
            expect({ code, text }).toEqual({
              code,
              text: catalogues[language].errors.codes[code],
            });
        }
      }
    }
    expect(say('fr', apiError('INVALID_CREDENTIALS', API_WORDS.INVALID_CREDENTIALS))).toBe(
      'L’adresse e-mail ou le mot de passe n’est pas correct. Veuillez réessayer.',
    );
  });

  it('in English shows the API’s own words where they are specific, ours where they are technical', () => {
    const technical = new Set<ErrorCode>([
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
    for (const code of ERROR_CODES) {
      const text = say('en', apiError(code, API_WORDS[code]));
      expect({ code, text }).toEqual({
        code,
        text: technical.has(code) ? catalogues.en.errors.codes[code] : API_WORDS[code],
      });
    }
    // Without words of its own (not the API's shape), ours.
    expect(say('en', { code: 'CONFLICT', message: '' })).toBe(catalogues.en.errors.codes.CONFLICT);
  });

  it('keeps the network error and the wait in minutes', () => {
    const network = apiError('NETWORK', 'The server could not be reached.');
    expect(say('fr', network)).toBe(
      'Le serveur est injoignable. Vérifiez votre connexion et réessayez.',
    );
    const lockedOut = apiError('RATE_LIMITED', API_WORDS.RATE_LIMITED, { retryAfterSeconds: 900 });
    expect(say('en', lockedOut)).toBe('Too many attempts. Try again in 15 minutes.');
    expect(say('de', lockedOut)).toBe('Zu viele Versuche. Versuchen Sie es in 15 Minuten erneut.');
    expect(say('nl', apiError('RATE_LIMITED', 'x', { retryAfterSeconds: 30 }))).toBe(
      'Te veel pogingen. Probeer het over een minuut opnieuw.',
    );
  });

  it('names the refused fields by their labels, and says “some fields” without them', () => {
    const refused = apiError(
      'VALIDATION_FAILED',
      'title: must be longer than or equal to 3 characters; venue.cityId: must be a UUID',
      [
        { field: 'title', problems: ['must be longer than or equal to 3 characters'] },
        { field: 'venue.cityId', problems: ['must be a UUID'] },
      ],
    );
    const fr = { title: 'Titre', venue: 'Lieu', 'venue.cityId': 'Ville du lieu' };
    expect(say('fr', refused, fr)).toBe(
      'Ces champs n’ont pas été acceptés : Titre et Ville du lieu. Vérifiez-les, puis réessayez.',
    );
    expect(say('fr', refused, { title: 'Titre' })).toBe(
      'Ces champs n’ont pas été acceptés : Titre et d’autres champs. Vérifiez-les, puis réessayez.',
    );
    expect(say('de', refused, { title: 'Titel', venue: 'Ort' })).toBe(
      'Diese Felder wurden nicht akzeptiert: Titel und Ort. Bitte prüfen Sie sie und versuchen Sie es erneut.',
    );
    expect(say('nl', refused)).toBe(catalogues.nl.errors.codes.VALIDATION_FAILED);
    expect(say('fr', refused, { bio: 'Présentation' })).toBe(
      catalogues.fr.errors.codes.VALIDATION_FAILED,
    );
    // English: the API's words, unless the form gave its labels.
    expect(say('en', refused)).toBe(refused.message);
    expect(say('en', refused, { title: 'Title', venue: 'Venue' })).toBe(
      'These fields were not accepted: Title and Venue. Please check them and try again.',
    );
    // A refusal that names its field only in its message.
    const wrongPassword = { code: 'VALIDATION_FAILED', message: 'currentPassword: not yours' };
    expect(say('fr', wrongPassword, { currentPassword: 'Mot de passe actuel' })).toBe(
      'Ce champ n’a pas été accepté : Mot de passe actuel. Vérifiez-le, puis réessayez.',
    );
  });

  it('says anything else as an unexpected error, never in the API’s words outside English', () => {
    expect(say('fr', new TypeError('Failed to fetch'))).toBe(
      'Une erreur est survenue. Veuillez réessayer.',
    );
    expect(say('nl', { code: 'SOMETHING_NEW', message: 'A newer API said this.' })).toBe(
      'Er ging iets mis. Probeer het opnieuw.',
    );
    expect(say('en', { code: 'SOMETHING_NEW', message: 'A newer API said this.' })).toBe(
      'A newer API said this.',
    );
  });

  it('gives a field’s problems in the API’s words in English only', () => {
    const problems = ['must be shorter than or equal to 80 characters'];
    expect(fieldProblemTexts(ts.en, 'en', problems)).toEqual(problems);
    expect(fieldProblemTexts(ts.fr, 'fr', problems)).toEqual([
      'Cette valeur n’a pas été acceptée. Vérifiez-la.',
    ]);
    expect(fieldProblemTexts(ts.de, 'de', [])).toEqual([]);
  });
});
