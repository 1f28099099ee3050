// The web client in a real browser against the real API: sign in, invite, accept, find the
// newcomer in the directory with their local time; every page checked with axe; four languages.
import {
  type Browser,
  type BrowserContext,
  type Page,
  type Request,
  type Route,
} from 'playwright-core';
import {
  createCity,
  createPerson,
  FACTORY_PASSWORD,
  type TestPerson,
} from '../factories/accounts.js';
import { httpClient } from '../support/http.js';
import { browserSuite, expectAccessible, heading, launchBrowser } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const suite = browserSuite();

/** "09:12" in a zone now or a minute from now (the clock may tick while we look). */
function clocksIn(timeZone: string): string[] {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const now = Date.now();
  return [format.format(now - 60_000), format.format(now), format.format(now + 60_000)];
}

suite('the web client', () => {
  let t: TestApp;
  let browser: Browser;
  let coordinatorContext: BrowserContext;
  let inviteeContext: BrowserContext;
  let coordinatorPage: Page;
  let coordinator: TestPerson;
  let city: { id: string; name: string };
  const suffix = Math.random().toString(36).slice(2, 8);
  const newcomer = {
    name: `Rosa Delgado ${suffix}`,
    email: `rosa.${suffix}@denver.example`,
    password: 'a long and secret passphrase',
  };
  let inviteToken = '';

  beforeAll(async () => {
    t = await startTestApp();
    const http = httpClient(t.baseUrl);
    city = await createCity(t.dataSource, {
      name: `Denver ${suffix}`,
      countryCode: 'US',
      region: 'north-america',
      timeZone: 'America/Denver',
    });
    coordinator = await createPerson(t.dataSource, http, {
      role: 'coordinator',
      displayName: `Coordinator ${suffix}`,
    });
    browser = await launchBrowser();
    coordinatorContext = await browser.newContext({
      baseURL: t.baseUrl,
      locale: 'en-US',
      timezoneId: 'Europe/Amsterdam',
    });
    inviteeContext = await browser.newContext({
      baseURL: t.baseUrl,
      locale: 'en-US',
      timezoneId: 'America/Denver',
    });
    coordinatorPage = await coordinatorContext.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('sends a visitor to sign in, and signs the coordinator in through the form', async () => {
    const page = coordinatorPage;
    await page.goto('/cities');
    await heading(page, 'Sign in');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await expectAccessible(page, 'sign in');

    await page.getByLabel('Email address').fill(coordinator.email);
    await page.getByLabel('Password').fill(FACTORY_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await heading(page, 'Cities');
    await expect(
      page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Invite' })
        .isVisible(),
    ).resolves.toBe(true);
  });

  it('lets the coordinator invite a practitioner for a city and shows the single-use link', async () => {
    const page = coordinatorPage;
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Invite' })
      .click();
    await heading(page, 'Invite someone');

    await page.getByLabel('Email address').fill(newcomer.email);
    await page.getByLabel('Role').selectOption('member');
    await page.getByLabel('City (optional)').selectOption(city.id);
    await page.getByRole('button', { name: 'Create invitation' }).click();

    const link = await page.getByTestId('invite-link').inputValue();
    expect(link).toMatch(/\/invite\/[^/]+$/);
    inviteToken = link.split('/invite/')[1]!;
    await page.getByRole('cell', { name: newcomer.email }).waitFor();
    await expectAccessible(page, 'invite');
  });

  it('lets the invitee accept in their own browser and signs them in', async () => {
    const page = await inviteeContext.newPage();
    await page.goto(`/invite/${inviteToken}`);
    await heading(page, 'Join Crossings');
    await page
      .getByText(
        `${coordinator.displayName} invited you to join Crossings as a member for ${city.name}.`,
      )
      .waitFor();
    await expect(page.getByLabel('Time zone').inputValue()).resolves.toBe('America/Denver');
    await expectAccessible(page, 'accept invitation');

    await page.getByLabel('Name', { exact: true }).fill(newcomer.name);
    await page.getByLabel('Choose a password').fill(newcomer.password);
    await page.getByLabel('Position').selectOption('practitioner');
    await page.getByLabel('Spanish').check();
    await page.getByRole('button', { name: 'Create my account' }).click();

    await heading(page, 'My profile');
    await page.getByText(`Welcome to Crossings, ${newcomer.name}!`).waitFor();
    await expect(
      page.getByRole('banner').getByRole('link', { name: newcomer.name }).isVisible(),
    ).resolves.toBe(true);
    await expectAccessible(page, 'edit my profile');
    await page.close();
  });

  it('finds the newcomer in the practitioner directory by name, with their local time', async () => {
    const page = coordinatorPage;
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Practitioners' })
      .click();
    await heading(page, 'Practitioners');
    await page.getByLabel('Name', { exact: true }).fill(newcomer.name);
    // The search applies after a pause in typing: wait for the filtered list of one.
    await page.waitForFunction(
      () =>
        location.search.includes('q=') &&
        document.querySelectorAll('[data-testid="practitioner-card"]').length === 1,
    );
    const card = page.getByTestId('practitioner-card');
    const label = (await card.locator('.local-time').textContent()) ?? '';
    expect(clocksIn('America/Denver').map((time) => `${time} in ${city.name}`)).toContain(label);
    await expectAccessible(page, 'practitioner directory');

    await card.getByRole('link', { name: newcomer.name }).click();
    await heading(page, newcomer.name);
    await page.getByText('Practitioner', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Suspend account' }).waitFor();
    await expectAccessible(page, 'profile');
  });

  it('shows the city in the city directory, and the newcomer on the city page', async () => {
    const page = coordinatorPage;
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Cities' })
      .click();
    await heading(page, 'Cities');
    await page.getByLabel('Name', { exact: true }).fill(city.name);
    await page.getByRole('link', { name: city.name }).waitFor();
    await expectAccessible(page, 'city directory');

    await page.getByRole('link', { name: city.name }).click();
    await heading(page, city.name);
    await page.getByRole('link', { name: newcomer.name }).waitFor();
    await expectAccessible(page, 'city page');
  });

  it('refreshes an expired access token once for concurrent requests, and retries them', async () => {
    const page = coordinatorPage;
    // The directory loads practitioners, cities and themes at once: answer all three with
    // TOKEN_EXPIRED together, as the API does when the access token runs out.
    const api = /\/api\/(practitioners|cities|themes)(\?|$)/;
    const held: Route[] = [];
    let released = false;
    await page.route(api, async (route) => {
      if (released) return route.continue();
      held.push(route);
      if (held.length < 3) return;
      released = true;
      const body = JSON.stringify({
        statusCode: 401,
        code: 'TOKEN_EXPIRED',
        message: 'The access token has expired; refresh it.',
      });
      await Promise.all(
        held.map((r) => r.fulfill({ status: 401, contentType: 'application/json', body })),
      );
    });
    let refreshes = 0;
    const countRefresh = (request: Request) => {
      if (new URL(request.url()).pathname === '/api/auth/refresh') refreshes++;
    };
    page.on('request', countRefresh);

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Practitioners' })
      .click();
    await page.getByRole('link', { name: newcomer.name }).waitFor();
    await page
      .getByRole('option', { name: new RegExp(city.name) })
      .first()
      .waitFor({ state: 'attached' });
    expect(released).toBe(true);
    expect(refreshes).toBe(1);

    page.off('request', countRefresh);
    await page.unroute(api);
  });

  it('keeps the session when several tabs open at the same moment', async () => {
    // Each tab starts by exchanging the shared refresh cookie; reusing a spent cookie would end
    // the whole session, so the tabs must take turns.
    const tabs = await Promise.all([1, 2, 3, 4].map(() => coordinatorContext.newPage()));
    await Promise.all(tabs.map((tab) => tab.goto('/cities')));
    await Promise.all(tabs.map((tab) => heading(tab, 'Cities')));
    // The session survived: a fresh tab is still signed in.
    const later = await coordinatorContext.newPage();
    await later.goto('/practitioners');
    await heading(later, 'Practitioners');
    await Promise.all([...tabs, later].map((tab) => tab.close()));
  });

  it('speaks French, Dutch and German, and remembers the choice', async () => {
    const page = coordinatorPage;
    await page.getByRole('banner').getByRole('link', { name: coordinator.displayName }).click();
    await heading(page, 'My profile');

    const switcher = page.getByRole('banner').getByRole('combobox');
    for (const [language, title, nav] of [
      ['fr', 'Mon profil', 'Praticiens'],
      ['nl', 'Mijn profiel', 'Professionals'],
      ['de', 'Mein Profil', 'Fachleute'],
    ] as const) {
      await switcher.selectOption(language);
      await heading(page, title);
      await page.getByRole('link', { name: nav, exact: true }).waitFor();
      await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe(language);
    }

    await page.reload();
    await heading(page, 'Mein Profil');
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('de');
  });
});
