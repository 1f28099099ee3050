// The one socket.io connection to /live, shared by everything live in this tab: rooms, the
// notification bell and inbox, and later thread pages. It hands the access token over in the
// handshake (never the URL), renews it before it expires without reconnecting (so no room is
// lost), reconnects on its own after a dropped connection, waits for the network while the
// browser is offline, and tells its users when it is back. Typed by the contract's event maps:
// a renamed event or field fails the type-check here and on the server alike.
import type {
  ClientEvent,
  ClientEventReply,
  ClientEventRequest,
  ClientToServerEvents,
  LiveAck,
  ServerToClientEvents,
} from '@contracts';
import { io, type Socket } from 'socket.io-client';
import { currentAccessToken, onSessionChange, refreshSession } from './client';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'failed';

/** A refused live event: the server's error code and message, or one of ours. */
export class LiveError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'LiveError';
  }
}

const ACK_TIMEOUT_MS = 10_000;
/** Renew a minute before the access token expires (or after four fifths of a shorter life). */
const RENEW_AHEAD_MS = 60_000;
/** Handshakes refused for the token in a row before giving up (the session is really over). */
const MAX_REFUSED_HANDSHAKES = 3;

/** When a JWT was issued and expires, in milliseconds; the signature is the server's business. */
function lifetimeOf(token: string): { issuedAt: number; expiresAt: number } | null {
  try {
    const part = token.split('.')[1] ?? '';
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const { iat, exp } = JSON.parse(json) as { iat?: unknown; exp?: unknown };
    if (typeof exp !== 'number') return null;
    return { issuedAt: typeof iat === 'number' ? iat * 1000 : Date.now(), expiresAt: exp * 1000 };
  } catch {
    return null;
  }
}

/** When to hand the server a fresh token, or null for a token without an expiry. */
function renewalDue(token: string): number | null {
  const life = lifetimeOf(token);
  if (!life) return null;
  const ahead = Math.min(RENEW_AHEAD_MS, (life.expiresAt - life.issuedAt) / 5);
  return life.expiresAt - ahead;
}

export class LiveConnection {
  readonly socket: LiveSocket;
  private statusValue: ConnectionStatus = 'connecting';
  private failureValue: string | null = null;
  private readonly statusListeners = new Set<() => void>();
  private readonly connectListeners = new Set<() => void>();
  /** The token the server knows this connection by. */
  private serverToken: string | null = null;
  private renewTimer: ReturnType<typeof setTimeout> | undefined;
  private refusedHandshakes = 0;
  private closed = false;
  private readonly stopSessionListener: () => void;

