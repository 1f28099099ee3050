// Every event of the /live namespace, once: its name, what it carries, what it answers, who may
// send it and a JSON schema of each shape. The gateways' handlers and the web client's socket are
// typed by the maps below (socket.io's typed Socket<…>), and the AsyncAPI document at
// /api/docs/live is built from the tables, so a renamed event or field fails the type-check on
// both sides and cannot leave the document behind.
import {
  CLIENT_MESSAGE_ID_PATTERN,
  MAX_BODY_LENGTH,
  MUTE_MAX_MINUTES,
  REASON_LENGTH,
  TOKEN_MAX_LENGTH,
  type AuthRenewed,
  type EditMessageRequest,
  type HideMessageRequest,
  type JoinRoomRequest,
  type LiveAck,
  type MarkReadRequest,
  type MemberModerationRequest,
  type MemberMuted,
  type MemberRef,
  type MessageDeleted,
  type MessageRef,
  type MessageView,
  type MuteMemberRequest,
  type PresenceChanged,
  type PresenceEntry,
  type RenewAuthRequest,
  type RoomJoined,
  type RoomReadState,
  type RoomRef,
  type RoomRemoved,
  type RoomStateChanged,
  type RoomView,
  type SendMessageRequest,
  type TypingEvent,
} from './live.js';
import type { NotificationView } from './notifications.js';
import type { ModerationQueueChanged } from './moderation.js';
import {
  REACTIONS,
  THREAD_KINDS,
  type PostDeleted,
  type PostView,
  type ThreadRemoved,
  type ThreadShared,
  type ThreadSubscribeRequest,
  type ThreadSubscribed,
} from './threads.js';
import type { AttachmentView } from './files.js';
import { FILE_KINDS } from './files.js';
// ERROR_CODES is read only when an ack schema is built (index.ts re-exports this file).
import { type CitySummary, ERROR_CODES, type PersonSummary } from './index.js';
import { NOTIFICATION_KINDS } from './notifications.js';

/** What each client event carries and what its ack's `data` is. */
export interface LiveClientEventShapes {
  'auth.renew': { request: RenewAuthRequest; reply: AuthRenewed };
  'room.join': { request: JoinRoomRequest; reply: RoomJoined };
  'room.leave': { request: RoomRef; reply: RoomRef };
  'room.read': { request: MarkReadRequest; reply: RoomReadState };
  'message.send': { request: SendMessageRequest; reply: MessageView };
  'message.edit': { request: EditMessageRequest; reply: MessageView };
  'message.delete': { request: MessageRef; reply: MessageDeleted };
  typing: { request: RoomRef; reply: RoomRef };
  'message.hide': { request: HideMessageRequest; reply: MessageView };
  'message.restore': { request: HideMessageRequest; reply: MessageView };
  'member.mute': { request: MuteMemberRequest; reply: MemberMuted };
  'member.unmute': { request: MemberModerationRequest; reply: MemberRef };
  'member.remove': { request: MemberModerationRequest; reply: MemberRef };
  'member.readmit': { request: MemberModerationRequest; reply: MemberRef };
  'question.upvote': { request: MessageRef; reply: MessageView };
  'question.answer': { request: MessageRef; reply: MessageView };
  'thread.subscribe': { request: ThreadSubscribeRequest; reply: ThreadSubscribed };
  'thread.unsubscribe': { request: ThreadSubscribeRequest; reply: ThreadSubscribeRequest };
}

export type ClientEvent = keyof LiveClientEventShapes;
export type ClientEventRequest<E extends ClientEvent> = LiveClientEventShapes[E]['request'];
export type ClientEventReply<E extends ClientEvent> = LiveClientEventShapes[E]['reply'];

/** socket.io's map of the events a client emits: a payload, then the ack callback. */
export type ClientToServerEvents = {
  [E in ClientEvent]: (
    payload: ClientEventRequest<E>,
    ack: (answer: LiveAck<ClientEventReply<E>>) => void,
  ) => void;
};

/** What each server event carries. */
export interface LiveServerEventShapes {
  'message.created': MessageView;
  'message.updated': MessageView;
  'message.deleted': MessageDeleted;
  'presence.changed': PresenceChanged;
  typing: TypingEvent;
  'room.removed': RoomRemoved;
  'room.state': RoomStateChanged;
  'unread.changed': RoomReadState;
  'notification.created': NotificationView;
  'post.created': PostView;
  'post.updated': PostView;
  'post.deleted': PostDeleted;
  'thread.updated': ThreadShared;
  'thread.removed': ThreadRemoved;
  'moderation.queue-changed': ModerationQueueChanged;
}

