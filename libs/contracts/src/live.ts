// The live protocol: socket.io namespace `/live`. Every client event is acknowledged with
// LiveAck; server events carry the shapes below. The events themselves (names, payloads, acks)
// are in live-events.ts; the limits both sides check are here.
import type { ErrorCode, PersonSummary } from './index.js';

export const LIVE_NAMESPACE = '/live';

/** A message body: 1 to this many characters (mention tokens included). */
export const MAX_BODY_LENGTH = 4000;
/** Authors may edit a message for this long after sending it. */
export const EDIT_WINDOW_MS = 15 * 60_000;
/** A re-join catches up at most this many missed messages; beyond, `reset: true`. */
export const CATCH_UP_LIMIT = 500;
/** A fresh join (no sinceSeq) brings the latest this many messages. */
export const LATEST_ON_JOIN = 50;
/** REST history: at most this many messages per page. */
export const HISTORY_PAGE_MAX = 200;
/** Moderators say why in this many characters. */
export const REASON_LENGTH = { min: 3, max: 500 } as const;
/** A mute lasts at most a week. */
export const MUTE_MAX_MINUTES = 7 * 24 * 60;
/** The client's own message id: 8–64 letters, digits, - or _. */
export const CLIENT_MESSAGE_ID_PATTERN = '^[A-Za-z0-9_-]{8,64}$';
/** Access tokens handed over on auth.renew are at most this long. */
export const TOKEN_MAX_LENGTH = 4000;
/** Mention completion answers at most this many people. */
export const MENTIONABLE_LIMIT = 10;

export type LiveAck<T> =
  { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } };

export type RoomKind = 'lobby' | 'session';

export interface RoomView {
  id: string;
  exchangeId: string;
  kind: RoomKind;
  sessionId: string | null;
  /** The session's title, or "<exchange title> — lobby" in English (clients build their own). */
  title: string;
  /** The exchange's title, for naming the lobby in the reader's language. */
  exchangeTitle: string;
  /** Members can join and (if not observers) send now. */
  open: boolean;
  /** When a session room opens and closes for sending (ISO, UTC); null for lobbies. */
  opensAt: string | null;
  closesAt: string | null;
  lastSeq: number;
}

export interface QuestionState {
  upvotes: number;
  answeredAt: string | null;
}

/** A question in a session room's queue, as listed over REST. */
export interface QuestionView extends MessageView {
  upvotedByMe: boolean;
}

export interface HiddenState {
  at: string;
  /** Who hid it: moderators only (its author sees the reason, never the moderator). */
  byId: string | null;
  reason: string;
}

export interface MessageView {
  id: string;
  roomId: string;
  seq: number;
  clientMessageId: string;
  /** Null on a hidden message's tombstone, for everyone but moderators and its author. */
  author: PersonSummary | null;
  body: string;
  language: string | null;
  createdAt: string;
  editedAt: string | null;
  /** True once the author deleted it (body emptied). */
  deleted: boolean;
  question: QuestionState | null;
  /** Moderators receive hidden messages with who hid them and why; the author, why. */
  hidden: HiddenState | null;
  /** The thread this message was turned into (it continues there), or null. */
  threadId: string | null;
}

export interface PresenceEntry {
  person: PersonSummary;
  /** Open connections of this person in the room (tabs, devices). */
  connections: number;
}

export interface PresenceChanged {
  roomId: string;
  present: PresenceEntry[];
}

export interface RoomJoined {
  room: RoomView;
  present: PresenceEntry[];
  /** Messages after sinceSeq in order (or the latest ones without sinceSeq). */
  messages: MessageView[];
  /** True when more than 500 were missed: reload history over REST instead. */
  reset: boolean;
  /** The caller may hide messages, mute and remove members here. */
  canModerate: boolean;
  canSend: boolean;
  /** Until when the caller is muted here (ISO), or null. */
  mutedUntil: string | null;
  /** The caller's read position here before this join (0 = nothing read): the "new messages" line. */
  lastReadSeq: number;
}

/**
 * What the caller may do in a room changed (a mute, its lifting, a new role): sent to the
 * person's own connections in that room. A mute that simply runs out sends nothing: clients
 * lift it themselves at `mutedUntil`.
 */
export interface RoomStateChanged {
  roomId: string;
  canSend: boolean;
  canModerate: boolean;
  mutedUntil: string | null;
}

/** A reader's position in one room, and how many messages of others they have not read. */
export interface RoomReadState {
  roomId: string;
  exchangeId: string;
  lastReadSeq: number;
  unread: number;
}

/** A room in its exchange's list, with the caller's unread count. */
export interface RoomListEntry extends RoomView {
  lastReadSeq: number;
  unread: number;
}

/** The navigation's unread counts (`GET /api/me/unread`): rooms and exchanges with any unread. */
export interface UnreadCounts {
  rooms: RoomReadState[];
  exchanges: Array<{ exchangeId: string; unread: number }>;
  total: number;
}

export interface MessageDeleted {
  roomId: string;
  id: string;
  seq: number;
  reason: 'deleted' | 'hidden';
}

export interface TypingEvent {
  roomId: string;
  person: PersonSummary;
}

export interface RoomRemoved {
  roomId: string;
  reason: string;
}

/** Who is muted in a room (until when) and who was removed from it, for its moderators. */
export interface RoomRestrictions {
  mutes: Array<{ person: PersonSummary; until: string }>;
  removals: Array<{ person: PersonSummary; since: string }>;
}

/** A room's moderation log, as GET /api/rooms/:id/moderation-actions lists it. */
export interface ModerationActionView {
  id: string;
  roomId: string;
  action: 'hide' | 'restore' | 'mute' | 'unmute' | 'remove' | 'readmit';
  actorId: string;
  targetId: string | null;
  messageId: string | null;
  reason: string;
  until: string | null;
  createdAt: string;
}

// Request payloads of the client events (the server's DTOs implement them).

export interface RoomRef {
  roomId: string;
}

export interface JoinRoomRequest extends RoomRef {
  /** The last seq this client saw: catch up from there. */
  sinceSeq?: number;
}

export interface SendMessageRequest extends RoomRef {
  /** The client's own id: a retry with the same id never stores a second message. */
  clientMessageId: string;
  /** Markdown; mentions are written `[@Name](mention:<practitioner id>)`. */
  body: string;
  language?: string;
  /** Session rooms only: put the message in the question queue. */
  isQuestion?: boolean;
}

export interface MessageRef extends RoomRef {
  messageId: string;
}

export interface EditMessageRequest extends MessageRef {
  body: string;
}

export interface HideMessageRequest extends MessageRef {
  reason: string;
}

export interface MemberModerationRequest extends RoomRef {
  practitionerId: string;
  reason: string;
}

export interface MuteMemberRequest extends MemberModerationRequest {
  minutes: number;
}

export interface RenewAuthRequest {
  token: string;
}

export interface MarkReadRequest extends RoomRef {
  /** Everything up to this seq has been read (a lower value than before changes nothing). */
  seq: number;
}

/** `GET /api/rooms/:id/messages` */
export interface HistoryQuery {
  beforeSeq?: number;
  limit?: number;
}

/** `GET /api/rooms/:id/mentionable` */
export interface MentionableQuery {
  /** Part of a display name; empty for the first few. */
  q?: string;
}

export interface MemberMuted {
  practitionerId: string;
  until: string;
}

export interface MemberRef {
  practitionerId: string;
}

export interface AuthRenewed {
  expiresAt: string;
}
