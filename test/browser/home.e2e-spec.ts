// The home page in a real browser against the real API: a mayor on a phone in French (a badge
// that ticks, one click into the open room, what changed since the last visit), a practitioner
// on a desktop in English and Dutch (times on their profile's clock and the host's), and a
// coordinator on a desktop in German (requests, invitations, quiet exchanges, dormant accounts).
// Every page checked with axe and for horizontal scrolling.
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { SessionView } from '#libs/contracts';
import {
  createCity,
  createPerson,
  FACTORY_PASSWORD,
  type TestPerson,
} from '../factories/accounts.js';
import { httpClient, type Http } from '../support/http.js';
import { connectLive, connected, emitAck } from '../support/live-client.js';
import {
  browserSuite,
  expectAccessible,
  heading,
  launchBrowser,
  chooseLanguage,
} from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  addMember,
  createExchange,
  DAY,
  fromNow,
  HOUR,
  scheduleSession,
} from '../exchanges/exchange-helpers.js';

const suite = browserSuite();
const MINUTE = 60_000;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

const SIGN_IN = {
  en: { title: 'Sign in', email: 'Email address', password: 'Password', submit: 'Sign in' },
  fr: {
    title: 'Connexion',
    email: 'Adresse e-mail',
    password: 'Mot de passe',
    submit: 'Se connecter',
  },
  de: { title: 'Anmelden', email: 'E-Mail-Adresse', password: 'Passwort', submit: 'Anmelden' },
} as const;

/** Signs in through the form in the page's language and waits for the home page's heading. */
async function signInTo(
  page: Page,
  person: TestPerson,
  language: keyof typeof SIGN_IN,
  home: string,
): Promise<void> {
  const labels = SIGN_IN[language];
  await heading(page, labels.title);
  await page.getByLabel(labels.email).fill(person.email);
  await page.getByLabel(labels.password).fill(FACTORY_PASSWORD);
  await page.getByRole('button', { name: labels.submit, exact: true }).click();
  await heading(page, home);
  expect(new URL(page.url()).pathname).toBe('/');
}

async function expectNoHorizontalScroll(page: Page, what: string): Promise<void> {
  // The elements that stick out are named in the failure, to find them without a screenshot.
  const wider = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    return [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > width)
      .slice(-5)
      .map(
        (e) =>
          `${e.tagName.toLowerCase()}.${e.className} ends at ${e.getBoundingClientRect().right}`,
      );
  });
  expect({ what, wider }).toEqual({ what, wider: [] });
}

/** "09:00–10:00": a session's clocks in a zone, as the web client writes them. */
function clocksIn(locale: string, timeZone: string, startsAt: string, endsAt: string): string {
  const clock = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  });
  return `${clock.format(new Date(startsAt))}–${clock.format(new Date(endsAt))}`;
}

/**
 * "Mon, Nov 30, 09:00–10:00": the same with its day; a range that crosses midnight on this clock
 * names both days ("Tue, Dec 1, 22:59 – Wed, Dec 2, 00:29").
 */
function rangeIn(locale: string, timeZone: string, startsAt: string, endsAt: string): string {
  const dayOf = (iso: string) =>
    new Intl.DateTimeFormat(locale, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      timeZone,
    }).format(new Date(iso));
  if (dayOf(startsAt) !== dayOf(endsAt)) {
    const [from, until] = clocksIn(locale, timeZone, startsAt, endsAt).split('–');
    return `${dayOf(startsAt)}, ${from} – ${dayOf(endsAt)}, ${until}`;
  }
  return `${dayOf(startsAt)}, ${clocksIn(locale, timeZone, startsAt, endsAt)}`;
}

