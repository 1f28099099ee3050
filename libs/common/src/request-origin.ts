// Where a request came from and which address it reached: the base URL written into links
// (invitations, mails, calendars), and a warning when a proxy forwards requests we do not trust.
import { createParamDecorator, type ExecutionContext, Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { isIP } from 'node:net';

export interface OriginSettings {
  PUBLIC_URL?: string;
  PORT: number;
  TRUST_PROXY_HOPS: number;
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1']);

function withoutBrackets(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '');
}

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const bare = address.replace(/^::ffff:/, '');
  return bare === '::1' || bare.startsWith('127.');
}

/**
 * The base URL of the web client as the person reached it: PUBLIC_URL when set, otherwise the
 * request's scheme and Host (Express reads X-Forwarded-Proto and X-Forwarded-Host only from
 * trusted proxies, per TRUST_PROXY_HOPS). Use it for links shown to, or sent on behalf of, a
 * signed-in person: their browser sets Host from the address they typed.
 */
export function publicBaseUrl(req: Request, settings: OriginSettings): string {
  if (settings.PUBLIC_URL) return settings.PUBLIC_URL.replace(/\/+$/, '');
  return `${req.protocol}://${req.host}`;
}

/**
 * The base URL for a link mailed on an anonymous request (a password reset): whoever asks may
 * forge Host to make the mail point at their own server, so without PUBLIC_URL only a Host that
 * provably names this server is used: the IP address and port the connection reached, or a
 * loopback name on a loopback connection. Anything else falls back to http://localhost:PORT
 * (the README tells deployments to set PUBLIC_URL).
 */
export function verifiedBaseUrl(req: Request, settings: OriginSettings): string {
  if (settings.PUBLIC_URL) return settings.PUBLIC_URL.replace(/\/+$/, '');
  const socket = req.socket;
  const fallback = `http://localhost:${socket.localPort ?? settings.PORT}`;
  if (settings.TRUST_PROXY_HOPS > 0) return fallback;
  const hostHeader = req.headers.host ?? '';
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostHeader);
  if (!match?.[1]) return fallback;
  const hostname = withoutBrackets(match[1]).toLowerCase();
  const port = match[2] ? Number(match[2]) : 80;
  if (port !== socket.localPort) return fallback;
  const local = (socket.localAddress ?? '').replace(/^::ffff:/, '');
  const reachedThisAddress = isIP(hostname) !== 0 && hostname === local;
  const loopbackName = LOOPBACK_NAMES.has(hostname) && isLoopback(socket.localAddress);
  return reachedThisAddress || loopbackName ? `http://${hostHeader}` : fallback;
}

/** Express keeps the settings beside the app, so the parameter decorators below can read them. */
export const ORIGIN_SETTINGS = 'crossings origin settings';

function settingsOf(req: Request): OriginSettings {
  return req.app.get(ORIGIN_SETTINGS) as OriginSettings;
}

/** The route parameter: base URL of links for this (signed-in) request. */
export const PublicBaseUrl = createParamDecorator((_data: unknown, ctx: ExecutionContext) => {
  const req = ctx.switchToHttp().getRequest<Request>();
  return publicBaseUrl(req, settingsOf(req));
});

/** The route parameter: base URL of links mailed on an anonymous request. */
export const VerifiedBaseUrl = createParamDecorator((_data: unknown, ctx: ExecutionContext) => {
  const req = ctx.switchToHttp().getRequest<Request>();
  return verifiedBaseUrl(req, settingsOf(req));
});

/**
 * With TRUST_PROXY_HOPS=0 every request seems to come from the proxy's address, so per-address
 * sign-in limits would count all users as one: say so once, on the first forwarded request.
 */
export function warnAboutUntrustedProxy(logger = new Logger('Proxy')) {
  let warned = false;
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (!warned && (req.headers['x-forwarded-for'] || req.headers.forwarded)) {
      warned = true;
      logger.warn(
        'Requests arrive through a proxy (X-Forwarded-For/Forwarded) but TRUST_PROXY_HOPS=0: every ' +
          'client looks like the proxy, so sign-in limits per address count everyone behind it ' +
          'together. Set TRUST_PROXY_HOPS to the number of proxies in front of the API.',
      );
    }
    next();
  };
}
