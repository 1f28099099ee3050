// Every page of the web client, on a 390 px phone and a desktop, in English, French, Dutch and
// German, as a visitor, a coordinator, a mayor and a practitioner: no horizontal scroll, no
// serious accessibility problem, and no English left in the other languages. Then the phone's
// menu, translated themes, places and lobby names, and "your time" on a device in another zone.
// Set SCREENSHOTS=<folder> to keep a picture of every visit.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { httpClient } from '../support/http.js';
import {
  browserContext,
  browserSuite,
  expectAccessible,
  launchBrowser,
} from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  appRoutes,
  buildWorld,
  PAGES,
  type PageVisit,
  type Who,
  type World,
} from './every-page.js';

const suite = browserSuite();

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1366, height: 900 },
] as const;
const LANGUAGES = ['en', 'fr', 'nl', 'de'] as const;
type Language = (typeof LANGUAGES)[number];
const SCREENSHOTS = process.env.SCREENSHOTS;

type Catalogue = { [key: string]: string | Catalogue };

/** "a.b.c" → text, for every string of a translation. */
function flatten(catalogue: Catalogue, prefix = '', into = new Map<string, string>()) {
  for (const [key, value] of Object.entries(catalogue)) {
    if (typeof value === 'string') into.set(`${prefix}${key}`, value);
    else flatten(value, `${prefix}${key}.`, into);
  }
  return into;
}

/**
 * What English left on a page in another language looks like: the English strings whose
 * translation differs, exactly, or as a pattern where they interpolate ("Hosted by {{names}}"
 * → /^Hosted by .*$/, kept only when the fixed words are long enough to mean something: not " in ").
 */
interface EnglishLeft {
  exact: string[];
  patterns: string[];
}
async function englishLeftFor(language: Exclude<Language, 'en'>): Promise<EnglishLeft> {
  // Loaded by path: the web client's modules are not part of the API's TypeScript project.
  const folder = path.resolve('apps/web/src/i18n');
  const en = flatten((await import(path.join(folder, 'en.ts'))).en);
  const other = flatten((await import(path.join(folder, `${language}.ts`)))[language]);
  const theirs = new Set(other.values());
  const exact: string[] = [];
  const patterns: string[] = [];
  for (const [key, english] of en) {
    if (other.get(key) === english || theirs.has(english)) continue;
    if (!english.includes('{{')) {
      exact.push(english);
      continue;
    }
    const fixed = english.split(/\{\{[^}]+\}\}/);
    if (fixed.join('').replace(/[^\p{L}]/gu, '').length < 5) continue;
    patterns.push(
      `^${fixed.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`,
    );
  }
  return { exact, patterns };
}

/** Texts a person sees or hears on the page: text, labels, titles, options, the tab's title. */
function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts = new Set<string>();
    const add = (text: string | null | undefined) => {
      const clean = (text ?? '').replace(/\s+/g, ' ').trim();
      if (clean) texts.add(clean);
    };
    const shown = (element: Element) =>
      element.checkVisibility({ visibilityProperty: true }) ||
      // visually hidden text is still read aloud
      getComputedStyle(element).clip === 'rect(0px, 0px, 0px, 0px)';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (parent && !['SCRIPT', 'STYLE'].includes(parent.tagName) && shown(parent))
        add(node.textContent);
    }
    for (const element of document.body.querySelectorAll('*')) {
      if (!shown(element)) continue;
      for (const attribute of ['aria-label', 'placeholder', 'title', 'alt'])
        add(element.getAttribute(attribute));
      // Whole sentences that wrap a link or a name: "Hosted by <a>…</a>".
      if ([...element.children].every((child) => getComputedStyle(child).display === 'inline'))
        add((element as HTMLElement).innerText);
      if (element instanceof HTMLSelectElement)
        for (const option of element.options) add(option.text);
    }
    add(document.title.replace(/ · Crossings$/, ''));
    return [...texts];
  });
}

/** The elements that stick out to the right of the viewport, deepest first, for the message. */
function overflow(
  page: Page,
): Promise<{ scrollWidth: number; clientWidth: number; culprits: string[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const culprits: string[] = [];
    for (const element of document.body.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.right <= width + 0.5 || box.width === 0) continue;
      if ([...element.children].some((child) => child.getBoundingClientRect().right > width + 0.5))
        continue;
      const name = `${element.tagName.toLowerCase()}${element.className && typeof element.className === 'string' ? `.${element.className.trim().replace(/\s+/g, '.')}` : ''}`;
      culprits.push(
        `${name} (right ${Math.round(box.right)}): ${(element.textContent ?? '').trim().slice(0, 60)}`,
      );
    }
    return { scrollWidth: root.scrollWidth, clientWidth: width, culprits: culprits.slice(0, 8) };
  });
}

