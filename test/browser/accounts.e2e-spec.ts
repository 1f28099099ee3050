// Accounts in a real browser: a forgotten password from the sign-in page to a new one, through
// the admins' "Outgoing mail" page (no SMTP server: the zero-setup start); the lockout message
// in minutes; refusals in the reader's language, never in the API's English; every new page on
// a 390 px phone and a desktop, in four languages, checked by axe.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createPerson, FACTORY_PASSWORD, type TestPerson } from '../factories/accounts.js';
import { httpClient } from '../support/http.js';
import {
  browserContext,
  browserSuite,
  expectAccessible,
  heading,
  launchBrowser,
  signIn,
  chooseLanguage as chooseLanguageInHeader,
} from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const suite = browserSuite();
const NEW_PASSWORD = 'a new and memorable passphrase';

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
];

/** The headings of the new pages, per language (and so: no English left on them). */
const TITLES = {
  forgot: {
    en: 'Forgot your password?',
    fr: 'Mot de passe oublié ?',
    nl: 'Wachtwoord vergeten?',
    de: 'Passwort vergessen?',
  },
  reset: {
    en: 'Choose a new password',
    fr: 'Choisissez un nouveau mot de passe',
    nl: 'Kies een nieuw wachtwoord',
    de: 'Neues Passwort wählen',
  },
  mail: {
    en: 'Outgoing mail',
    fr: 'Courrier sortant',
    nl: 'Uitgaande mail',
    de: 'Ausgehende Mail',
  },
} as const;
type Language = 'en' | 'fr' | 'nl' | 'de';
const LANGUAGES: Language[] = ['en', 'fr', 'nl', 'de'];

async function expectNoHorizontalScroll(page: Page, where: string): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(`${where}: ${overflow}px too wide`).toBe(`${where}: 0px too wide`);
}

async function chooseLanguage(page: Page, language: Language): Promise<void> {
  await chooseLanguageInHeader(page, language);
  await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe(language);
}