suite('the home page in the web client', () => {
  let t: TestApp;
  let http: Http;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let coordinator: TestPerson;
  let mayor: TestPerson;
  let practitioner: TestPerson;
  let outsider: TestPerson;
  const suffix = Math.random().toString(36).slice(2, 8);
  const titles = {
    e1: `Online hate after an attack ${suffix}`,
    e2: `Youth work across the Atlantic ${suffix}`,
    quiet: `Returning families ${suffix}`,
    soon: `Roundtable on local response ${suffix}`,
    later: `Workshop on detection ${suffix}`,
  };
  let e1: { id: string };
  let soon: SessionView;
  let later: SessionView;

  async function newPage(options: {
    locale: string;
    timezoneId: string;
    viewport: { width: number; height: number };
  }): Promise<Page> {
    const context = await browser.newContext({ baseURL: t.baseUrl, ...options });
    contexts.push(context);
    return context.newPage();
  }

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    const rotterdam = await createCity(t.dataSource, {
      name: `Rotterdam ${suffix}`,
      timeZone: 'Europe/Amsterdam',
    });
    const denver = await createCity(t.dataSource, {
      name: `Denver ${suffix}`,
      countryCode: 'US',
      region: 'north-america',
      timeZone: 'America/Denver',
    });
    coordinator = await createPerson(t.dataSource, http, {
      role: 'coordinator',
      displayName: `Coordinator ${suffix}`,
      timeZone: 'Europe/Berlin',
    });
    mayor = await createPerson(t.dataSource, http, {
      displayName: `Ahmed Mayor ${suffix}`,
      position: 'mayor',
      cityId: rotterdam.id,
      timeZone: 'Europe/Amsterdam',
    });
    practitioner = await createPerson(t.dataSource, http, {
      displayName: `Rosa Delgado ${suffix}`,
      position: 'practitioner',
      cityId: denver.id,
      timeZone: 'America/Denver',
    });
    outsider = await createPerson(t.dataSource, http, { displayName: `Olga Outsider ${suffix}` });

    e1 = await createExchange(http, coordinator, { title: titles.e1, status: 'active' });
    const e2 = await createExchange(http, coordinator, { title: titles.e2, status: 'active' });
    await createExchange(http, coordinator, { title: titles.quiet });
    for (const exchange of [e1, e2]) {
      await addMember(http, coordinator, exchange.id, mayor, 'participant');
      await addMember(http, coordinator, exchange.id, practitioner, 'participant');
    }
    soon = await scheduleSession(http, coordinator, e1.id, {
      title: titles.soon,
      startsAt: fromNow(12 * MINUTE),
      endsAt: fromNow(12 * MINUTE + HOUR),
      hostTimeZone: 'Europe/Amsterdam',
    });
    later = await scheduleSession(http, coordinator, e2.id, {
      title: titles.later,
      startsAt: fromNow(2 * DAY),
      endsAt: fromNow(2 * DAY + 90 * MINUTE),
      hostTimeZone: 'Europe/Amsterdam',
    });
    await http('POST', `/api/exchanges/${e1.id}/join-requests`, {
      token: outsider.token,
      body: { message: 'Our city faces the same.' },
    });
    await http('POST', '/api/invitations', {
      token: coordinator.token,
      body: { email: `newcomer.${suffix}@lyon.example`, networkRole: 'member' },
    });
    await t.dataSource.query(
      `INSERT INTO practitioners (email, display_name, network_role, status, time_zone)
       VALUES ($1, $2, 'member', 'active', 'Europe/Paris')`,
      [`dormant.${suffix}@lyon.example`, `Dora Dormant ${suffix}`],
    );
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await t?.close();
  });

  it('gives a mayor on a phone, in French, a ticking badge and one click into the open room', async () => {
    // The mayor saw the exchange; then the practitioner wrote in its lobby.
    expect((await http('GET', `/api/exchanges/${e1.id}`, { token: mayor.token })).status).toBe(200);
    const rooms = await http('GET', `/api/exchanges/${e1.id}/rooms`, {
      token: practitioner.token,
    });
    const lobbyId = rooms.body.find((r: { kind: string }) => r.kind === 'lobby').id;
    const socket = connectLive(t.baseUrl, practitioner.token);
    await connected(socket);
    await emitAck(socket, 'room.join', { roomId: lobbyId });
    const sent = await emitAck(socket, 'message.send', {
      roomId: lobbyId,
      clientMessageId: `home-${suffix}`,
      body: 'Good morning from Denver',
    });
    expect(sent.ok).toBe(true);
    socket.close();

    const page = await newPage({
      locale: 'fr-FR',
      timezoneId: 'Europe/Amsterdam',
      viewport: PHONE,
    });
    // The page's clock runs from exactly 12 minutes before the session (the server's is real).
    await page.clock.install({ time: Date.parse(soon.startsAt) - 12 * MINUTE });
    await page.goto('/');
    await signInTo(page, mayor, 'fr', 'Accueil');

    const sessions = page.getByTestId('home-session');
    await sessions.first().waitFor();
    await expect(sessions.allInnerTexts()).resolves.toHaveLength(2);
    const first = sessions.nth(0);
    await expect(first.getByRole('heading', { level: 3 }).innerText()).resolves.toBe(titles.soon);
    await expect(first.getByTestId('session-badge').innerText()).resolves.toBe(
      'Commence dans 12 min',
    );
    await expect(sessions.nth(1).getByTestId('session-badge').count()).resolves.toBe(0);
    await expect(sessions.nth(1).getByRole('heading', { level: 3 }).innerText()).resolves.toBe(
      titles.later,
    );
    // The room of the session two days away is not open: no way in yet.
    await expect(
      sessions
        .nth(1)
        .getByRole('link', { name: /Rejoindre la salle/ })
        .count(),
    ).resolves.toBe(0);
    await expect(first.getByTestId('session-time').innerText()).resolves.toContain(
      `${rangeIn('fr', 'Europe/Amsterdam', soon.startsAt, soon.endsAt)} (chez vous)`,
    );

    // What changed since the visit: the practitioner's message.
    const card = page.getByTestId('home-exchange').filter({ hasText: titles.e1 });
    await expect(card.getByTestId('changes').innerText()).resolves.toBe(
      'Nouveaux messages\u00a0: 1',
    );
    await expectAccessible(page, 'home (mayor, phone, fr)');
    await expectNoHorizontalScroll(page, 'home (mayor, phone, fr)');

    // The badge ticks without a reload, and turns to "live" at the start.
    await page.clock.fastForward('02:00');
    await first.getByTestId('session-badge').getByText('Commence dans 10 min').waitFor();
    await page.clock.fastForward('10:00');
    await first.getByTestId('session-badge').getByText('En direct').waitFor();

    await first
      .getByRole('link', { name: new RegExp(`^Rejoindre la salle.*${titles.soon}$`) })
      .click();
    await heading(page, titles.soon);
    expect(new URL(page.url()).pathname).toMatch(/^\/rooms\/[0-9a-f-]{36}$/);

    // Opening the exchange is a visit: back home, nothing is new any more.
    await page.goto(`/exchanges/${e1.id}`);
    await heading(page, titles.e1);
    await page.goto('/');
    await heading(page, 'Accueil');
    await page
      .getByTestId('home-exchange')
      .filter({ hasText: titles.e1 })
      .getByText('Rien de nouveau depuis votre dernière visite.')
      .waitFor();
  });

  it("shows a practitioner on a desktop their sessions on their profile's clock and the host's", async () => {
    // Travelling: the browser is in New York, the profile says Denver.
    const page = await newPage({
      locale: 'en-US',
      timezoneId: 'America/New_York',
      viewport: DESKTOP,
    });
    await page.goto('/sign-in');
    await signInTo(page, practitioner, 'en', 'Home');
    const sessions = page.getByTestId('home-session');
    await sessions.first().waitFor();
    const time = await sessions.nth(1).getByTestId('session-time').innerText();
    const mine = rangeIn('en', 'America/Denver', later.startsAt, later.endsAt);
    const hosts = rangeIn('en', 'Europe/Amsterdam', later.startsAt, later.endsAt);
    // The host's day is named only when it is not the reader's (its end's day still is, when the
    // session crosses midnight on the host's clock: "22:44 – Thu, Dec 3, 00:14").
    const sameDay = mine.split(', ').slice(0, 2).join() === hosts.split(', ').slice(0, 2).join();
    expect(time).toBe(
      `${mine} (your time) · ` +
        `${sameDay ? hosts.split(', ').slice(2).join(', ') : hosts} in Amsterdam (host)`,
    );
    await expect(
      sessions
        .nth(0)
        .getByRole('link', { name: new RegExp(`^Join the room.*${titles.soon}$`) })
        .isVisible(),
    ).resolves.toBe(true);
    await expect(sessions.nth(0).getByTestId('session-badge').innerText()).resolves.toMatch(
      /^Starts in 1[0-3] min$/,
    );
    // They never opened the exchange: what others did since they joined is news (their own
    // message in its lobby is not).
    const card = page.getByTestId('home-exchange').filter({ hasText: titles.e1 });
    await card.getByText(/^Since you joined \(/).waitFor();
    await expect(card.getByTestId('changes').innerText()).resolves.toBe('New sessions: 1');
    // Two notifications about being added, two about sessions: unread, listed here.
    const notifications = page.getByTestId('home-notifications');
    await notifications.getByText('Unread: 4').waitFor();
    await expect(notifications.getByTestId('notification').count()).resolves.toBe(4);
    // Members see no coordinators' sections.
    for (const section of ['joinRequests', 'invitations', 'quietExchanges', 'neverSignedIn'])
      await expect(page.getByTestId(`home-${section}`).count()).resolves.toBe(0);
    await expectAccessible(page, 'home (practitioner, desktop, en)');
    await expectNoHorizontalScroll(page, 'home (practitioner, desktop, en)');

    // The header leads home from anywhere.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Exchanges' })
      .click();
    await heading(page, 'Exchanges');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Home' })
      .click();
    await heading(page, 'Home');

    // In Dutch, on a phone-sized window.
    await page.setViewportSize(PHONE);
    await chooseLanguage(page, 'nl');
    await heading(page, 'Startpagina');
    await page.getByRole('heading', { level: 2, name: 'Uw volgende sessies' }).waitFor();
    await page.getByText('Ongelezen: 4').waitFor();
    await expectAccessible(page, 'home (practitioner, phone, nl)');
    await expectNoHorizontalScroll(page, 'home (practitioner, phone, nl)');
  });

  it('gives a coordinator on a desktop, in German, what waits for them', async () => {
    const page = await newPage({ locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: DESKTOP });
    await page.goto('/');
    await signInTo(page, coordinator, 'de', 'Startseite');

    const requests = page.getByTestId('home-joinRequests');
    await requests.getByRole('heading', { name: 'Beitrittsanfragen' }).waitFor();
    const request = requests.getByTestId('home-join-request');
    await expect(request.count()).resolves.toBe(1);
    await request.getByRole('link', { name: outsider.displayName, exact: true }).waitFor();
    await request.getByText('Our city faces the same.').waitFor();

    const invitations = page.getByTestId('home-invitations');
    await invitations.getByRole('heading', { name: 'Offene Einladungen' }).waitFor();
    await expect(invitations.getByTestId('home-invitation').allInnerTexts()).resolves.toEqual([
      expect.stringContaining(`newcomer.${suffix}@lyon.example`),
    ]);

    const quiet = page.getByTestId('home-quietExchanges');
    await quiet.getByRole('heading', { name: 'Austausche ohne anstehende Sitzung' }).waitFor();
    await expect(quiet.getByTestId('home-quiet-exchange').allInnerTexts()).resolves.toEqual([
      expect.stringContaining(titles.quiet),
    ]);
    await quiet.getByText('Noch keine Sitzung').waitFor();

    const dormant = page.getByTestId('home-neverSignedIn');
    await dormant
      .getByRole('heading', { name: 'Mitglieder, die sich nie angemeldet haben' })
      .waitFor();
    await expect(dormant.getByTestId('home-never-signed-in').allInnerTexts()).resolves.toEqual([
      expect.stringContaining(`Dora Dormant ${suffix}`),
    ]);
    await expectAccessible(page, 'home (coordinator, desktop, de)');
    await expectNoHorizontalScroll(page, 'home (coordinator, desktop, de)');

    // A request leads to the exchange page, where the hosts decide.
    await request.getByRole('link', { name: /Anfrage prüfen/ }).click();
    await heading(page, titles.e1);
    await page.getByRole('heading', { level: 2, name: 'Beitrittsanfragen' }).waitFor();
  });
});
