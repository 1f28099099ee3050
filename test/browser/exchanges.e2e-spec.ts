// Exchanges in a real browser against the real API: a coordinator in Amsterdam creates an
// exchange between Rotterdam and Denver, adds members, finds a time that suits both sides of the
// Atlantic and schedules it; a participant in Denver sees it on their own clock, is notified,
// and downloads the calendar entry. Every page checked with axe.
import { DateTime } from 'luxon';
import { readFileSync } from 'node:fs';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { PersonAvailability, SessionView, TimeSuggestionsView } from '#libs/contracts';
import { addMember, createExchange } from '../exchanges/exchange-helpers.js';
import { createCity, createPerson, type TestPerson } from '../factories/accounts.js';
import { httpClient, type Http } from '../support/http.js';
import {
  browserSuite,
  expectAccessible,
  heading,
  launchBrowser,
  signIn,
  chooseLanguage,
} from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const suite = browserSuite();

/** How the web client writes a session's time in English: "Mon, Nov 30, 09:00–10:00". */
function dayIn(timeZone: string, at: string): string {
  return new Intl.DateTimeFormat('en', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone,
  }).format(new Date(at));
}
function clocksIn(timeZone: string, startsAt: string, endsAt: string): string {
  const clock = new Intl.DateTimeFormat('en', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  });
  return `${clock.format(new Date(startsAt))}–${clock.format(new Date(endsAt))}`;
}
function durationText(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
function rangeIn(timeZone: string, startsAt: string, endsAt: string): string {
  return `${dayIn(timeZone, startsAt)}, ${clocksIn(timeZone, startsAt, endsAt)}`;
}
/** How the page says, in English, where a slot falls for someone outside their hours. */
function verdict(a: PersonAvailability): string {
  if (a.atNight) return 'at night';
  if (a.dayOff) return 'not a working day';
  return a.direction === 'after-end'
    ? `${durationText(a.distanceMinutes)} after the day ends`
    : `${durationText(a.distanceMinutes)} before the day starts`;
}
/** …and with their clock: "07:00, 2 h before the day starts", "until 19:30, 30 min after the day ends". */
function verdictWithClock(a: PersonAvailability): string {
  const start = a.localStart.slice(11);
  if (a.dayOff && !a.atNight) {
    const day = new Intl.DateTimeFormat('en', { weekday: 'short', timeZone: 'UTC' }).format(
      new Date(`${a.localStart.slice(0, 10)}T00:00:00Z`),
    );
    return `${day} ${start}, ${verdict(a)}`;
  }
  return a.direction === 'after-end' && !a.dayOff
    ? `until ${a.localEnd.slice(11)}, ${verdict(a)}`
    : `${start}, ${verdict(a)}`;
}

/** Next Monday and the Friday after it, in a zone. */
function nextWorkingWeek(timeZone: string): { monday: DateTime; friday: DateTime } {
  const today = DateTime.now().setZone(timeZone).startOf('day');
  const monday = today.plus({ days: 8 - today.weekday });
  return { monday, friday: monday.plus({ days: 4 }) };
}

suite('exchanges in the web client', () => {
  let t: TestApp;
  let http: Http;
  let browser: Browser;
  let coordinatorContext: BrowserContext;
  let participantContext: BrowserContext;
  let coordinatorPage: Page;
  let coordinator: TestPerson;
  let participant: TestPerson;
  let colleague: TestPerson;
  let rotterdam: { id: string; name: string };
  let denver: { id: string; name: string };
  const suffix = Math.random().toString(36).slice(2, 8);
  const exchangeTitle = `Online hate after an attack ${suffix}`;
  const sessionTitle = `Roundtable on local response ${suffix}`;
  let exchangeUrl = '';
  let session: SessionView;

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    rotterdam = await createCity(t.dataSource, {
      name: `Rotterdam ${suffix}`,
      countryCode: 'NL',
      region: 'europe',
      timeZone: 'Europe/Amsterdam',
    });
    denver = await createCity(t.dataSource, {
      name: `Denver ${suffix}`,
      countryCode: 'US',
      region: 'north-america',
      timeZone: 'America/Denver',
    });
    coordinator = await createPerson(t.dataSource, http, {
      role: 'coordinator',
      displayName: `Coordinator ${suffix}`,
      timeZone: 'Europe/Amsterdam',
      cityId: rotterdam.id,
    });
    participant = await createPerson(t.dataSource, http, {
      displayName: `Rosa Delgado ${suffix}`,
      position: 'practitioner',
      timeZone: 'America/Denver',
      cityId: denver.id,
    });
    // Works afternoons and evenings, so all three overlap at the end of the European day.
    colleague = await createPerson(t.dataSource, http, {
      displayName: `Sanne de Vries ${suffix}`,
      position: 'official',
      timeZone: 'Europe/Amsterdam',
      cityId: rotterdam.id,
    });
    for (const [person, workingHours] of [
      [coordinator, { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' }],
      [participant, { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }],
      [colleague, { days: [1, 2, 3, 4, 5], start: '12:00', end: '20:00' }],
    ] as const) {
      const updated = await http('PATCH', '/api/me', {
        token: person.token,
        body: { workingHours },
      });
      expect(updated.status).toBe(200);
    }
    browser = await launchBrowser();
    coordinatorContext = await browser.newContext({
      baseURL: t.baseUrl,
      locale: 'en-US',
      timezoneId: 'Europe/Amsterdam',
    });
    participantContext = await browser.newContext({
      baseURL: t.baseUrl,
      locale: 'en-US',
      timezoneId: 'America/Denver',
      acceptDownloads: true,
    });
    coordinatorPage = await coordinatorContext.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lets a coordinator create an exchange between Rotterdam and Denver', async () => {
    const page = coordinatorPage;
    await page.goto('/exchanges');
    await signIn(page, coordinator, 'Exchanges');
    await page.getByText('No exchanges match these filters.').waitFor();
    await expectAccessible(page, 'exchanges list');

    await page.getByRole('link', { name: 'New exchange' }).click();
    await heading(page, 'New exchange');
    await page.getByLabel('Title').fill(exchangeTitle);
    await page
      .getByLabel('Description')
      .fill('We compare **local responses** to online hate.\n\n<script>window.pwned = 1</script>');
    await page.getByRole('button', { name: 'Show preview' }).click();
    await page.getByRole('region', { name: 'Preview' }).getByText('local responses').waitFor();
    await page.getByLabel('Online hate').check();
    for (const [city, country] of [
      [rotterdam, 'Netherlands'],
      [denver, 'United States'],
    ] as const) {
      await page.getByLabel('Find a city').fill(city.name);
      // Ticking a city moves it to the chosen ones (a chip with a remove button).
      await page.getByRole('checkbox', { name: `${city.name} (${country})` }).click();
      await page.getByRole('button', { name: `Remove ${city.name} (${country})` }).waitFor();
    }
    await page.getByRole('radio', { name: /Chatham House/ }).check();
    await expectAccessible(page, 'new exchange');
    await page.getByRole('button', { name: 'Create exchange' }).click();

    await heading(page, exchangeTitle);
    exchangeUrl = new URL(page.url()).pathname;
    expect(exchangeUrl).toMatch(/^\/exchanges\/[0-9a-f-]{36}$/);
    // The description is rendered as markdown, and the raw HTML in it is not.
    await expect(
      page.locator('.markdown strong', { hasText: 'local responses' }).count(),
    ).resolves.toBe(1);
    await expect(page.evaluate(() => 'pwned' in window)).resolves.toBe(false);
    await page.getByRole('link', { name: denver.name }).waitFor();
  });

  it('adds a participant in Denver and a colleague in Rotterdam by searching for them', async () => {
    const page = coordinatorPage;
    for (const person of [participant, colleague]) {
      await page.getByLabel('Search people by name').fill(person.displayName);
      await page
        .getByRole('button', { name: `Add ${person.displayName} as a participant` })
        .click();
      await page.getByText(`${person.displayName} was added as a participant.`).waitFor();
      await page.getByTestId('members').getByRole('link', { name: person.displayName }).waitFor();
    }
    const row = page.getByRole('row', { name: new RegExp(participant.displayName) });
    await expect(row.locator('.local-time').textContent()).resolves.toMatch(
      new RegExp(`^\\d\\d:\\d\\d in ${denver.name}$`),
    );
    await expectAccessible(page, 'exchange page');
  });

  it('finds a time that suits both sides of the Atlantic and schedules the session', async () => {
    const page = coordinatorPage;
    await page.getByRole('link', { name: 'Schedule a session' }).click();
    await heading(page, 'Schedule a session');
    await page.getByLabel('Kind').selectOption('roundtable');
    await page.getByLabel('Title').fill(sessionTitle);

    const week = nextWorkingWeek('Europe/Amsterdam');
    await page.getByLabel('From', { exact: true }).fill(week.monday.toISODate()!);
    await page.getByLabel('Until', { exact: true }).fill(week.friday.toISODate()!);
    await page.getByRole('button', { name: 'Find times' }).click();
    const top = page.getByTestId('suggestion').first();
    await top.waitFor();

    // What the page should offer first: the API's best slot for the same week and duration.
    const query = new URLSearchParams({
      durationMinutes: '60',
      from: week.monday.toUTC().toISO()!,
      to: week.friday.plus({ days: 1 }).toUTC().toISO()!,
      limit: '10',
    });
    const suggestions = await http<TimeSuggestionsView>(
      'GET',
      `${exchangeUrl.replace('/exchanges', '/api/exchanges')}/time-suggestions?${query}`,
      { token: coordinator.token },
    );
    expect(suggestions.status).toBe(200);
    const best = suggestions.body.suggestions[0];
    // Working days in Denver and Amsterdam overlap at the end of the European day.
    expect(best!.outside).toEqual([]);
    expect(best!.inside).toHaveLength(3);
    await expect(top.textContent()).resolves.toContain(
      `${rangeIn('Europe/Amsterdam', best!.startsAt, best!.endsAt)} (your time)3 of 3 within working hours`,
    );

    // A weaker suggestion says who would be outside their hours, how far and which way, on
    // their own clock.
    const weaker = suggestions.body.suggestions.findLast((s) => s.outside.length > 0)!;
    expect(weaker.outside.every((o) => !o.atNight)).toBe(true);
    const weakerCard = page
      .getByTestId('suggestion')
      .filter({ hasText: rangeIn('Europe/Amsterdam', weaker.startsAt, weaker.endsAt) });
    const weakerText = await weakerCard.textContent();
    for (const o of weaker.outside)
      expect(weakerText).toContain(`${o.person.displayName}: ${verdictWithClock(o)}`);
    await weakerCard.focus();
    const timeline = page.getByTestId('timeline');
    for (const outside of weaker.outside) {
      await timeline
        .getByRole('listitem')
        .filter({ hasText: outside.person.displayName })
        .getByText(verdict(outside))
        .waitFor();
    }

    await top.click();
    await expect(top.getAttribute('aria-pressed')).resolves.toBe('true');
    const rosa = timeline.getByRole('listitem').filter({ hasText: participant.displayName });
    await expect(rosa.textContent()).resolves.toContain(
      `${clocksIn('America/Denver', best!.startsAt, best!.endsAt)} in ${denver.name}within working hours`,
    );
    const hostClock = DateTime.fromISO(best!.startsAt).setZone('Europe/Amsterdam');
    await expect(page.getByLabel('Date', { exact: true }).inputValue()).resolves.toBe(
      hostClock.toISODate(),
    );
    await expect(page.getByLabel('Start time').inputValue()).resolves.toBe(
      hostClock.toFormat('HH:mm'),
    );
    await expectAccessible(page, 'schedule a session');

    await page.getByRole('button', { name: 'Schedule session' }).click();
    await heading(page, sessionTitle);
    const sessionId = new URL(page.url()).pathname.split('/').pop()!;
    const found = await http<SessionView>('GET', `/api/sessions/${sessionId}`, {
      token: coordinator.token,
    });
    expect(found.status).toBe(200);
    session = found.body;
    expect(session.hostTimeZone).toBe('Europe/Amsterdam');
    expect(session.startsAt).toBe(best!.startsAt);
    await expect(page.getByTestId('session-your-time').textContent()).resolves.toContain(
      rangeIn('Europe/Amsterdam', session.startsAt, session.endsAt),
    );
    await expectAccessible(page, 'session page (coordinator)');
  });

  it('shows the participant in Denver the session on their own clock, and notifies them', async () => {
    const page = await participantContext.newPage();
    await page.goto(exchangeUrl);
    await signIn(page, participant, exchangeTitle);

    const item = page.getByTestId('session').filter({ hasText: sessionTitle });
    const denverTime = rangeIn('America/Denver', session.startsAt, session.endsAt);
    // The host's clock carries its day only when it is another day there.
    const hostTime =
      dayIn('Europe/Amsterdam', session.startsAt) === dayIn('America/Denver', session.startsAt)
        ? clocksIn('Europe/Amsterdam', session.startsAt, session.endsAt)
        : rangeIn('Europe/Amsterdam', session.startsAt, session.endsAt);
    await expect(item.getByTestId('session-time').textContent()).resolves.toBe(
      `${denverTime} (your time) · ${hostTime} in Amsterdam (host)`,
    );
    await expect(page.getByRole('button', { name: 'Leave exchange' }).isVisible()).resolves.toBe(
      true,
    );
    await expectAccessible(page, 'exchange page (participant)');

    const bell = page
      .getByRole('banner')
      .getByRole('button', { name: /^Notifications: \d+ unread$/ });
    await bell.waitFor();
    const count = Number(await page.getByTestId('unread-count').textContent());
    expect(count).toBeGreaterThanOrEqual(1);
    await bell.click();
    // The bell opens the latest as links; the whole inbox is one more click.
    await page.getByTestId('bell-entry').first().waitFor();
    await page.getByRole('link', { name: 'All notifications' }).click();
    await heading(page, 'Notifications');
    const scheduled = page
      .getByTestId('notification')
      .filter({ hasText: `“${sessionTitle}” in “${exchangeTitle}” was scheduled for` });
    await expect(scheduled.textContent()).resolves.toContain(`${denverTime} (your time)`);
    await page
      .getByTestId('notification')
      .filter({ hasText: `You were added to “${exchangeTitle}” as a participant.` })
      .waitFor();
    await expectAccessible(page, 'notification inbox');

    await scheduled.getByRole('link').click();
    await heading(page, sessionTitle);
    await expectAccessible(page, 'session page (participant)');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Add to my calendar (.ics)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^roundtable-on-local-response-.+\.ics$/);
    const ics = readFileSync((await download.path())!, 'utf8');
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toContain(sessionTitle);
    await page.close();
  });

  it('on a 390 px phone, in French: names the night, and whose turn it is to be spared', async () => {
    // Amsterdam, Denver and Tokyo: every hour is someone's night, so the night must be said.
    const tokyo = await createPerson(t.dataSource, http, {
      displayName: `Taro Sato ${suffix}`,
      timeZone: 'Asia/Tokyo',
    });
    const hours = await http('PATCH', '/api/me', {
      token: tokyo.token,
      body: { workingHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' } },
    });
    expect(hours.status).toBe(200);
    const exchange = await createExchange(http, coordinator, {
      title: `Three continents ${suffix}`,
    });
    await addMember(http, coordinator, exchange.id, participant, 'participant');
    await addMember(http, coordinator, exchange.id, tokyo, 'participant');
    // The second week of February next year, far from any clock change; the session a week
    // before kept Tokyo up at 01:00 (Taro has no city, so he is a side of his own).
    const year = new Date().getUTCFullYear() + 1;
    const monday = DateTime.fromISO(`${year}-02-08`, { zone: 'Europe/Amsterdam' }).plus({
      days: (8 - DateTime.fromISO(`${year}-02-08`).weekday) % 7,
    });
    const before = DateTime.fromISO(`${monday.minus({ days: 7 }).toISODate()}T16:00:00Z`, {
      zone: 'utc',
    });
    const last = await http('POST', `/api/exchanges/${exchange.id}/sessions`, {
      token: coordinator.token,
      body: {
        kind: 'workshop',
        title: `Late for Tokyo ${suffix}`,
        startsAt: before.toISO({ suppressMilliseconds: true }),
        endsAt: before.plus({ hours: 1 }).toISO({ suppressMilliseconds: true }),
        hostTimeZone: 'Europe/Amsterdam',
      },
    });
    expect(last.status).toBe(201);

    const phone = await browser.newContext({
      baseURL: t.baseUrl,
      locale: 'en-US',
      timezoneId: 'Europe/Amsterdam',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await phone.newPage();
    await page.goto(`/exchanges/${exchange.id}/sessions/new`);
    await signIn(page, coordinator, 'Schedule a session');
    await chooseLanguage(page, 'fr');
    await heading(page, 'Planifier une session');
    await page.getByLabel('Du', { exact: true }).fill(monday.toISODate()!);
    await page.getByLabel('Au', { exact: true }).fill(monday.plus({ days: 4 }).toISODate()!);
    await page.getByRole('button', { name: 'Trouver des créneaux' }).click();
    const top = page.getByTestId('suggestion').first();
    await top.waitFor();

    // Best: 17:00 in Amsterdam, 09:00 in Denver, 01:00 the next day in Tokyo.
    const topText = await top.textContent();
    expect(topText).toContain('2 sur 3 pendant leurs horaires de travail');
    expect(topText).toContain(`Taro Sato ${suffix} : 01:00, la nuit`);
    await top.click();
    await page
      .getByTestId('timeline')
      .getByRole('listitem')
      .filter({ hasText: tokyo.displayName })
      .getByText('la nuit')
      .waitFor();
    await expect(page.getByTestId('fairness').textContent()).resolves.toMatch(
      new RegExp(
        `^Chacun son tour : à la dernière séance \\(.+\\), Taro Sato ${suffix} était le plus loin de ses horaires de travail`,
      ),
    );
    await page.getByText('La nuit va de 22:00 à 07:00 sur l’horloge de chacun.').waitFor();
    // French only, and nothing wider than the phone.
    const section = await page.locator('.find-time').textContent();
    expect(section).not.toMatch(/working hours|at night|before the day|after the day|Taking turns/);
    await expect(
      page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).resolves.toBe(true);
    await expectAccessible(page, 'find a time on a phone, in French');
    await phone.close();
  });
});
