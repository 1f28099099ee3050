// The live protocol as an AsyncAPI 3.1 document, served at /api/docs/live. Built from the event
// tables of libs/contracts (LIVE_CLIENT_EVENTS, LIVE_SERVER_EVENTS), which also type the
// gateways and the web client's socket, so no event or field can be missing here. A test
// validates it with the official parser (@asyncapi/parser).
import {
  ackSchema,
  CLIENT_EVENTS,
  LIVE_CLIENT_EVENTS,
  LIVE_NAMESPACE,
  LIVE_SERVER_EVENTS,
  SERVER_EVENTS,
} from '#libs/contracts';

const CHANNEL = 'live';
const channelRef = { $ref: `#/channels/${CHANNEL}` };
const messageRef = (key: string) => ({ $ref: `#/channels/${CHANNEL}/messages/${key}` });

/** Message keys: component keys allow only letters, digits, `.`, `_` and `-`. */
const key = (prefix: string, event: string) => `${prefix}.${event}`;

const AUDIENCE_TEXT = {
  'anyone connected': 'Anyone connected.',
  readers:
    'People who may read the room or thread (its exchange members, coordinators and admins; every member in the commons).',
  writers:
    'People who may write in the room now (hosts and participants; not observers, not the muted).',
  moderators: "The exchange's hosts, coordinators and admins.",
} as const;

export function liveProtocolDocument(version: string): Record<string, unknown> {
  const messages: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  for (const event of CLIENT_EVENTS) {
    const spec = LIVE_CLIENT_EVENTS[event];
    messages[key('client', event)] = {
      name: event,
      title: event,
      summary: spec.summary,
      description: `Who: ${AUDIENCE_TEXT[spec.audience]} Answered by the ${spec.gateway} gateway.`,
      payload: spec.request,
    };
    messages[key('ack', event)] = {
      name: `${event} ack`,
      title: `${event} acknowledgement`,
      summary: `The acknowledgement of ${event}.`,
      payload: ackSchema(spec.reply),
    };
    operations[key('client', event)] = {
      action: 'receive',
      title: event,
      summary: spec.summary,
      channel: channelRef,
      messages: [messageRef(key('client', event))],
      reply: { channel: channelRef, messages: [messageRef(key('ack', event))] },
    };
  }
  for (const event of SERVER_EVENTS) {
    const spec = LIVE_SERVER_EVENTS[event];
    messages[key('server', event)] = {
      name: event,
      title: event,
      summary: spec.summary,
      payload: spec.payload,
    };
    operations[key('server', event)] = {
      action: 'send',
      title: event,
      summary: spec.summary,
      channel: channelRef,
      messages: [messageRef(key('server', event))],
    };
  }
  return {
    asyncapi: '3.1.0',
    info: {
      title: 'Crossings live protocol',
      version,
      description:
        'socket.io 4, namespace /live. Connect with the access token in the handshake `auth.token` (never the query string); a missing, expired or suspended token is refused with connect_error `data: { code, message }`. Every client event is acknowledged with `{ ok: true, data }` or `{ ok: false, error: { code, message } }`. Messages carry a per-room seq 1, 2, 3… without gaps: on reconnect, join with sinceSeq = the last seq you saw.',
    },
    defaultContentType: 'application/json',
    servers: {
      api: {
        host: 'localhost:3000',
        protocol: 'ws',
        pathname: '/socket.io',
        description: 'socket.io 4 (Engine.IO v4) on the API server.',
      },
    },
    channels: {
      [CHANNEL]: {
        address: LIVE_NAMESPACE,
        title: 'The /live namespace',
        messages,
      },
    },
    operations,
  };
}
