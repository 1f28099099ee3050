import { createHash } from 'node:crypto';
import { createCity, createPerson, type TestPerson } from '../factories/accounts.js';
import { httpClient, type Http } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { acceptBody, countBy, invite, NEW_PASSWORD, signIn, tokenOf } from './identity-helpers.js';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

describe('invitations', () => {
  let t: TestApp;
  let http: Http;
  let admin: TestPerson;
  let coordinator: TestPerson;
  let member: TestPerson;
  let lyonId: string;
  let emailCounter = 0;
  const freshEmail = () => `invitee-${++emailCounter}@city.example`;

  const accountsWithEmail = async (email: string): Promise<number> => {
    const [row] = (await t.dataSource.query(
      'SELECT count(*)::int AS n FROM practitioners WHERE lower(email) = lower($1)',
      [email],
    )) as Array<{ n: number }>;
    return row!.n;
  };

  beforeAll(async () => {
    t = await startTestApp({
      PUBLIC_URL: 'https://crossings.example',
      SIGNIN_MAX_FAILURES_PER_ADDRESS: '1000',
    });
    http = httpClient(t.baseUrl);
    lyonId = (await createCity(t.dataSource, { name: 'Lyon', countryCode: 'FR' })).id;
    admin = await createPerson(t.dataSource, http, { role: 'admin' });
    coordinator = await createPerson(t.dataSource, http, {
      role: 'coordinator',
      displayName: 'Coordinator Colette',
    });
    member = await createPerson(t.dataSource, http);
  });
  afterAll(() => t.close());

  describe('who may invite whom', () => {
    it('a coordinator invites a member: the link carries the token and the invitation is listed as open', async () => {
      const email = freshEmail();
      const res = await http('POST', '/api/invitations', {
        token: coordinator.token,
        body: { email, networkRole: 'member', cityId: lyonId },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        email,
        networkRole: 'member',
        city: { id: lyonId, name: 'Lyon' },
        acceptedAt: null,
      });
      expect(res.body.inviteUrl).toMatch(
        /^https:\/\/crossings\.example\/invite\/[A-Za-z0-9_-]{40,}$/,
      );
      expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now());

      const open = await http('GET', '/api/invitations', { token: coordinator.token });
      expect(open.status).toBe(200);
      const listed = open.body.find((i: { id: string }) => i.id === res.body.id);
      expect(listed).toMatchObject({ email, networkRole: 'member' });
      // Only the link holder knows the token: the list and the database keep none of it.
      expect(JSON.stringify(open.body)).not.toContain(tokenOf(res.body.inviteUrl));
      const [stored] = await t.dataSource.query(
        'SELECT token_hash FROM invitations WHERE id = $1',
        [res.body.id],
      );
      expect(stored.token_hash).not.toContain(tokenOf(res.body.inviteUrl));
    });

    it('stores the invited email in lower case', async () => {
      const res = await http('POST', '/api/invitations', {
        token: coordinator.token,
        body: { email: 'Mixed.Case@City.Example', networkRole: 'member' },
      });
      expect(res.status).toBe(201);
      expect(res.body.email).toBe('mixed.case@city.example');
    });

    it('a member may not invite anyone (403) nor see the open invitations', async () => {
      const res = await http('POST', '/api/invitations', {
        token: member.token,
        body: { email: freshEmail(), networkRole: 'member' },
      });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
      expect((await http('GET', '/api/invitations', { token: member.token })).status).toBe(403);
    });

    it('without signing in, nobody can invite (401)', async () => {
      const res = await http('POST', '/api/invitations', {
        body: { email: freshEmail(), networkRole: 'member' },
      });
      expect(res.status).toBe(401);
    });

    it('a coordinator may invite a coordinator but not an admin (403); an admin may invite an admin', async () => {
      const asCoordinator = await http('POST', '/api/invitations', {
        token: coordinator.token,
        body: { email: freshEmail(), networkRole: 'coordinator' },
      });
      expect(asCoordinator.status).toBe(201);

      const adminByCoordinator = await http('POST', '/api/invitations', {
        token: coordinator.token,
        body: { email: freshEmail(), networkRole: 'admin' },
      });
      expect(adminByCoordinator.status).toBe(403);
      expect(adminByCoordinator.body.code).toBe('FORBIDDEN');

      const adminByAdmin = await http('POST', '/api/invitations', {
        token: admin.token,
        body: { email: freshEmail(), networkRole: 'admin' },
      });
      expect(adminByAdmin.status).toBe(201);
      expect(adminByAdmin.body.networkRole).toBe('admin');
    });

    it('inviting an email that already has an account is a 409 CONFLICT, in any letter case', async () => {
      for (const email of [member.email, member.email.toUpperCase()]) {
        const res = await http('POST', '/api/invitations', {
          token: coordinator.token,
          body: { email, networkRole: 'member' },
        });
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('CONFLICT');
      }
    });

    it('refuses an unknown city, an unknown role and a bad email with VALIDATION_FAILED', async () => {
      for (const body of [
        {
          email: freshEmail(),
          networkRole: 'member',
          cityId: '00000000-0000-4000-8000-000000000000',
        },
        { email: freshEmail(), networkRole: 'superuser' },
        { email: 'not an email', networkRole: 'member' },
        { email: freshEmail(), networkRole: 'member', note: 'unknown field' },
      ]) {
        const res = await http('POST', '/api/invitations', { token: coordinator.token, body });
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
    });
  });

  describe('preview and accept', () => {
    it('the preview shows the email, role, city and who invited, without signing in', async () => {
      const email = freshEmail();
      const token = await invite(http, coordinator.token, {
        email,
        networkRole: 'coordinator',
        cityId: lyonId,
      });
      const res = await http('POST', '/api/invitations/preview', { body: { token } });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        email,
        networkRole: 'coordinator',
        city: expect.objectContaining({ id: lyonId, name: 'Lyon' }),
        invitedBy: 'Coordinator Colette',
        expiresAt: expect.any(String),
      });
    });

    it('accepting creates an active account with the invitation’s role and city, and the person can sign in', async () => {
      const email = freshEmail();
      const token = await invite(http, coordinator.token, {
        email,
        networkRole: 'coordinator',
        cityId: lyonId,
      });
      const res = await http('POST', '/api/invitations/accept', {
        body: acceptBody(token, {
          displayName: 'Amira Haddad',
          languages: ['fr', 'en'],
          themes: ['online-hate'],
          position: 'official',
          bio: 'Youth work in Lyon.',
        }),
      });
      expect(res.status).toBe(201);
      expect(res.body.me).toMatchObject({
        email,
        displayName: 'Amira Haddad',
        networkRole: 'coordinator',
        status: 'active',
        city: expect.objectContaining({ id: lyonId }),
        timeZone: 'Europe/Paris',
        languages: ['fr', 'en'],
        position: 'official',
        bio: 'Youth work in Lyon.',
      });
      expect(res.body.me.themes.map((th: { slug: string }) => th.slug)).toEqual(['online-hate']);
      expect(JSON.stringify(res.body)).not.toMatch(/password|\$argon2/i);

      const session = await signIn(http, email, NEW_PASSWORD);
      const me = await http('GET', '/api/me', { token: session.accessToken });
      expect(me.body).toMatchObject({ id: res.body.me.id, networkRole: 'coordinator' });

      // Accepted invitations leave the open list.
      const open = await http('GET', '/api/invitations', { token: coordinator.token });
      expect(open.body.map((i: { email: string }) => i.email)).not.toContain(email);
    });

    it('an invitation is single-use: a second accept gets 410 INVITATION_INVALID, and so does the preview', async () => {
      const email = freshEmail();
      const token = await invite(http, coordinator.token, { email });
      expect(
        (await http('POST', '/api/invitations/accept', { body: acceptBody(token) })).status,
      ).toBe(201);
      const again = await http('POST', '/api/invitations/accept', {
        body: acceptBody(token, { displayName: 'Someone Else', password: 'another passphrase' }),
      });
      expect(again.status).toBe(410);
      expect(again.body.code).toBe('INVITATION_INVALID');
      const preview = await http('POST', '/api/invitations/preview', { body: { token } });
      expect(preview.status).toBe(410);
      expect(preview.body.code).toBe('INVITATION_INVALID');
      expect(await accountsWithEmail(email)).toBe(1);
      // The first password stands.
      await signIn(http, email, NEW_PASSWORD);
    });

    it('when accepts race in parallel, exactly one succeeds and one account exists', async () => {
      const email = freshEmail();
      const token = await invite(http, coordinator.token, { email });
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          http('POST', '/api/invitations/accept', {
            body: acceptBody(token, { displayName: `Racer ${i}` }),
          }),
        ),
      );
      expect(countBy(results, (r) => `${r.status} ${r.body.code ?? ''}`)).toEqual({
        '201 ': 1,
        '410 INVITATION_INVALID': 4,
      });
      expect(await accountsWithEmail(email)).toBe(1);
    });

    it('a second invitation to the same email (another letter case, another role) replaces the first: its link is 410, the new one works, and none stays open', async () => {
      const email = freshEmail();
      const first = await invite(http, coordinator.token, { email, networkRole: 'coordinator' });
      const second = await invite(http, admin.token, {
        email: email.toUpperCase(),
        networkRole: 'member',
      });
      const open = await http('GET', '/api/invitations', { token: coordinator.token });
      expect(open.body.filter((i: { email: string }) => i.email === email)).toEqual([
        expect.objectContaining({ networkRole: 'member' }),
      ]);
      const replaced = await http('POST', '/api/invitations/preview', { body: { token: first } });
      expect(replaced.status).toBe(410);
      expect(replaced.body.code).toBe('INVITATION_INVALID');

      const results = await Promise.all(
        [first, second].map((token) =>
          http('POST', '/api/invitations/accept', { body: acceptBody(token) }),
        ),
      );
      expect(results.map((r) => `${r.status} ${r.body.code ?? r.body.me.networkRole}`)).toEqual([
        '410 INVITATION_INVALID',
        '201 member',
      ]);
      expect(await accountsWithEmail(email)).toBe(1);
    });

    it('an open invitation left from before (two at once, as old data may hold) is spent when the other is accepted', async () => {
      const email = freshEmail();
      const kept = await invite(http, coordinator.token, { email });
      // Old data: a second open invitation to the same email, inserted around the rules.
      await t.dataSource.query('DROP INDEX invitations_one_open_per_email_uq');
      try {
        await t.dataSource.query(
          `INSERT INTO invitations (token_hash, email, network_role, expires_at)
           VALUES ($1, $2, 'coordinator', now() + interval '1 day')`,
          [sha256('stale-token-of-the-old-data-0123456789'), email.toUpperCase()],
        );
        const accepted = await http('POST', '/api/invitations/accept', { body: acceptBody(kept) });
        expect(accepted.status).toBe(201);
        const stale = await http('POST', '/api/invitations/preview', {
          body: { token: 'stale-token-of-the-old-data-0123456789' },
        });
        expect(stale.status).toBe(410);
        const open = await http('GET', '/api/invitations', { token: coordinator.token });
        expect(open.body.map((i: { email: string }) => i.email.toLowerCase())).not.toContain(email);
      } finally {
        await t.dataSource.query(
          `UPDATE invitations SET revoked_at = now() WHERE lower(email) = lower($1) AND accepted_at IS NULL`,
          [email],
        );
        await t.dataSource.query(
          `CREATE UNIQUE INDEX invitations_one_open_per_email_uq ON invitations (lower(email))
            WHERE accepted_at IS NULL AND revoked_at IS NULL`,
        );
      }
    });

    it('invitations to one email made at the same moment leave exactly one open', async () => {
      const email = freshEmail();
      const results = await Promise.all(
        [coordinator, admin, coordinator, admin].map((inviter, i) =>
          http('POST', '/api/invitations', {
            token: inviter.token,
            body: { email: i % 2 ? email : email.toUpperCase(), networkRole: 'member' },
          }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM invitations
          WHERE lower(email) = $1 AND accepted_at IS NULL AND revoked_at IS NULL`,
        [email],
      );
      expect(n).toBe(1);
    });

    it('an expired invitation gets 410 INVITATION_INVALID for preview and accept', async () => {
      const email = freshEmail();
      const token = await invite(http, coordinator.token, { email });
      await t.dataSource.query(
        `UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE email = $1`,
        [email],
      );
      const preview = await http('POST', '/api/invitations/preview', { body: { token } });
      expect(preview.status).toBe(410);
      expect(preview.body.code).toBe('INVITATION_INVALID');
      const accept = await http('POST', '/api/invitations/accept', { body: acceptBody(token) });
      expect(accept.status).toBe(410);
      expect(accept.body.code).toBe('INVITATION_INVALID');
      expect(await accountsWithEmail(email)).toBe(0);
      const open = await http('GET', '/api/invitations', { token: coordinator.token });
      expect(open.body.map((i: { email: string }) => i.email)).not.toContain(email);
    });

    it('an unknown token gets 410 INVITATION_INVALID, the same as a used one', async () => {
      const token = 'x'.repeat(43);
      const preview = await http('POST', '/api/invitations/preview', { body: { token } });
      const accept = await http('POST', '/api/invitations/accept', { body: acceptBody(token) });
      expect(preview.status).toBe(410);
      expect(accept.status).toBe(410);
      expect(accept.body.code).toBe('INVITATION_INVALID');
    });

    it.each([
      ['a password under 10 characters', { password: 'too short' }],
      ['an invalid time zone', { timeZone: 'Mars/Olympus_Mons' }],
      ['an unknown theme slug', { themes: ['not-a-theme'] }],
      ['an unknown field', { networkRole: 'admin' }],
      ['an unknown city', { cityId: '00000000-0000-4000-8000-000000000000' }],
      ['an empty display name', { displayName: '' }],
      ['a blank display name', { displayName: '   ' }],
      [
        'working hours that end before they start',
        { workingHours: { days: [1], start: '17:00', end: '09:00' } },
      ],
    ])('refuses %s with 400 VALIDATION_FAILED and creates no account', async (_, bad) => {
      const email = freshEmail();
      const token = await invite(http, coordinator.token, { email });
      const res = await http('POST', '/api/invitations/accept', { body: acceptBody(token, bad) });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(await accountsWithEmail(email)).toBe(0);
      // The invitation is still usable afterwards.
      const ok = await http('POST', '/api/invitations/accept', { body: acceptBody(token) });
      expect(ok.status).toBe(201);
    });

    it('the invitation decides the role: an invitee cannot raise it through the accept body', async () => {
      const email = freshEmail();
      const token = await invite(http, coordinator.token, { email });
      await http('POST', '/api/invitations/accept', {
        body: acceptBody(token, { networkRole: 'admin' }),
      });
      const ok = await http('POST', '/api/invitations/accept', { body: acceptBody(token) });
      expect(ok.body.me.networkRole).toBe('member');
    });
  });
});
