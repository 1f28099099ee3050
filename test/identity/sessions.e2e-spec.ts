import { JwtService } from '@nestjs/jwt';
import { createPerson } from '../factories/accounts.js';
import { httpClient, refreshCookieOf, type Http } from '../support/http.js';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app.js';
import { signTestToken } from '../support/tokens.js';
import { countBy, refresh, signIn } from './identity-helpers.js';

describe('sessions and refresh tokens', () => {
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    t = await startTestApp({ SIGNIN_MAX_FAILURES_PER_ADDRESS: '1000' });
    http = httpClient(t.baseUrl);
  });
  afterAll(() => t.close());

  it('a refresh gives a new access token and a new cookie, and the old cookie stops working', async () => {
    const person = await createPerson(t.dataSource, http);
    const session = await signIn(http, person.email, person.password);

    const first = await refresh(http, session.cookie);
    expect(first.status).toBe(200);
    expect(first.body.me.id).toBe(person.id);
    const rotated = refreshCookieOf(first)!;
    expect(rotated).toBeDefined();
    expect(rotated).not.toBe(session.cookie);
    expect((await http('GET', '/api/me', { token: first.body.accessToken })).status).toBe(200);

    const second = await refresh(http, rotated);
    expect(second.status).toBe(200);
    expect(refreshCookieOf(second)).not.toBe(rotated);
  });

  it('replaying a used refresh token gives REFRESH_TOKEN_REUSED and ends the whole session', async () => {
    const person = await createPerson(t.dataSource, http);
    const session = await signIn(http, person.email, person.password);
    const rotated = await refresh(http, session.cookie);
    const newest = refreshCookieOf(rotated)!;

    const replay = await refresh(http, session.cookie);
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('REFRESH_TOKEN_REUSED');
    // The cookie is cleared on the way out.
    expect(replay.headers.getSetCookie().join(';')).toMatch(/crossings_refresh=;/);

    // The legitimate holder's newest token is revoked too: the thief's copy is worthless.
    const newestAfter = await refresh(http, newest);
    expect(newestAfter.status).toBe(401);
  });

  it('a replay ends only that session: the same person signed in elsewhere stays signed in', async () => {
    const person = await createPerson(t.dataSource, http);
    const laptop = await signIn(http, person.email, person.password);
    const phone = await signIn(http, person.email, person.password);
    await refresh(http, laptop.cookie);
    expect((await refresh(http, laptop.cookie)).body.code).toBe('REFRESH_TOKEN_REUSED');
    expect((await refresh(http, phone.cookie)).status).toBe(200);
  });

  it('sign-out ends the session: its refresh token no longer works', async () => {
    const person = await createPerson(t.dataSource, http);
    const session = await signIn(http, person.email, person.password);
    const out = await http('POST', '/api/auth/sign-out', { cookie: session.cookie });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join(';')).toMatch(/crossings_refresh=;/);

    const after = await refresh(http, session.cookie);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('UNAUTHENTICATED');
  });

  it('sign-out without a session, and refresh without a cookie, are answered calmly', async () => {
    expect((await http('POST', '/api/auth/sign-out')).status).toBe(204);
    const noCookie = await http('POST', '/api/auth/refresh');
    expect(noCookie.status).toBe(401);
    expect(noCookie.body.code).toBe('UNAUTHENTICATED');
    const forged = await refresh(http, 'crossings_refresh=not-a-real-token-at-all');
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('UNAUTHENTICATED');
  });

  it('two concurrent refreshes with the same token never both succeed', async () => {
    const person = await createPerson(t.dataSource, http);
    for (let round = 0; round < 5; round++) {
      const session = await signIn(http, person.email, person.password);
      const results = await Promise.all([
        refresh(http, session.cookie),
        refresh(http, session.cookie),
        refresh(http, session.cookie),
      ]);
      const ok = results.filter((r) => r.status === 200);
      expect(ok.length).toBeLessThanOrEqual(1);
      for (const failed of results.filter((r) => r.status !== 200)) {
        expect(failed.status).toBe(401);
      }
    }
  });

  it('an expired refresh token is refused with 401 and does not rotate', async () => {
    const person = await createPerson(t.dataSource, http);
    const session = await signIn(http, person.email, person.password);
    await t.dataSource.query(
      `UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE practitioner_id = $1`,
      [person.id],
    );
    const res = await refresh(http, session.cookie);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
    expect(refreshCookieOf(res)).toBe('crossings_refresh=');
  });

  it('an expired access token is refused with 401 TOKEN_EXPIRED, so the client knows to refresh', async () => {
    const person = await createPerson(t.dataSource, http);
    const jwt = new JwtService({ secret: TEST_JWT_SECRET });
    const past = Math.floor(Date.now() / 1000) - 3600;
    const expired = jwt.sign({
      sub: person.id,
      role: 'member',
      iam: past * 1000,
      iat: past,
      exp: past + 60,
    });
    const res = await http('GET', '/api/me', { token: expired });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('TOKEN_EXPIRED');
  });

  it('the role in the access token is not trusted: the database decides', async () => {
    const person = await createPerson(t.dataSource, http);
    const claimsAdmin = signTestToken(person, 60, { role: 'admin' });
    const res = await http('GET', '/api/invitations', { token: claimsAdmin });
    expect(res.status).toBe(403);
  });

  it('an access token that is not ours, or not a token, is refused with 401', async () => {
    const forged =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0.c2lnbmF0dXJl';
    for (const token of [forged, 'garbage']) {
      const res = await http('GET', '/api/me', { token });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    }
    const noScheme = await http('GET', '/api/me', { headers: { authorization: 'Token abc' } });
    expect(noScheme.status).toBe(401);
  });
});

