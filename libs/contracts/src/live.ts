// The live protocol: socket.io namespace `/live`. Every client event is acknowledged with
// LiveAck; server events carry the shapes below. Documented in README and /api/live-docs.
import type { ErrorCode, PersonSummary } from './index.js';

export const LIVE_NAMESPACE = '/live';

export const CLIENT_EVENTS = [
  'room.join',
  'room.leave',
  'message.send',
  'message.edit',
  'message.delete',
  'typing',
  'auth.renew',
  'message.hide',
  'message.restore',
  'member.mute',
  'member.unmute',
  'member.remove',
  'member.readmit',
  'question.upvote',
  'question.answer',
] as const;
export type ClientEvent = (typeof CLIENT_EVENTS)[number];

export const SERVER_EVENTS = [
  'message.created',
  'message.updated',
  'message.deleted',
  'presence.changed',
  'typing',
  'notification.created',
  'room.removed',
] as const;
export type ServerEvent = (typeof SERVER_EVENTS)[number];

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
