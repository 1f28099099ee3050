// A live session room in a real browser against the real API: a mayor in Rotterdam (who hosts
// the exchange) and a practitioner in Denver join the same session room from two browser
// contexts, see each other arrive, type and write; the host hides a message and it disappears
// for the other; questions queue up and are voted on live; the practitioner loses the network, the
// room says it is reconnecting, and when it is back what was missed (and what was written
// meanwhile) shows exactly once; access tokens expire and are renewed on the open connection;
// a muted participant is told why their message did not go out. Checked with axe.
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { MessageView, RoomView } from '#libs/contracts';
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
  signIn,
} from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const suite = browserSuite();
const LIVE = { timeout: 15_000 };
/** Short-lived access tokens, so the test sees the live connection renew one. */
const TOKEN_TTL_SECONDS = 60;

function log(page: Page) {
  return page.getByRole('log', { name: 'Messages' });
}

function message(page: Page, text: string) {
  return log(page).getByTestId('message').filter({ hasText: text });
}

function presence(page: Page) {
  return page.getByTestId('presence');
}

/** Opens a message's menu and picks an item, as a person would. */
async function fromMenu(item: ReturnType<typeof message>, choice: string): Promise<void> {
  await item.getByRole('button', { name: /^Actions for the message of/ }).click();
  await item.getByRole('button', { name: choice, exact: true }).click();
}

/** Writes in the composer and sends with Enter, as a person would. */
async function write(page: Page, text: string): Promise<void> {
  const composer = page.getByLabel('Message', { exact: true });
  await composer.fill(text);
  await composer.press('Enter');
  await expect(composer.inputValue()).resolves.toBe('');
}

/** A fresh access token for API calls made by the test itself (they live a minute). */
async function apiToken(http: Http, person: TestPerson): Promise<string> {
  const signIn = await http('POST', '/api/auth/sign-in', {
    body: { email: person.email, password: FACTORY_PASSWORD },
  });
  expect(signIn.status).toBe(200);
  return signIn.body.accessToken as string;
}

/** The seq of every message the page shows, in order. */
async function shownSeqs(page: Page): Promise<number[]> {
  return (await log(page)
    .getByTestId('message')
    .evaluateAll((items) =>
      items.map((item) => Number(item.getAttribute('data-seq'))),
    )) as number[];
}