/** Waits for the page's heading, its data and the end of every loading state. */
async function settle(page: Page, visit: PageVisit): Promise<void> {
  await page.locator('main h1').first().waitFor({ state: 'attached' });
  if (visit.ready) await visit.ready(page);
  await page.waitForFunction(() => document.querySelectorAll('.loading').length === 0);
}

function visitName(visit: PageVisit): string {
  return `${visit.route}${visit.what ? ` (${visit.what})` : ''} as ${visit.as}`;
}

suite('every page, on a phone and a desktop, in four languages', () => {
  let t: TestApp;
  let browser: Browser;
  let world: World;
  const contexts = new Map<string, { context: BrowserContext; page: Page }>();
  const englishLeft = new Map<Language, EnglishLeft>();

  const zoneOf = (who: Who) =>
    who === 'visitor'
      ? 'America/New_York'
      : {
          admin: 'Europe/Amsterdam',
          coordinator: 'Europe/Amsterdam',
          mayor: 'America/Denver',
          practitioner: 'Europe/Berlin',
        }[who];

  /** One browser context per person and language, signed in once through the API. */
  async function pageFor(who: Who, language: Language): Promise<Page> {
    const key = `${who}:${language}`;
    const existing = contexts.get(key);
    if (existing) return existing.page;
    const context = await browserContext(
      browser,
      t.baseUrl,
      who === 'visitor' ? null : world[who],
      { language, timezoneId: zoneOf(who) },
    );
    const page = await context.newPage();
    contexts.set(key, { context, page });
    return page;
  }

  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t.dataSource, httpClient(t.baseUrl), t.baseUrl);
    browser = await launchBrowser();
    for (const language of LANGUAGES)
      if (language !== 'en') englishLeft.set(language, await englishLeftFor(language));
    if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('has no English sentence copied into another language’s catalogue', async () => {
    const folder = path.resolve('apps/web/src/i18n');
    const en = flatten((await import(path.join(folder, 'en.ts'))).en);
    for (const language of LANGUAGES.filter((l) => l !== 'en')) {
      const other = flatten((await import(path.join(folder, `${language}.ts`)))[language]);
      const copied = [...en].filter(
        ([key, english]) =>
          other.get(key) === english &&
          english
            .replace(/\{\{[^}]+\}\}/g, '')
            .split(/\s+/)
            .filter((w) => /\p{L}{2}/u.test(w)).length >= 3,
      );
      expect({ language, copied }).toEqual({ language, copied: [] });
    }
  });

  it('visits every route of the web client', () => {
    const visited = new Set(PAGES.map((visit) => visit.route));
    expect(appRoutes().filter((route) => !visited.has(route))).toEqual([]);
  });

  for (const viewport of VIEWPORTS) {
    for (const language of LANGUAGES) {
      describe(`${viewport.name} (${viewport.width}×${viewport.height}), ${language}`, () => {
        for (const visit of PAGES) {
          it(visitName(visit), async () => {
            const page = await pageFor(visit.as, language);
            await page.setViewportSize({ width: viewport.width, height: viewport.height });
            await page.goto(visit.path(world));
            await settle(page, visit);
            await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe(
              language,
            );
            if (SCREENSHOTS) {
              const file = `${viewport.name}-${language}-${visitName(visit).replace(/[^a-z0-9]+/gi, '-')}.png`;
              await page.screenshot({ path: path.join(SCREENSHOTS, file), fullPage: true });
            }

            const wide = await overflow(page);
            expect(wide.scrollWidth > wide.clientWidth ? wide : 'no overflow').toBe('no overflow');
            await expectAccessible(page, `${visitName(visit)}, ${viewport.name}, ${language}`);
            if (language !== 'en') {
              const { exact, patterns } = englishLeft.get(language)!;
              const regexes = patterns.map((pattern) => new RegExp(pattern, 'u'));
              const english = (await visibleTexts(page)).filter(
                (text) => exact.includes(text) || regexes.some((regex) => regex.test(text)),
              );
              expect(english).toEqual([]);
            }
          });
        }
      });
    }
  }
});