describe('changing the password', () => {
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    t = await startTestApp({ SIGNIN_MAX_FAILURES_PER_ADDRESS: '1000' });
    http = httpClient(t.baseUrl);
  });
  afterAll(() => t.close());

  const NEW = 'a much better passphrase';

  it('a wrong current password is refused with VALIDATION_FAILED and changes nothing', async () => {
    const person = await createPerson(t.dataSource, http);
    const session = await signIn(http, person.email, person.password);
    const res = await http('POST', '/api/me/password', {
      token: session.accessToken,
      cookie: session.cookie,
      body: { currentPassword: 'not my password', newPassword: NEW },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect((await http('GET', '/api/me', { token: session.accessToken })).status).toBe(200);
    expect((await refresh(http, session.cookie)).status).toBe(200);
    await signIn(http, person.email, person.password);
  });

  it('guessing the current password with a valid access token is limited like sign-in', async () => {
    const person = await createPerson(t.dataSource, http);
    const attempt = (currentPassword: string) =>
      http('POST', '/api/me/password', {
        token: person.token,
        body: { currentPassword, newPassword: NEW },
      });
    const erase = (password: string) =>
      http('DELETE', '/api/me', { token: person.token, body: { password } });
    // The default limit is 5 failures per window, shared by password change and erasure.
    const answers = [];
    for (const guess of ['guess 1', 'guess 2', 'guess 3']) answers.push(await attempt(guess));
    for (const guess of ['guess 4', 'guess 5']) answers.push(await erase(guess));
    expect(answers.map((a) => a.body.code)).toEqual(Array(5).fill('VALIDATION_FAILED'));
    const refused = await attempt(person.password);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await erase(person.password)).status).toBe(429);
    // Nothing changed: the old password still signs in and the account is still there.
    await signIn(http, person.email, person.password);
  });

  it('a new password shorter than 10 characters is refused', async () => {
    const person = await createPerson(t.dataSource, http);
    const res = await http('POST', '/api/me/password', {
      token: person.token,
      body: { currentPassword: person.password, newPassword: 'short' },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it("ends every other session while the caller's own session continues with the returned token", async () => {
    const person = await createPerson(t.dataSource, http);
    const here = await signIn(http, person.email, person.password);
    const elsewhere = await signIn(http, person.email, person.password);

    const res = await http('POST', '/api/me/password', {
      token: here.accessToken,
      cookie: here.cookie,
      body: { currentPassword: person.password, newPassword: NEW },
    });
    expect(res.status).toBe(200);
    const newAccess: string = res.body.accessToken;
    expect(typeof newAccess).toBe('string');

    // The other session: its refresh token and its access token both stop working.
    const otherRefresh = await refresh(http, elsewhere.cookie);
    expect(otherRefresh.status).toBe(401);
    const otherAccess = await http('GET', '/api/me', { token: elsewhere.accessToken });
    expect(otherAccess.status).toBe(401);
    // So does every access token issued before the change, including the caller's old one.
    expect((await http('GET', '/api/me', { token: here.accessToken })).status).toBe(401);
    expect((await http('GET', '/api/me', { token: person.token })).status).toBe(401);

    // The caller carries on: the returned access token works, and so does their refresh cookie.
    expect((await http('GET', '/api/me', { token: newAccess })).status).toBe(200);
    const ownRefresh = await refresh(http, here.cookie);
    expect(ownRefresh.status).toBe(200);
    expect((await http('GET', '/api/me', { token: ownRefresh.body.accessToken })).status).toBe(200);

    // The new password signs in; the old one no longer does.
    const oldPassword = await http('POST', '/api/auth/sign-in', {
      body: { email: person.email, password: person.password },
    });
    expect(oldPassword.status).toBe(401);
    expect(oldPassword.body.code).toBe('INVALID_CREDENTIALS');
    await signIn(http, person.email, NEW);
  });

  it('shows password changes in the export', async () => {
    const person = await createPerson(t.dataSource, http);
    const res = await http('POST', '/api/me/password', {
      token: person.token,
      body: { currentPassword: person.password, newPassword: NEW },
    });
    expect(res.status).toBe(200);
    const exported = await http('GET', '/api/me/export', { token: res.body.accessToken });
    expect(exported.body.profile.passwordChangedAt).toEqual(expect.any(String));
  });

  it('two concurrent changes from the same current password: exactly one wins, the other is refused', async () => {
    const person = await createPerson(t.dataSource, http);
    const session = await signIn(http, person.email, person.password);
    const candidates = ['first new passphrase', 'second new passphrase'];
    const results = await Promise.all(
      candidates.map((newPassword) =>
        http('POST', '/api/me/password', {
          token: session.accessToken,
          body: { currentPassword: person.password, newPassword },
        }),
      ),
    );
    expect(countBy(results, (r) => `${r.status} ${r.body.code ?? ''}`)).toEqual({
      '200 ': 1,
      '400 VALIDATION_FAILED': 1,
    });
    const winner = candidates[results.findIndex((r) => r.status === 200)];
    await signIn(http, person.email, winner!);
  });
});
