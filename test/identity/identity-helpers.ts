// Small steps the identity suites share: signing in, refreshing, inviting and accepting.
import { refreshCookieOf, type Http, type HttpResult } from '../support/http.js';

export interface Session {
  accessToken: string;
  cookie: string;
}

export async function signIn(http: Http, email: string, password: string): Promise<Session> {
  const res = await http('POST', '/api/auth/sign-in', { body: { email, password } });
  if (res.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(res.body)}`);
  return { accessToken: res.body.accessToken, cookie: refreshCookieOf(res)! };
}

export function refresh(http: Http, cookie: string): Promise<HttpResult> {
  return http('POST', '/api/auth/refresh', { cookie });
}

/** The token at the end of an invitation link. */
export function tokenOf(inviteUrl: string): string {
  return inviteUrl.split('/invite/')[1]!;
}

export async function invite(
  http: Http,
  inviterToken: string,
  body: { email: string; networkRole?: string; cityId?: string },
): Promise<string> {
  const res = await http('POST', '/api/invitations', {
    token: inviterToken,
    body: { networkRole: 'member', ...body },
  });
  if (res.status !== 201) throw new Error(`invitation failed: ${JSON.stringify(res.body)}`);
  return tokenOf(res.body.inviteUrl);
}

export const NEW_PASSWORD = 'a brand new passphrase';

let invitees = 0;

/** An acceptance with a name of its own: names that look alike are refused or warned about. */
export function acceptBody(token: string, extra: Record<string, unknown> = {}) {
  return {
    token,
    displayName: `Amira Haddad ${++invitees}`,
    password: NEW_PASSWORD,
    timeZone: 'Europe/Paris',
    ...extra,
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
