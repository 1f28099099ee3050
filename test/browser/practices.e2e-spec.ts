// The practice library in a real browser against the real API: an anonymous reader on a phone in
// French (public entries only, no account needed), an author on a desktop in English (the
// structured editor autosaves and submits), a reviewer in Dutch (per-field comment, the diff,
// approval) and a coordinator in German (reviewer, publishing, the compendium). Every page is
// checked with axe and for horizontal scrolling.
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  createCity,
  createPerson,
  FACTORY_PASSWORD,
  type TestPerson,
} from '../factories/accounts.js';
import { minimalPdf } from '../support/files.js';
import { httpClient, type Http } from '../support/http.js';
import { browserSuite, expectAccessible, heading, launchBrowser } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  completeEntry,
  createDraft,
  createReviewer,
  expectOk,
  publish,
} from '../practices/practice-helpers.js';

const suite = browserSuite();
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const SIGN_IN = {
  en: {
    title: 'Sign in',
    email: 'Email address',
    password: 'Password',
    submit: 'Sign in',
    home: 'Home',
  },
  nl: {
    title: 'Aanmelden',
    email: 'E-mailadres',
    password: 'Wachtwoord',
    submit: 'Aanmelden',
    home: 'Startpagina',
  },
  de: {
    title: 'Anmelden',
    email: 'E-Mail-Adresse',
    password: 'Passwort',
    submit: 'Anmelden',
    home: 'Startseite',
  },
} as const;

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

async function check(page: Page, what: string): Promise<void> {
  await expectAccessible(page, what);
  await expectNoHorizontalScroll(page, what);
}

