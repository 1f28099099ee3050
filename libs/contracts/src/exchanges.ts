// Exchanges, their members and sessions, as they cross the wire.
import type { CitySummary, NetworkRole, Position, Region, ThemeView } from './index.js';

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

/** Which end of a person's working day a slot sticks out of. */
export type DayEdge = 'before-start' | 'after-end';

export interface PersonAvailability {
  person: PersonSummary;
  /** Slot start and end in the person's local time, e.g. "2026-03-16T08:00". */
  localStart: string;
  localEnd: string;
  /**
   * How far the slot lies from their working hours, in minutes: how long before their day starts
   * it begins, plus how long after their day ends it runs (0 = inside their hours).
   */
  distanceMinutes: number;
  /** Which end of their day the slot sticks out of; null when it is inside. */
  direction: DayEdge | null;
  /** Part of the slot, outside their hours, falls in the night on their clock (see `night`). */
  atNight: boolean;
  /** The slot starts on a day they do not work. */
  dayOff: boolean;
  /** True when the person declared no working hours and 09:00–17:00 Monday–Friday was assumed. */
  assumedHours: boolean;
}

export interface TimeSuggestion {
  startsAt: string;
  endsAt: string;
  insideCount: number;
  /** How many people the slot is judged for: hosts and participants (observers only listen). */
  memberCount: number;
  /** How many people the slot keeps up at night. */
  atNightCount: number;
  /** The sum of everyone's `distanceMinutes`. */
  totalDistanceMinutes: number;
  inside: PersonAvailability[];
  /** At night first, then the farthest from their hours. */
  outside: PersonAvailability[];
}

/** A side of an exchange for taking turns: the region of people's cities, or a person without a city. */
export type FairnessSide =
  { kind: 'region'; region: Region } | { kind: 'person'; person: PersonSummary };

/** Whom the ranking spares this time, and why. */
export interface FairnessNote {
  /** The exchange's latest session (not cancelled) that starts before the searched range. */
  lastSession: { id: string; title: string; startsAt: string; endsAt: string };
  /**
   * The side farthest outside its working hours at that session (judged on today's hours).
   * Among otherwise equal slots, those that keep this side inside its hours come first.
   * Null when nobody was outside their hours then, or two sides were stretched equally.
   */
  stretched: FairnessSide | null;
}

/**
 * Find-a-time's answer. Order, best first: fewest people at night, most people inside their
 * hours, smallest total distance, the stretched side spared, earliest. A slot that keeps someone
 * up at night is left out when another has fewer people at night and as many inside.
 */
export interface TimeSuggestionsView {
  /** The night on every person's own clock ("HH:MM"), e.g. 22:00 to 07:00. */
  night: { start: string; end: string };
  fairness: FairnessNote | null;
  suggestions: TimeSuggestion[];
}

export interface CalendarFeedView {
  url: string;
  createdAt: string;
}

// Request shapes (the server's DTOs implement them; the web client sends them).

/** `POST /api/exchanges` */
export interface CreateExchangeRequest {
  title: string;
  /** Markdown. */
  description?: string;
  /** Theme slugs. */
  themes?: string[];
  status?: ExchangeStatus;
  cityIds: string[];
  attribution: AttributionRule;
}

/** `PATCH /api/exchanges/:id`: every field may be left out, none cleared with null. */
export type UpdateExchangeRequest = Partial<CreateExchangeRequest>;

/** `GET /api/exchanges` */
export interface ExchangeListQuery {
  theme?: string;
  status?: ExchangeStatus;
  cityId?: string;
  /** "true" for only the exchanges I belong to. */
  mine?: 'true' | 'false';
  cursor?: string;
  limit?: number;
}

/** `POST /api/exchanges/:id/members` */
export interface AddMemberRequest {
  practitionerId: string;
  role: ExchangeRole;
}

/** `DELETE /api/exchanges/:id/members/:practitionerId`: why (to remove someone else). */
export interface RemoveMemberRequest {
  reason?: string;
}

/** `PATCH /api/exchanges/:id/members/:practitionerId` */
export interface ChangeRoleRequest {
  role: ExchangeRole;
}

/** `POST /api/exchanges/:id/join-requests` */
export interface JoinExchangeRequest {
  message?: string;
}

/** `POST /api/exchanges/:id/join-requests/:requestId/approve` */
export interface ApproveJoinRequest {
  role?: 'participant' | 'observer';
}

/** `GET /api/exchanges/:id/join-requests` */
export interface JoinRequestListQuery {
  status?: JoinRequestStatus;
}
