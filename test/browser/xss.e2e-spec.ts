// A corpus of XSS payloads (test/browser/xss-corpus.json: script, event handlers, javascript: and
// data: URLs, SVG, MathML, markdown link tricks) posted through the API and rendered by the real
// thread page in Chromium, and typed into the composer's preview: no script runs (window.__xss
// stays unset, no dialog opens), and the DOM holds no script, handler, frame, or link to a
// javascript:, data: or vbscript: URL. Links carry rel="noopener nofollow ugc".
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createPerson, type TestPerson } from '../factories/accounts.js';
import { browserContext, browserSuite, launchBrowser } from '../support/browser.js';
import { httpClient, type Http } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const suite = browserSuite();
const CORPUS = JSON.parse(readFileSync(path.resolve('test/browser/xss-corpus.json'), 'utf8')) as {
  payloads: Array<{ what: string; body: string }>;
};

/** What a rendered member text must never hold, found in the page. */
function dangers(page: Page, scope: string) {
  return page.evaluate((selector) => {
    const found: string[] = [];
    const w = window as unknown as { __xss?: unknown };
    if (w.__xss !== undefined) found.push(`window.__xss = ${String(w.__xss)}`);
    for (const root of document.querySelectorAll(selector)) {
      for (const element of root.querySelectorAll('*')) {
        const tag = element.tagName.toLowerCase();
        if (
          [
            'script',
            'iframe',
            'object',
            'embed',
            'svg',
            'math',
            'style',
            'form',
            'input',
            'base',
            'meta',
          ].includes(tag)
        )
          found.push(`<${tag}>`);
        for (const attribute of element.getAttributeNames())
          if (/^on/i.test(attribute)) found.push(`<${tag} ${attribute}>`);
        for (const attribute of ['href', 'src', 'action', 'formaction', 'data', 'srcdoc']) {
          const value = element.getAttribute(attribute);
          if (value === null) continue;
          // Browsers ignore whitespace and control characters inside a scheme ("java\tscript:").
          const plain = [...value]
            .filter((ch) => ch.charCodeAt(0) > 0x20)
            .join('')
            .toLowerCase();
          if (
            /^(javascript|data|vbscript):/.test(plain) ||
            plain.startsWith('//') ||
            plain.startsWith('/\\')
          )
            found.push(`<${tag} ${attribute}="${value}">`);
        }
        if (
          tag === 'a' &&
          element.getAttribute('href') &&
          !element.getAttribute('href')!.startsWith('/')
        )
          if (element.getAttribute('rel') !== 'noopener nofollow ugc')
            found.push(`<a> without rel ugc: ${element.getAttribute('rel')}`);
      }
    }
    return found;
  }, scope);
}

suite('XSS payloads are inert wherever members write markdown', () => {
  let t: TestApp;
  let http: Http;
  let browser: Browser;
  let author: TestPerson;
  let reader: TestPerson;
  let threadId: string;

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    author = await createPerson(t.dataSource, http);
    reader = await createPerson(t.dataSource, http);
    const started = await http('POST', '/api/threads', {
      token: author.token,
      body: {
        title: '<img src=x onerror="window.__xss=\'title\'"> in the title',
        kind: 'discussion',
        language: 'en',
        body: CORPUS.payloads[0]!.body,
        clientId: 'xss-corpus-thread',
      },
    });
    expect(started.status).toBe(201);
    threadId = started.body.thread.id;
    // In branches of ten, so one page of the thread shows them all.
    let branch: string | undefined;
    for (const [index, payload] of CORPUS.payloads.slice(1).entries()) {
      const res = await http('POST', `/api/threads/${threadId}/posts`, {
        token: author.token,
        body: {
          body: payload.body,
          language: 'en',
          clientId: `xss-corpus-${index}`,
          ...(index % 10 === 0 ? {} : { parentPostId: branch }),
        },
      });
      expect([payload.what, res.status]).toEqual([payload.what, 201]);
      if (index % 10 === 0) branch = res.body.id;
    }
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('has a corpus of at least 30 payloads covering each family', () => {
    const all = CORPUS.payloads.map((p) => p.body).join('\n');
    expect(CORPUS.payloads.length).toBeGreaterThanOrEqual(30);
    for (const family of ['<script', 'onerror', '<svg', 'javascript:', 'data:', '](', 'vbscript:'])
      expect([family, all.includes(family)]).toEqual([family, true]);
  });

  it('renders every payload of the corpus on the thread page without running anything', async () => {
    const context = await browserContext(browser, t.baseUrl, reader);
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`/threads/${threadId}`);
    await page
      .getByTestId('post')
      .nth(CORPUS.payloads.length - 1)
      .waitFor();
    // Hover and focus everything a payload might hang a handler on, then look.
    for (const element of await page.locator('.post__body *').all())
      await element.hover({ timeout: 1000 }).catch(() => undefined);
    await page.waitForTimeout(300);
    expect(await dangers(page, '.post__body, .post__meta, main h1')).toEqual([]);
    expect(dialogs).toEqual([]);
    // The text survives as text: code keeps its angle brackets, the title is shown as written.
    await page.getByText("<script>window.__xss = 'code'</script>").waitFor();
    await page.getByRole('heading', { level: 1 }).getByText('<img src=x').waitFor();
    // A link with a safe target keeps it, with rel="noopener nofollow ugc" (checked above).
    const safe = page.locator('.post__body a[href="https://example.org"]');
    expect(await safe.count()).toBeGreaterThan(0);
    await context.close();
  });

  it('keeps the composer preview inert for every payload', async () => {
    const context = await browserContext(browser, t.baseUrl, author);
    const page = await context.newPage();
    await page.goto(`/threads/${threadId}`);
    const composer = page.getByLabel('Your reply', { exact: true });
    await composer.waitFor();
    await page.getByRole('button', { name: 'Show preview' }).last().click();
    for (const payload of CORPUS.payloads) {
      await composer.fill(payload.body);
      await page.waitForTimeout(20);
      expect([payload.what, await dangers(page, '.markdown-preview')]).toEqual([payload.what, []]);
    }
    await context.close();
  });
});
