// The pages of the web client that the every-page suite visits, and the small network they show:
// a coordinator, a mayor and a practitioner on both sides of the Atlantic, two exchanges, a live
// session, messages, a join request, open invitations. To cover a new route, add it to PAGES
// (and what it needs to World); the suite fails while a route of App.tsx is missing here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import type { RoomView } from '#libs/contracts';
import { createCity, createPerson, type TestPerson } from '../factories/accounts.js';
import type { Http } from '../support/http.js';
import { connectLive, connected, emitAck } from '../support/live-client.js';

export type Who = 'visitor' | 'coordinator' | 'mayor' | 'practitioner' | 'admin';

export interface World {
  admin: TestPerson;
  coordinator: TestPerson;
  mayor: TestPerson;
  practitioner: TestPerson;
  rotterdam: { id: string; name: string };
  denver: { id: string; name: string };
  munich: { id: string; name: string };
  /** Hosted by the coordinator; the mayor participates, the practitioner observes. */
  exchangeId: string;
  /** Hosted by the coordinator; the practitioner is not a member. */
  otherExchangeId: string;
  /** Starts in a few minutes, so its room is open. */
  sessionId: string;
  lobbyId: string;
  sessionRoomId: string;
  inviteToken: string;
  /** A message in the outgoing-mail folder (the invitation's). */
  mailId: string;
  /** A question in the exchange, answered, with nested replies (the mayor replied). */
  threadId: string;
  /** A thread in the network commons. */
  commonsThreadId: string;
  /** A public practice (English, translated into French), by its slug. */
  practiceSlug: string;
  /** The mayor's practice in review, a researcher assigned, with a comment. */
  practiceInReviewId: string;
  /** The mayor's draft. */
  practiceDraftId: string;
}

export interface PageVisit {
  /** The route of App.tsx this visit covers. */
  route: string;
  /** What the visit shows, when one route is visited more than once. */
  what?: string;
  as: Who;
  path: (world: World) => string;
  /** Waits until the page shows what it is about (beyond its heading and loading states). */
  ready?: (page: Page) => Promise<void>;
}

const shows = (selector: string) => async (page: Page) => {
  await page.locator(selector).first().waitFor();
};

