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
  byId: string;
  reason: string;
}

export interface MessageView {
  id: string;
  roomId: string;
  seq: number;
  clientMessageId: string;
  author: PersonSummary;
  body: string;
  language: string | null;
  createdAt: string;
  editedAt: string | null;
  /** True once the author deleted it (body emptied). */
  deleted: boolean;
  question: QuestionState | null;
  /** Only moderators receive hidden messages, with who hid them and why. */
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

export interface ModerationActionView {
  id: string;
  roomId: string;
  action: 'hide' | 'restore' | 'mute' | 'unmute' | 'remove';
  actorId: string;
  targetId: string | null;
  messageId: string | null;
  reason: string;
  until: string | null;
  createdAt: string;
}
