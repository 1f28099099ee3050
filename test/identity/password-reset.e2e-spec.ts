// A forgotten password, end to end through a real SMTP server in the test process: the mail is
// read back as a mail client would; the link works once, expires, ends every session; nothing
// tells whether an address has an account; requests and attempts are rate-limited.
import { createPerson, type TestPerson } from '../factories/accounts.js';
import { httpClient, refreshCookieOf, type Http, type HttpResult } from '../support/http.js';
import { connected, connectLive } from '../support/live-client.js';
import { linkIn, startSmtpServer, type TestSmtpServer } from '../support/smtp.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { refresh, signIn, sleep } from './identity-helpers.js';

const NEW_PASSWORD = 'a fresh and long passphrase';

const forgot = (http: Http, email: string, extra: Record<string, unknown> = {}, headers = {}) =>
  http('POST', '/api/auth/forgot-password', { body: { email, ...extra }, headers });

const resetWith = (http: Http, token: string, password = NEW_PASSWORD, headers = {}) =>
  http('POST', '/api/auth/reset-password', { body: { token, password }, headers });

const tokenOf = (link: string) => link.split('/reset-password/')[1];

/** Everything of an answer a client can see, but the date. */
function visible(res: HttpResult) {
  const headers = [...res.headers.entries()].filter(
    ([name]) => !['date', 'etag', 'x-request-id'].includes(name),
  );
  return { status: res.status, body: res.body, headers };
}

describe('password reset by e-mail', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Crossings <crossings@test.example>',
      SIGNIN_MAX_FAILURES_PER_ADDRESS: '1000',
    });
    http = httpClient(t.baseUrl);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('mails a single-use link to the real address of this server; the new password works, the old one and every session end', async () => {
    const person = await createPerson(t.dataSource, http);
    const session = await signIn(http, person.email, person.password);

    const asked = await forgot(http, person.email.toUpperCase());
    expect(asked.status).toBe(202);
    expect(asked.body).toBeUndefined();

    const mail = await smtp.waitFor(person.email);
    expect(mail.from).toBe('crossings@test.example');
    expect(mail.subject).toBe('Choose a new Crossings password');
    expect(mail.text).toContain(`Hello ${person.displayName},`);
    const link = linkIn(mail, '/reset-password/');
    // Not localhost:0: the address this test reached the server on.
    expect(link.startsWith(`${t.baseUrl}/reset-password/`)).toBe(true);

    const done = await resetWith(http, tokenOf(link)!);
    expect(done.status).toBe(204);

    expect(
      (
        await http('POST', '/api/auth/sign-in', {
          body: { email: person.email, password: person.password },
        })
      ).status,
    ).toBe(401);
    await signIn(http, person.email, NEW_PASSWORD);
    // The sessions from before are over: refresh cookies and access tokens alike.
    expect((await refresh(http, session.cookie)).status).toBe(401);
    expect((await http('GET', '/api/me', { token: session.accessToken })).status).toBe(401);
    expect((await http('GET', '/api/me', { token: person.token })).status).toBe(401);

    // Once only.
    const again = await resetWith(http, tokenOf(link)!, 'yet another passphrase');
    expect(again.status).toBe(410);
    expect(again.body.code).toBe('PASSWORD_RESET_INVALID');
    await signIn(http, person.email, NEW_PASSWORD);
  });

  it("drops the account's open live connections before the reset is answered", async () => {
    const person = await createPerson(t.dataSource, http);
    const socket = connectLive(t.baseUrl, person.token);
    try {
      await connected(socket);
      const dropped = new Promise<string>((resolve) => socket.once('disconnect', resolve));
      await forgot(http, person.email);
      const token = tokenOf(linkIn(await smtp.waitFor(person.email), '/reset-password/'));
      expect((await resetWith(http, token!)).status).toBe(204);
      expect(await dropped).toBe('io server disconnect');
      await expect(connected(connectLive(t.baseUrl, person.token))).rejects.toMatchObject({
        data: { code: 'UNAUTHENTICATED' },
      });
    } finally {
      socket.disconnect();
    }
  });

  it('answers an unknown address exactly like a known one, and mails nobody', async () => {
    const person = await createPerson(t.dataSource, http);
    const unknown = await forgot(http, 'nobody-at-all@test.example');
    const known = await forgot(http, person.email);
    expect(visible(unknown)).toEqual(visible(known));
    await smtp.waitFor(person.email);
    await sleep(1500);
    expect(smtp.received.filter((m) => m.to === 'nobody-at-all@test.example')).toEqual([]);
  });

  it('sends nothing for a suspended account, and answers the same', async () => {
    const person = await createPerson(t.dataSource, http, { status: 'suspended' });
    const res = await forgot(http, person.email);
    expect(res.status).toBe(202);
    const control = await createPerson(t.dataSource, http);
    await forgot(http, control.email);
    await smtp.waitFor(control.email);
    await sleep(1000);
    expect(smtp.received.filter((m) => m.to === person.email)).toEqual([]);
  });

  it('an expired link is refused with 410 and changes nothing', async () => {
    const person = await createPerson(t.dataSource, http);
    await forgot(http, person.email);
    const token = tokenOf(linkIn(await smtp.waitFor(person.email), '/reset-password/'));
    await t.dataSource.query(
      `UPDATE password_resets SET expires_at = now() - interval '1 second'
        WHERE practitioner_id = $1`,
      [person.id],
    );
    const res = await resetWith(http, token!);
    expect(res.status).toBe(410);
    expect(res.body.code).toBe('PASSWORD_RESET_INVALID');
    await signIn(http, person.email, person.password);
  });

  it('a made-up token gets the same 410 as a used one; bad bodies get 400', async () => {
    const res = await resetWith(http, 'x'.repeat(43));
    expect(res.status).toBe(410);
    expect(res.body.code).toBe('PASSWORD_RESET_INVALID');
    for (const body of [
      {},
      { token: 'short', password: NEW_PASSWORD },
      { token: 'x'.repeat(43), password: 'too short' },
      { token: 'x'.repeat(43), password: NEW_PASSWORD, extra: 1 },
    ]) {
      const bad = await http('POST', '/api/auth/reset-password', { body });
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
    }
    for (const body of [
      {},
      { email: 'not-an-email' },
      { email: 'a@test.example', language: 'xx' },
    ]) {
      const bad = await http('POST', '/api/auth/forgot-password', { body });
      expect(bad.status).toBe(400);
    }
  });
});

