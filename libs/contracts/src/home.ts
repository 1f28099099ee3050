// A member's home page (`GET /api/me/home`): one answer made of sections. A section is added by
// adding its shape to `HomeSections` and one section provider on the server (libs/home).
import type {
  ExchangeRole,
  ExchangeStatus,
  JoinRequestView,
  PersonSummary,
  SessionView,
} from './exchanges.js';
import type { InvitationView, NetworkRole } from './index.js';
import type { NotificationView } from './notifications.js';
import type { ThreadSummary } from './threads.js';
import type { PracticeListItem, QuoteRequestView } from './practices.js';

/** How many items each list section carries at most (each also says how many there are). */
export const HOME_LIMITS = {
  nextSessions: 10,
  notifications: 5,
  joinRequests: 20,
  invitations: 10,
  quietExchanges: 20,
  neverSignedIn: 20,
  unreadThreads: 10,
  waitingReplies: 10,
  newPractices: 6,
  practiceReviews: 10,
  quoteRequests: 10,
} as const;

/** A session shows "starts in N min" from this many minutes before its start. */
export const STARTS_SOON_MINUTES = 60;

export interface ExchangeRef {
  id: string;
  title: string;
  status: ExchangeStatus;
}

/** A session's live room as the home page needs it: one click in while it is open. */
export interface HomeRoom {
  id: string;
  open: boolean;
  opensAt: string | null;
  closesAt: string | null;
}

export interface HomeSession {
  session: SessionView;
  exchange: ExchangeRef;
  room: HomeRoom | null;
}

/** What others did in an exchange since `changesSince`; the viewer's own doings are not counted. */
export interface ExchangeChanges {
  /** Sessions scheduled since, still on. */
  newSessions: number;
  /** Sessions (seen before) moved to another time since. */
  rescheduledSessions: number;
  /** Sessions (seen before) cancelled since. */
  cancelledSessions: number;
  newMembers: number;
  /** Messages in the exchange's lobby and session rooms (not deleted, not hidden). */
  newMessages: number;
}

export interface HomeExchange {
  exchange: ExchangeRef;
  myRole: ExchangeRole;
  /** When the viewer last opened the exchange's page; null if never. */
  lastVisitAt: string | null;
  /** Changes are counted from here: the last visit, or when the viewer joined if later. */
  changesSince: string;
  changes: ExchangeChanges;
}

export interface HomeJoinRequest {
  request: JoinRequestView;
  exchange: ExchangeRef;
}

export interface HomeList<T> {
  items: T[];
  /** How many there are in all (items holds at most the section's limit). */
  total: number;
}

export interface QuietExchange {
  exchange: ExchangeRef;
  /** Start of its most recent session, or null when it never had one. */
  lastSessionAt: string | null;
}

export interface NeverSignedInMember {
  person: PersonSummary;
  networkRole: NetworkRole;
  accountCreatedAt: string;
}

export interface HomeSections {
  /** The viewer's next sessions across their exchanges (in progress first), soonest first. */
  nextSessions: HomeSession[];
  /** The viewer's exchanges with what changed since their last visit; changed ones first. */
  exchanges: HomeExchange[];
  /** Pending requests to join the exchanges the viewer hosts (coordinators: all). */
  joinRequests: HomeList<HomeJoinRequest>;
  /** Open network invitations (coordinators). */
  invitations: HomeList<InvitationView>;
  /** Unread notifications: the count and the latest few. */
  notifications: { unreadCount: number; latest: NotificationView[] };
  /** Planned and active exchanges with no session to come (coordinators). */
  quietExchanges: HomeList<QuietExchange>;
  /** Active accounts that have never signed in (coordinators). */
  neverSignedIn: HomeList<NeverSignedInMember>;
  /** Threads the viewer took part in or watches with posts they have not read, latest first. */
  unreadThreads: HomeList<ThreadSummary>;
  /** Replies to the viewer and mentions of them not yet read (notifications `reply`, `mention`). */
  waitingReplies: HomeList<NotificationView>;
  /** Practices published in the last 30 days in the viewer's expertise themes (all themes if none). */
  newPractices: HomeList<PracticeListItem>;
  /** Entries waiting for the viewer: assigned reviewers their reviews; coordinators also what waits to be published. */
  practiceReviews: HomeList<PracticeListItem>;
  /** Requests to quote the viewer's words in a practice, waiting for their yes or no. */
  quoteRequests: HomeList<QuoteRequestView>;
}

export type HomeSectionKind = keyof HomeSections;

export interface HomeView {
  generatedAt: string;
  /** The viewer's time zone (their profile's): times are shown in it, the host's beside them. */
  timeZone: string;
  /** The sections that apply to the viewer; one that does not (e.g. coordinators') is absent. */
  sections: Partial<HomeSections>;
}