suite('accounts in the web client', () => {
  let t: TestApp;
  let browser: Browser;
  let admin: TestPerson;
  let member: TestPerson;
  let adminContext: BrowserContext;
  let adminPage: Page;

  beforeAll(async () => {
    t = await startTestApp({ SIGNIN_MAX_FAILURES_PER_ADDRESS: '1000' });
    const http = httpClient(t.baseUrl);
    admin = await createPerson(t.dataSource, http, { role: 'admin', displayName: 'Ada Admin' });
    member = await createPerson(t.dataSource, http, { displayName: 'Mara Member' });
    browser = await launchBrowser();
    adminContext = await browser.newContext({ baseURL: t.baseUrl, locale: 'en-US' });
    adminPage = await adminContext.newPage();
    await adminPage.goto('/practitioners');
    await signIn(adminPage, admin, 'Practitioners');
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a forgotten password: ask on the sign-in page, the admin finds the mail, the link sets a new password', async () => {
    const context = await browser.newContext({ baseURL: t.baseUrl, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await heading(page, 'Sign in');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await heading(page, 'Forgot your password?');
    await expectAccessible(page, 'forgot password');
    await page.getByLabel('Email address').fill(member.email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByRole('status').filter({ hasText: member.email }).waitFor();

    // The admin reads it under Outgoing mail (the mail is queued: reload until it is there).
    await adminPage
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Outgoing mail' })
      .click();
    await heading(adminPage, 'Outgoing mail');
    const row = adminPage.getByRole('row').filter({ hasText: member.email });
    for (let tries = 0; !(await row.count()) && tries < 60; tries++) {
      await adminPage.waitForTimeout(250);
      await adminPage.reload();
      await heading(adminPage, 'Outgoing mail');
    }
    await expectAccessible(adminPage, 'outgoing mail');
    await row.getByRole('link', { name: 'Choose a new Crossings password' }).click();
    await heading(adminPage, 'Choose a new Crossings password');
    await expectAccessible(adminPage, 'outgoing mail message');
    const body = await adminPage.getByTestId('mail-body').innerText();
    const link = body.match(/https?:\/\/\S+\/reset-password\/\S+/)?.[0];
    expect(link?.startsWith(`${t.baseUrl}/reset-password/`)).toBe(true);

    await page.goto(link!);
    await heading(page, 'Choose a new password');
    await expectAccessible(page, 'reset password');
    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Save my new password' }).click();
    await page.getByText('Your password has been changed.').waitFor();
    await page.getByRole('link', { name: 'Sign in with it' }).click();
    await heading(page, 'Sign in');
    await page.goto('/practitioners');
    await heading(page, 'Sign in');
    await page.getByLabel('Email address').fill(member.email);
    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await heading(page, 'Practitioners');

    // The link is spent: opening it again says so and offers a new one.
    await page.goto(link!);
    await page.getByLabel('New password').fill('yet another passphrase');
    await page.getByRole('button', { name: 'Save my new password' }).click();
    await page.getByRole('link', { name: 'Ask for a new link' }).waitFor();
    await context.close();
  });

  it('after too many wrong passwords, the sign-in page says to try again in 15 minutes, in every language', async () => {
    const context = await browser.newContext({ baseURL: t.baseUrl, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await heading(page, 'Sign in');
    const email = 'locked.out@test.example';
    const attempt = async () => {
      await page.locator('input[type=email]').fill(email);
      await page.locator('input[type=password]').fill('a wrong guess');
      await page.locator('button[type=submit]').click();
    };
    for (let i = 0; i < 5; i++) {
      await attempt();
      await page.getByRole('alert').waitFor();
    }
    const expected: Record<Language, string> = {
      en: 'Too many attempts. Try again in 15 minutes.',
      fr: 'Trop de tentatives. Réessayez dans 15 minutes.',
      nl: 'Te veel pogingen. Probeer het over 15 minuten opnieuw.',
      de: 'Zu viele Versuche. Versuchen Sie es in 15 Minuten erneut.',
    };
    for (const language of LANGUAGES) {
      await chooseLanguage(page, language);
      await attempt();
      await page.getByRole('alert').filter({ hasText: expected[language] }).waitFor();
    }
    await expectAccessible(page, 'sign-in lockout');
    await context.close();
  });

  it('a wrong password and a refused password change are said in the reader’s language, not the API’s English', async () => {
    const context = await browser.newContext({ baseURL: t.baseUrl, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await heading(page, 'Sign in');
    const apiWords = 'The email or password is not correct.';
    const expected: Record<Language, string> = {
      en: apiWords,
      fr: 'L’adresse e-mail ou le mot de passe n’est pas correct. Veuillez réessayer.',
      nl: 'Het e-mailadres of het wachtwoord klopt niet. Probeer het opnieuw.',
      de: 'Die E-Mail-Adresse oder das Passwort ist nicht korrekt. Bitte versuchen Sie es erneut.',
    };
    for (const language of LANGUAGES) {
      await chooseLanguage(page, language);
      await page.locator('input[type=email]').fill('nobody.here@test.example');
      await page.locator('input[type=password]').fill('a wrong guess');
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/auth/sign-in'));
      await page.locator('button[type=submit]').click();
      expect((await answered).status()).toBe(401);
      await page.getByRole('alert').filter({ hasText: expected[language] }).waitFor();
      if (language !== 'en')
        await expect(page.getByRole('alert').innerText()).resolves.not.toContain(apiWords);
    }
    await context.close();

    // A VALIDATION_FAILED names the refused field by its French label.
    const person = await createPerson(t.dataSource, httpClient(t.baseUrl));
    const french = await browserContext(browser, t.baseUrl, person, { language: 'fr' });
    const profile = await french.newPage();
    await profile.goto('/me');
    await heading(profile, 'Mon profil');
    await profile.getByLabel('Mot de passe actuel', { exact: true }).fill('not my password at all');
    await profile.getByLabel('Nouveau mot de passe', { exact: true }).fill(NEW_PASSWORD);
    await profile.getByRole('button', { name: 'Changer le mot de passe' }).click();
    const refused = profile.getByRole('alert').filter({
      hasText: 'Ce champ n’a pas été accepté : Mot de passe actuel. Vérifiez-le, puis réessayez.',
    });
    await refused.waitFor();
    await expect(profile.locator('body').innerText()).resolves.not.toContain(
      'not your current password',
    );
    await expectAccessible(profile, 'refused password change, French');
    await french.close();
  });

  it('the new pages fit a 390 px phone and a desktop in English, French, Dutch and German', async () => {
    const visitor = await browser.newContext({ baseURL: t.baseUrl, locale: 'en-US' });
    const page = await visitor.newPage();
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      await adminPage.setViewportSize(viewport);
      for (const language of LANGUAGES) {
        await page.goto('/forgot-password');
        await chooseLanguage(page, language);
        await heading(page, TITLES.forgot[language]);
        await expectNoHorizontalScroll(page, `forgot ${viewport.name} ${language}`);

        await page.goto(`/reset-password/${'x'.repeat(43)}`);
        await heading(page, TITLES.reset[language]);
        await expectNoHorizontalScroll(page, `reset ${viewport.name} ${language}`);

        await adminPage.goto('/admin/mail');
        await chooseLanguage(adminPage, language);
        await heading(adminPage, TITLES.mail[language]);
        await expectNoHorizontalScroll(adminPage, `outgoing mail ${viewport.name} ${language}`);
        await adminPage.locator('[data-testid=outgoing-mail] a').first().click();
        await adminPage.getByTestId('mail-body').waitFor();
        await expectNoHorizontalScroll(adminPage, `mail message ${viewport.name} ${language}`);
      }
    }
    await chooseLanguage(adminPage, 'en');
    await expectAccessible(adminPage, 'mail message, desktop');
    await visitor.close();
  });

  it('a member who opens the outgoing mail page is told it is for admins', async () => {
    const context = await browser.newContext({ baseURL: t.baseUrl, locale: 'en-US' });
    const page = await context.newPage();
    const other = await createPerson(t.dataSource, httpClient(t.baseUrl));
    await page.goto('/admin/mail');
    await heading(page, 'Sign in');
    await page.getByLabel('Email address').fill(other.email);
    await page.getByLabel('Password').fill(FACTORY_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Only admins can open this page.' }).waitFor();
    await expect(
      page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Outgoing mail' })
        .count(),
    ).resolves.toBe(0);
    await context.close();
  });
});
