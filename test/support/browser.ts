// What every browser suite shares: Debian's Chromium (skipped with a reason where it is
// missing), the built web client, headless launch flags and the axe check.
import { AxeBuilder } from '@axe-core/playwright';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { FACTORY_PASSWORD, type TestPerson } from '../factories/accounts.js';

export const CHROMIUM = '/usr/bin/chromium';
const WEB_INDEX = path.resolve('dist', 'web', 'index.html');

/** `describe` where Chromium is installed, otherwise `describe.skip` with the reason printed. */
export function browserSuite(): jest.Describe {
  if (existsSync(CHROMIUM)) return describe;
  console.warn(`[browser tests] skipped: no Chromium at ${CHROMIUM}`);
  return describe.skip;
}

/** Starts headless Chromium; fails early when the web client has not been built. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(WEB_INDEX))
    throw new Error('No built web client: run `npm run build:web` first.');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Fails with the list of serious and critical accessibility problems on the page. */
export async function expectAccessible(page: Page, pageName: string): Promise<void> {
  // Only violations are reported in full: axe skips collecting every passing node (much faster).
  const results = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
  const problems = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${pageName}: [${v.impact}] ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  expect(problems).toEqual([]);
}

/**
 * Waits for the page's main heading. When it never comes, the failure says what the page showed
 * instead (its address, its headings and any alert), which a timeout alone does not.
 */
export async function heading(page: Page, name: string): Promise<void> {
  try {
    await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
  } catch (failure) {
    const shown = await page
      .evaluate(() => ({
        url: location.pathname + location.search,
        headings: [...document.querySelectorAll('h1, h2')].map((h) => h.textContent?.trim()),
        alerts: [...document.querySelectorAll('[role=alert], .error, .notice')].map((a) =>
          a.textContent?.trim(),
        ),
      }))
      .catch(() => null);
    throw new Error(`Expected the heading "${name}"; the page showed ${JSON.stringify(shown)}`, {
      cause: failure,
    });
  }
}

/** Signs in through the form (the page shows it) and waits for the landing page's heading. */
/**
 * Frames come 300 ms late on this page (until it is loaded again), as on a busy phone: whatever
 * the page puts off to an animation frame happens after the next keys are typed.
 */
export async function paintLate(page: Page): Promise<void> {
  await page.evaluate(() => {
    const paint = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (callback) =>
      window.setTimeout(() => paint(callback), 300) as unknown as number;
  });
}

export async function signIn(page: Page, person: TestPerson, landing: string): Promise<void> {
  await heading(page, 'Sign in');
  await page.getByLabel('Email address').fill(person.email);
  await page.getByLabel('Password').fill(FACTORY_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await heading(page, landing);
}

export interface ContextOptions {
  /** The web client's language (remembered as if chosen in the header); also the browser's. */
  language?: string;
  /** The device's time zone. */
  timezoneId?: string;
  viewport?: { width: number; height: number };
}

/**
 * A browser context in a language and time zone, signed in as `person` through the API (the
 * refresh cookie lands in the context, so every page opens signed in), or signed out for null.
 */
export async function browserContext(
  browser: Browser,
  baseUrl: string,
  person: Pick<TestPerson, 'email'> | null,
  options: ContextOptions = {},
): Promise<BrowserContext> {
  const language = options.language ?? 'en';
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: language,
    timezoneId: options.timezoneId ?? 'Europe/Amsterdam',
    viewport: options.viewport ?? { width: 1366, height: 900 },
  });
  await context.addInitScript((chosen) => {
    localStorage.setItem('crossings.language', chosen);
  }, language);
  if (person) {
    const signedIn = await context.request.post('/api/auth/sign-in', {
      data: { email: person.email, password: FACTORY_PASSWORD },
    });
    if (signedIn.status() !== 200)
      throw new Error(`sign-in for ${person.email} answered ${signedIn.status()}`);
  }
  return context;
}

/**
 * Switches the interface language from the header, opening the folded menu first on a phone,
 * and closes it again.
 */
export async function chooseLanguage(page: Page, language: string): Promise<void> {
  const switcher = page.getByRole('banner').getByRole('combobox');
  const menuButton = page.getByRole('banner').locator('.menu-button');
  // Signed in on a phone, the switcher is folded into the menu; for visitors it is always shown.
  await switcher.or(menuButton).filter({ visible: true }).first().waitFor();
  // The header changes while the page settles: it shows the visitor's switcher until the signed-in
  // state arrives and then folds it away, and a tap during that change can be undone. So: open the
  // menu when the switcher is folded and try again until the choice is made.
  for (let attempt = 0; ; attempt++) {
    const folded = !(await switcher.isVisible()) && (await menuButton.isVisible());
    if (folded && (await menuButton.getAttribute('aria-expanded')) !== 'true')
      await menuButton.click();
    try {
      await switcher.selectOption(language, { timeout: 3000 });
      break;
    } catch (failure) {
      if (attempt === 5) throw failure;
    }
  }
  await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
  if ((await menuButton.isVisible()) && (await menuButton.getAttribute('aria-expanded')) === 'true')
    await page.keyboard.press('Escape');
}