suite('the practice library in the web client', () => {
  let t: TestApp;
  let http: Http;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let author: TestPerson;
  let reviewer: TestPerson;
  let coordinator: TestPerson;
  const suffix = Math.random().toString(36).slice(2, 8);
  const publicTitle = `Community WhatsApp groups ${suffix}`;
  const networkTitle = `Members-only mentoring ${suffix}`;
  let networkId: string;
  let draftId: string;

  async function newPage(locale: string, viewport = DESKTOP): Promise<Page> {
    const context = await browser.newContext({ baseURL: t.baseUrl, locale, viewport });
    contexts.push(context);
    return context.newPage();
  }

  async function signIn(
    page: Page,
    person: TestPerson,
    language: keyof typeof SIGN_IN,
  ): Promise<void> {
    const labels = SIGN_IN[language];
    await page.goto('/sign-in');
    await heading(page, labels.title);
    await page.getByLabel(labels.email).fill(person.email);
    await page.getByLabel(labels.password).fill(FACTORY_PASSWORD);
    await page.getByRole('button', { name: labels.submit, exact: true }).click();
    await heading(page, labels.home);
  }

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    const manchester = await createCity(t.dataSource, {
      name: `Manchester ${suffix}`,
      countryCode: 'GB',
      timeZone: 'Europe/London',
    });
    author = await createPerson(t.dataSource, http, {
      displayName: `Ann Author ${suffix}`,
      cityId: manchester.id,
    });
    reviewer = await createReviewer(t.dataSource, http);
    await t.dataSource.query('UPDATE practitioners SET display_name = $2 WHERE id = $1', [
      reviewer.id,
      `Rita Reviewer ${suffix}`,
    ]);
    coordinator = await createPerson(t.dataSource, http, { role: 'coordinator' });
    const flow = { author, reviewer, coordinator };
    const pub = await createDraft(
      http,
      author,
      completeEntry({
        cityIds: [manchester.id],
        evidenceLevel: 'evaluated-independently',
        texts: [
          {
            language: 'en',
            title: publicTitle,
            summary: 'Faith leaders and youth workers answer rumours within hours.',
            challenge: 'Rumours spread faster than statements.',
            approach: 'One WhatsApp group per community.',
            lessonsWorked: 'Speed and trusted messengers.',
          },
          {
            language: 'fr',
            title: `Groupes WhatsApp de quartier ${suffix}`,
            summary:
              'Des responsables religieux et des animateurs répondent aux rumeurs en quelques heures.',
            challenge: 'Les rumeurs vont plus vite que les communiqués.',
            approach: 'Un groupe WhatsApp par communauté.',
            lessonsWorked: 'La rapidité.',
          },
        ],
      }),
    );
    await publish(http, flow, pub.id, 'public');
    const net = await createDraft(
      http,
      author,
      completeEntry({
        texts: [
          {
            language: 'en',
            title: networkTitle,
            summary: 'For members.',
            challenge: 'x',
            approach: 'y',
            lessonsWorked: 'z',
          },
        ],
      }),
    );
    await publish(http, flow, net.id);
    networkId = net.id;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await t?.close();
  });

  it('lets an anonymous reader on a phone, in French, search and read the public entries only', async () => {
    const page = await newPage('fr-FR', PHONE);
    await page.goto('/practices');
    await heading(page, 'Bibliothèque de pratiques');
    await page.getByTestId('practice-result').first().waitFor();
    const titles = await page.getByTestId('practice-result').locator('h3').allTextContents();
    // Shown in the reader's language where the entry has it.
    expect(titles).toEqual([`Groupes WhatsApp de quartier ${suffix}`]);
    await check(page, 'library (anonymous, fr, phone)');
    await page.getByRole('searchbox', { name: 'Rechercher dans la bibliothèque' }).fill('rumeurs');
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await page.getByText('Fiches trouvées : 1').waitFor();
    await page.locator('mark').first().waitFor();
    await page.getByRole('link', { name: `Groupes WhatsApp de quartier ${suffix}` }).click();
    await heading(page, `Groupes WhatsApp de quartier ${suffix}`);
    await page.getByRole('link', { name: 'English' }).waitFor();
    await check(page, 'entry (anonymous, fr, phone)');
    // A network entry is not there for a reader without an account.
    await page.goto(`/practices/${networkId}`);
    await page.getByText('Connectez-vous pour lire cette fiche').waitFor();
    expect(await page.content()).not.toContain(networkTitle);
  });

  it('lets an author on a desktop write a practice that autosaves, and submit it', async () => {
    const page = await newPage('en-GB');
    await signIn(page, author, 'en');
    await page.goto('/practices/new');
    await heading(page, 'Write a practice');
    await page.getByLabel('Title').fill(`Peer mentors in schools ${suffix}`);
    await page.getByRole('button', { name: 'Start the draft' }).click();
    await heading(page, 'Edit a practice');
    await check(page, 'editor (author, en)');
    await page
      .getByLabel('Summary')
      .fill('Older students mentor younger ones who meet hate online.');
    await page.getByLabel('The local challenge').fill('Students met recruiters in gaming chats.');
    await page.getByLabel('The approach').fill('Trained **peer mentors** meet weekly.');
    await page.getByLabel('What worked').fill('Mentors close in age.');
    await page.getByRole('checkbox', { name: 'Youth engagement' }).check();
    await page.getByRole('checkbox', { name: 'Schools' }).check();
    await page.getByLabel('Evidence level').selectOption('monitored');
    await page.getByLabel('Started').fill('2022-09');
    // A bad link is refused at its field, and the rest stays saved.
    await page.getByLabel('Link to the evaluation').fill('not a link');
    await page.getByText('Your last changes could not be saved.').waitFor();
    await page.getByText('evaluationUrl must be a URL address', { exact: true }).waitFor();
    await page.getByLabel('Link to the evaluation').fill('https://example.org/evaluation');
    await page.getByText('All changes saved.').waitFor();
    expect(await page.getByTestId('missing').count()).toBe(0);
    draftId = new URL(page.url()).pathname.split('/')[2]!;
    // An evaluation report, attached at once, while an edit waits to be saved: both are kept.
    await page.getByLabel('What did not work').fill('Sessions after school hours.');
    await page.getByTestId('file-drop').locator('input[type=file]').setInputFiles({
      name: 'Evaluation report.pdf',
      mimeType: 'application/pdf',
      buffer: minimalPdf(),
    });
    const documents = page.getByRole('region', { name: 'Documents' });
    // Attached: listed with its remove button (an upload in flight has a cancel button).
    const attached = documents.getByRole('button', { name: 'Remove Evaluation report.pdf' });
    await attached.waitFor();
    await page.getByText('All changes saved.').waitFor();
    await page.setViewportSize(PHONE);
    await check(page, 'editor with a document (author, en, phone)');
    await page.setViewportSize(DESKTOP);
    // What was typed is there after a reload.
    await page.reload();
    await heading(page, 'Edit a practice');
    expect(await page.getByLabel('The approach').inputValue()).toBe(
      'Trained **peer mentors** meet weekly.',
    );
    await attached.waitFor();
    expect(await page.getByLabel('What did not work').inputValue()).toBe(
      'Sessions after school hours.',
    );
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await heading(page, `Peer mentors in schools ${suffix}`);
    await page.getByText('In review').first().waitFor();
  });

  it('lets a coordinator in German assign a reviewer; the reviewer in Dutch comments and approves; the coordinator publishes', async () => {
    const boss = await newPage('de-DE');
    await signIn(boss, coordinator, 'de');
    await boss
      .getByTestId('home-practiceReviews')
      .getByRole('link', { name: `Peer mentors in schools ${suffix}` })
      .click();
    await heading(boss, 'Begutachtung');
    await boss
      .getByLabel('Begutachtende bestimmen')
      .selectOption({ label: `Rita Reviewer ${suffix}` });
    await boss.getByRole('button', { name: 'Bestimmen', exact: true }).click();
    await boss.getByTestId('reviewers').getByText(`Rita Reviewer ${suffix}`).waitFor();
    await check(boss, 'review (coordinator, de)');

    const page = await newPage('nl-NL');
    await signIn(page, reviewer, 'nl');
    await page
      .getByTestId('home-practiceReviews')
      .getByRole('link', { name: `Peer mentors in schools ${suffix}` })
      .click();
    await heading(page, 'Beoordeling');
    await page
      .getByTestId('practice-diff')
      .getByText('Trained **peer mentors** meet weekly.')
      .waitFor();
    await page.getByLabel('Veld', { exact: true }).selectOption({ label: 'Wat werkte' });
    await page.getByLabel('Opmerking', { exact: true }).fill('Zeg hoe oud de mentoren waren.');
    await page.getByRole('button', { name: 'De opmerking toevoegen' }).click();
    await page.getByTestId('review-comments').getByText('Zeg hoe oud de mentoren waren.').waitFor();
    await check(page, 'review (reviewer, nl)');
    await page.getByRole('button', { name: 'Goedkeuren', exact: true }).click();
    await page.getByText('U hebt deze revisie goedgekeurd.').waitFor();

    await boss.reload();
    await heading(boss, 'Begutachtung');
    await boss.getByLabel('Veröffentlichen als').selectOption({ label: 'Öffentlich' });
    await boss.getByRole('button', { name: 'Veröffentlichen', exact: true }).click();
    await boss.getByText('Veröffentlicht').first().waitFor();
    const published = await expectOk(http('GET', `/api/practices/${draftId}`));
    expect(published).toMatchObject({ visibility: 'public', version: 1 });
    expect(published.attachments.map((a: any) => a.name)).toEqual(['Evaluation report.pdf']);
  });

  it('lists a public entry’s documents for an anonymous reader on a phone, who downloads one', async () => {
    const page = await newPage('fr-FR', PHONE);
    await page.goto(`/practices/${draftId}`);
    await heading(page, `Peer mentors in schools ${suffix}`);
    const documents = page.getByTestId('practice-documents');
    const report = documents.getByRole('button', { name: 'Télécharger Evaluation report.pdf' });
    await report.waitFor();
    await check(page, 'entry with documents (anonymous, fr, phone)');
    const [download] = await Promise.all([page.waitForEvent('download'), report.click()]);
    expect(download.suggestedFilename()).toBe('Evaluation report.pdf');
    expect((await readFile((await download.path())!)).equals(minimalPdf())).toBe(true);
  });

  it('lets a coordinator build a compendium and download it', async () => {
    const page = await newPage('en-GB');
    await signIn(page, coordinator, 'en');
    await page.goto('/practices/compendium');
    await heading(page, 'Compendium');
    await page.getByTestId('compendium-entries').getByText(publicTitle).waitFor();
    await check(page, 'compendium (coordinator, en)');
    await page.getByRole('checkbox', { name: publicTitle }).check();
    await page.getByLabel('Format').selectOption('markdown');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the compendium' }).click(),
    ]);
    const text = await readFile((await download.path())!, 'utf8');
    expect(text).toContain(`## 1. ${publicTitle}`);
    expect(text).not.toContain(networkTitle);
    expect(download.suggestedFilename()).toMatch(/^crossings-compendium-en-.*\.md$/);
  });

  it('lets a coordinator on a phone, in Dutch, take an entry out of the library with a reason and bring it back', async () => {
    const reader = await createPerson(t.dataSource, http);
    const page = await newPage('nl-NL', PHONE);
    await signIn(page, coordinator, 'nl');
    await page.goto(`/practices/${networkId}`);
    await heading(page, networkTitle);
    await page.getByRole('button', { name: 'Uit de bibliotheek halen' }).click();
    await page
      .getByLabel('Waarom verbergen? De auteur krijgt het te horen.')
      .fill('Names a minor in the text');
    await check(page, 'practice moderation form (coordinator, nl, phone)');
    await page.getByRole('button', { name: 'Uit de bibliotheek halen' }).click();
    await page.getByText('Verborgen door moderatoren: Names a minor in the text').waitFor();
    // Out of the library for the members.
    expect((await http('GET', `/api/practices/${networkId}`, { token: reader.token })).status).toBe(
      404,
    );
    await check(page, 'hidden practice (coordinator, nl, phone)');
    await page.getByRole('button', { name: 'Terugzetten in de bibliotheek' }).click();
    await page
      .getByLabel('Waarom terugzetten? De auteur krijgt het te horen.')
      .fill('The name was removed');
    await page.getByRole('button', { name: 'Terugzetten in de bibliotheek' }).click();
    await page.getByRole('button', { name: 'Uit de bibliotheek halen' }).waitFor();
    expect((await http('GET', `/api/practices/${networkId}`, { token: reader.token })).status).toBe(
      200,
    );
  });
});
