// Threads in a real browser against the real API, with a mayor (Rotterdam), a practitioner
// (Denver) and a coordinator: the practitioner asks a question from the exchange's thread list;
// the mayor sees it new, replies mentioning the practitioner through the completion list, and the
// reply appears on the practitioner's open page without a reload; the practitioner marks it as
// the answer and reacts; the coordinator hides a post (it leaves the mayor's page live) and locks
// the thread (the mayor's reply box goes); the home page lists what waits; a room message becomes
// a thread. On a phone in French too, checked with axe.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { connectLive, connected, emitAck } from '../support/live-client.js';
import { createCity, createPerson, type TestPerson } from '../factories/accounts.js';
import {
  browserContext,
  browserSuite,
  expectAccessible,
  heading,
  launchBrowser,
  paintLate,
} from '../support/browser.js';
import { httpClient, type Http } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const suite = browserSuite();
const LIVE = { timeout: 15_000 };

suite('threads in the web client', () => {
  let t: TestApp;
  let http: Http;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let coordinator: TestPerson;
  let mayor: TestPerson;
  let practitioner: TestPerson;
  let exchangeId: string;
  const suffix = Math.random().toString(36).slice(2, 6);

  const open = async (person: TestPerson, options: Parameters<typeof browserContext>[3] = {}) => {
    const context = await browserContext(browser, t.baseUrl, person, options);
    contexts.push(context);
    return context.newPage();
  };
  const post = (page: Page, text: string) =>
    page.getByTestId('post').filter({ hasText: text }).first();

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    const rotterdam = await createCity(t.dataSource, { name: `Rotterdam ${suffix}` });
    const denver = await createCity(t.dataSource, {
      name: `Denver ${suffix}`,
      countryCode: 'US',
      region: 'north-america',
      timeZone: 'America/Denver',
    });
    coordinator = await createPerson(t.dataSource, http, {
      role: 'coordinator',
      displayName: `Claire Dubois ${suffix}`,
    });
    mayor = await createPerson(t.dataSource, http, {
      displayName: `Pieter van Dijk ${suffix}`,
      position: 'mayor',
      cityId: rotterdam.id,
      timeZone: 'Europe/Amsterdam',
    });
    practitioner = await createPerson(t.dataSource, http, {
      displayName: `Jamal Carter ${suffix}`,
      position: 'practitioner',
      cityId: denver.id,
      timeZone: 'America/Denver',
    });
    const exchange = await http('POST', '/api/exchanges', {
      token: coordinator.token,
      body: {
        title: `Online hate ${suffix}`,
        cityIds: [rotterdam.id, denver.id],
        attribution: 'named',
        status: 'active',
      },
    });
    exchangeId = exchange.body.id;
    for (const person of [mayor, practitioner])
      await http('POST', `/api/exchanges/${exchangeId}/members`, {
        token: coordinator.token,
        body: { practitionerId: person.id, role: 'participant' },
      });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await t?.close();
  });

  it('asks, answers with a mention, marks the answer, reacts, moderates: live on every page', async () => {
    // The practitioner asks from the exchange's thread list.
    const asker = await open(practitioner, { timezoneId: 'America/Denver' });
    await asker.goto(`/exchanges/${exchangeId}/threads`);
    await heading(asker, `Threads of “Online hate ${suffix}”`);
    await asker.getByRole('link', { name: 'Start a thread' }).click();
    await heading(asker, 'Start a thread');
    await asker.getByLabel('Title').fill('How do you reach parents after an attack?');
    await asker.getByLabel('Kind').selectOption('question');
    await asker.getByLabel('Your opening post').fill('What did your **schools** say on day one?');
    await asker.getByRole('button', { name: 'Start a thread' }).click();
    await heading(asker, 'How do you reach parents after an attack?');
    await expectAccessible(asker, 'thread page (asker)');
    const threadUrl = asker.url();

    // The mayor sees it as new in the list, opens it and replies with a mention.
    const mayorPage = await open(mayor);
    await mayorPage.goto(`/exchanges/${exchangeId}/threads`);
    const item = mayorPage.getByTestId('thread-item').filter({ hasText: 'reach parents' });
    await item.getByText('New', { exact: true }).waitFor();
    await item.getByRole('link').click();
    await heading(mayorPage, 'How do you reach parents after an attack?');
    // The caret waits after the picked name for the next words, even when frames come late.
    await paintLate(mayorPage);
    const box = mayorPage.getByLabel('Your reply', { exact: true });
    await box.fill('Our schools sent a letter. @Jam');
    await mayorPage.getByRole('option', { name: new RegExp(`Jamal Carter ${suffix}`) }).click();
    await box.pressSequentially('does Denver do the same?', { delay: 10 });
    await mayorPage.getByRole('button', { name: 'Post the reply' }).click();
    await post(mayorPage, 'Our schools sent a letter.').waitFor();
    await expect(post(mayorPage, 'Our schools sent a letter.').textContent()).resolves.toContain(
      `Our schools sent a letter. @Jamal Carter ${suffix} does Denver do the same?`,
    );

    // It reaches the asker's open page without a reload, the mention linking to their profile.
    const reply = post(asker, 'Our schools sent a letter.');
    await reply.waitFor(LIVE);
    await reply
      .getByRole('link', { name: `@Jamal Carter ${suffix}` })
      .and(asker.getByTestId('mention'))
      .waitFor();
    await reply.getByRole('button', { name: 'Mark as the answer' }).click();
    await reply.getByText('The answer', { exact: true }).waitFor();
    await post(mayorPage, 'Our schools sent a letter.')
      .getByText('The answer', { exact: true })
      .waitFor(LIVE);
    await reply.getByRole('button', { name: 'Applause' }).click();
    await post(mayorPage, 'Our schools sent a letter.')
      .getByRole('button', { name: 'Applause' })
      .getByText('1')
      .waitFor(LIVE);

    // The asker was told, and the home page shows what waits.
    const home = await open(practitioner, { timezoneId: 'America/Denver' });
    await home.goto('/');
    await home
      .getByTestId('home-waitingReplies')
      .getByText(/mentioned you/)
      .waitFor();

    // The coordinator hides the mayor's reply and locks the thread: the mayor's page follows.
    const moderator = await open(coordinator);
    await moderator.goto(threadUrl.replace(t.baseUrl, ''));
    await post(moderator, 'Our schools sent a letter.')
      .getByRole('button', { name: 'Hide' })
      .click();
    await moderator.getByLabel('Why hide this post?').fill('Names a pupil');
    await moderator.getByRole('button', { name: 'Hide', exact: true }).last().click();
    await post(moderator, 'Hidden by a moderator').waitFor();
    await post(asker, 'Our schools sent a letter.').waitFor({ state: 'detached', ...LIVE });
    // Its author sees why.
    await mayorPage.getByText('Hidden by a moderator. Reason: Names a pupil').waitFor(LIVE);
    await moderator.getByRole('button', { name: 'Lock' }).click();
    await moderator.getByLabel('Why? (Lock)').fill('Taken to the next session');
    await moderator.locator('.thread-moderation').getByRole('button', { name: 'Lock' }).click();
    await mayorPage.getByText('This thread is locked: no new posts.').waitFor(LIVE);
    expect(await mayorPage.getByLabel('Your reply', { exact: true }).count()).toBe(0);
    await expectAccessible(moderator, 'thread page (moderator)');
  });

  it('turns a room message into a thread, linked both ways', async () => {
    const rooms = await http('GET', `/api/exchanges/${exchangeId}/rooms`, { token: mayor.token });
    const lobbyId = rooms.body.find((r: { kind: string }) => r.kind === 'lobby').id;
    const socket = connectLive(t.baseUrl, mayor.token);
    await connected(socket);
    await emitAck(socket, 'room.join', { roomId: lobbyId });
    const sent = await emitAck(socket, 'message.send', {
      roomId: lobbyId,
      clientMessageId: `from-room-${suffix}`,
      body: 'Should we keep talking about school letters after the session?',
    });
    socket.close();
    expect(sent.ok).toBe(true);
    const page = await open(mayor);
    await page.goto(`/rooms/${lobbyId}`);
    await page
      .getByTestId('message')
      .filter({ hasText: 'school letters' })
      .getByRole('link', { name: 'Continue in a thread' })
      .click();
    await heading(page, 'Continue in a thread');
    await page.getByLabel('Title').fill('School letters after an attack');
    await page.getByRole('button', { name: 'Continue in a thread' }).click();
    await heading(page, 'School letters after an attack');
    await post(page, 'Should we keep talking about school letters').waitFor();
    await page.getByRole('link', { name: 'Started from a message in a live room' }).click();
    await page
      .getByTestId('message')
      .filter({ hasText: 'school letters' })
      .getByRole('link', { name: 'This continues in a thread' })
      .waitFor();
  });

  it('reads well on a phone in French: no sideways scroll, axe-clean', async () => {
    const page = await open(mayor, {
      language: 'fr',
      viewport: { width: 390, height: 844 },
      timezoneId: 'Europe/Amsterdam',
    });
    await page.goto('/commons');
    await heading(page, 'Espace commun');
    await page.getByRole('link', { name: 'Lancer un fil' }).click();
    // The form is whole once its themes have come (a title typed in the very first milliseconds
    // after the page appears was seen lost under load; a person does not type that fast).
    await page.waitForLoadState('networkidle');
    await page.getByLabel('Titre').fill('Une question pour tout le réseau');
    await page
      .getByLabel('Votre premier message')
      .fill('Comment travaillez-vous avec les écoles ?');
    await page.getByRole('button', { name: 'Lancer un fil' }).click();
    await heading(page, 'Une question pour tout le réseau');
    const width = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    expect(width[0]).toBeLessThanOrEqual(width[1]!);
    await expectAccessible(page, 'thread page on a phone, French');
  });
});
