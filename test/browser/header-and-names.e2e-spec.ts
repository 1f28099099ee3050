// The header on a phone and a desktop, themes, places and the lobby named in the reader's
// language, and "your time" on a device whose clock differs from the profile's.
import type { Browser, Page } from 'playwright-core';
import { createPerson } from '../factories/accounts.js';
import {
  browserContext,
  browserSuite,
  expectAccessible,
  launchBrowser,
} from '../support/browser.js';
import { httpClient } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { buildWorld, type Who, type World } from './every-page.js';

const suite = browserSuite();
type Language = 'en' | 'fr' | 'nl' | 'de';

suite('the header, names and clocks in the web client', () => {
  let t: TestApp;
  let browser: Browser;
  let world: World;

  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t.dataSource, httpClient(t.baseUrl), t.baseUrl);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A signed-in page for someone, in a language, on a device in a zone. */
  async function signedIn(
    who: Exclude<Who, 'visitor'>,
    options: { language?: Language; timezoneId?: string; width?: number; height?: number } = {},
  ): Promise<Page> {
    const context = await browserContext(browser, t.baseUrl, world[who], {
      language: options.language,
      timezoneId: options.timezoneId,
      viewport: { width: options.width ?? 1366, height: options.height ?? 900 },
    });
    return context.newPage();
  }

  it('folds the header into a menu on a phone: keyboard, aria-expanded, Escape', async () => {
    const page = await signedIn('coordinator', { width: 390, height: 844 });
    await page.goto('/cities');
    await page.getByRole('heading', { level: 1, name: 'Cities' }).waitFor();
    const banner = page.getByRole('banner');
    const menu = banner.getByRole('button', { name: 'Menu' });
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(nav.isVisible()).resolves.toBe(false);
    // The bell stays in reach without opening the menu.
    await expect(banner.getByRole('link', { name: /^Notifications/ }).isVisible()).resolves.toBe(
      true,
    );

    await menu.focus();
    await page.keyboard.press('Enter');
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('true');
    for (const name of ['Exchanges', 'Practitioners', 'Cities', 'Invite'])
      await expect(nav.getByRole('link', { name }).isVisible()).resolves.toBe(true);
    await expect(banner.getByRole('combobox', { name: 'Language' }).isVisible()).resolves.toBe(
      true,
    );
    await expect(banner.getByRole('button', { name: 'Sign out' }).isVisible()).resolves.toBe(true);
    await expect(
      page.evaluate(
        () => document.documentElement.scrollWidth <= document.documentElement.clientWidth,
      ),
    ).resolves.toBe(true);
    await expectAccessible(page, 'open menu on a phone');
    // The links follow the button in the tab order.
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Home');

    await page.keyboard.press('Escape');
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(nav.isVisible()).resolves.toBe(false);
    await expect(menu.evaluate((button) => button === document.activeElement)).resolves.toBe(true);

    // Choosing a page closes the menu.
    await menu.click();
    await nav.getByRole('link', { name: 'Exchanges' }).click();
    await page.getByRole('heading', { level: 1, name: 'Exchanges' }).waitFor();
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
    await page.context().close();
  });

  it('shows the whole header on a desktop, with no menu button', async () => {
    const page = await signedIn('mayor');
    await page.goto('/cities');
    await page.getByRole('heading', { level: 1, name: 'Cities' }).waitFor();
    const banner = page.getByRole('banner');
    await expect(banner.getByRole('button', { name: 'Menu' }).isVisible()).resolves.toBe(false);
    await expect(
      page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Exchanges' })
        .isVisible(),
    ).resolves.toBe(true);
    await expect(banner.getByRole('button', { name: 'Sign out' }).isVisible()).resolves.toBe(true);
    await page.context().close();
  });

  it('names themes and the lobby in the reader’s language', async () => {
    const page = await signedIn('mayor', { language: 'fr', timezoneId: 'America/Denver' });
    await page.goto(`/exchanges/${world.exchangeId}`);
    const chips = page.locator('.chips').first();
    await chips.getByText('Haine en ligne', { exact: true }).waitFor();
    await expect(chips.locator('.chip').allTextContents()).resolves.toEqual([
      'Combattants étrangers de retour et leurs familles',
      'Engagement des jeunes',
      'Haine en ligne',
    ]);
    const title = await page.locator('main h1').textContent();
    await page.getByTestId('rooms').getByRole('link', { name: 'Salon d’accueil' }).click();
    await page
      .getByRole('heading', { level: 1, name: `${title} — salon d’accueil`, exact: true })
      .waitFor();
    await expect(page.title()).resolves.toBe(`${title} — salon d’accueil · Crossings`);

    // Switching the language relabels the themes at once.
    await page.goto(`/practitioners/${world.mayor.id}`);
    await page.locator('.chips').getByText('Haine en ligne', { exact: true }).waitFor();
    await page.getByRole('banner').getByRole('combobox').selectOption('de');
    await page.locator('.chips').getByText('Hass im Netz', { exact: true }).waitFor();
    await page.context().close();
  });

  it('names places in the reader’s language, and a person’s city instead of their zone', async () => {
    const http = httpClient(t.baseUrl);
    const nomad = await createPerson(t.dataSource, http, {
      displayName: 'Lieve Claes',
      timeZone: 'Europe/Brussels',
    });
    const page = await signedIn('practitioner', { language: 'de', timezoneId: 'Europe/Berlin' });
    await page.goto(`/practitioners/${nomad.id}`);
    await page.getByRole('heading', { level: 1, name: 'Lieve Claes' }).waitFor();
    await expect(page.locator('.page-heading .local-time').textContent()).resolves.toMatch(
      /^\d\d:\d\d in Brüssel$/,
    );
    const zone = page
      .locator('dt', { hasText: 'Zeitzone' })
      .locator('xpath=following-sibling::dd[1]');
    await expect(zone.textContent()).resolves.toBe('Brüssel · Mitteleuropäische Zeit');

    await page.goto(`/practitioners/${world.mayor.id}`);
    await expect(zone.textContent()).resolves.toBe(`${world.denver.name} · Rocky-Mountains-Zeit`);
    await page.context().close();
  });

  it('shows "your time" in the profile’s zone, and says so on a device in another zone', async () => {
    const session = await httpClient(t.baseUrl)('GET', `/api/sessions/${world.sessionId}`, {
      token: world.mayor.token,
    });
    const inDenver = new Intl.DateTimeFormat('en', {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: 'America/Denver',
    }).format(new Date(session.body.startsAt));

    // The mayor's profile is in Denver; the laptop is still on Amsterdam time.
    const away = await signedIn('mayor', { timezoneId: 'Europe/Amsterdam' });
    await away.goto(`/exchanges/${world.exchangeId}/sessions/${world.sessionId}`);
    const yours = away.getByTestId('session-your-time');
    await expect(yours.textContent()).resolves.toContain(`, ${inDenver}`);
    await expect(yours.textContent()).resolves.toContain('(Denver · Mountain Time)');
    await expect(away.getByTestId('your-time-note').textContent()).resolves.toBe(
      'Times are shown in your profile’s time zone, Denver · Mountain Time; this device is set to Amsterdam · Central European Time. Change it in your profile',
    );
    await away.goto(`/exchanges/${world.exchangeId}`);
    await expect(
      away.getByTestId('session').first().getByTestId('session-time').textContent(),
    ).resolves.toContain(`, ${inDenver}`);
    await away.getByTestId('your-time-note').waitFor();
    await away.context().close();

    // At home, the clocks agree and nothing needs saying.
    const home = await signedIn('mayor', { timezoneId: 'America/Denver' });
    await home.goto(`/exchanges/${world.exchangeId}/sessions/${world.sessionId}`);
    await expect(home.getByTestId('session-your-time').textContent()).resolves.toContain(
      `, ${inDenver}`,
    );
    await expect(home.getByTestId('your-time-note').count()).resolves.toBe(0);
    await home.context().close();
  });
});
