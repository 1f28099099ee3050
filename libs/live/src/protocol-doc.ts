// The live protocol as an AsyncAPI 3.0 document, served at /api/docs/live. Built from the same
// event lists the gateway uses, so an event cannot be added without appearing here.
import { CLIENT_EVENTS, LIVE_NAMESPACE, SERVER_EVENTS } from '../../contracts/src/index.js';

const CLIENT_EVENT_DOCS: Record<
  (typeof CLIENT_EVENTS)[number],
  { summary: string; payload: Record<string, string> }
> = {
  'room.join': {
    summary:
      'Join a room; returns the room, who is present and the messages after sinceSeq (≤500, else reset: true).',
    payload: { roomId: 'uuid', sinceSeq: 'integer, optional' },
  },
  'room.leave': { summary: 'Leave a room.', payload: { roomId: 'uuid' } },
  'message.send': {
    summary:
      'Send a message; stored before it is acknowledged or broadcast; the same clientMessageId never stores twice.',
    payload: {
      roomId: 'uuid',
      clientMessageId: '8–64 of [A-Za-z0-9_-]',
      body: '1–4000 characters',
      language: 'BCP 47, optional',
      isQuestion: 'boolean, session rooms only',
    },
  },
  'message.edit': {
    summary: 'Edit your own message within 15 minutes.',
    payload: { roomId: 'uuid', messageId: 'uuid', body: '1–4000 characters' },
  },
  'message.delete': {
    summary: 'Delete your own message.',
    payload: { roomId: 'uuid', messageId: 'uuid' },
  },
  typing: {
    summary: 'Tell the room you are typing (relayed at most once a second).',
    payload: { roomId: 'uuid' },
  },
  'auth.renew': {
    summary: 'Replace an expiring access token without reconnecting or losing rooms.',
    payload: { token: 'access token' },
  },
  'message.hide': {
    summary: 'Moderators: hide a message for everyone but moderators, with a reason.',
    payload: { roomId: 'uuid', messageId: 'uuid', reason: '3–500 characters' },
  },
  'message.restore': {
    summary: 'Moderators: show a hidden message again.',
    payload: { roomId: 'uuid', messageId: 'uuid', reason: '3–500 characters' },
  },
  'member.mute': {
    summary: 'Moderators: mute a member in this room for some minutes; their sends get MUTED.',
    payload: {
      roomId: 'uuid',
      practitionerId: 'uuid',
      minutes: '1–10080',
      reason: '3–500 characters',
    },
  },
  'member.unmute': {
    summary: 'Moderators: lift a mute.',
    payload: { roomId: 'uuid', practitionerId: 'uuid', reason: '3–500 characters' },
  },
  'member.remove': {
    summary: 'Moderators: remove a member from this room (all their connections leave it).',
    payload: { roomId: 'uuid', practitionerId: 'uuid', reason: '3–500 characters' },
  },
  'member.readmit': {
    summary: 'Moderators: lift a removal, so the person may join this room again.',
    payload: { roomId: 'uuid', practitionerId: 'uuid', reason: '3–500 characters' },
  },
  'question.upvote': {
    summary: 'Upvote a question in a session room (once; not your own).',
    payload: { roomId: 'uuid', messageId: 'uuid' },
  },
  'question.answer': {
    summary: 'Moderators: mark a question answered.',
    payload: { roomId: 'uuid', messageId: 'uuid' },
  },
  'thread.subscribe': {
    summary:
      "Hear a thread's posts and changes live; returns { thread: the facts every reader shares, canModerate } (refetch when thread.lastSeq is ahead of yours).",
    payload: { threadId: 'uuid' },
  },
  'thread.unsubscribe': { summary: 'Stop hearing a thread.', payload: { threadId: 'uuid' } },
};

const SERVER_EVENT_DOCS: Record<(typeof SERVER_EVENTS)[number], string> = {
  'message.created': 'A new message (MessageView) in a room you joined.',
  'message.updated':
    'A message was edited, voted on, answered, restored — or, for moderators, hidden (with the reason).',
  'message.deleted': '{ roomId, id, seq, reason: deleted | hidden }: remove it from view.',
  'presence.changed':
    '{ roomId, present: [{ person, connections }] }: each person once, however many tabs.',
  typing: '{ roomId, person }: someone else is typing.',
  'notification.created': 'A new inbox entry (NotificationView) for you.',
  'room.removed': '{ roomId, reason }: you were removed from a room.',
  'post.created': 'A new post (PostView) in a thread you subscribed to.',
  'post.updated':
    'A post was edited, reacted to, restored — or, for moderators and its author, hidden (with the reason).',
  'post.deleted':
    '{ threadId, postId, seq, reason: deleted | hidden, tombstone }: remove it from view (tombstone: keep an empty placeholder, it has replies).',
  'thread.updated':
    'The facts of a thread every reader shares (ThreadShared): title, place, lock, pin, answer, counts, lastSeq.',
  'thread.removed': '{ threadId, reason }: you can no longer read a thread you subscribed to.',
};

export function liveProtocolDocument(version: string): Record<string, unknown> {
  const channel = LIVE_NAMESPACE.slice(1);
  const messages: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  for (const event of CLIENT_EVENTS) {
    const doc = CLIENT_EVENT_DOCS[event];
    messages[event] = {
      name: event,
      summary: doc.summary,
      payload: {
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(
          Object.entries(doc.payload).map(([k, d]) => [k, { description: d }]),
        ),
      },
    };
    operations[`client.${event}`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${channel}` },
      messages: [{ $ref: `#/channels/${channel}/messages/${event}` }],
      reply: { description: 'Ack: { ok: true, data } or { ok: false, error: { code, message } }' },
    };
  }
  for (const event of SERVER_EVENTS) {
    messages[`server.${event}`] = { name: event, summary: SERVER_EVENT_DOCS[event] };
    operations[`server.${event}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${channel}` },
      messages: [{ $ref: `#/channels/${channel}/messages/server.${event}` }],
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Crossings live protocol',
      version,
      description:
        'socket.io 4, namespace /live. Connect with the access token in the handshake `auth.token` (never the query string); a missing, expired or suspended token is refused with connect_error `data: { code, message }`. Every client event is acknowledged. Messages carry a per-room seq 1, 2, 3… without gaps: on reconnect, join with sinceSeq = the last seq you saw.',
    },
    servers: { api: { host: 'localhost:3000', protocol: 'ws', pathname: '/socket.io' } },
    channels: { [channel]: { address: LIVE_NAMESPACE, messages } },
    operations,
  };
}
