// Shared set-up for the exchange, session, calendar and inbox tests: people, an exchange with a
// member in every exchange role, sessions, and reading someone's inbox.
import type { DataSource } from 'typeorm';
import type { ExchangeRole } from '#libs/contracts';
import { createCity, createPerson, type TestPerson } from '../factories/accounts.js';
import type { Http } from '../support/http.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** An instant `ms` from now, on a whole minute, as ISO 8601 (UTC). */
export function fromNow(ms: number): string {
  return new Date(Math.ceil((Date.now() + ms) / 60_000) * 60_000).toISOString();
}

/** A calendar date (YYYY-MM-DD) `days` after another. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/**
 * The daylight-saving changes of next year (so the dates are always in the future): the US
 * changes on the second Sunday of March and the first Sunday of November, the EU on the last
 * Sundays of March and October. Between them the two sides of the Atlantic are an hour closer.
 */
export function dstChanges(year = new Date().getUTCFullYear() + 1) {
  const sundayOnOrAfter = (date: string) => {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return addDays(date, (7 - weekday) % 7);
  };
  const pad = (n: number) => String(n).padStart(2, '0');
  const lastSunday = (month: number, days: number) =>
    sundayOnOrAfter(`${year}-${pad(month)}-${pad(days - 6)}`);
  return {
    year,
    usSpring: sundayOnOrAfter(`${year}-03-08`),
    euSpring: lastSunday(3, 31),
    euFall: lastSunday(10, 31),
    usFall: sundayOnOrAfter(`${year}-11-01`),
  };
}

export async function createExchange(
  http: Http,
  creator: TestPerson,
  body: Record<string, unknown> = {},
): Promise<any> {
  const res = await http('POST', '/api/exchanges', {
    token: creator.token,
    body: { title: 'Online hate after an attack', cityIds: [], attribution: 'named', ...body },
  });
  if (res.status !== 201)
    throw new Error(`create exchange: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function addMember(
  http: Http,
  actor: TestPerson,
  exchangeId: string,
  person: { id: string },
  role: ExchangeRole,
): Promise<void> {
  const res = await http('POST', `/api/exchanges/${exchangeId}/members`, {
    token: actor.token,
    body: { practitionerId: person.id, role },
  });
  if (res.status !== 201) throw new Error(`add member: ${res.status} ${JSON.stringify(res.body)}`);
}

export function sessionBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'workshop',
    title: 'Workshop: from detection to local response',
    agenda: '## Agenda\n\n1. Cases\n2. Practice',
    startsAt: fromNow(7 * DAY),
    endsAt: fromNow(7 * DAY + HOUR),
    hostTimeZone: 'Europe/Amsterdam',
    online: true,
    ...overrides,
  };
}

export async function scheduleSession(
  http: Http,
  host: TestPerson,
  exchangeId: string,
  overrides: Record<string, unknown> = {},
): Promise<any> {
  const res = await http('POST', `/api/exchanges/${exchangeId}/sessions`, {
    token: host.token,
    body: sessionBody(overrides),
  });
  if (res.status !== 201) throw new Error(`schedule: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface InboxItem {
  id: string;
  kind: string;
  text: string;
  data: Record<string, any>;
  createdAt: string;
  readAt: string | null;
}

/** Every notification of a person, newest first (follows the cursor). */
export async function inboxOf(http: Http, person: TestPerson): Promise<InboxItem[]> {
  const items: InboxItem[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `?limit=100&cursor=${encodeURIComponent(cursor)}` : '?limit=100';
    const res = await http('GET', `/api/notifications${query}`, { token: person.token });
    if (res.status !== 200) throw new Error(`inbox: ${res.status} ${JSON.stringify(res.body)}`);
    items.push(...(res.body.items as InboxItem[]));
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}

export async function kindsOf(http: Http, person: TestPerson): Promise<string[]> {
  return (await inboxOf(http, person)).map((n) => n.kind);
}

/** Polls `probe` until it returns something other than undefined. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function suspend(dataSource: DataSource, person: { id: string }): Promise<void> {
  await dataSource.query(
    `UPDATE practitioners SET status = 'suspended', suspended_at = now() WHERE id = $1`,
    [person.id],
  );
}

export async function setWorkingHours(
  http: Http,
  person: TestPerson,
  timeZone: string,
  workingHours: { days: number[]; start: string; end: string } | null = {
    days: [1, 2, 3, 4, 5],
    start: '09:00',
    end: '17:00',
  },
): Promise<void> {
  const res = await http('PATCH', '/api/me', {
    token: person.token,
    body: { timeZone, workingHours },
  });
  if (res.status !== 200)
    throw new Error(`PATCH /api/me: ${res.status} ${JSON.stringify(res.body)}`);
}

export { createCity, createPerson };