export const PAGES: PageVisit[] = [
  { route: '/sign-in', as: 'visitor', path: () => '/sign-in' },
  {
    route: '/invite/:token',
    as: 'visitor',
    path: (w) => `/invite/${w.inviteToken}`,
    ready: shows('form select'),
  },
  { route: '/forgot-password', as: 'visitor', path: () => '/forgot-password' },
  {
    route: '/reset-password/:token',
    as: 'visitor',
    path: () => '/reset-password/an-expired-or-unknown-reset-link',
  },
  { route: '/', as: 'mayor', path: () => '/' },
  {
    route: '/practitioners',
    as: 'practitioner',
    path: () => '/practitioners',
    ready: shows('.card'),
  },
  {
    route: '/practitioners/:id',
    what: 'a mayor with working hours and themes',
    as: 'practitioner',
    path: (w) => `/practitioners/${w.mayor.id}`,
    ready: shows('.chips'),
  },
  {
    route: '/practitioners/:id',
    what: 'account actions for a coordinator',
    as: 'coordinator',
    path: (w) => `/practitioners/${w.practitioner.id}`,
    ready: shows('.panel button'),
  },
  { route: '/cities', as: 'mayor', path: () => '/cities', ready: shows('.card') },
  {
    route: '/cities/:id',
    what: 'read-only',
    as: 'mayor',
    path: (w) => `/cities/${w.rotterdam.id}`,
    ready: shows('.card'),
  },
  { route: '/me', as: 'practitioner', path: () => '/me', ready: shows('form select') },
  { route: '/exchanges', as: 'mayor', path: () => '/exchanges', ready: shows('.card') },
  {
    route: '/exchanges/:id',
    what: 'as its host',
    as: 'coordinator',
    path: (w) => `/exchanges/${w.exchangeId}`,
    ready: async (page) => {
      await page.getByTestId('members').waitFor();
      await page.locator('.requests .card').first().waitFor();
      await page.getByTestId('rooms').waitFor();
    },
  },
  {
    route: '/exchanges/:id',
    what: 'as a participant',
    as: 'mayor',
    path: (w) => `/exchanges/${w.exchangeId}`,
    ready: async (page) => {
      await page.getByTestId('members').waitFor();
      await page.getByTestId('rooms').waitFor();
    },
  },
  {
    route: '/exchanges/:id',
    what: 'to someone who may ask to join',
    as: 'practitioner',
    path: (w) => `/exchanges/${w.otherExchangeId}`,
    ready: shows('form textarea'),
  },
  {
    route: '/exchanges/new',
    as: 'coordinator',
    path: () => '/exchanges/new',
    ready: shows('input[type="checkbox"]'),
  },
  {
    route: '/exchanges/:id/edit',
    as: 'coordinator',
    path: (w) => `/exchanges/${w.exchangeId}/edit`,
    ready: shows('input[type="checkbox"]'),
  },
  {
    route: '/exchanges/:id/sessions/new',
    as: 'coordinator',
    path: (w) => `/exchanges/${w.exchangeId}/sessions/new`,
    ready: shows('form select'),
  },
  {
    route: '/exchanges/:id/sessions/:sessionId',
    what: 'as a participant',
    as: 'mayor',
    path: (w) => `/exchanges/${w.exchangeId}/sessions/${w.sessionId}`,
    ready: shows('.join-room a'),
  },
  {
    route: '/exchanges/:id/sessions/:sessionId',
    what: 'as its host',
    as: 'coordinator',
    path: (w) => `/exchanges/${w.exchangeId}/sessions/${w.sessionId}`,
    ready: shows('.join-room a'),
  },
  {
    route: '/notifications',
    as: 'mayor',
    path: () => '/notifications',
    ready: shows('[data-testid="notification"]'),
  },
  {
    route: '/rooms/:roomId',
    what: 'a lobby, as a participant',
    as: 'mayor',
    path: (w) => `/rooms/${w.lobbyId}`,
    ready: shows('[data-testid="message"]'),
  },
  {
    route: '/rooms/:roomId',
    what: 'a session room, as an observer',
    as: 'practitioner',
    path: (w) => `/rooms/${w.sessionRoomId}`,
    ready: shows('[data-testid="read-only"]'),
  },
  {
    route: '/rooms/:roomId',
    what: 'a session room, as its moderator',
    as: 'coordinator',
    path: (w) => `/rooms/${w.sessionRoomId}`,
    ready: shows('.presence button'),
  },
  {
    route: '/cities/new',
    as: 'coordinator',
    path: () => '/cities/new',
    ready: shows('form select'),
  },
  {
    route: '/cities/:id/edit',
    as: 'coordinator',
    path: (w) => `/cities/${w.denver.id}/edit`,
    ready: shows('form select'),
  },
  {
    route: '/invitations',
    as: 'coordinator',
    path: () => '/invitations',
    ready: shows('.table tbody tr'),
  },
  {
    route: '/admin/mail',
    as: 'admin',
    path: () => '/admin/mail',
    ready: shows('main table, main ul'),
  },
  {
    route: '/admin/mail/:id',
    as: 'admin',
    path: (w) => `/admin/mail/${w.mailId}`,
  },
  {
    route: '/commons',
    as: 'practitioner',
    path: () => '/commons',
    ready: shows('[data-testid="thread-item"]'),
  },
  {
    route: '/exchanges/:id/threads',
    as: 'mayor',
    path: (w) => `/exchanges/${w.exchangeId}/threads`,
    ready: shows('[data-testid="thread-item"]'),
  },
  {
    route: '/threads/new',
    as: 'mayor',
    path: (w) => `/threads/new?exchangeId=${w.exchangeId}`,
    ready: shows('form textarea'),
  },
  {
    route: '/threads/:id',
    what: 'a question with nested replies, as a participant',
    as: 'mayor',
    path: (w) => `/threads/${w.threadId}`,
    ready: shows('[data-testid="post"] .reactions'),
  },
  {
    route: '/threads/:id',
    what: 'as its moderator',
    as: 'coordinator',
    path: (w) => `/threads/${w.threadId}`,
    ready: shows('.thread-moderation button'),
  },
  {
    route: '/threads/:id',
    what: 'as an observer, read-only',
    as: 'practitioner',
    path: (w) => `/threads/${w.threadId}`,
    ready: shows('[data-testid="post"]'),
  },
  {
    route: '/threads/:id',
    what: 'in the commons',
    as: 'practitioner',
    path: (w) => `/threads/${w.commonsThreadId}`,
    ready: shows('form textarea'),
  },
  {
    route: '/practices',
    what: 'without an account',
    as: 'visitor',
    path: () => '/practices',
    ready: shows('[data-testid="practice-result"]'),
  },
  {
    route: '/practices',
    what: 'a search with facets',
    as: 'practitioner',
    path: () => '/practices?q=radicalisering&evidence=monitored',
    ready: shows('[data-testid="expansions"]'),
  },
  {
    route: '/practices/:ref',
    what: 'a public entry without an account',
    as: 'visitor',
    path: (w) => `/practices/${w.practiceSlug}`,
    ready: shows('[data-testid="practice"]'),
  },
  {
    route: '/practices/:ref',
    what: 'its author, with versions',
    as: 'mayor',
    path: (w) => `/practices/${w.practiceSlug}`,
    ready: shows('[data-testid="versions"]'),
  },
  {
    route: '/practices/new',
    as: 'practitioner',
    path: () => '/practices/new',
    ready: shows('form select'),
  },
  {
    route: '/practices/mine',
    as: 'mayor',
    path: () => '/practices/mine',
    ready: shows('[data-testid="practice-item"]'),
  },
  {
    route: '/practices/:id/edit',
    as: 'mayor',
    path: (w) => `/practices/${w.practiceDraftId}/edit`,
    ready: shows('[data-testid="save-status"]'),
  },
  {
    route: '/practices/:id/review',
    as: 'coordinator',
    path: (w) => `/practices/${w.practiceInReviewId}/review`,
    ready: shows('[data-testid="review-comments"]'),
  },
  {
    route: '/practices/compendium',
    as: 'coordinator',
    path: () => '/practices/compendium',
    ready: shows('[data-testid="compendium-entries"] input'),
  },
  {
    route: '/moderation',
    what: 'the review queue, as a coordinator',
    as: 'coordinator',
    path: () => '/moderation',
    ready: shows('[data-testid="queue-flag"]'),
  },
  {
    route: '/moderation',
    what: 'the audit log',
    as: 'coordinator',
    path: () => '/moderation?view=log',
    ready: shows('main table, main .empty'),
  },
  {
    route: '/moderation',
    what: 'to someone who moderates nothing',
    as: 'practitioner',
    path: () => '/moderation',
    ready: shows('[data-testid="cannot-moderate"]'),
  },
  { route: '*', as: 'practitioner', path: () => '/no-such-page' },
];