export type ServerEvent = keyof LiveServerEventShapes;

/** socket.io's map of the events the server emits. */
export type ServerToClientEvents = {
  [E in ServerEvent]: (payload: LiveServerEventShapes[E]) => void;
};

// ---- JSON schemas (draft 07, as AsyncAPI 3 reads them) ------------------------------------

export type JsonSchema = { readonly [keyword: string]: unknown };

type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];

/**
 * An object schema whose properties are exactly the type's fields (a renamed or added field
 * fails the type-check here); fields listed in `optional` may be left out, the others are required.
 */
function object<T>(
  properties: { [K in keyof T]-?: JsonSchema },
  optional: ReadonlyArray<OptionalKeys<T>> = [],
  description?: string,
): JsonSchema {
  const keys = Object.keys(properties);
  return {
    type: 'object',
    additionalProperties: false,
    ...(description ? { description } : {}),
    required: keys.filter((k) => !(optional as readonly string[]).includes(k)),
    properties,
  };
}

const nullable = (schema: JsonSchema): JsonSchema => ({ oneOf: [schema, { type: 'null' }] });
const uuid: JsonSchema = { type: 'string', format: 'uuid' };
const instant: JsonSchema = { type: 'string', format: 'date-time' };
const seq: JsonSchema = { type: 'integer', minimum: 0 };
const text = (min: number, max: number, description?: string): JsonSchema => ({
  type: 'string',
  minLength: min,
  maxLength: max,
  ...(description ? { description } : {}),
});
const reason = text(REASON_LENGTH.min, REASON_LENGTH.max, 'Why, for the moderation log.');

const city = object<CitySummary>({
  id: uuid,
  name: { type: 'string' },
  countryCode: { type: 'string' },
  region: { type: 'string', enum: ['north-america', 'europe', 'other'] },
});
const person = object<PersonSummary>({
  id: uuid,
  displayName: { type: 'string' },
  position: nullable({ type: 'string' }),
  city: nullable(city),
  timeZone: { type: 'string' },
});
const room = object<RoomView>({
  id: uuid,
  exchangeId: uuid,
  kind: { type: 'string', enum: ['lobby', 'session'] },
  sessionId: nullable(uuid),
  title: { type: 'string' },
  exchangeTitle: { type: 'string' },
  open: { type: 'boolean' },
  opensAt: nullable(instant),
  closesAt: nullable(instant),
  lastSeq: seq,
});
const message = object<MessageView>(
  {
    id: uuid,
    roomId: uuid,
    seq: { type: 'integer', minimum: 1 },
    clientMessageId: { type: 'string' },
    author: nullable(person),
    body: { type: 'string', description: 'Markdown; empty when deleted or hidden.' },
    language: nullable({ type: 'string' }),
    createdAt: instant,
    editedAt: nullable(instant),
    deleted: { type: 'boolean' },
    question: nullable(
      object<NonNullable<MessageView['question']>>({
        upvotes: { type: 'integer', minimum: 0 },
        answeredAt: nullable(instant),
      }),
    ),
    hidden: nullable(
      object<NonNullable<MessageView['hidden']>>({
        at: instant,
        byId: nullable(uuid),
        reason: { type: 'string' },
      }),
    ),
    threadId: nullable({ ...uuid, description: 'The thread this message continues in.' }),
  },
  [],
  'A message as this reader may see it.',
);
const presenceEntry = object<PresenceEntry>({
  person,
  connections: { type: 'integer', minimum: 1 },
});
const roomRef = object<RoomRef>({ roomId: uuid });
const messageRef = object<MessageRef>({ roomId: uuid, messageId: uuid });
const memberModeration = object<MemberModerationRequest>({
  roomId: uuid,
  practitionerId: uuid,
  reason,
});
const messageDeleted = object<MessageDeleted>({
  roomId: uuid,
  id: uuid,
  seq: { type: 'integer', minimum: 1 },
  reason: { type: 'string', enum: ['deleted', 'hidden'] },
});
const readState = object<RoomReadState>({
  roomId: uuid,
  exchangeId: uuid,
  lastReadSeq: seq,
  unread: { type: 'integer', minimum: 0 },
});
const memberRef = object<MemberRef>({ practitionerId: uuid });

