// Outgoing mail: invitations go out through SMTP (read back from a real server in the test
// process); a refused delivery stays in the outbox and is retried; without SMTP_URL messages
// land as .eml files in DATA_DIR/mail, which admins read in the app; erasing an account removes
// the mail addressed to it.
import { simpleParser } from 'mailparser';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { MailService } from '#libs/mail';
import {
  createCity,
  createPerson,
  FACTORY_PASSWORD,
  type TestPerson,
} from '../factories/accounts.js';
import { httpClient, type Http } from '../support/http.js';
import { linkIn, startSmtpServer, type TestSmtpServer } from '../support/smtp.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { acceptBody, signIn, sleep, tokenOf } from './identity-helpers.js';

async function outbox(t: TestApp, recipient: string): Promise<Array<{ id: string }>> {
  return t.dataSource.query('SELECT id FROM outgoing_mail WHERE recipient = $1', [recipient]);
}

describe('invitation mail through SMTP', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let http: Http;
  let coordinator: TestPerson;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ SMTP_URL: smtp.url, MAIL_FROM: 'Crossings <crossings@test.example>' });
    http = httpClient(t.baseUrl);
    coordinator = await createPerson(t.dataSource, http, {
      role: 'coordinator',
      displayName: 'Colette Coordinator',
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('mails the invitee the same link the coordinator can copy, in the language asked for', async () => {
    const lyon = await createCity(t.dataSource, { name: 'Lyon', countryCode: 'FR' });
    const res = await http('POST', '/api/invitations', {
      token: coordinator.token,
      body: {
        email: 'Amira.Haddad@Lyon.example',
        networkRole: 'member',
        cityId: lyon.id,
        language: 'fr',
      },
    });
    expect(res.status).toBe(201);
    const mail = await smtp.waitFor('amira.haddad@lyon.example');
    expect(mail.from).toBe('crossings@test.example');
    expect(mail.subject).toBe('Colette Coordinator vous invite sur Crossings');
    expect(mail.text).toContain('en tant que membre pour Lyon');
    expect(linkIn(mail, '/invite/')).toBe(res.body.inviteUrl);
    // The link is the server's real address, and it works.
    expect(res.body.inviteUrl.startsWith(`${t.baseUrl}/invite/`)).toBe(true);
    const preview = await http('POST', '/api/invitations/preview', {
      body: { token: tokenOf(res.body.inviteUrl) },
    });
    expect(preview.status).toBe(200);
    // Delivered mail leaves the outbox.
    await sleep(200);
    expect(await outbox(t, 'amira.haddad@lyon.example')).toEqual([]);
  });

  it("writes in the city's language when none is asked for, else in English", async () => {
    const ghent = await createCity(t.dataSource, { name: 'Ghent', countryCode: 'BE' });
    await t.dataSource.query(`UPDATE cities SET languages = '{nl}' WHERE id = $1`, [ghent.id]);
    await http('POST', '/api/invitations', {
      token: coordinator.token,
      body: { email: 'jan@ghent.example', networkRole: 'member', cityId: ghent.id },
    });
    expect((await smtp.waitFor('jan@ghent.example')).subject).toBe(
      'Colette Coordinator nodigt u uit voor Crossings',
    );
    await http('POST', '/api/invitations', {
      token: coordinator.token,
      body: { email: 'no.city@test.example', networkRole: 'coordinator' },
    });
    const english = await smtp.waitFor('no.city@test.example');
    expect(english.subject).toBe('Colette Coordinator invites you to Crossings');
    expect(english.text).toContain('as a coordinator.');
  });

  it('a delivery the server refuses stays in the outbox, and the retry delivers it once', async () => {
    smtp.refuseNext(1);
    const res = await http('POST', '/api/invitations', {
      token: coordinator.token,
      body: { email: 'retry.me@test.example', networkRole: 'member' },
    });
    expect(res.status).toBe(201);
    const deadline = Date.now() + 15_000;
    while (smtp.refused() === 0) {
      if (Date.now() > deadline) throw new Error('no delivery was attempted');
      await sleep(100);
    }
    // The first attempt was refused (451): the message waits in the outbox for the next try.
    expect(smtp.received.filter((m) => m.to === 'retry.me@test.example')).toEqual([]);
    const [queued] = await outbox(t, 'retry.me@test.example');
    expect(queued).toBeDefined();

    // The retry (run now rather than in 30 s) delivers it and empties the outbox; a duplicate
    // retry finds nothing left to send.
    const mail = t.app.get(MailService);
    await mail.deliver(queued!.id);
    await mail.deliver(queued!.id);
    expect(smtp.received.filter((m) => m.to === 'retry.me@test.example')).toHaveLength(1);
    expect(await outbox(t, 'retry.me@test.example')).toEqual([]);
  });

  it('lists nothing for admins while mail leaves through SMTP', async () => {
    const admin = await createPerson(t.dataSource, http, { role: 'admin' });
    const res = await http('GET', '/api/admin/mail', { token: admin.token });
    expect(res.body).toEqual({ transport: 'smtp', items: [] });
  });
});

