// The shapes that cross the wire, shared by the API and the web client. One source of truth.

export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'ACCOUNT_SUSPENDED',
  'TOKEN_EXPIRED',
  'REFRESH_TOKEN_REUSED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVITATION_INVALID',
  'PASSWORD_RESET_INVALID',
  'RATE_LIMITED',
  'TOO_MANY_CONNECTIONS',
  'MUTED',
  'ROOM_NOT_OPEN',
  'ROOM_READ_ONLY',
  'EDIT_WINDOW_PASSED',
  'THREAD_LOCKED',
  'FILE_TOO_LARGE',
  'UNSUPPORTED_FILE_TYPE',
  'QUOTA_EXCEEDED',
  'FILE_ATTACHED',
  'ALREADY_FLAGGED',
  'CANNOT_FLAG_OWN_CONTENT',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The one error shape of every HTTP answer that is not a success. */
export interface ApiError {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export const NETWORK_ROLES = ['member', 'coordinator', 'admin'] as const;
export type NetworkRole = (typeof NETWORK_ROLES)[number];

export const POSITIONS = [
  'mayor',
  'official',
  'practitioner',
  'researcher',
  'civil-society',
  'coordinator',
] as const;
export type Position = (typeof POSITIONS)[number];

/**
 * Positions that say the person holds a network role: only people with that role (or a higher
 * one) may take them, so no member can pose as the network's coordinator.
 */
export const POSITIONS_RESERVED_FOR: Partial<Record<Position, NetworkRole>> = {
  coordinator: 'coordinator',
};

export const PRACTITIONER_STATUSES = ['invited', 'active', 'suspended', 'erased'] as const;
export type PractitionerStatus = (typeof PRACTITIONER_STATUSES)[number];

export const REGIONS = ['north-america', 'europe', 'other'] as const;
export type Region = (typeof REGIONS)[number];

/** A cursor page: pass `nextCursor` back as `cursor` for the next page; null at the end. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The languages a theme's label is translated into; `label` itself is the English one. */
export const THEME_TRANSLATION_LANGUAGES = ['fr', 'nl', 'de'] as const;
export type ThemeTranslationLanguage = (typeof THEME_TRANSLATION_LANGUAGES)[number];
export type ThemeTranslations = Partial<Record<ThemeTranslationLanguage, string>>;

export interface ThemeView {
  id: string;
  slug: string;
  /** The English label (and the fallback for a language without a translation). */
  label: string;
  translations: ThemeTranslations;
}

export interface CityView {
  id: string;
  name: string;
  countryCode: string;
  /** ISO 3166-2 subdivision, e.g. US-CO for Colorado. */
  subdivision: string | null;
  region: Region;
  timeZone: string;
  population: number | null;
  languages: string[];
  archived: boolean;
}

/** Weekly working hours in the person's own time zone; days are ISO weekdays (1 = Monday). */
export interface WorkingHours {
  days: number[];
  start: string;
  end: string;
}

export interface CitySummary {
  id: string;
  name: string;
  countryCode: string;
  region: Region;
}

export interface PractitionerView {
  id: string;
  displayName: string;
  position: Position | null;
  city: CitySummary | null;
  organisation: string | null;
  languages: string[];
  timeZone: string;
  workingHours: WorkingHours | null;
  themes: ThemeView[];
  bio: string;
  networkRole: NetworkRole;
  status: PractitionerStatus;
}

/** What a person sees of themselves: their profile plus private fields. */
export interface MeView extends PractitionerView {
  email: string;
  createdAt: string;
}

/** A name that is accepted but looks like someone else's (same Unicode confusable skeleton). */
export interface NameWarning {
  code: 'NAME_LOOKS_LIKE_ANOTHER';
  message: string;
  /** The person whose name looks the same (visible in the directory anyway). */
  similarTo: { id: string; displayName: string };
}

/** The answer to a profile change: the profile, and warnings the client shows. */
export interface MeUpdated extends MeView {
  warnings: NameWarning[];
}

export interface SignInResponse {
  accessToken: string;
  expiresIn: number;
  me: MeView;
}

export interface InvitationView {
  id: string;
  email: string;
  networkRole: NetworkRole;
  city: CitySummary | null;
  expiresAt: string;
  acceptedAt: string | null;
  /** Only in the answer to the invite itself: the single-use link to send to the invitee. */
  inviteUrl?: string;
}

/** Languages the platform writes e-mails and its web client in. */
export const MAIL_LANGUAGES = ['en', 'fr', 'nl', 'de'] as const;
export type MailLanguage = (typeof MAIL_LANGUAGES)[number];

/** The answer to accepting an invitation: the new account, and warnings about its name. */
export interface InvitationAccepted {
  me: MeView;
  warnings: NameWarning[];
}

/** What the invitee sees before accepting: who is inviting, to what. */
export interface InvitationPreview {
  email: string;
  networkRole: NetworkRole;
  city: CitySummary | null;
  invitedBy: string;
  expiresAt: string;
}

/** Outgoing mail kept in the mail folder (when no SMTP server is configured), for admins. */
export interface OutgoingMailSummary {
  id: string;
  to: string;
  subject: string;
  createdAt: string;
}

export interface OutgoingMailView extends OutgoingMailSummary {
  text: string;
}

export interface OutgoingMailList {
  /** `smtp`: mail leaves through SMTP_URL and nothing is kept here; `folder`: DATA_DIR/mail. */
  transport: 'smtp' | 'folder';
  items: OutgoingMailSummary[];
}

export interface HealthView {
  status: 'ok' | 'degraded';
  database: 'up' | 'down';
  version: string;
}

export * from './exchanges.js';
export * from './notifications.js';
export * from './live.js';
export * from './live-events.js';
export * from './mentions.js';
export * from './home.js';
export * from './moderation.js';
export * from './threads.js';
export * from './thread-state.js';
export * from './mentions.js';
export * from './attribution.js';
export * from './files.js';
export * from './practices.js';