// Threads (libs/discussions): a reader subscribes to a thread's live posts and changes.
const theme = {
  type: 'object',
  required: ['id', 'slug', 'label', 'translations'],
  properties: {
    id: uuid,
    slug: { type: 'string' },
    label: { type: 'string' },
    translations: { type: 'object', additionalProperties: { type: 'string' } },
  },
} as const;
const attachment = object<AttachmentView>({
  id: uuid,
  name: { type: 'string' },
  contentType: { type: 'string' },
  kind: { type: 'string', enum: [...FILE_KINDS] },
  sizeBytes: { type: 'integer', minimum: 0 },
  createdAt: instant,
  url: { type: 'string' },
});
const post = object<PostView>(
  {
    id: uuid,
    threadId: uuid,
    seq: { type: 'integer', minimum: 1 },
    parentId: nullable(uuid),
    branchId: nullable(uuid),
    depth: { type: 'integer', minimum: 0 },
    author: nullable(person),
    body: { type: 'string', description: 'Markdown; empty when deleted or hidden.' },
    language: nullable({ type: 'string' }),
    createdAt: instant,
    editedAt: nullable(instant),
    deleted: { type: 'boolean' },
    hidden: nullable(
      object<NonNullable<PostView['hidden']>>({
        at: instant,
        byId: nullable(uuid),
        reason: { type: 'string' },
      }),
    ),
    replyCount: { type: 'integer', minimum: 0 },
    reactions: {
      type: 'array',
      items: object<PostView['reactions'][number]>({
        reaction: { type: 'string', enum: [...REACTIONS] },
        count: { type: 'integer', minimum: 1 },
        by: { type: 'array', items: uuid },
      }),
    },
    attachments: { type: 'array', items: attachment },
  },
  [],
  'A post as this reader may see it.',
);
const threadShared = object<ThreadShared>(
  {
    id: uuid,
    exchange: nullable(
      object<NonNullable<ThreadShared['exchange']>>({
        id: uuid,
        title: { type: 'string' },
        attribution: { type: 'string', enum: ['named', 'chatham-house'] },
      }),
    ),
    title: { type: 'string' },
    kind: { type: 'string', enum: [...THREAD_KINDS] },
    themes: { type: 'array', items: theme },
    pinned: { type: 'boolean' },
    locked: { type: 'boolean' },
    hidden: { type: 'boolean' },
    answerPostId: nullable(uuid),
    mergedIntoId: nullable(uuid),
    replyCount: { type: 'integer', minimum: 0 },
    participants: { type: 'array', items: person },
    participantCount: { type: 'integer', minimum: 0 },
    lastActivityAt: instant,
    lastSeq: seq,
  },
  [],
  'The facts of a thread every reader shares (a null exchange is the commons).',
);
const threadRef = object<ThreadSubscribeRequest>({ threadId: uuid });

/** Who may send an event (the server checks; this is what the document tells). */
export type LiveAudience = 'anyone connected' | 'readers' | 'writers' | 'moderators';

export interface ClientEventSpec {
  summary: string;
  audience: LiveAudience;
  /** Which gateway answers it: the connection layer, live rooms or threads. */
  gateway: 'realtime' | 'live' | 'threads';
  request: JsonSchema;
  reply: JsonSchema;
}

