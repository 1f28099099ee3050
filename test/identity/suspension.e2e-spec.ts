import { createPerson, type TestPerson } from '../factories/accounts.js';
import { httpClient, type Http } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { refresh, signIn } from './identity-helpers.js';

describe('suspension', () => {
  let t: TestApp;
  let http: Http;
  let admin: TestPerson;
  let coordinator: TestPerson;
  let viewer: TestPerson;

  const suspend = (actor: TestPerson, id: string) =>
    http('POST', `/api/practitioners/${id}/suspend`, {
      token: actor.token,
      body: { reason: 'Breached the code of conduct' },
    });
  const reinstate = (actor: TestPerson, id: string) =>
    http('POST', `/api/practitioners/${id}/reinstate`, {
      token: actor.token,
      body: { reason: 'Cleared after review' },
    });
  const directoryIds = async (actor: TestPerson, query = '') => {
    const res = await http('GET', `/api/practitioners?limit=100${query}`, { token: actor.token });
    expect(res.status).toBe(200);
    return res.body.items.map((p: { id: string }) => p.id) as string[];
  };

  beforeAll(async () => {
    t = await startTestApp({ SIGNIN_MAX_FAILURES_PER_ADDRESS: '1000' });
    http = httpClient(t.baseUrl);
    admin = await createPerson(t.dataSource, http, { role: 'admin' });
    coordinator = await createPerson(t.dataSource, http, { role: 'coordinator' });
    viewer = await createPerson(t.dataSource, http);
  });
  afterAll(() => t.close());

  it("a suspended member's access token stops working at once, and their refresh fails", async () => {
    const member = await createPerson(t.dataSource, http);
    const session = await signIn(http, member.email, member.password);
    expect((await http('GET', '/api/me', { token: session.accessToken })).status).toBe(200);

    const res = await suspend(coordinator, member.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: member.id, status: 'suspended' });

    for (const token of [session.accessToken, member.token]) {
      const me = await http('GET', '/api/me', { token });
      expect(me.status).toBe(403);
      expect(me.body.code).toBe('ACCOUNT_SUSPENDED');
    }
    const refreshed = await refresh(http, session.cookie);
    expect(refreshed.status).toBe(401);
    expect(refreshed.body.code).toBe('UNAUTHENTICATED');

    const again = await http('POST', '/api/auth/sign-in', {
      body: { email: member.email, password: member.password },
    });
    expect(again.status).toBe(403);
    expect(again.body.code).toBe('ACCOUNT_SUSPENDED');
  });

  it('reinstating lets the person sign in again; their old sessions and access tokens stay ended', async () => {
    const member = await createPerson(t.dataSource, http);
    const session = await signIn(http, member.email, member.password);
    expect((await suspend(coordinator, member.id)).status).toBe(200);

    const res = await reinstate(coordinator, member.id);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('active');

    expect((await refresh(http, session.cookie)).status).toBe(401);
    // Access tokens from before the suspension do not come back to life (a suspension may be
    // the answer to a stolen account).
    for (const token of [session.accessToken, member.token]) {
      const stale = await http('GET', '/api/me', { token });
      expect(stale.status).toBe(401);
      expect(stale.body.code).toBe('UNAUTHENTICATED');
    }
    const fresh = await signIn(http, member.email, member.password);
    expect((await http('GET', '/api/me', { token: fresh.accessToken })).body.status).toBe('active');
  });

  it('a coordinator may not suspend a coordinator or an admin (403); an admin may', async () => {
    const otherCoordinator = await createPerson(t.dataSource, http, { role: 'coordinator' });
    const otherAdmin = await createPerson(t.dataSource, http, { role: 'admin' });
    for (const subject of [otherCoordinator, otherAdmin]) {
      const res = await suspend(coordinator, subject.id);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
      expect((await http('GET', '/api/me', { token: subject.token })).status).toBe(200);
    }
    for (const subject of [otherCoordinator, otherAdmin]) {
      const res = await suspend(admin, subject.id);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('suspended');
      expect((await http('GET', '/api/me', { token: subject.token })).body.code).toBe(
        'ACCOUNT_SUSPENDED',
      );
    }
    // Nor may a coordinator reinstate them.
    expect((await reinstate(coordinator, otherCoordinator.id)).status).toBe(403);
    expect((await reinstate(admin, otherCoordinator.id)).status).toBe(200);
  });

  it('nobody can suspend themselves', async () => {
    for (const actor of [coordinator, admin]) {
      const res = await suspend(actor, actor.id);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
      expect((await http('GET', '/api/me', { token: actor.token })).body.status).toBe('active');
    }
  });

  it('members may not suspend or reinstate anyone', async () => {
    const member = await createPerson(t.dataSource, http);
    const target = await createPerson(t.dataSource, http);
    for (const path of [
      `/api/practitioners/${target.id}/suspend`,
      `/api/practitioners/${member.id}/suspend`,
    ]) {
      const res = await http('POST', path, { token: member.token });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    expect((await reinstate(member, target.id)).status).toBe(403);
    expect((await http('GET', '/api/me', { token: target.token })).status).toBe(200);
  });

  it('suspending someone who does not exist is a 404; a malformed id is a 400', async () => {
    const missing = await suspend(admin, '00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('NOT_FOUND');
    const malformed = await suspend(admin, 'not-a-uuid');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('VALIDATION_FAILED');
  });

  it('suspended people leave the directory for members; coordinators see them with ?status=suspended', async () => {
    const member = await createPerson(t.dataSource, http, { displayName: 'Suspended Sven' });
    expect(await directoryIds(viewer)).toContain(member.id);
    expect((await suspend(coordinator, member.id)).status).toBe(200);

    expect(await directoryIds(viewer)).not.toContain(member.id);
    const profile = await http('GET', `/api/practitioners/${member.id}`, { token: viewer.token });
    expect(profile.status).toBe(404);

    const forMembers = await http('GET', '/api/practitioners?status=suspended', {
      token: viewer.token,
    });
    expect(forMembers.status).toBe(403);
    expect(forMembers.body.code).toBe('FORBIDDEN');

    expect(await directoryIds(coordinator, '&status=suspended')).toContain(member.id);
    expect(await directoryIds(coordinator)).not.toContain(member.id);
    expect(await directoryIds(admin, '&status=suspended')).toContain(member.id);
    const seenByCoordinator = await http('GET', `/api/practitioners/${member.id}`, {
      token: coordinator.token,
    });
    expect(seenByCoordinator.status).toBe(200);
    expect(seenByCoordinator.body.status).toBe('suspended');

    expect((await reinstate(coordinator, member.id)).status).toBe(200);
    expect(await directoryIds(viewer)).toContain(member.id);
    expect(await directoryIds(coordinator, '&status=suspended')).not.toContain(member.id);
  });

  it('an erased account can be neither suspended nor reinstated', async () => {
    const member = await createPerson(t.dataSource, http);
    expect(
      (
        await http('DELETE', '/api/me', {
          token: member.token,
          body: { password: member.password },
        })
      ).status,
    ).toBe(204);
    expect((await suspend(admin, member.id)).status).toBe(404);
    expect((await reinstate(admin, member.id)).status).toBe(404);
    const [row] = await t.dataSource.query('SELECT status FROM practitioners WHERE id = $1', [
      member.id,
    ]);
    expect(row.status).toBe('erased');
  });

  it('a coordinator demoted to member loses coordinator rights at once, with the same token', async () => {
    const demoted = await createPerson(t.dataSource, http, { role: 'coordinator' });
    const member = await createPerson(t.dataSource, http);
    await t.dataSource.query(`UPDATE practitioners SET network_role = 'member' WHERE id = $1`, [
      demoted.id,
    ]);
    const res = await suspend(demoted, member.id);
    expect(res.status).toBe(403);
    expect((await http('GET', '/api/me', { token: member.token })).status).toBe(200);
  });
});
