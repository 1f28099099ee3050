// The socket.io rooms the realtime layer keeps for every connection. Domain libraries add their
// own (a live room, a thread) and never reuse these prefixes.
import type { Socket } from 'socket.io';
import type { PersonSummary } from '../../contracts/src/index.js';
import type { Actor } from '../../common/src/index.js';

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

export type RealtimeSocket = Socket & { data: RealtimeSocketData };