export const LIVE_CLIENT_EVENTS: { readonly [E in ClientEvent]: ClientEventSpec } = {
  'auth.renew': {
    summary: 'Replace an expiring access token without reconnecting or losing rooms.',
    audience: 'anyone connected',
    gateway: 'realtime',
    request: object<RenewAuthRequest>({
      token: text(1, TOKEN_MAX_LENGTH, 'A fresh access token.'),
    }),
    reply: object<AuthRenewed>({ expiresAt: instant }),
  },
  'room.join': {
    summary:
      'Join a room: the room, who is present, the messages after sinceSeq (at most 500, else reset: true) or the latest 50, what the caller may do, their mute and their read position.',
    audience: 'readers',
    gateway: 'live',
    request: object<JoinRoomRequest>(
      { roomId: uuid, sinceSeq: { ...seq, description: 'The last seq this client saw.' } },
      ['sinceSeq'],
    ),
    reply: object<RoomJoined>({
      room,
      present: { type: 'array', items: presenceEntry },
      messages: { type: 'array', items: message },
      reset: { type: 'boolean' },
      canModerate: { type: 'boolean' },
      canSend: { type: 'boolean' },
      mutedUntil: nullable(instant),
      lastReadSeq: seq,
    }),
  },
  'room.leave': {
    summary: 'Leave a room.',
    audience: 'anyone connected',
    gateway: 'live',
    request: roomRef,
    reply: roomRef,
  },
  'room.read': {
    summary:
      "Mark the room read up to seq (never moves back; capped at the room's last seq). The person's other connections hear unread.changed.",
    audience: 'readers',
    gateway: 'live',
    request: object<MarkReadRequest>({ roomId: uuid, seq }),
    reply: readState,
  },
  'message.send': {
    summary:
      'Send a message (markdown; mentions as [@Name](mention:id) notify the people named who can see the room). Stored before it is acknowledged or broadcast; the same clientMessageId never stores twice.',
    audience: 'writers',
    gateway: 'live',
    request: object<SendMessageRequest>(
      {
        roomId: uuid,
        clientMessageId: { type: 'string', pattern: CLIENT_MESSAGE_ID_PATTERN },
        body: text(1, MAX_BODY_LENGTH, 'Markdown.'),
        language: { type: 'string', description: 'BCP 47 tag.' },
        isQuestion: { type: 'boolean', description: 'Session rooms only.' },
      },
      ['language', 'isQuestion'],
    ),
    reply: message,
  },
  'message.edit': {
    summary:
      'Edit your own message within 15 minutes; people newly mentioned are notified (nobody twice).',
    audience: 'writers',
    gateway: 'live',
    request: object<EditMessageRequest>({
      roomId: uuid,
      messageId: uuid,
      body: text(1, MAX_BODY_LENGTH),
    }),
    reply: message,
  },
  'message.delete': {
    summary: 'Delete your own message.',
    audience: 'writers',
    gateway: 'live',
    request: messageRef,
    reply: messageDeleted,
  },
  typing: {
    summary: 'Tell the room you are typing (relayed at most once a second).',
    audience: 'writers',
    gateway: 'live',
    request: roomRef,
    reply: roomRef,
  },
  'message.hide': {
    summary: 'Hide a message for everyone but moderators (its author sees the reason).',
    audience: 'moderators',
    gateway: 'live',
    request: object<HideMessageRequest>({ roomId: uuid, messageId: uuid, reason }),
    reply: message,
  },
  'message.restore': {
    summary: 'Show a hidden message again.',
    audience: 'moderators',
    gateway: 'live',
    request: object<HideMessageRequest>({ roomId: uuid, messageId: uuid, reason }),
    reply: message,
  },
  'member.mute': {
    summary:
      'Mute a member here for some minutes: their sends and edits get MUTED, and their connections hear room.state.',
    audience: 'moderators',
    gateway: 'live',
    request: object<MuteMemberRequest>({
      roomId: uuid,
      practitionerId: uuid,
      minutes: { type: 'integer', minimum: 1, maximum: MUTE_MAX_MINUTES },
      reason,
    }),
    reply: object<MemberMuted>({ practitionerId: uuid, until: instant }),
  },
  'member.unmute': {
    summary: "Lift a mute; the person's connections hear room.state.",
    audience: 'moderators',
    gateway: 'live',
    request: memberModeration,
    reply: memberRef,
  },
  'member.remove': {
    summary: 'Remove a member from this room (all their connections leave it, with room.removed).',
    audience: 'moderators',
    gateway: 'live',
    request: memberModeration,
    reply: memberRef,
  },
  'member.readmit': {
    summary: 'Lift a removal, so the person may join this room again.',
    audience: 'moderators',
    gateway: 'live',
    request: memberModeration,
    reply: memberRef,
  },
  'question.upvote': {
    summary: 'Upvote a question in a session room (once; not your own).',
    audience: 'writers',
    gateway: 'live',
    request: messageRef,
    reply: message,
  },
  'question.answer': {
    summary: 'Mark a question answered.',
    audience: 'moderators',
    gateway: 'live',
    request: messageRef,
    reply: message,
  },
  'thread.subscribe': {
    summary:
      "Hear a thread's new, edited, deleted and hidden posts and its changes; answers the facts every reader shares (refetch the page when its lastSeq is ahead of yours).",
    audience: 'readers',
    gateway: 'threads',
    request: threadRef,
    reply: object<ThreadSubscribed>({ thread: threadShared, canModerate: { type: 'boolean' } }),
  },
  'thread.unsubscribe': {
    summary: 'Stop hearing a thread.',
    audience: 'anyone connected',
    gateway: 'threads',
    request: threadRef,
    reply: threadRef,
  },
};

export interface ServerEventSpec {
  summary: string;
  payload: JsonSchema;
}

