// Shared set-up for the thread suites: an exchange with a member in every exchange role (and a
// coordinator and an admin who are not members), starting threads and replying.
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AttributionRule, PostView, ThreadPage } from '#libs/contracts';
import { createCity, createPerson, type TestPerson } from '../factories/accounts.js';
import type { Http } from '../support/http.js';

export type Role = 'outsider' | 'observer' | 'participant' | 'host' | 'coordinator' | 'admin';
export const ROLES: Role[] = [
  'outsider',
  'observer',
  'participant',
  'host',
  'coordinator',
  'admin',
];

export const clientId = (prefix = 'test') => `${prefix}-${randomBytes(8).toString('hex')}`;

export interface Cast {
  people: Record<Role, TestPerson>;
  /** Another participant: writes what the others act on. */
  author: TestPerson;
  /** Hosts the exchange it created (a coordinator who is a member). */
  creator: TestPerson;
  exchangeId: string;
}

export async function castExchange(
  dataSource: DataSource,
  http: Http,
  options: { attribution?: AttributionRule; title?: string } = {},
): Promise<Cast> {
  const suffix = randomBytes(2).toString('hex');
  const europe = await createCity(dataSource, { name: `Rotterdam ${suffix}`, countryCode: 'NL' });
  const america = await createCity(dataSource, {
    name: `Denver ${suffix}`,
    countryCode: 'US',
    region: 'north-america',
    timeZone: 'America/Denver',
  });
  const creator = await createPerson(dataSource, http, { role: 'coordinator' });
  const exchange = await http('POST', '/api/exchanges', {
    token: creator.token,
    body: {
      title: options.title ?? 'Threads exchange',
      cityIds: [europe.id, america.id],
      attribution: options.attribution ?? 'named',
      status: 'active',
    },
  });
  if (exchange.status !== 201) throw new Error(`exchange: ${JSON.stringify(exchange.body)}`);
  const people: Record<Role, TestPerson> = {
    outsider: await createPerson(dataSource, http, { cityId: europe.id }),
    observer: await createPerson(dataSource, http, { cityId: america.id }),
    participant: await createPerson(dataSource, http, { cityId: europe.id }),
    host: await createPerson(dataSource, http, { cityId: america.id }),
    coordinator: await createPerson(dataSource, http, { role: 'coordinator' }),
    admin: await createPerson(dataSource, http, { role: 'admin' }),
  };
  const author = await createPerson(dataSource, http, {
    cityId: america.id,
    displayName: `Jamal Author ${randomBytes(2).toString('hex')}`,
  });
  for (const [person, role] of [
    [people.observer, 'observer'],
    [people.participant, 'participant'],
    [people.host, 'host'],
    [author, 'participant'],
  ] as const) {
    const added = await http('POST', `/api/exchanges/${exchange.body.id}/members`, {
      token: creator.token,
      body: { practitionerId: person.id, role },
    });
    if (added.status !== 201) throw new Error(`member: ${JSON.stringify(added.body)}`);
  }
  return { people, author, creator, exchangeId: exchange.body.id };
}

export async function startThread(
  http: Http,
  person: TestPerson,
  body: Record<string, unknown> = {},
): Promise<ThreadPage> {
  const res = await http<ThreadPage>('POST', '/api/threads', {
    token: person.token,
    body: {
      title: 'What worked in the first 72 hours?',
      kind: 'discussion',
      language: 'en',
      body: 'Tell us what your city did first.',
      clientId: clientId('thread'),
      ...body,
    },
  });
  if (res.status !== 201) throw new Error(`thread: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function reply(
  http: Http,
  person: TestPerson,
  threadId: string,
  body: Record<string, unknown> = {},
): Promise<PostView> {
  const res = await http<PostView>('POST', `/api/threads/${threadId}/posts`, {
    token: person.token,
    body: { body: 'A reply', language: 'en', clientId: clientId('post'), ...body },
  });
  if (res.status !== 201) throw new Error(`reply: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The notifications of a kind in a person's inbox, newest first. */
export async function inbox(http: Http, person: TestPerson, kind?: string) {
  const res = await http('GET', '/api/notifications?limit=50', { token: person.token });
  const items = res.body.items as Array<{
    kind: string;
    text: string;
    data: Record<string, unknown>;
  }>;
  return kind ? items.filter((n) => n.kind === kind) : items;
}