/** Every `path: '…'` of the router in App.tsx. */
export function appRoutes(): string[] {
  const source = readFileSync(path.resolve('apps/web/src/App.tsx'), 'utf8');
  return [...source.matchAll(/path:\s*'([^']+)'/g)].map((match) => match[1]!);
}

async function ok(http: Http, method: string, url: string, token: string, body?: unknown) {
  const res = await http(method, url, { token, body });
  if (res.status >= 300)
    throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Builds the network every page shows, through the API (and a live connection for messages). */
export async function buildWorld(
  dataSource: DataSource,
  http: Http,
  baseUrl: string,
): Promise<World> {
  const suffix = Math.random().toString(36).slice(2, 6);
  const rotterdam = await createCity(dataSource, {
    name: `Rotterdam ${suffix}`,
    countryCode: 'NL',
    region: 'europe',
    timeZone: 'Europe/Amsterdam',
  });
  const denver = await createCity(dataSource, {
    name: `Denver ${suffix}`,
    countryCode: 'US',
    region: 'north-america',
    timeZone: 'America/Denver',
  });
  const munich = await createCity(dataSource, {
    name: `München ${suffix}`,
    countryCode: 'DE',
    region: 'europe',
    timeZone: 'Europe/Berlin',
  });
  await dataSource.query(
    `UPDATE cities SET population = 655468, languages = '{nl,en}' WHERE id = $1`,
    [rotterdam.id],
  );
  await dataSource.query(
    `UPDATE cities SET population = 715522, subdivision = 'US-CO', languages = '{en,es}' WHERE id = $1`,
    [denver.id],
  );
  const coordinator = await createPerson(dataSource, http, {
    role: 'coordinator',
    displayName: `Inès Moreau ${suffix}`,
    position: 'coordinator',
    timeZone: 'Europe/Amsterdam',
    cityId: rotterdam.id,
    languages: ['fr', 'en'],
  });
  const mayor = await createPerson(dataSource, http, {
    displayName: `Rosa Delgado ${suffix}`,
    position: 'mayor',
    timeZone: 'America/Denver',
    cityId: denver.id,
    languages: ['en', 'es'],
  });
  const practitioner = await createPerson(dataSource, http, {
    displayName: `Jonas Schneider ${suffix}`,
    position: 'practitioner',
    timeZone: 'Europe/Berlin',
    cityId: munich.id,
    languages: ['de', 'en'],
  });
  const researcher = await createPerson(dataSource, http, {
    displayName: `Sanne de Vries ${suffix}`,
    position: 'researcher',
    timeZone: 'Europe/Amsterdam',
    cityId: rotterdam.id,
  });
  await ok(http, 'PATCH', '/api/me', mayor.token, {
    workingHours: { days: [1, 2, 3, 4, 5], start: '08:00', end: '17:00' },
    themes: ['online-hate', 'polarization', 'community-resilience'],
    organisation: `City and County of Denver`,
    bio: 'Mayor. Works with schools and faith communities after incidents of hate.',
  });
  await ok(http, 'PATCH', '/api/me', practitioner.token, {
    workingHours: { days: [1, 2, 3, 4], start: '09:00', end: '18:00' },
    themes: ['youth-engagement', 'far-right-violent-extremism'],
  });

  const exchange = await ok(http, 'POST', '/api/exchanges', coordinator.token, {
    title: `Rotterdam–Denver–München ${suffix}`,
    description:
      'We compare **local responses** to online hate:\n\n- schools\n- police\n- city hall',
    themes: ['online-hate', 'youth-engagement', 'returning-foreign-fighters'],
    cityIds: [rotterdam.id, denver.id, munich.id],
    attribution: 'chatham-house',
  });
  await ok(http, 'POST', `/api/exchanges/${exchange.id}/members`, coordinator.token, {
    practitionerId: mayor.id,
    role: 'participant',
  });
  await ok(http, 'POST', `/api/exchanges/${exchange.id}/members`, coordinator.token, {
    practitionerId: practitioner.id,
    role: 'observer',
  });
  await ok(http, 'POST', `/api/exchanges/${exchange.id}/join-requests`, researcher.token, {
    message: 'I evaluate prevention programmes in Rotterdam schools.',
  });
  const other = await ok(http, 'POST', '/api/exchanges', coordinator.token, {
    title: `Lyon–Boston ${suffix}`,
    themes: ['polarization'],
    cityIds: [denver.id],
    attribution: 'named',
  });

  const minute = 60_000;
  const soon = Math.ceil((Date.now() + 10 * minute) / minute) * minute;
  const session = await ok(
    http,
    'POST',
    `/api/exchanges/${exchange.id}/sessions`,
    coordinator.token,
    {
      kind: 'roundtable',
      title: `Schools after an attack ${suffix}`,
      agenda: '1. Cases from three cities\n2. What a mayor can say on the first day',
      startsAt: new Date(soon).toISOString(),
      endsAt: new Date(soon + 90 * minute).toISOString(),
      hostTimeZone: 'Europe/Amsterdam',
      online: true,
      venue: { name: 'Stadhuis', cityId: rotterdam.id },
    },
  );
  await ok(http, 'POST', `/api/exchanges/${exchange.id}/sessions`, coordinator.token, {
    kind: 'workshop',
    title: `Youth workers and the police ${suffix}`,
    startsAt: new Date(soon + 7 * 24 * 60 * minute).toISOString(),
    endsAt: new Date(soon + 7 * 24 * 60 * minute + 60 * minute).toISOString(),
    hostTimeZone: 'America/Denver',
    online: true,
  });
  const rooms = (await ok(
    http,
    'GET',
    `/api/exchanges/${exchange.id}/rooms`,
    coordinator.token,
  )) as RoomView[];
  const lobby = rooms.find((room) => room.kind === 'lobby')!;
  const sessionRoom = rooms.find((room) => room.sessionId === session.id)!;

  // A conversation in the lobby and a question in the session room, from both sides.
  const sockets = [connectLive(baseUrl, coordinator.token), connectLive(baseUrl, mayor.token)];
  try {
    await Promise.all(sockets.map((socket) => connected(socket)));
    const say = async (index: number, roomId: string, body: string, isQuestion = false) => {
      await emitAck(sockets[index]!, 'room.join', { roomId });
      const ack = await emitAck(sockets[index]!, 'message.send', {
        roomId,
        clientMessageId: `${roomId}-${body.length}-${index}`,
        body,
        isQuestion: isQuestion || undefined,
      });
      if (!ack.ok) throw new Error(`message.send: ${JSON.stringify(ack)}`);
    };
    await say(0, lobby.id, 'Welcome! The roundtable starts in a few minutes.');
    await say(1, lobby.id, 'Thank you. Denver is joining from city hall.');
    await say(1, sessionRoom.id, 'How did you talk to parents on the first day?', true);
  } finally {
    for (const socket of sockets) socket.close();
  }

  const invitation = await ok(http, 'POST', '/api/invitations', coordinator.token, {
    email: `jean-baptiste.delacroix-montgolfier.${suffix}@strasbourg-eurometropole.example`,
    networkRole: 'member',
    cityId: munich.id,
  });
  await ok(http, 'POST', '/api/invitations', coordinator.token, {
    email: `deputy.${suffix}@boston.example`,
    networkRole: 'coordinator',
  });
  const inviteToken = (invitation.inviteUrl as string).split('/invite/')[1];
  const admin = await createPerson(dataSource, http, {
    role: 'admin',
    displayName: `Admin ${suffix}`,
    timeZone: 'Europe/Amsterdam',
  });
  // The invitations' mail is delivered by a job after the answer: wait for the first.
  let mailId: string | undefined;
  for (let attempt = 0; attempt < 100 && !mailId; attempt += 1) {
    const mail = (await ok(http, 'GET', '/api/admin/mail', admin.token)) as {
      items: Array<{ id: string }>;
    };
    mailId = mail.items[0]?.id;
    if (!mailId) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!mailId) throw new Error('no outgoing mail to show');

  // A question in the exchange with an answer, a nested branch, reactions and a mention; and a
  // thread in the commons.
  const clientId = (n: number) => `world-${suffix}-${n}-thread`;
  const question = await ok(http, 'POST', '/api/threads', coordinator.token, {
    exchangeId: exchange.id,
    title: `How did schools talk to parents? ${suffix}`,
    kind: 'question',
    themes: ['online-hate'],
    language: 'en',
    body: 'After the attack, **what did schools say on the first day**? Links welcome: https://example.org/guide',
    clientId: clientId(1),
  });
  const threadId = question.thread.id as string;
  const answer = await ok(http, 'POST', `/api/threads/${threadId}/posts`, mayor.token, {
    body: 'Denver sent a letter home the same evening, in English and Spanish.',
    language: 'en',
    clientId: clientId(2),
  });
  const nested = await ok(http, 'POST', `/api/threads/${threadId}/posts`, coordinator.token, {
    parentPostId: answer.id,
    body: `Thank you [@Rosa](mention:${mayor.id}): could you share the letter?`,
    language: 'en',
    clientId: clientId(3),
  });
  await ok(http, 'POST', `/api/threads/${threadId}/posts`, mayor.token, {
    parentPostId: nested.id,
    body: 'Yes — attached to the session notes.',
    language: 'en',
    clientId: clientId(4),
  });
  await ok(http, 'PUT', `/api/threads/${threadId}/answer`, coordinator.token, {
    postId: answer.id,
  });
  await ok(http, 'PUT', `/api/posts/${answer.id}/reactions/heart`, coordinator.token, {});
  // A report waiting in the coordinator's review queue (not a serious reason: the post stays).
  await ok(http, 'POST', '/api/flags', practitioner.token, {
    subjectType: 'post',
    subjectId: answer.id,
    reason: 'off-topic',
    text: 'This belongs in the session notes.',
  });
  const commons = await ok(http, 'POST', '/api/threads', practitioner.token, {
    title: `Jugendarbeit und Polizei ${suffix}`,
    kind: 'lesson-learned',
    language: 'de',
    body: 'Was hat in München funktioniert, was nicht?',
    clientId: clientId(5),
  });
  // The practice library: a public entry, one in review with a comment, a draft.
  const entry = (title: string) => ({
    originalLanguage: 'en',
    visibility: 'network',
    themes: ['online-hate'],
    targetGroups: ['youth', 'schools'],
    evidenceLevel: 'monitored',
    periodStart: '2021-03',
    cityIds: [denver.id],
    texts: [
      {
        language: 'en',
        title,
        summary: 'Schools and youth workers answer radicalisation online within a day.',
        challenge: 'Students met recruiters in **gaming chats**.',
        approach: 'Youth workers and teachers meet weekly:\n\n- a hotline\n- a mentor',
        lessonsWorked: 'Trust first.',
      },
    ],
  });
  const published = await ok(http, 'POST', '/api/practices', mayor.token, {
    ...entry(`Youth workers online after an attack ${suffix}`),
    texts: [
      ...entry(`Youth workers online after an attack ${suffix}`).texts,
      {
        language: 'fr',
        title: `Animateurs en ligne après un attentat ${suffix}`,
        summary: 'Les écoles et les animateurs répondent à la radicalisation en ligne.',
      },
    ],
  });
  await ok(http, 'POST', `/api/practices/${published.id}/submit`, mayor.token);
  await ok(http, 'POST', `/api/practices/${published.id}/reviewers`, coordinator.token, {
    practitionerId: researcher.id,
  });
  await ok(http, 'POST', `/api/practices/${published.id}/approve`, researcher.token, {});
  const done = await ok(http, 'POST', `/api/practices/${published.id}/publish`, coordinator.token, {
    visibility: 'public',
  });
  const inReview = await ok(
    http,
    'POST',
    '/api/practices',
    mayor.token,
    entry(`Mentors at school ${suffix}`),
  );
  await ok(http, 'POST', `/api/practices/${inReview.id}/submit`, mayor.token);
  await ok(http, 'POST', `/api/practices/${inReview.id}/reviewers`, coordinator.token, {
    practitionerId: researcher.id,
  });
  await ok(http, 'POST', `/api/practices/${inReview.id}/comments`, researcher.token, {
    field: 'lessonsWorked',
    language: 'en',
    body: 'How did you build that trust?',
  });
  const draft = await ok(http, 'POST', '/api/practices', mayor.token, entry(`A draft ${suffix}`));

  return {
    admin,
    coordinator,
    mayor,
    practitioner,
    rotterdam,
    denver,
    munich,
    exchangeId: exchange.id,
    otherExchangeId: other.id,
    sessionId: session.id,
    lobbyId: lobby.id,
    sessionRoomId: sessionRoom.id,
    inviteToken: inviteToken!,
    mailId,
    threadId,
    commonsThreadId: commons.thread.id as string,
    practiceSlug: done.slug,
    practiceInReviewId: inReview.id,
    practiceDraftId: draft.id,
  };
}
