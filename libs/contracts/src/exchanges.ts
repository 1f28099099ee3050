// Exchanges, their members and sessions, as they cross the wire.
import type { CitySummary, NetworkRole, Position, ThemeView } from './index.js';

export const EXCHANGE_STATUSES = ['planned', 'active', 'concluded'] as const;
export type ExchangeStatus = (typeof EXCHANGE_STATUSES)[number];

/** named: people are shown by name; chatham-house: nothing leaving the exchange names anyone. */
export const ATTRIBUTION_RULES = ['named', 'chatham-house'] as const;
export type AttributionRule = (typeof ATTRIBUTION_RULES)[number];

export const EXCHANGE_ROLES = ['host', 'participant', 'observer'] as const;
export type ExchangeRole = (typeof EXCHANGE_ROLES)[number];

export const SESSION_KINDS = ['workshop', 'roundtable', 'keynote', 'site-visit', 'summit'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export interface PersonSummary {
  id: string;
  displayName: string;
  position: Position | null;
  city: CitySummary | null;
  timeZone: string;
}

/** What every member of the network sees of an exchange in the list. */
export interface ExchangeSummary {
  id: string;
  title: string;
  status: ExchangeStatus;
  attribution: AttributionRule;
  themes: ThemeView[];
  cities: CitySummary[];
  hosts: PersonSummary[];
  memberCount: number;
  /** The caller's own role in it, or null when they are not a member. */
  myRole: ExchangeRole | null;
  /** True when the caller has asked to join and no host has decided yet. */
  myJoinRequestPending: boolean;
}

/** The full exchange, for its members (and coordinators, admins). */
export interface ExchangeView extends ExchangeSummary {
  description: string;
  createdAt: string;
  /** Whether the caller may manage members, sessions and settings. */
  canManage: boolean;
}

export interface ExchangeMemberView {
  person: PersonSummary;
  role: ExchangeRole;
  networkRole: NetworkRole;
  addedAt: string;
}

export type JoinRequestStatus = 'pending' | 'approved' | 'declined';

export interface JoinRequestView {
  id: string;
  exchangeId: string;
  person: PersonSummary;
  message: string;
  status: JoinRequestStatus;
  createdAt: string;
  decidedAt: string | null;
}

export interface VenueView {
  name: string;
  city: CitySummary | null;
}

export interface SessionView {
  id: string;
  exchangeId: string;
  kind: SessionKind;
  title: string;
  agenda: string;
  /** ISO 8601 in UTC. */
  startsAt: string;
  endsAt: string;
  /** The host's IANA time zone; clients show the session in the viewer's zone with this one beside it. */
  hostTimeZone: string;
  online: boolean;
  venue: VenueView | null;
  status: 'scheduled' | 'cancelled';
  /** Increases with every change; the SEQUENCE of the calendar entry. */
  sequence: number;
}

export interface PersonAvailability {
  person: PersonSummary;
  /** Slot start and end in the person's local time, e.g. "2026-03-16T08:00". */
  localStart: string;
  localEnd: string;
  /** Minutes of the slot outside their working hours (0 = inside). */
  minutesOutside: number;
  /** True when the person declared no working hours and 09:00–17:00 Monday–Friday was assumed. */
  assumedHours: boolean;
}

export interface TimeSuggestion {
  startsAt: string;
  endsAt: string;
  insideCount: number;
  /** How many people the slot is judged for: hosts and participants (observers only listen). */
  memberCount: number;
  inside: PersonAvailability[];
  outside: PersonAvailability[];
}

export interface CalendarFeedView {
  url: string;
  createdAt: string;
}