describe('password reset limits', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let http: Http;
  let person: TestPerson;
  const from = (address: string) => ({ 'x-forwarded-for': address });

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ SMTP_URL: smtp.url, TRUST_PROXY_HOPS: '1' });
    http = httpClient(t.baseUrl);
    person = await createPerson(t.dataSource, http);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it("writes in the language of the page that asked, else in the person's own", async () => {
    const french = await createPerson(t.dataSource, http, { languages: ['fr', 'en'] });
    await forgot(http, french.email, {}, from('198.51.100.101'));
    expect((await smtp.waitFor(french.email)).subject).toBe(
      'Choisissez un nouveau mot de passe Crossings',
    );
    const asker = await createPerson(t.dataSource, http, { languages: ['en'] });
    await forgot(http, asker.email, { language: 'de' }, from('198.51.100.102'));
    expect((await smtp.waitFor(asker.email)).subject).toBe('Neues Passwort für Crossings wählen');
    const dutch = await createPerson(t.dataSource, http, { languages: ['nl-BE'] });
    await forgot(http, dutch.email, {}, from('198.51.100.103'));
    const dutchMail = await smtp.waitFor(dutch.email);
    expect(dutchMail.subject).toBe('Kies een nieuw wachtwoord voor Crossings');
    expect(dutchMail.text).toContain('vroeg om een nieuw wachtwoord');
  });

  it('using one link spends every other open link of the account', async () => {
    const person = await createPerson(t.dataSource, http);
    await forgot(http, person.email, {}, from('198.51.100.104'));
    await forgot(http, person.email, {}, from('198.51.100.105'));
    const deadline = Date.now() + 15_000;
    while (smtp.received.filter((m) => m.to === person.email).length < 2) {
      if (Date.now() > deadline) throw new Error('two mails expected');
      await sleep(100);
    }
    const [first, second] = smtp.received
      .filter((m) => m.to === person.email)
      .map((m) => tokenOf(linkIn(m, '/reset-password/')));
    expect((await resetWith(http, second!, NEW_PASSWORD, from('198.51.100.106'))).status).toBe(204);
    expect(
      (await resetWith(http, first!, 'the attacker passphrase', from('198.51.100.106'))).status,
    ).toBe(410);
  });

  it('mails one address at most three times an hour, answering every request alike', async () => {
    const answers = [];
    for (let i = 0; i < 5; i++) {
      answers.push(visible(await forgot(http, person.email, {}, from(`198.51.100.${i + 1}`))));
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]!.status).toBe(202);
    await smtp.waitFor(person.email);
    await sleep(2000);
    expect(smtp.received.filter((m) => m.to === person.email)).toHaveLength(3);
  });

  it('refuses an address that asks too often with 429 and Retry-After, whatever the email', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push(
        (await forgot(http, `someone-${i}@test.example`, {}, from('203.0.113.7'))).status,
      );
    }
    expect(statuses).toEqual([...Array(10).fill(202), 429]);
    const refused = await forgot(http, person.email, {}, from('203.0.113.7'));
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(60);
  });

  it('limits attempts to use a link per address: ten, then 429, even for a valid link', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      statuses.push(
        (await resetWith(http, `guess-${i}-${'x'.repeat(30)}`, NEW_PASSWORD, from('203.0.113.8')))
          .status,
      );
    }
    expect(statuses).toEqual(Array(10).fill(410));
    const other = await createPerson(t.dataSource, http);
    await forgot(http, other.email, {}, from('203.0.113.9'));
    const token = tokenOf(linkIn(await smtp.waitFor(other.email), '/reset-password/'));
    const refused = await resetWith(http, token!, NEW_PASSWORD, from('203.0.113.8'));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // From elsewhere the link still works.
    expect((await resetWith(http, token!, NEW_PASSWORD, from('203.0.113.10'))).status).toBe(204);
  });

  it('a mailed link never points at a Host a stranger sent: behind a proxy without PUBLIC_URL it names this server', async () => {
    const target = await createPerson(t.dataSource, http);
    await forgot(
      http,
      target.email,
      {},
      {
        ...from('203.0.113.11'),
        'x-forwarded-host': 'evil.example',
        'x-forwarded-proto': 'https',
      },
    );
    const link = linkIn(await smtp.waitFor(target.email), '/reset-password/');
    expect(link).not.toContain('evil.example');
    expect(link.startsWith(`http://localhost:${new URL(t.baseUrl).port}/reset-password/`)).toBe(
      true,
    );
  });
});