  constructor() {
    this.socket = io('/live', {
      auth: (send) => {
        const token = currentAccessToken() ?? '';
        this.serverToken = token;
        send({ token });
      },
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
      autoConnect: false,
    });
    this.socket.on('connect', () => {
      this.refusedHandshakes = 0;
      this.setStatus('online');
      this.scheduleRenewal();
      for (const listener of this.connectListeners) listener();
    });
    this.socket.on('disconnect', (reason) => {
      clearTimeout(this.renewTimer);
      if (this.closed) return;
      this.setStatus('reconnecting');
      // The server ended it (a suspended account, a token it no longer accepts): the client
      // does not come back on its own, so try once more with a fresh token.
      if (reason === 'io server disconnect') void this.reconnectWithFreshToken();
    });
    this.socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      if (this.closed) return;
      if (this.socket.active) {
        // A transport problem: socket.io keeps trying by itself.
        this.setStatus(this.statusValue === 'connecting' ? 'connecting' : 'reconnecting');
        return;
      }
      // The handshake was refused; socket.io does not retry those.
      const code = error.data?.code;
      if (
        (code === 'TOKEN_EXPIRED' || code === 'UNAUTHENTICATED') &&
        ++this.refusedHandshakes <= MAX_REFUSED_HANDSHAKES
      ) {
        void this.reconnectWithFreshToken();
      } else {
        this.fail(error.message);
      }
    });
    // A new access token (refreshed by any request of this tab) is handed to the live connection.
    this.stopSessionListener = onSessionChange((me) => {
      if (!me) {
        this.fail('signed out');
        return;
      }
      void this.renew();
    });
    window.addEventListener('offline', this.onOffline);
    window.addEventListener('online', this.onOnline);
    if (navigator.onLine === false) this.setStatus('reconnecting');
    else this.socket.connect();
  }

  get status(): ConnectionStatus {
    return this.statusValue;
  }

  get failure(): string | null {
    return this.failureValue;
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  onStatus(listener: () => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Called on every (re)connection, after the handshake: the moment to (re)join rooms. */
  onConnect(listener: () => void): () => void {
    this.connectListeners.add(listener);
    return () => this.connectListeners.delete(listener);
  }

  /**
   * Sends an event and resolves with the ack's data, or rejects with a LiveError. Refuses at
   * once while disconnected (socket.io would otherwise buffer it), so callers decide what to
   * resend. An expired token is renewed and the event sent once more.
   */
  async emit<E extends ClientEvent>(
    event: E,
    payload: ClientEventRequest<E>,
  ): Promise<ClientEventReply<E>> {
    const ack = await this.emitOnce(event, payload);
    if (ack.ok) return ack.data;
    if (ack.error.code === 'TOKEN_EXPIRED' && (await this.renew(true))) {
      const again = await this.emitOnce(event, payload);
      if (again.ok) return again.data;
      throw new LiveError(again.error.code, again.error.message);
    }
    throw new LiveError(ack.error.code, ack.error.message);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.renewTimer);
    this.stopSessionListener();
    window.removeEventListener('offline', this.onOffline);
    window.removeEventListener('online', this.onOnline);
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }

  private async emitOnce<E extends ClientEvent>(
    event: E,
    payload: ClientEventRequest<E>,
  ): Promise<LiveAck<ClientEventReply<E>>> {
    if (!this.socket.connected) throw new LiveError('DISCONNECTED', 'Not connected.');
    // socket.io's typings cannot narrow a generic event name to its own parameters.
    const emitWithAck = this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck as (
      event: E,
      payload: ClientEventRequest<E>,
    ) => Promise<LiveAck<ClientEventReply<E>>>;
    try {
      return await emitWithAck.call(this.socket.timeout(ACK_TIMEOUT_MS), event, payload);
    } catch {
      throw new LiveError('DISCONNECTED', 'No answer from the server.');
    }
  }

  /**
   * Gives the server the current access token (refreshing it first when asked or when it is
   * about to expire). The connection and its rooms stay as they are.
   */
  private async renew(refresh = false): Promise<boolean> {
    let token = currentAccessToken();
    const due = token ? renewalDue(token) : null;
    if (refresh || !token || (due !== null && due <= Date.now())) {
      if (!(await refreshSession())) return false;
      token = currentAccessToken();
    }
    if (!token || !this.socket.connected) return Boolean(token);
    if (token === this.serverToken) {
      this.scheduleRenewal();
      return true;
    }
    try {
      const ack = await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('auth.renew', { token });
      if (!ack.ok) return false;
      this.serverToken = token;
      this.scheduleRenewal();
      return true;
    } catch {
      return false;
    }
  }

  private scheduleRenewal(): void {
    clearTimeout(this.renewTimer);
    const due = this.serverToken ? renewalDue(this.serverToken) : null;
    if (due === null) return;
    const delay = Math.max(1_000, due - Date.now());
    this.renewTimer = setTimeout(() => void this.renew(true), delay);
  }

  private async reconnectWithFreshToken(): Promise<void> {
    this.setStatus('reconnecting');
    if (!(await refreshSession())) {
      this.fail('signed out');
      return;
    }
    if (!this.closed && !this.socket.connected && navigator.onLine !== false) this.socket.connect();
  }

  private readonly onOffline = (): void => {
    if (this.closed) return;
    // Some transports do not notice a lost network for a while: stop now, resume when it is back.
    this.socket.disconnect();
    this.setStatus('reconnecting');
  };

  private readonly onOnline = (): void => {
    if (this.closed || this.socket.connected) return;
    this.socket.connect();
  };

  private fail(reason: string): void {
    this.failureValue = reason;
    this.setStatus('failed');
  }

  private setStatus(status: ConnectionStatus): void {
    if (status !== 'failed') this.failureValue = null;
    if (status === this.statusValue) return;
    this.statusValue = status;
    for (const listener of this.statusListeners) listener();
  }
}

let shared: LiveConnection | null = null;
let users = 0;
let closeTimer: ReturnType<typeof setTimeout> | undefined;

/** The tab's live connection, opened on first use; release it when done. */
export function acquireLiveConnection(): LiveConnection {
  clearTimeout(closeTimer);
  if (shared && users === 0 && shared.status === 'failed') {
    // Gave up earlier (signed out, say): start afresh for the next page.
    shared.close();
    shared = null;
  }
  users += 1;
  shared ??= new LiveConnection();
  return shared;
}

/** Closes the connection shortly after its last user leaves (not between two quick pages). */
export function releaseLiveConnection(): void {
  users = Math.max(0, users - 1);
  if (users > 0) return;
  clearTimeout(closeTimer);
  closeTimer = setTimeout(() => {
    if (users === 0 && shared) {
      shared.close();
      shared = null;
    }
  }, 2_000);
}
