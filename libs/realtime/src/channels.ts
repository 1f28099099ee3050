// The socket.io rooms the realtime layer keeps for every connection. Domain libraries add their
// own (a live room, a thread) and never reuse these prefixes.
import type { Namespace, Socket } from 'socket.io';
import type { ClientToServerEvents, PersonSummary, ServerToClientEvents } from '#libs/contracts';
import type { Actor } from '#libs/common';

/** Every connection of one person, on every node: notifications, drops, re-derivations. */
export const memberChannel = (practitionerId: string) => `member:${practitionerId}`;

/** Every connection opened with tokens of one signed-in session (a refresh-token family). */
export const sessionChannel = (sessionId: string) => `session:${sessionId}`;

/** What the handshake learned about a connection; serializable (other nodes read it). */
export interface RealtimeSocketData {
  actor: Actor;
  person: PersonSummary;
  /** The signed-in session the token belongs to. */
  sessionId: string;
  /** When the access token expires (ms since epoch): unrenewed, the connection is dropped then. */
  tokenExpiresAt: number;
}

/** What API nodes ask each other through the adapter (see RealtimeServer.onEveryNode). */
export interface InterNodeEvents {
  'crossings:node-task': (name: string, payload: unknown, reply: (done: true) => void) => void;
}

/** A /live connection, typed by the contract's event maps: a renamed event fails to compile. */
export type RealtimeSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterNodeEvents,
  RealtimeSocketData
>;

export type RealtimeNamespace = Namespace<
  ClientToServerEvents,
  ServerToClientEvents,
  InterNodeEvents,
  RealtimeSocketData
>;