describe('password reset links without PUBLIC_URL and without a proxy', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ SMTP_URL: smtp.url });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('use the address the connection reached, and never a forged Host', async () => {
    const http = httpClient(t.baseUrl);
    const person = await createPerson(t.dataSource, http);
    const port = new URL(t.baseUrl).port;
    // fetch cannot forge Host; a raw request can.
    const { request } = await import('node:http');
    await new Promise<void>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/auth/forgot-password',
          headers: { host: 'evil.example', 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            res.statusCode === 202 ? resolve() : reject(new Error(`${res.statusCode}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ email: person.email }));
    });
    const poisoned = linkIn(await smtp.waitFor(person.email), '/reset-password/');
    expect(poisoned.startsWith(`http://localhost:${port}/reset-password/`)).toBe(true);

    const other = await createPerson(t.dataSource, http);
    await forgot(http, other.email);
    const honest = linkIn(await smtp.waitFor(other.email), '/reset-password/');
    expect(honest.startsWith(`${t.baseUrl}/reset-password/`)).toBe(true);
  });
});

describe('password reset after a lockout', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ SMTP_URL: smtp.url, SIGNIN_MAX_FAILURES: '3' });
    http = httpClient(t.baseUrl);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('a reset lets the owner in again after strangers locked the account at their address, and makes the browser known', async () => {
    const person = await createPerson(t.dataSource, http);
    const strangers = async () => {
      for (let i = 0; i < 3; i++) {
        await http('POST', '/api/auth/sign-in', {
          body: { email: person.email, password: `stranger ${i}` },
        });
      }
    };
    const signInNow = (cookie?: string) =>
      http('POST', '/api/auth/sign-in', {
        body: { email: person.email, password: NEW_PASSWORD },
        cookie,
      });
    await strangers();
    const locked = await http('POST', '/api/auth/sign-in', {
      body: { email: person.email, password: person.password },
    });
    expect(locked.status).toBe(429);

    await forgot(http, person.email);
    const token = tokenOf(linkIn(await smtp.waitFor(person.email), '/reset-password/'));
    const reset = await resetWith(http, token!);
    expect(reset.status).toBe(204);
    const device = reset.headers
      .getSetCookie()
      .find((c) => c.startsWith('crossings_device='))
      ?.split(';')[0];
    expect(device).toBeDefined();
    // Proving the mailbox cleared the counters: the new password gets in from here.
    const back = await signInNow();
    expect(back.status).toBe(200);
    expect(refreshCookieOf(back)).toBeDefined();

    // Strangers lock the address again; the browser that reset the password is not locked out.
    await strangers();
    expect((await signInNow()).status).toBe(429);
    expect((await signInNow(device)).status).toBe(200);
  });
});