describe('outgoing mail in a folder, for admins', () => {
  let t: TestApp;
  let http: Http;
  let admin: TestPerson;
  let coordinator: TestPerson;
  let member: TestPerson;

  const folder = () => path.join(t.dataDir, 'mail');

  async function waitForListed(to: string): Promise<{ id: string; subject: string }> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const res = await http('GET', '/api/admin/mail', { token: admin.token });
      const found = res.body.items.find((m: { to: string }) => m.to === to);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no mail to ${to} listed`);
      await sleep(100);
    }
  }

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    admin = await createPerson(t.dataSource, http, { role: 'admin' });
    coordinator = await createPerson(t.dataSource, http, {
      role: 'coordinator',
      displayName: 'Cora Coordinator',
    });
    member = await createPerson(t.dataSource, http);
  });
  afterAll(() => t.close());

  it('writes each message as an .eml file a mail client can read, and lists it for admins', async () => {
    const invited = await http('POST', '/api/invitations', {
      token: coordinator.token,
      body: { email: 'folder.person@test.example', networkRole: 'member' },
    });
    const listed = await waitForListed('folder.person@test.example');
    expect(listed).toEqual({
      id: expect.stringMatching(/^\d{8}T\d{6}Z-[0-9a-f-]{36}$/),
      to: 'folder.person@test.example',
      subject: 'Cora Coordinator invites you to Crossings',
      createdAt: expect.any(String),
    });

    const one = await http('GET', `/api/admin/mail/${listed.id}`, { token: admin.token });
    expect(one.status).toBe(200);
    expect(one.body.text).toContain(invited.body.inviteUrl);

    const eml = (await readdir(folder())).filter((name) => name.endsWith('.eml'));
    expect(eml).toContain(`${listed.id}.eml`);
    const parsed = await simpleParser(await readFile(path.join(folder(), `${listed.id}.eml`)));
    expect(parsed.subject).toBe('Cora Coordinator invites you to Crossings');
    expect(parsed.text).toContain(invited.body.inviteUrl);
  });

  it('shows outgoing mail to admins only', async () => {
    for (const person of [coordinator, member]) {
      const list = await http('GET', '/api/admin/mail', { token: person.token });
      expect(list.status).toBe(403);
      expect(list.body.code).toBe('FORBIDDEN');
    }
    expect((await http('GET', '/api/admin/mail')).status).toBe(401);
  });

  it('answers 404 for a message that does not exist, or a name that is no message id', async () => {
    for (const id of [
      '20260101T000000Z-00000000-0000-4000-8000-000000000000',
      '..%2F..%2Fjwt-secret',
      'not-an-id',
    ]) {
      const res = await http('GET', `/api/admin/mail/${id}`, { token: admin.token });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
  });

  it('erasing an account removes the mail addressed to it', async () => {
    const email = 'soon.gone@test.example';
    const invitation = await http('POST', '/api/invitations', {
      token: coordinator.token,
      body: { email, networkRole: 'member' },
    });
    await waitForListed(email);
    const accepted = await http('POST', '/api/invitations/accept', {
      body: acceptBody(tokenOf(invitation.body.inviteUrl)),
    });
    expect(accepted.status).toBe(201);
    const session = await signIn(http, email, 'a brand new passphrase');
    const erased = await http('DELETE', '/api/me', {
      token: session.accessToken,
      body: { password: 'a brand new passphrase' },
    });
    expect(erased.status).toBe(204);
    const list = await http('GET', '/api/admin/mail', { token: admin.token });
    expect(list.body.items.map((m: { to: string }) => m.to)).not.toContain(email);
    const files = await readdir(folder());
    for (const name of files) {
      expect(await readFile(path.join(folder(), name), 'utf8')).not.toContain(email);
    }
  });

  it('an erased coordinator\'s name leaves the invitations they sent: they read "Former member"', async () => {
    const leaving = await createPerson(t.dataSource, http, {
      role: 'coordinator',
      displayName: 'Quirina Leavesoon',
    });
    await http('POST', '/api/invitations', {
      token: leaving.token,
      body: { email: 'invited.by.leaver@test.example', networkRole: 'member' },
    });
    const listed = await waitForListed('invited.by.leaver@test.example');
    expect(listed.subject).toBe('Quirina Leavesoon invites you to Crossings');
    const erased = await http('DELETE', '/api/me', {
      token: leaving.token,
      body: { password: FACTORY_PASSWORD },
    });
    expect(erased.status).toBe(204);
    const after = await http('GET', `/api/admin/mail/${listed.id}`, { token: admin.token });
    expect(after.body.subject).toBe('Former member invites you to Crossings');
    expect(after.body.text).toContain('/invite/');
    for (const name of await readdir(folder())) {
      expect(await readFile(path.join(folder(), name), 'utf8')).not.toContain('Leavesoon');
    }
  });
});
