// Device cookies (OWASP "Slow Brute Force" defence): a browser that signed in to an account
// gets a signed, httpOnly cookie naming that account and a random device id. Sign-ins that
// present it are counted per device, apart from everyone else's failures, so strangers
// guessing at an account can neither lock out nor slow down its owner's known browsers.
import { Inject, Injectable } from '@nestjs/common';
import type { CookieOptions, Request, Response } from 'express';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { JWT_SECRET } from './token.service.js';

export const DEVICE_COOKIE = 'crossings_device';
/** Accounts remembered per browser (a shared computer), most recent first. */
const MAX_ACCOUNTS = 5;
const LIFETIME_MS = 365 * 86_400_000;
const ENTRY = /^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/;

interface Entry {
  account: string;
  device: string;
  mac: string;
}

@Injectable()
export class DeviceCookies {
  private readonly key: Buffer;

  constructor(@Inject(JWT_SECRET) secret: string) {
    // A key of its own, derived from the deployment's secret that all nodes share.
    this.key = createHmac('sha256', secret).update('crossings device cookie').digest();
  }

  /** The device id this request's cookie proves for the account with `email`, if any. */
  recognise(request: Request, email: string): string | null {
    const account = this.accountTag(email);
    const entry = this.entries(request).find((e) => e.account === account);
    return entry ? entry.device : null;
  }

  /** Remembers this browser for the account (keeping its device id if it already had one). */
  remember(request: Request, response: Response, email: string, secure: boolean): void {
    const account = this.accountTag(email);
    const others = this.entries(request).filter((e) => e.account !== account);
    const device =
      this.recognise(request, email) ?? randomBytes(16).toString('base64url').slice(0, 22);
    const entries = [{ account, device, mac: this.mac(account, device) }, ...others].slice(
      0,
      MAX_ACCOUNTS,
    );
    response.cookie(
      DEVICE_COOKIE,
      entries.map((e) => `${e.account}.${e.device}.${e.mac}`).join('~'),
      { ...cookieOptions(secure), expires: new Date(Date.now() + LIFETIME_MS) },
    );
  }

  private entries(request: Request): Entry[] {
    const raw = (request.cookies as Record<string, unknown> | undefined)?.[DEVICE_COOKIE];
    if (typeof raw !== 'string' || raw.length > 600) return [];
    return raw
      .split('~')
      .filter((part) => ENTRY.test(part))
      .map((part) => {
        // ENTRY matched: exactly three dot-separated parts.
        const [account = '', device = '', mac = ''] = part.split('.');
        return { account, device, mac };
      })
      .filter((e) => this.valid(e));
  }

  private valid(entry: Entry): boolean {
    const expected = Buffer.from(this.mac(entry.account, entry.device));
    const given = Buffer.from(entry.mac);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  /** Names the account without putting its email in the cookie. */
  private accountTag(email: string): string {
    return this.sign(`account:${email.trim().toLowerCase()}`);
  }

  private mac(account: string, device: string): string {
    return this.sign(`device:${account}.${device}`);
  }

  private sign(text: string): string {
    return createHmac('sha256', this.key).update(text).digest('base64url').slice(0, 22);
  }
}

function cookieOptions(secure: boolean): CookieOptions {
  // Only the sign-in and reset routes need it.
  return { httpOnly: true, sameSite: 'strict', secure, path: '/api/auth' };
}
