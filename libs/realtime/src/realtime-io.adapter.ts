// The socket.io server behind the /live namespace: body size limit, quick detection of lost
// connections, an Origin check (socket.io's cors option does not stop WebSocket upgrades),
// and, with REDIS_URL, the Redis Streams adapter so several API nodes act as one.
import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { IncomingMessage } from 'node:http';
import { Redis } from 'ioredis';
import type { MessageMappingProperties } from '@nestjs/websockets';
import type { Observable } from 'rxjs';
import type { Server, ServerOptions, Socket } from 'socket.io';
import type { AppConfig } from '#libs/config';

export const LIVE_MAX_PAYLOAD_BYTES = 64 * 1024;

export class RealtimeIoAdapter extends IoAdapter {
  private readonly liveLogger = new Logger('RealtimeIoAdapter');
  private redis: Redis | null = null;

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: Partial<ServerOptions>): Server {
    const allowed = new Set(
      this.config.CORS_ORIGINS.split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    );
    const server = super.createIOServer(port, {
      ...options,
      serveClient: false,
      maxHttpBufferSize: LIVE_MAX_PAYLOAD_BYTES,
      pingInterval: 10_000,
      pingTimeout: 5_000,
      cors: { origin: [...allowed], credentials: true },
      allowRequest: (
        req: IncomingMessage,
        callback: (err: string | null | undefined, success: boolean) => void,
      ) => {
        callback(null, originAllowed(req, allowed));
      },
    } as ServerOptions) as Server;
    if (this.config.REDIS_URL) {
      this.redis = new Redis(this.config.REDIS_URL, { maxRetriesPerRequest: null });
      this.redis.on('error', (error: Error) => this.liveLogger.warn(`Redis: ${error.message}`));
      const prefix = this.config.REDIS_PREFIX;
      const redis = this.redis;
      const clusterAdapter = createAdapter(redis, {
        maxLen: 100_000,
        streamName: `${prefix}:live`,
        channelPrefix: `${prefix}:live`,
        sessionKeyPrefix: `${prefix}:live:session:`,
      });
      // While Redis is away, the adapter would wait for it (the offline queue) before
      // delivering even to this node's own sockets: broadcasts and presence then stay on this
      // node (other nodes' clients fill the gap with sinceSeq once Redis is back).
      server.adapter(function (this: unknown, nsp: unknown) {
        const adapter = new (clusterAdapter as unknown as new (nsp: unknown) => LocalFallback)(nsp);
        const broadcast = adapter.broadcast.bind(adapter);
        const fetchSockets = adapter.fetchSockets.bind(adapter);
        const serverSideEmit = adapter.serverSideEmit.bind(adapter);
        const local = <T extends { flags?: object }>(opts: T): T =>
          redis.status === 'ready' ? opts : { ...opts, flags: { ...opts.flags, local: true } };
        adapter.broadcast = (packet, opts) => broadcast(packet, local(opts));
        adapter.fetchSockets = (opts) => fetchSockets(local(opts));
        // Requests to the other nodes (authority changes) answer at once, with no replies.
        adapter.serverSideEmit = (packet) => {
          if (redis.status === 'ready') return serverSideEmit(packet);
          const ack = packet[packet.length - 1];
          if (typeof ack === 'function') (ack as (e: null, r: unknown[]) => void)(null, []);
          return undefined;
        };
        return adapter;
      } as unknown as Parameters<Server['adapter']>[0]);
      this.liveLogger.log('Live events fan out through Redis (streams adapter).');
    }
    return server;
  }

  /**
   * One plain listener per event and socket, where Nest's IoAdapter builds an rxjs pipeline per
   * event and socket (about 60 KB per connection with our sixteen events: 2,000 connections
   * held 120 MB of subscribers). Same behaviour: the handler's result is the ack (or an emit
   * when it names an event), and a failing handler is logged without silencing its event.
   */
  override bindMessageHandlers(
    socket: Socket,
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message, (...args: unknown[]) => {
        const { data, ack } = this.mapPayload(args.length > 1 ? args : args[0]);
        const fail = (error: unknown) => this.liveLogger.error(error);
        try {
          transform(callback(data, ack)).subscribe({
            next: (response) => {
              if (response === null || response === undefined) return;
              const emitted = response as { event?: string; data?: unknown };
              if (emitted.event) socket.emit(emitted.event, emitted.data);
              else if (!isAckHandledManually && typeof ack === 'function') ack(response);
            },
            error: fail,
          });
        } catch (error) {
          fail(error);
        }
      });
    }
  }

  override async dispose(): Promise<void> {
    this.redis?.disconnect();
  }
}

/** The adapter methods that fall back to this node alone while Redis is away. */
interface LocalFallback {
  broadcast(packet: unknown, opts: { flags?: object }): unknown;
  fetchSockets(opts: { flags?: object }): Promise<unknown>;
  serverSideEmit(packet: unknown[]): unknown;
}

/** Browsers send Origin: accept our own host and the configured origins; other clients send none. */
export function originAllowed(req: IncomingMessage, allowed: Set<string>): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (allowed.has(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
