// The refresh token travels only in an httpOnly cookie scoped to the auth routes.
import type { CookieOptions, Request, Response } from 'express';
import type { AppConfig } from '#libs/config';
import type { IssuedRefreshToken } from './sign-in-sessions.service.js';

export const REFRESH_COOKIE = 'crossings_refresh';

/** Whether the cookie carries Secure: set it and clear it with the same attributes. */
export function secureCookies(config: AppConfig): boolean {
  return config.COOKIE_SECURE ?? config.NODE_ENV === 'production';
}

function options(secure: boolean): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure, path: '/api' };
}

export function setRefreshCookie(
  response: Response,
  refresh: IssuedRefreshToken,
  secure: boolean,
): void {
  response.cookie(REFRESH_COOKIE, refresh.token, {
    ...options(secure),
    expires: refresh.expiresAt,
  });
}

export function clearRefreshCookie(response: Response, secure: boolean): void {
  response.clearCookie(REFRESH_COOKIE, options(secure));
}

export function readRefreshCookie(request: Request): string | undefined {
  const value = (request.cookies as Record<string, unknown> | undefined)?.[REFRESH_COOKIE];
  return typeof value === 'string' && value.length > 0 && value.length < 200 ? value : undefined;
}
