// Live rooms read like a chat people know, in a real browser against the real API: a host in
// English on a desktop (1366×900) and a participant in French on a phone (390×844). Unread badges
// in the header, the exchange list and the room list; day dividers, one name line for
// consecutive messages, the "new messages" line; markdown that renders while a <script> and a
// javascript: link stay inert; mention completion and the mention arriving live in the bell;
// hiding from a message's menu and the author's placeholder; a mute the member sees at once,
// with until when, lifted from the room's restrictions; a closed room without a composer; the
// composer in view, people and questions reachable, no horizontal scroll; axe-clean.
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
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
  paintLate,
  signIn,
} from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const suite = browserSuite();
const LIVE = { timeout: 15_000 };
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };

function log(page: Page) {
  return page.locator('[role="log"]');
}

function message(page: Page, text: string) {
  return log(page).getByTestId('message').filter({ hasText: text });
}

async function fromMenu(page: Page, text: string, choice: string): Promise<void> {
  const item = message(page, text);
  await item
    .getByRole('button', { name: /^(Actions for the message of|Actions sur le message de)/ })
    .click();
  await item.getByRole('button', { name: choice, exact: true }).click();
}

/** The element is wholly inside the viewport. */
async function expectInView(page: Page, selector: string, what: string): Promise<void> {
  const box = await page.locator(selector).first().boundingBox();
  const viewport = page.viewportSize()!;
  expect({ what, box: box !== null }).toEqual({ what, box: true });
  expect({
    what,
    inside: box!.y >= 0 && box!.y + box!.height <= viewport.height && box!.x >= 0,
  }).toEqual({ what, inside: true });
}