suite('a live session room in the web client', () => {
  let t: TestApp;
  let http: Http;
  let browser: Browser;
  let mayorContext: BrowserContext;
  let practitionerContext: BrowserContext;
  let mayorPage: Page;
  let practitionerPage: Page;
  let coordinator: TestPerson;
  let mayor: TestPerson;
  let practitioner: TestPerson;
  let observer: TestPerson;
  let rotterdam: { id: string; name: string };
  let denver: { id: string; name: string };
  const suffix = Math.random().toString(36).slice(2, 8);
  const exchangeTitle = `Polarization after elections ${suffix}`;
  const sessionTitle = `Live roundtable ${suffix}`;
  let exchangeId = '';
  let sessionId = '';
  let room: RoomView;
  /** What the practitioner's page does on its live connection. */
  const practitionerSockets: { opened: number; renewals: number[] } = { opened: 0, renewals: [] };

  beforeAll(async () => {
    t = await startTestApp({ ACCESS_TOKEN_TTL_SECONDS: String(TOKEN_TTL_SECONDS) });
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
    coordinator = await createPerson(t.dataSource, http, { role: 'coordinator' });
    mayor = await createPerson(t.dataSource, http, {
      displayName: `Ahmed Aboutaleb ${suffix}`,
      position: 'mayor',
      timeZone: 'Europe/Amsterdam',
      cityId: rotterdam.id,
    });
    practitioner = await createPerson(t.dataSource, http, {
      displayName: `Rosa Delgado ${suffix}`,
      position: 'practitioner',
      timeZone: 'America/Denver',
      cityId: denver.id,
    });
    observer = await createPerson(t.dataSource, http, {
      displayName: `Observer ${suffix}`,
      position: 'researcher',
      timeZone: 'Europe/Berlin',
    });
    const exchange = await http('POST', '/api/exchanges', {
      token: coordinator.token,
      body: { title: exchangeTitle, cityIds: [rotterdam.id, denver.id], attribution: 'named' },
    });
    expect(exchange.status).toBe(201);
    exchangeId = exchange.body.id;
    for (const [person, role] of [
      [mayor, 'host'],
      [practitioner, 'participant'],
      [observer, 'observer'],
    ] as const) {
      const added = await http('POST', `/api/exchanges/${exchangeId}/members`, {
        token: coordinator.token,
        body: { practitionerId: person.id, role },
      });
      expect(added.status).toBe(201);
    }
    // Starts in ten minutes: its room opens half an hour before, so it is open now.
    const startsAt = new Date(Date.now() + 10 * 60_000);
    startsAt.setUTCSeconds(0, 0);
    const session = await http('POST', `/api/exchanges/${exchangeId}/sessions`, {
      token: mayor.token,
      body: {
        kind: 'roundtable',
        title: sessionTitle,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 60 * 60_000).toISOString(),
        hostTimeZone: 'Europe/Amsterdam',
        online: true,
      },
    });
    expect(session.status).toBe(201);
    sessionId = session.body.id;
    const rooms = await http<RoomView[]>('GET', `/api/exchanges/${exchangeId}/rooms`, {
      token: practitioner.token,
    });
    expect(rooms.status).toBe(200);
    room = rooms.body.find((r) => r.sessionId === sessionId)!;
    expect(room).toMatchObject({ kind: 'session', open: true });

    browser = await launchBrowser();
    mayorContext = await browser.newContext({
      baseURL: t.baseUrl,
      locale: 'en-US',
      timezoneId: 'Europe/Amsterdam',
    });
    practitionerContext = await browser.newContext({
      baseURL: t.baseUrl,
      locale: 'en-US',
      timezoneId: 'America/Denver',
    });
    mayorPage = await mayorContext.newPage();
    practitionerPage = await practitionerContext.newPage();
    practitionerPage.on('websocket', (socket) => {
      practitionerSockets.opened += 1;
      socket.on('framesent', (frame) => {
        if (typeof frame.payload === 'string' && frame.payload.includes('"auth.renew"'))
          practitionerSockets.renewals.push(Date.now());
      });
    });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lets the mayor join from the session page and the practitioner from the exchange page', async () => {
    await mayorPage.goto(`/exchanges/${exchangeId}/sessions/${sessionId}`);
    await signIn(mayorPage, mayor, sessionTitle);
    await mayorPage.getByRole('link', { name: 'Join now' }).click();
    await mayorPage.waitForURL(`**/rooms/${room.id}`);
    await heading(mayorPage, sessionTitle);
    await presence(mayorPage).getByRole('link', { name: mayor.displayName }).waitFor(LIVE);
    await mayorPage.getByText('You moderate this room').waitFor();

    await practitionerPage.goto(`/exchanges/${exchangeId}`);
    await signIn(practitionerPage, practitioner, exchangeTitle);
    const rooms = practitionerPage.getByTestId('rooms');
    await expect(
      rooms.getByRole('listitem').filter({ hasText: 'Lobby' }).textContent(),
    ).resolves.toContain('Open now');
    await rooms.getByRole('link', { name: sessionTitle }).click();
    await heading(practitionerPage, sessionTitle);

    // Each sees the other arrive, with their city and local clock.
    await presence(practitionerPage).getByRole('link', { name: mayor.displayName }).waitFor(LIVE);
    await presence(mayorPage).getByRole('link', { name: practitioner.displayName }).waitFor(LIVE);
    const rosa = presence(mayorPage)
      .getByRole('listitem')
      .filter({ hasText: practitioner.displayName });
    await expect(rosa.locator('.local-time').textContent()).resolves.toMatch(
      new RegExp(`^\\d\\d:\\d\\d in ${denver.name}$`),
    );
    await practitionerPage.getByText('No messages yet. Say hello!').waitFor();
    // Participants do not get the moderators' tools.
    await expect(practitionerPage.getByRole('button', { name: /^Mute/ }).count()).resolves.toBe(0);
    await expectAccessible(practitionerPage, 'session room (participant)');
  });

  it('shows typing and messages live on both sides, with authors, cities and local times', async () => {
    const composer = practitionerPage.getByLabel('Message', { exact: true });
    await composer.pressSequentially('Good morning from Den', { delay: 20 });
    await mayorPage
      .getByTestId('typing')
      .getByText(`${practitioner.displayName} is typing…`)
      .waitFor(LIVE);
    await expect(practitionerPage.getByTestId('composer-count').textContent()).resolves.toBe(
      '21 / 4,000 characters',
    );
    await composer.pressSequentially('ver!', { delay: 20 });
    await composer.press('Enter');

    const hello = message(mayorPage, 'Good morning from Denver!');
    await hello.waitFor(LIVE);
    await expect(hello.textContent()).resolves.toContain(practitioner.displayName);
    await expect(hello.textContent()).resolves.toContain(denver.name);
    // Her clock when she wrote, next to the mayor's own.
    await expect(hello.textContent()).resolves.toMatch(
      new RegExp(`\\(\\d\\d:\\d\\d in ${denver.name}\\)`),
    );
    await expect(
      mayorPage.getByTestId('typing').getByText(`${practitioner.displayName} is typing…`).count(),
    ).resolves.toBe(0);
    await message(practitionerPage, 'Good morning from Denver!').waitFor(LIVE);
    await expect(practitionerPage.getByTestId('pending-message').count()).resolves.toBe(0);

    await write(mayorPage, 'Good afternoon from Rotterdam.');
    const reply = message(practitionerPage, 'Good afternoon from Rotterdam.');
    await reply.waitFor(LIVE);
    await expect(reply.textContent()).resolves.toMatch(
      new RegExp(`\\(\\d\\d:\\d\\d in ${rotterdam.name}\\)`),
    );
    await expect(shownSeqs(practitionerPage)).resolves.toEqual([1, 2]);
    await expect(shownSeqs(mayorPage)).resolves.toEqual([1, 2]);
    await expectAccessible(mayorPage, 'session room (host)');
  });

  it('lets the author edit her message for everyone', async () => {
    const mine = log(practitionerPage).locator('[data-seq="1"]');
    await expect(mine.textContent()).resolves.toContain('Good morning from Denver!');
    await fromMenu(mine, 'Edit');
    const editor = mine.getByLabel('Edit your message');
    await editor.fill('Good morning from Denver, Colorado!');
    await mine.getByRole('button', { name: 'Save' }).click();
    const onMayor = message(mayorPage, 'Good morning from Denver, Colorado!');
    await onMayor.getByText('(edited)').waitFor(LIVE);
    // Only authors edit: the host has no Edit button on her message.
    await expect(onMayor.getByRole('button', { name: 'Edit' }).count()).resolves.toBe(0);
  });

  it('lets the host hide a message: it disappears for the participant, the host keeps the reason', async () => {
    await write(practitionerPage, 'Something that breaks the house rules');
    const onMayor = message(mayorPage, 'Something that breaks the house rules');
    await onMayor.waitFor(LIVE);
    await fromMenu(onMayor, 'Hide');
    await onMayor.getByLabel('Why hide this message?').fill('Off-topic and hurtful');
    await onMayor.getByRole('button', { name: 'Hide' }).click();

    await onMayor
      .getByText('Hidden from participants. Reason: Off-topic and hurtful')
      .waitFor(LIVE);
    const onPractitioner = message(practitionerPage, 'Something that breaks the house rules');
    await onPractitioner.waitFor({ state: 'detached', ...LIVE });
    await expect(
      message(practitionerPage, 'Good morning from Denver, Colorado!').count(),
    ).resolves.toBe(1);

    // Who hid it, when and why is on record.
    const log = await http('GET', `/api/rooms/${room.id}/moderation-actions`, {
      token: await apiToken(http, mayor),
    });
    expect(log.status).toBe(200);
    expect(log.body).toEqual([
      expect.objectContaining({
        action: 'hide',
        actorId: mayor.id,
        reason: 'Off-topic and hurtful',
      }),
    ]);
  });

  it('keeps a live question queue: ask, upvote, mark answered', async () => {
    const question = 'How do you measure polarization at the neighbourhood level?';
    await practitionerPage.getByLabel('Ask this as a question').check();
    await write(practitionerPage, question);
    await expect(practitionerPage.getByLabel('Ask this as a question').isChecked()).resolves.toBe(
      false,
    );
    const onMayor = mayorPage.getByTestId('question').filter({ hasText: question });
    const onPractitioner = practitionerPage.getByTestId('question').filter({ hasText: question });
    await onMayor.getByText('Votes: 0').waitFor(LIVE);
    await onPractitioner.getByText('Votes: 0').waitFor(LIVE);
    // Nobody upvotes their own question.
    await expect(onPractitioner.getByRole('button', { name: /^Upvote/ }).count()).resolves.toBe(0);

    await onMayor.getByRole('button', { name: /^Upvote/ }).click();
    await onPractitioner.getByText('Votes: 1').waitFor(LIVE);
    await onMayor.getByRole('button', { name: /^Upvoted/ }).waitFor(LIVE);
    await onMayor.getByRole('button', { name: /^Mark answered/ }).click();
    await onPractitioner.getByText('Answered').waitFor(LIVE);
    await expect(message(practitionerPage, question).getByText('Answered').count()).resolves.toBe(
      1,
    );
    await expectAccessible(mayorPage, 'session room with questions (host)');
  });

  it('shows the reconnecting state offline and recovers what was missed with no duplicates', async () => {
    await write(mayorPage, 'Slides at ten');
    await message(practitionerPage, 'Slides at ten').waitFor(LIVE);
    await practitionerContext.setOffline(true);
    await practitionerPage
      .getByTestId('connection-state')
      .getByText(/^Reconnecting…/)
      .waitFor(LIVE);
    // The mayor sees her leave within seconds.
    await presence(mayorPage)
      .getByRole('link', { name: practitioner.displayName })
      .waitFor({ state: 'detached', ...LIVE });

    // An edit to a message she has already seen, made while she is away.
    const mayorSocket = connectLive(t.baseUrl, await apiToken(http, mayor));
    await connected(mayorSocket);
    const recent = await http<MessageView[]>('GET', `/api/rooms/${room.id}/messages?limit=5`, {
      token: await apiToken(http, mayor),
    });
    const slides = recent.body.find((m) => m.body === 'Slides at ten')!;
    const edited = await emitAck(mayorSocket, 'message.edit', {
      roomId: room.id,
      messageId: slides.id,
      body: 'Slides at eleven, not ten',
    });
    expect(edited.ok).toBe(true);
    mayorSocket.close();
    await write(mayorPage, 'Did everyone get the slides?');
    await message(mayorPage, 'Did everyone get the slides?').waitFor(LIVE);
    // Written while offline: kept, shown as waiting, sent once the connection is back.
    await write(practitionerPage, 'Written on the train without network');
    const pending = practitionerPage.getByTestId('pending-message');
    await pending.getByText('Waiting for the connection…').waitFor(LIVE);
    await expect(message(practitionerPage, 'Did everyone get the slides?').count()).resolves.toBe(
      0,
    );

    await practitionerContext.setOffline(false);
    await practitionerPage.getByTestId('connection-state').waitFor({ state: 'detached', ...LIVE });
    await message(practitionerPage, 'Did everyone get the slides?').waitFor(LIVE);
    await message(practitionerPage, 'Slides at eleven, not ten').waitFor(LIVE);
    await expect(message(practitionerPage, 'Slides at ten').count()).resolves.toBe(0);
    await message(practitionerPage, 'Written on the train without network').waitFor(LIVE);
    await message(mayorPage, 'Written on the train without network').waitFor(LIVE);
    await pending.waitFor({ state: 'detached', ...LIVE });
    await presence(mayorPage).getByRole('link', { name: practitioner.displayName }).waitFor(LIVE);

    // Each message once, in order, and none missing: exactly what the server stored.
    const history = await http<MessageView[]>('GET', `/api/rooms/${room.id}/messages`, {
      token: await apiToken(http, practitioner),
    });
    expect(history.status).toBe(200);
    const stored = history.body
      .filter((m) => !m.deleted)
      .map((m) => m.seq)
      .reverse();
    const lastSeq = history.body[0]!.seq;
    const hiddenSeq = history.body.find((m) => m.deleted)!.seq;
    expect(stored).toEqual(
      Array.from({ length: lastSeq }, (_, i) => i + 1).filter((seq) => seq !== hiddenSeq),
    );
    // Her own hidden message stays in its place for her, as a placeholder with the reason.
    await expect(shownSeqs(practitionerPage)).resolves.toEqual(
      Array.from({ length: lastSeq }, (_, i) => i + 1),
    );
    await expect(
      log(practitionerPage)
        .locator(`[data-seq="${hiddenSeq}"]`)
        .getByTestId('hidden-placeholder')
        .count(),
    ).resolves.toBe(1);
    // The host still sees the hidden one, with its reason.
    await expect(shownSeqs(mayorPage)).resolves.toEqual(
      Array.from({ length: lastSeq }, (_, i) => i + 1),
    );
    expect(
      history.body.filter((m) => m.body === 'Written on the train without network'),
    ).toHaveLength(1);
    await expectAccessible(practitionerPage, 'session room after reconnecting');
  });

  it('renews an expiring access token on the open connection, without leaving the room', async () => {
    // Watch both pages: the practitioner's page never reconnects, the mayor never sees her go.
    await practitionerPage.evaluate(() => {
      const seen = window as unknown as { sawReconnecting: boolean };
      seen.sawReconnecting = false;
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="connection-state"]')) seen.sawReconnecting = true;
      }).observe(document.body, { childList: true, subtree: true });
    });
    await mayorPage.evaluate((name) => {
      const seen = window as unknown as { sawHerLeave: boolean };
      seen.sawHerLeave = false;
      new MutationObserver(() => {
        const list = document.querySelector('[data-testid="presence"]');
        if (!list?.textContent?.includes(name)) seen.sawHerLeave = true;
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    }, practitioner.displayName);
    const socketsBefore = practitionerSockets.opened;
    const renewalsBefore = practitionerSockets.renewals.length;

    // A token lives a minute here; the page hands a fresh one over before it runs out.
    const deadline = Date.now() + (TOKEN_TTL_SECONDS + 10) * 1000;
    while (practitionerSockets.renewals.length === renewalsBefore && Date.now() < deadline)
      await practitionerPage.waitForTimeout(500);
    expect(practitionerSockets.renewals.length).toBeGreaterThan(renewalsBefore);
    // Past the old token's end: the room still works both ways on the same connection.
    await practitionerPage.waitForTimeout((TOKEN_TTL_SECONDS / 5 + 2) * 1000);
    await write(practitionerPage, 'Still here after my token expired');
    await message(mayorPage, 'Still here after my token expired').waitFor(LIVE);
    await write(mayorPage, 'Welcome back, so to speak');
    await message(practitionerPage, 'Welcome back, so to speak').waitFor(LIVE);

    expect(practitionerSockets.opened).toBe(socketsBefore);
    await expect(
      practitionerPage.evaluate(
        () => (window as unknown as { sawReconnecting: boolean }).sawReconnecting,
      ),
    ).resolves.toBe(false);
    await expect(
      mayorPage.evaluate(() => (window as unknown as { sawHerLeave: boolean }).sawHerLeave),
    ).resolves.toBe(false);
  }, 150_000);

  it('tells a muted participant at once that she is muted and until when, with the composer disabled', async () => {
    const rosa = presence(mayorPage)
      .getByRole('listitem')
      .filter({ hasText: practitioner.displayName });
    await rosa.getByRole('button', { name: `Mute ${practitioner.displayName}` }).click();
    await rosa.getByLabel('Mute for').selectOption({ label: '1 hour' });
    await rosa.getByLabel(`Why mute ${practitioner.displayName}?`).fill('Cooling down');
    await rosa.getByRole('button', { name: 'Mute', exact: true }).click();
    await rosa
      .getByText(new RegExp(`^${practitioner.displayName} is muted here until `))
      .waitFor(LIVE);

    await practitionerPage
      .getByTestId('muted-notice')
      .getByText(/^A moderator muted you in this room until .+\. You can read along/)
      .waitFor(LIVE);
    await expect(
      practitionerPage.getByLabel('Message', { exact: true }).isDisabled(),
    ).resolves.toBe(true);
    await expectAccessible(practitionerPage, 'session room (muted)');
    await expect(message(mayorPage, 'Can I still talk?').count()).resolves.toBe(0);
  });

  it('opens the lobby from the exchange page and loads earlier history without duplicates', async () => {
    const rooms = await http<RoomView[]>('GET', `/api/exchanges/${exchangeId}/rooms`, {
      token: await apiToken(http, mayor),
    });
    const lobby = rooms.body.find((r) => r.kind === 'lobby')!;
    // A long conversation from before (more than one page of history).
    await t.dataSource.query(
      `INSERT INTO messages (room_id, seq, author_id, client_message_id, body)
       SELECT $1, n, $2, 'seed-' || lpad(n::text, 4, '0'), 'Earlier message number ' || n
         FROM generate_series(1, 60) AS n`,
      [lobby.id, mayor.id],
    );
    await t.dataSource.query('UPDATE rooms SET last_seq = 60 WHERE id = $1', [lobby.id]);

    await practitionerPage.goto(`/exchanges/${exchangeId}`);
    await heading(practitionerPage, exchangeTitle);
    await practitionerPage.getByTestId('rooms').getByRole('link', { name: 'Lobby' }).click();
    await heading(practitionerPage, `${exchangeTitle} — lobby`);
    await message(practitionerPage, 'Earlier message number 60').waitFor(LIVE);
    await expect(shownSeqs(practitionerPage)).resolves.toEqual(
      Array.from({ length: 50 }, (_, i) => i + 11),
    );
    // Scrolling up to the top of the conversation brings the earlier messages in.
    await practitionerPage.getByRole('button', { name: 'Load earlier messages' }).waitFor();
    await log(practitionerPage).evaluate((el) => {
      el.scrollTop = 0;
    });
    await message(practitionerPage, 'Earlier message number 10').waitFor(LIVE);
    await practitionerPage
      .getByRole('button', { name: 'Load earlier messages' })
      .waitFor({ state: 'detached', ...LIVE });
    await expect(shownSeqs(practitionerPage)).resolves.toEqual(
      Array.from({ length: 60 }, (_, i) => i + 1),
    );
    await write(practitionerPage, 'Hello lobby');
    await message(practitionerPage, 'Hello lobby').waitFor(LIVE);
    await expect(shownSeqs(practitionerPage)).resolves.toEqual(
      Array.from({ length: 61 }, (_, i) => i + 1),
    );
    await expectAccessible(practitionerPage, 'lobby');
  });

  it('lets an observer read the session room and explains why she cannot write', async () => {
    const context = await browser.newContext({
      baseURL: t.baseUrl,
      locale: 'en-US',
      timezoneId: 'Europe/Berlin',
    });
    const page = await context.newPage();
    await page.goto(`/rooms/${room.id}`);
    await signIn(page, observer, sessionTitle);
    await message(page, 'Did everyone get the slides?').waitFor(LIVE);
    await page
      .getByTestId('read-only')
      .getByText(
        'You follow this exchange as an observer: you can read this room but not write in it.',
      )
      .waitFor();
    await expect(page.getByLabel('Message', { exact: true }).count()).resolves.toBe(0);
    // Observers neither vote nor moderate.
    await expect(page.getByRole('button', { name: /^Upvote|^Hide|^Mute/ }).count()).resolves.toBe(
      0,
    );
    await presence(mayorPage).getByRole('link', { name: observer.displayName }).waitFor(LIVE);
    await expectAccessible(page, 'session room (observer)');
    await context.close();
  });
});