export const LIVE_SERVER_EVENTS: { readonly [E in ServerEvent]: ServerEventSpec } = {
  'message.created': { summary: 'A new message in a room you joined.', payload: message },
  'message.updated': {
    summary:
      'A message was edited, voted on, answered or restored; moderators also get hidden ones (with who and why), and an author their own hidden message (with why).',
    payload: message,
  },
  'message.deleted': {
    summary:
      'Remove a message from view: deleted by its author, or hidden (a tombstone naming no one).',
    payload: messageDeleted,
  },
  'presence.changed': {
    summary: 'Who is in the room: each person once, however many tabs.',
    payload: object<PresenceChanged>({
      roomId: uuid,
      present: { type: 'array', items: presenceEntry },
    }),
  },
  typing: {
    summary: 'Someone else is typing.',
    payload: object<TypingEvent>({ roomId: uuid, person }),
  },
  'room.removed': {
    summary: 'You were removed from a room (or lost access to it), and why.',
    payload: object<RoomRemoved>({ roomId: uuid, reason: { type: 'string' } }),
  },
  'room.state': {
    summary:
      'What you may do in a room you joined changed: muted until when, the mute lifted, a new role. A mute that runs out sends nothing.',
    payload: object<RoomStateChanged>({
      roomId: uuid,
      canSend: { type: 'boolean' },
      canModerate: { type: 'boolean' },
      mutedUntil: nullable(instant),
    }),
  },
  'unread.changed': {
    summary: 'Your read position in a room moved (on another of your connections).',
    payload: readState,
  },
  'notification.created': {
    summary: 'A new entry in your inbox.',
    payload: object<NotificationView>({
      id: uuid,
      kind: { type: 'string', enum: [...NOTIFICATION_KINDS] },
      text: { type: 'string' },
      data: {
        type: 'object',
        additionalProperties: { type: ['string', 'number', 'boolean', 'null'] },
      },
      createdAt: instant,
      readAt: nullable(instant),
    }),
  },
  'post.created': { summary: 'A new post in a thread you subscribed to.', payload: post },
  'post.updated': {
    summary:
      'A post was edited, reacted to or restored; moderators also get hidden ones (with who and why), and an author their own hidden post (with why).',
    payload: post,
  },
  'post.deleted': {
    summary:
      'Remove a post from view: deleted by its author, or hidden. With replies it stays as a tombstone (tombstone: true) naming no one when hidden.',
    payload: object<PostDeleted>({
      threadId: uuid,
      postId: uuid,
      seq: { type: 'integer', minimum: 1 },
      reason: { type: 'string', enum: ['deleted', 'hidden'] },
      tombstone: { type: 'boolean' },
    }),
  },
  'thread.updated': {
    summary:
      'The shared facts of a thread changed: a post (counts, lastSeq), a lock, a pin, an answer, a move, a merge (mergedIntoId), a hide.',
    payload: threadShared,
  },
  'thread.removed': {
    summary:
      'You can no longer read a thread you subscribed to (moved, hidden, deleted, you left).',
    payload: object<ThreadRemoved>({ threadId: uuid, reason: { type: 'string' } }),
  },
  'moderation.queue-changed': {
    summary:
      'For moderators: a report was raised or decided on an item of an exchange you moderate (null: network-wide content); openItems is how many items of it wait for review.',
    payload: object<ModerationQueueChanged>({
      exchangeId: nullable(uuid),
      openItems: { type: 'integer', minimum: 0 },
    }),
  },
};

export const CLIENT_EVENTS = Object.keys(LIVE_CLIENT_EVENTS) as ClientEvent[];
export const SERVER_EVENTS = Object.keys(LIVE_SERVER_EVENTS) as ServerEvent[];

/** Every ack: `{ ok: true, data }` or `{ ok: false, error: { code, message } }`. */
export function ackSchema(data: JsonSchema): JsonSchema {
  return {
    oneOf: [
      {
        type: 'object',
        additionalProperties: false,
        required: ['ok', 'data'],
        properties: { ok: { const: true }, data },
      },
      {
        type: 'object',
        additionalProperties: false,
        required: ['ok', 'error'],
        properties: {
          ok: { const: false },
          error: {
            type: 'object',
            additionalProperties: false,
            required: ['code', 'message'],
            properties: {
              code: { type: 'string', enum: [...ERROR_CODES] },
              message: { type: 'string' },
            },
          },
        },
      },
    ],
  };
}