async function expectNoHorizontalScroll(page: Page, what: string): Promise<void> {
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

async function signInFrench(page: Page, person: TestPerson, landing: string): Promise<void> {
  await heading(page, 'Connexion');
  await page.getByLabel('Adresse e-mail').fill(person.email);
  await page.getByLabel('Mot de passe').fill(FACTORY_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
  await heading(page, landing);
}

suite('reading a live room in the web client', () => {
  let t: TestApp;
  let http: Http;
  let browser: Browser;
  let martaContext: BrowserContext;
  let rosaContext: BrowserContext;
  let martaPage: Page;
  let rosaPage: Page;
  let coordinator: TestPerson;
  let marta: TestPerson;
  let rosa: TestPerson;
  let martaSocket: Socket;
  const suffix = randomBytes(3).toString('hex');
  const exchangeTitle = `Reading exchange ${suffix}`;
  const closedTitle = `Concluded exchange ${suffix}`;
  const sessionTitle = `Reading session ${suffix}`;
  let exchangeId = '';
  let lobbyId = '';
  let sessionRoomId = '';
  let closedLobbyId = '';

  const send = async (socket: Socket, roomId: string, body: string): Promise<MessageView> => {
    const ack = await emitAck<MessageView>(socket, 'message.send', {
      roomId,
      clientMessageId: `reading-${randomBytes(6).toString('hex')}`,
      body,
    });
    if (!ack.ok) throw new Error(JSON.stringify(ack.error));
    return ack.data;
  };
  const newExchange = async (title: string) => {
    const city = await createCity(t.dataSource);
    const exchange = await http('POST', '/api/exchanges', {
      token: coordinator.token,
      body: { title, cityIds: [city.id], attribution: 'named' },
    });
    expect(exchange.status).toBe(201);
    for (const [person, role] of [
      [marta, 'host'],
      [rosa, 'participant'],
    ] as const) {
      const added = await http('POST', `/api/exchanges/${exchange.body.id}/members`, {
        token: coordinator.token,
        body: { practitionerId: person.id, role },
      });
      expect(added.status).toBe(201);
    }
    return exchange.body.id as string;
  };
  const roomsOf = async (id: string) =>
    (await http<RoomView[]>('GET', `/api/exchanges/${id}/rooms`, { token: coordinator.token }))
      .body;

  beforeAll(async () => {
    t = await startTestApp({ LIVE_SEND_PER_SECOND: '50', LIVE_SEND_BURST: '50' });
    http = httpClient(t.baseUrl);
    coordinator = await createPerson(t.dataSource, http, { role: 'coordinator' });
    marta = await createPerson(t.dataSource, http, {
      displayName: `Marta Host ${suffix}`,
      position: 'mayor',
      timeZone: 'Europe/Amsterdam',
    });
    rosa = await createPerson(t.dataSource, http, {
      displayName: `Rosa Delgado ${suffix}`,
      position: 'practitioner',
      timeZone: 'America/Denver',
    });
    exchangeId = await newExchange(exchangeTitle);
    const startsAt = new Date(Date.now() + 10 * 60_000);
    const session = await http('POST', `/api/exchanges/${exchangeId}/sessions`, {
      token: coordinator.token,
      body: {
        kind: 'roundtable',
        title: sessionTitle,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
        hostTimeZone: 'Europe/Amsterdam',
      },
    });
    expect(session.status).toBe(201);
    const rooms = await roomsOf(exchangeId);
    lobbyId = rooms.find((r) => r.kind === 'lobby')!.id;
    sessionRoomId = rooms.find((r) => r.kind === 'session')!.id;
    const closedId = await newExchange(closedTitle);
    closedLobbyId = (await roomsOf(closedId)).find((r) => r.kind === 'lobby')!.id;

    // Yesterday's conversation, then today's: Rosa read yesterday's.
    martaSocket = connectLive(t.baseUrl, marta.token);
    await connected(martaSocket);
    const first = await send(martaSocket, lobbyId, 'Opening words from yesterday');
    const second = await send(martaSocket, lobbyId, 'A follow-up from yesterday');
    await t.dataSource.query(
      `UPDATE messages SET created_at = now() - interval '1 day' WHERE id = ANY($1)`,
      [[first.id, second.id]],
    );
    await send(martaSocket, lobbyId, 'Welcome back, everyone');
    await send(
      martaSocket,
      lobbyId,
      'Today we talk about **polarization** and _trust_:\n\n- first point\n- second point\n\nUse `code` and [the guide](https://example.org/guide).',
    );
    await send(
      martaSocket,
      lobbyId,
      'Careful: <script>window.__xss = 1</script> <img src=x onerror="window.__xss = 2"> [click me](javascript:window.__xss=3)',
    );
    await send(martaSocket, closedLobbyId, 'Last words before the exchange concluded');
    const concluded = await http('PATCH', `/api/exchanges/${closedId}`, {
      token: coordinator.token,
      body: { status: 'concluded' },
    });
    expect(concluded.status).toBe(200);
    const rosaSocket = connectLive(t.baseUrl, rosa.token);
    await connected(rosaSocket);
    expect((await emitAck(rosaSocket, 'room.read', { roomId: lobbyId, seq: 2 })).ok).toBe(true);
    rosaSocket.close();

    browser = await launchBrowser();
    martaContext = await browser.newContext({
      baseURL: t.baseUrl,
      locale: 'en-US',
      timezoneId: 'Europe/Amsterdam',
      viewport: DESKTOP,
    });
    rosaContext = await browser.newContext({
      baseURL: t.baseUrl,
      locale: 'fr-FR',
      timezoneId: 'America/Denver',
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
    });
    martaPage = await martaContext.newPage();
    rosaPage = await rosaContext.newPage();
  });

  afterAll(async () => {
    martaSocket?.close();
    await browser?.close();
    await t?.close();
  });

  it('shows what Rosa has not read in the header, the exchange and the room list, on her phone in French', async () => {
    await rosaPage.goto(`/exchanges/${exchangeId}`);
    await signInFrench(rosaPage, rosa, exchangeTitle);
    // Today's three in the lobby, and one in the other exchange's lobby.
    await expect(rosaPage.getByTestId('nav-unread').textContent()).resolves.toBe('4');
    const lobby = rosaPage
      .getByTestId('rooms')
      .getByRole('listitem')
      .filter({ hasText: 'Salon d’accueil' });
    await expect(lobby.getByTestId('room-unread').textContent()).resolves.toBe('3');
    await expectAccessible(rosaPage, 'exchange page with unread badges (fr, phone)');
    await rosaPage.goto('/exchanges');
    await rosaPage
      .getByTestId('exchange-card')
      .filter({ hasText: exchangeTitle })
      .getByTestId('exchange-unread')
      .waitFor(LIVE);
    await rosaPage.goto(`/exchanges/${exchangeId}`);
    await lobby.getByRole('link').click();
    await heading(rosaPage, `${exchangeTitle} — salon d’accueil`);
  });

  it('lays the conversation out by day, with one name line per run and the new-messages line', async () => {
    await message(rosaPage, 'Careful:').waitFor(LIVE);
    const dividers = await log(rosaPage).getByTestId('day-divider').allTextContents();
    expect(dividers).toEqual(['Hier', 'Aujourd’hui']);
    // The line sits right before the first message she had not read.
    const order = await log(rosaPage)
      .locator('ol.messages > li')
      .evaluateAll((items) =>
        items.map(
          (li) => li.getAttribute('data-testid') + ':' + (li.getAttribute('data-seq') ?? ''),
        ),
      );
    expect(order).toEqual([
      'day-divider:',
      'message:1',
      'message:2',
      'day-divider:',
      'new-messages:',
      'message:3',
      'message:4',
      'message:5',
    ]);
    await expect(rosaPage.getByTestId('new-messages').textContent()).resolves.toBe(
      'Nouveaux messages',
    );
    // Today's three are one run: only the first carries Marta's name line.
    await expect(message(rosaPage, 'Welcome back').getAttribute('class')).resolves.not.toContain(
      'message--grouped',
    );
    await expect(message(rosaPage, 'polarization').getAttribute('class')).resolves.toContain(
      'message--grouped',
    );
    await expect(
      message(rosaPage, 'polarization').getByRole('link', { name: marta.displayName }).count(),
    ).resolves.toBe(0);
  });

  it('renders markdown, keeps links safe and leaves a script and a javascript: link inert', async () => {
    const rich = message(rosaPage, 'polarization');
    await expect(rich.locator('strong').textContent()).resolves.toBe('polarization');
    await expect(rich.locator('em').textContent()).resolves.toBe('trust');
    await expect(rich.locator('li').allTextContents()).resolves.toEqual([
      'first point',
      'second point',
    ]);
    await expect(rich.locator('code').textContent()).resolves.toBe('code');
    const guide = rich.getByRole('link', { name: 'the guide' });
    await expect(guide.getAttribute('href')).resolves.toBe('https://example.org/guide');
    await expect(guide.getAttribute('rel')).resolves.toBe('noopener nofollow ugc');
    const careful = message(rosaPage, 'Careful:');
    await expect(careful.locator('script, img, [onerror]').count()).resolves.toBe(0);
    await expect(careful.getByRole('link', { name: 'click me' }).count()).resolves.toBe(0);
    await expect(careful.getByText('click me').count()).resolves.toBe(1);
    await expect(rosaPage.locator('a[href^="javascript"]').count()).resolves.toBe(0);
    await expect(rosaPage.evaluate(() => (window as { __xss?: number }).__xss)).resolves.toBe(
      undefined,
    );
  });

  it('keeps the composer in view on the phone, people and questions a tap away, no sideways scroll', async () => {
    await expectInView(rosaPage, '#composer', 'composer on a phone');
    await expectNoHorizontalScroll(rosaPage, 'lobby on a phone');
    await rosaPage.getByRole('link', { name: /^Personnes présentes/ }).click();
    await expectInView(rosaPage, '#room-people h2', 'people on a phone');
    // Having read to the bottom, only the other exchange's message is left unread.
    await rosaPage.waitForFunction(
      () => document.querySelector('[data-testid="nav-unread"]')?.textContent === '1',
      undefined,
      LIVE,
    );
    await expectAccessible(rosaPage, 'lobby (participant, fr, phone)');

    await rosaPage.goto(`/rooms/${sessionRoomId}`);
    await heading(rosaPage, sessionTitle);
    await expectInView(rosaPage, '#composer', 'composer in a session room on a phone');
    await rosaPage.getByRole('link', { name: /^Questions \(0\)/ }).click();
    await expectInView(rosaPage, '#room-questions h2', 'questions on a phone');
    await expectNoHorizontalScroll(rosaPage, 'session room on a phone');
    await expectAccessible(rosaPage, 'session room (participant, fr, phone)');
    // The skip link leads to the composer.
    await rosaPage.goto(`/rooms/${lobbyId}`);
    await message(rosaPage, 'Careful:').waitFor(LIVE);
    await rosaPage.getByRole('link', { name: 'Aller à la zone de message' }).focus();
    await rosaPage.keyboard.press('Enter');
    await expect(rosaPage.evaluate(() => document.activeElement?.id)).resolves.toBe('composer');
  });

  it('completes a mention, and the person mentioned sees it arrive live in the bell', async () => {
    await martaPage.goto(`/rooms/${lobbyId}`);
    await signIn(martaPage, marta, `${exchangeTitle} — lobby`);
    await message(martaPage, 'Careful:').waitFor(LIVE);
    await expectInView(martaPage, '#composer', 'composer on a desktop');
    const bell = martaPage.getByRole('banner').getByRole('button', { name: /^Notifications/ });
    const before = Number((await martaPage.getByTestId('unread-count').textContent()) ?? '0');

    // A busy phone paints late: the caret must not jump back when the next frame finally comes.
    await paintLate(rosaPage);
    const composer = rosaPage.getByLabel('Message', { exact: true });
    await composer.pressSequentially('Merci @Mart', { delay: 15 });
    const suggestions = rosaPage.getByRole('listbox', {
      name: 'Personnes que vous pouvez mentionner',
    });
    await suggestions.getByRole('option', { name: new RegExp(marta.displayName) }).waitFor(LIVE);
    await composer.press('Enter');
    await expect(composer.inputValue()).resolves.toBe(`Merci @${marta.displayName} `);
    await composer.pressSequentially('pour ce résumé !', { delay: 10 });
    await composer.press('Enter');

    const mentioned = message(martaPage, 'pour ce résumé');
    await mentioned.waitFor(LIVE);
    await expect(mentioned.getByTestId('mention').getAttribute('class')).resolves.toBe(
      'mention mention--me',
    );
    await expect(mentioned.getByTestId('mention').textContent()).resolves.toBe(
      `@${marta.displayName}`,
    );
    await martaPage
      .getByTestId('unread-count')
      .filter({ hasText: String(before + 1) })
      .waitFor(LIVE);
    await bell.click();
    const entry = martaPage
      .getByTestId('bell-entry')
      .filter({ hasText: `${rosa.displayName} mentioned you in the lobby of “${exchangeTitle}”.` });
    await entry.waitFor(LIVE);
    await expect(entry.getAttribute('href')).resolves.toBe(`/rooms/${lobbyId}`);
    await expectAccessible(martaPage, 'lobby with the bell open (host, en, desktop)');
    await martaPage.keyboard.press('Escape');
  });

  it('hides a message from its menu: the author sees a placeholder with the reason where it was', async () => {
    await fromMenu(martaPage, 'pour ce résumé', 'Hide');
    await message(martaPage, 'pour ce résumé')
      .getByLabel('Why hide this message?')
      .fill('Please keep personal thanks short');
    await message(martaPage, 'pour ce résumé')
      .getByRole('button', { name: 'Hide', exact: true })
      .click();
    await message(martaPage, 'pour ce résumé')
      .getByText('Hidden from participants. Reason: Please keep personal thanks short')
      .waitFor(LIVE);
    const placeholder = log(rosaPage).getByTestId('hidden-placeholder');
    await placeholder
      .getByText('Un modérateur a masqué votre message. Motif : Please keep personal thanks short')
      .waitFor(LIVE);
    const seqs = await log(rosaPage)
      .getByTestId('message')
      .evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-seq'))));
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6]);
    await expectAccessible(rosaPage, 'lobby with a hidden message (author, fr, phone)');
  });

  it('mutes from a message menu: the member sees until when with the composer disabled, and the lifting', async () => {
    const rosaSocket = connectLive(t.baseUrl, rosa.token);
    await connected(rosaSocket);
    await send(rosaSocket, lobbyId, 'An answer that runs too long');
    rosaSocket.close();
    await message(martaPage, 'An answer that runs too long').waitFor(LIVE);
    await fromMenu(martaPage, 'An answer that runs too long', `Mute ${rosa.displayName}`);
    const item = message(martaPage, 'An answer that runs too long');
    await item.getByLabel('Mute for').selectOption({ label: '1 hour' });
    await item.getByLabel(`Why mute ${rosa.displayName}?`).fill('Let others speak');
    await item.getByRole('button', { name: 'Mute', exact: true }).click();

    await rosaPage
      .getByTestId('muted-notice')
      .getByText(/^Un modérateur vous a rendu muet dans ce salon jusqu’à .+\./)
      .waitFor(LIVE);
    await expect(rosaPage.getByLabel('Message', { exact: true }).isDisabled()).resolves.toBe(true);
    await expectAccessible(rosaPage, 'lobby while muted (fr, phone)');

    const restrictions = martaPage.getByTestId('restrictions');
    const mute = restrictions.getByTestId('active-mute').filter({ hasText: rosa.displayName });
    await mute.waitFor(LIVE);
    await expectAccessible(martaPage, 'lobby with restrictions (host, en, desktop)');
    await mute.getByRole('button', { name: /^Lift the mute/ }).click();
    await mute.getByLabel(`Why lift the mute of ${rosa.displayName}?`).fill('Thanks for waiting');
    await mute.getByRole('button', { name: 'Lift the mute', exact: true }).click();
    await restrictions.getByText(`The mute of ${rosa.displayName} was lifted.`).waitFor(LIVE);
    await rosaPage.getByTestId('muted-notice').waitFor({ state: 'detached', ...LIVE });
    await expect(rosaPage.getByLabel('Message', { exact: true }).isDisabled()).resolves.toBe(false);
  });

  it('says a concluded exchange’s room is read-only, with no composer and no invitation to write', async () => {
    await rosaPage.goto(`/rooms/${closedLobbyId}`);
    await message(rosaPage, 'Last words before').waitFor(LIVE);
    await rosaPage
      .getByTestId('read-only')
      .getByText('Ce salon est en lecture seule', { exact: false })
      .waitFor();
    await expect(rosaPage.getByLabel('Message', { exact: true }).count()).resolves.toBe(0);
    await expect(
      rosaPage.getByRole('link', { name: 'Aller à la zone de message' }).count(),
    ).resolves.toBe(0);
    await expectNoHorizontalScroll(rosaPage, 'closed room on a phone');
    await expectAccessible(rosaPage, 'closed room (fr, phone)');
  });
});
