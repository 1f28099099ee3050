// Reports and the review queue in a real browser against the real API: a practitioner reports a
// post (the dialog asks why, explains each reason, confirms what happens next); reporting it again
// is refused politely; a serious reason hides the other post from them at once. A coordinator
// sees "Moderation" with the count of waiting items, finds the post with its report, hides it
// with a reason: it leaves the queue, the status says so, the audit log has the line. A member
// who moderates nothing sees no link and is told so on /moderation. A phone in French: no
// sideways scroll, axe-clean.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createCity, createPerson, type TestPerson } from '../factories/accounts.js';
import { connectLive, connected, emitAck } from '../support/live-client.js';
import {
  browserContext,
  browserSuite,
  expectAccessible,
  heading,
  launchBrowser,
} from '../support/browser.js';
import { httpClient, type Http } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const suite = browserSuite();

suite('reports and the review queue in the web client', () => {
  let t: TestApp;
  let http: Http;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let coordinator: TestPerson;
  let author: TestPerson;
  let reporter: TestPerson;
  let member: TestPerson;
  let threadId: string;
  let exchangeId: string;
  const suffix = Math.random().toString(36).slice(2, 6);

  const open = async (person: TestPerson, options: Parameters<typeof browserContext>[3] = {}) => {
    const context = await browserContext(browser, t.baseUrl, person, options);
    contexts.push(context);
    return context.newPage();
  };
  const post = (page: Page, text: string) =>
    page.getByTestId('post').filter({ hasText: text }).first();
  const noSidewaysScroll = async (page: Page) => {
    const [scrollWidth, clientWidth] = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth!);
  };

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    const lyon = await createCity(t.dataSource, { name: `Lyon ${suffix}`, countryCode: 'FR' });
    const boston = await createCity(t.dataSource, {
      name: `Boston ${suffix}`,
      countryCode: 'US',
      region: 'north-america',
      timeZone: 'America/New_York',
    });
    coordinator = await createPerson(t.dataSource, http, {
      role: 'coordinator',
      displayName: `Claire Dubois ${suffix}`,
    });
    author = await createPerson(t.dataSource, http, {
      displayName: `Marc Lefèvre ${suffix}`,
      position: 'official',
      cityId: lyon.id,
    });
    reporter = await createPerson(t.dataSource, http, {
      displayName: `Dana Brooks ${suffix}`,
      position: 'practitioner',
      cityId: boston.id,
      timeZone: 'America/New_York',
    });
    member = await createPerson(t.dataSource, http, {
      displayName: `Lena Vogel ${suffix}`,
      position: 'researcher',
    });
    const exchange = await http('POST', '/api/exchanges', {
      token: coordinator.token,
      body: {
        title: `Online hate ${suffix}`,
        cityIds: [lyon.id, boston.id],
        attribution: 'named',
        status: 'active',
      },
    });
    exchangeId = exchange.body.id as string;
    for (const person of [author, reporter, member])
      await http('POST', `/api/exchanges/${exchangeId}/members`, {
        token: coordinator.token,
        body: { practitionerId: person.id, role: 'participant' },
      });
    const thread = await http('POST', '/api/threads', {
      token: coordinator.token,
      body: {
        exchangeId,
        title: `After the march ${suffix}`,
        kind: 'discussion',
        language: 'en',
        body: 'What did your city do the week after the march?',
        clientId: `moderation-${suffix}-1`,
      },
    });
    threadId = thread.body.thread.id;
    for (const [n, body] of [
      [2, 'Those people **should not** be allowed to speak at all.'],
      [3, 'Here is the home address of the organiser: 12 rue des Lilas.'],
    ] as const) {
      const reply = await http('POST', `/api/threads/${threadId}/posts`, {
        token: author.token,
        body: { body, language: 'en', clientId: `moderation-${suffix}-${n}` },
      });
      expect(reply.status).toBe(201);
    }
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await t?.close();
  });

  it('reports a post, is refused politely the second time, and a serious reason hides it', async () => {
    const page = await open(reporter, { timezoneId: 'America/New_York' });
    await page.goto(`/threads/${threadId}`);
    await heading(page, `After the march ${suffix}`);
    const first = post(page, 'should not');
    await first.getByRole('button', { name: 'Report' }).click();
    const dialog = page.getByRole('dialog', { name: 'Report this post' });
    await dialog.waitFor();
    await dialog.getByText('Attacks, threats or insults aimed at a person or a group.').waitFor();
    await expectAccessible(page, 'report dialog');
    // "Something else" needs a few words.
    await dialog.getByRole('radio', { name: /Something else/ }).check();
    await dialog.getByRole('button', { name: 'Send the report' }).click();
    await dialog.getByText('Say in a few words what is wrong').waitFor();
    await dialog.getByRole('radio', { name: /Harassment or abuse/ }).check();
    await dialog
      .getByLabel('Anything the moderators should know (optional)')
      .fill('Aimed at the marchers.');
    await dialog.getByRole('button', { name: 'Send the report' }).click();
    await page.getByRole('dialog', { name: 'Thank you: your report was sent' }).waitFor();
    await page.getByText('The moderators will review it').waitFor();
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    // Not a serious reason: the post stays.
    await first.getByText('should not').waitFor();

    // Again: refused politely, nothing sent twice.
    await first.getByRole('button', { name: 'Report' }).click();
    await page.getByRole('radio', { name: /Spam or advertising/ }).check();
    await page.getByRole('button', { name: 'Send the report' }).click();
    await page.getByText('You already reported this.').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    // Personal data: the post turns into a placeholder for the reporter at once.
    await post(page, 'home address').getByRole('button', { name: 'Report' }).click();
    await page.getByRole('radio', { name: /Personal data/ }).check();
    await page.getByRole('button', { name: 'Send the report' }).click();
    await page
      .getByText('Because of the reason you gave, this post is now hidden from you.')
      .waitFor();
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('reported-placeholder').getByText('You reported this post.').waitFor();
    expect(await page.getByText('home address').count()).toBe(0);
  });

  it('lets a coordinator hide a reported post from the queue; the audit log shows it', async () => {
    const page = await open(coordinator);
    await page.goto('/');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByTestId('nav-moderation-count').waitFor();
    await nav.getByRole('link', { name: /Moderation/ }).click();
    await heading(page, 'Moderation');
    const item = page.getByTestId('queue-item').filter({ hasText: 'should not' });
    await item.waitFor();
    await item.getByText(`Post by Marc Lefèvre ${suffix}`).waitFor();
    await item
      .getByTestId('queue-flag')
      .filter({ hasText: 'Harassment or abuse' })
      .filter({ hasText: `Dana Brooks ${suffix}` })
      .getByText('Aimed at the marchers.')
      .waitFor();
    // Markdown is rendered, not shown raw.
    await item.locator('strong', { hasText: 'should not' }).waitFor();
    await expectAccessible(page, 'review queue');

    await item.getByRole('button', { name: 'Hide', exact: true }).click();
    await item.getByLabel('Why? (Hide)').fill('Dehumanising language about the marchers');
    await item.getByRole('button', { name: 'Hide', exact: true }).click();
    await page.getByTestId('queue-status').getByText('Done: Hide.').waitFor();
    await item.waitFor({ state: 'detached' });

    await page.getByRole('link', { name: 'Audit log' }).click();
    const line = page
      .getByTestId('audit-line')
      .filter({ hasText: 'Dehumanising language about the marchers' });
    await line.getByText('Hidden').waitFor();
    await line.getByText(`Claire Dubois ${suffix}`).waitFor();
    await page.getByRole('button', { name: 'Download CSV' }).waitFor();
    await expectAccessible(page, 'audit log');
  });

  it('reports a live message from its menu; a serious reason leaves a placeholder', async () => {
    const rooms = await http('GET', `/api/exchanges/${exchangeId}/rooms`, { token: author.token });
    const lobbyId = rooms.body.find((r: { kind: string }) => r.kind === 'lobby').id as string;
    const socket = connectLive(t.baseUrl, author.token);
    await connected(socket);
    await emitAck(socket, 'room.join', { roomId: lobbyId });
    const sent = await emitAck(socket, 'message.send', {
      roomId: lobbyId,
      clientMessageId: `report-me-${suffix}`,
      body: 'Join us, the real fight starts now.',
    });
    socket.close();
    expect(sent.ok).toBe(true);
    const page = await open(reporter);
    await page.goto(`/rooms/${lobbyId}`);
    const message = page.getByTestId('message').filter({ hasText: 'real fight' });
    await message.getByRole('button', { name: /Actions for/ }).click();
    await message.getByRole('button', { name: 'Report' }).click();
    await page.getByRole('dialog', { name: 'Report this message' }).waitFor();
    await page.getByRole('radio', { name: /Extremist content/ }).check();
    await page.getByRole('button', { name: 'Send the report' }).click();
    await page
      .getByText('Because of the reason you gave, this message is now hidden from you.')
      .waitFor();
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByText('You reported this message.').waitFor();
    expect(await page.getByText('real fight').count()).toBe(0);
    // Its author has nothing to report in their own message's menu.
    const own = await open(author);
    await own.goto(`/rooms/${lobbyId}`);
    const mine = own.getByTestId('message').filter({ hasText: 'real fight' });
    await mine.getByRole('button', { name: /Actions for/ }).click();
    await mine.getByRole('button', { name: 'Delete' }).waitFor();
    expect(await mine.getByRole('button', { name: 'Report' }).count()).toBe(0);
  });

  it('tells a member who moderates nothing that they cannot moderate', async () => {
    const page = await open(member);
    const asked = page.waitForResponse((r) => r.url().includes('/api/moderation/queue'));
    await page.goto('/');
    await heading(page, 'Home');
    expect((await asked).status()).toBe(403);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: /Moderation/ }).count()).toBe(0);
    await page.goto('/moderation');
    await heading(page, 'Moderation');
    await page
      .getByTestId('cannot-moderate')
      .getByText('You do not moderate any exchange')
      .waitFor();
  });

  it('reads well on a phone in French: no sideways scroll, axe-clean', async () => {
    const page = await open(coordinator, {
      language: 'fr',
      viewport: { width: 390, height: 844 },
    });
    await page.goto('/moderation');
    await heading(page, 'Modération');
    await page.getByTestId('queue-item').filter({ hasText: 'rue des Lilas' }).waitFor();
    await page.getByText('Données personnelles').first().waitFor();
    await noSidewaysScroll(page);
    await expectAccessible(page, 'review queue on a phone, French');
    await page.getByRole('link', { name: 'Journal de modération' }).click();
    await page.getByTestId('audit-line').first().waitFor();
    await noSidewaysScroll(page);
    await expectAccessible(page, 'audit log on a phone, French');

    const reader = await open(member, { language: 'fr', viewport: { width: 390, height: 844 } });
    await reader.goto(`/threads/${threadId}`);
    await post(reader, 'rue des Lilas').getByRole('button', { name: 'Signaler' }).click();
    await reader.getByRole('dialog', { name: 'Signaler cette contribution' }).waitFor();
    await noSidewaysScroll(reader);
    await expectAccessible(reader, 'report dialog on a phone, French');
  });
});
