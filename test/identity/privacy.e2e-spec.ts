import { createHash } from 'node:crypto';
import {
  createCity,
  createPerson,
  FACTORY_PASSWORD,
  type TestPerson,
} from '../factories/accounts.js';
import { httpClient, type Http } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { acceptBody, invite, NEW_PASSWORD, refresh, signIn } from './identity-helpers.js';

/** Every place in the database where `needle` appears in a text-like column (case-insensitive). */
async function tracesOf(
  t: TestApp,
  needle: string,
): Promise<Array<{ table: string; column: string; count: number }>> {
  const columns = (await t.dataSource.query(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public'
        AND (data_type IN ('text', 'character varying', 'character', 'jsonb', 'json')
             OR (data_type = 'ARRAY' AND udt_name IN ('_text', '_varchar', '_bpchar')))`,
  )) as Array<{ table_name: string; column_name: string }>;
  expect(columns.length).toBeGreaterThan(10);
  const traces = [];
  for (const { table_name: table, column_name: column } of columns) {
    const [row] = (await t.dataSource.query(
      `SELECT count(*)::int AS n FROM "${table}" WHERE strpos(lower("${column}"::text), lower($1)) > 0`,
      [needle],
    )) as Array<{ n: number }>;
    if (row!.n > 0) traces.push({ table, column, count: row!.n });
  }
  return traces;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

describe('privacy: export and erase', () => {
  let t: TestApp;
  let http: Http;
  let coordinator: TestPerson;
  let other: TestPerson;
  let cityId: string;

  beforeAll(async () => {
    t = await startTestApp({ SIGNIN_MAX_FAILURES_PER_ADDRESS: '1000' });
    http = httpClient(t.baseUrl);
    cityId = (await createCity(t.dataSource, { name: 'Antwerp', countryCode: 'BE' })).id;
    coordinator = await createPerson(t.dataSource, http, { role: 'coordinator' });
    other = await createPerson(t.dataSource, http);
  });
  afterAll(() => t.close());

  /** A person who joined through an invitation and filled in a full profile. */
  async function joinFully(email: string, displayName: string) {
    const token = await invite(http, coordinator.token, { email, cityId });
    const accepted = await http('POST', '/api/invitations/accept', {
      body: acceptBody(token, {
        displayName,
        organisation: `${displayName} Foundation`,
        languages: ['nl-BE', 'en'],
        themes: ['online-hate', 'polarization'],
        position: 'practitioner',
        workingHours: { days: [1, 2, 3], start: '09:00', end: '17:00' },
        bio: `I am ${displayName}, write to ${email}.`,
      }),
    });
    expect(accepted.status).toBe(201);
    const session = await signIn(http, email, NEW_PASSWORD);
    return { id: accepted.body.me.id as string, email, displayName, session };
  }

  it('the export holds the profile, the email, invitations and sessions, and no password or token hash', async () => {
    const person = await joinFully('export.me@antwerp.example', 'Export Eline');
    await refresh(http, person.session.cookie); // a rotated session, too
    const res = await http('GET', '/api/me/export', { token: person.session.accessToken });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment/);
    expect(res.body.profile).toMatchObject({
      id: person.id,
      email: person.email,
      displayName: 'Export Eline',
      organisation: 'Export Eline Foundation',
      languages: ['nl-BE', 'en'],
      bio: expect.stringContaining('Export Eline'),
      city: expect.objectContaining({ id: cityId }),
    });
    expect(res.body.invitationAccepted).toEqual([
      expect.objectContaining({ email: person.email, networkRole: 'member' }),
    ]);
    expect(res.body.sessions.length).toBeGreaterThanOrEqual(2);
    expect(res.body.sessions[0]).toEqual(
      expect.objectContaining({ startedAt: expect.any(String), expiresAt: expect.any(String) }),
    );

    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/passwordHash|password_hash|tokenHash|token_hash|\$argon2/);
    const hashes = (await t.dataSource.query(
      `SELECT token_hash AS h FROM refresh_tokens WHERE practitioner_id = $1
       UNION ALL SELECT token_hash FROM invitations WHERE accepted_by_id = $1
       UNION ALL SELECT password_hash FROM practitioners WHERE id = $1`,
      [person.id],
    )) as Array<{ h: string }>;
    expect(hashes.length).toBeGreaterThanOrEqual(4);
    for (const { h } of hashes) expect(text).not.toContain(h);
  });

  it("a coordinator's export lists the invitations they sent", async () => {
    await invite(http, coordinator.token, { email: 'sent.by.coordinator@antwerp.example' });
    const res = await http('GET', '/api/me/export', { token: coordinator.token });
    expect(res.body.invitationsSent.map((i: { email: string }) => i.email)).toContain(
      'sent.by.coordinator@antwerp.example',
    );
  });

  it('erasing needs the current password: a wrong one is a 400 and changes nothing', async () => {
    const person = await createPerson(t.dataSource, http);
    const wrong = await http('DELETE', '/api/me', {
      token: person.token,
      body: { password: 'not my password' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('VALIDATION_FAILED');
    const missing = await http('DELETE', '/api/me', { token: person.token });
    expect(missing.status).toBe(400);
    const me = await http('GET', '/api/me', { token: person.token });
    expect(me.status).toBe(200);
    expect(me.body.status).toBe('active');
  });

  it('after erasing, the account is gone and the database holds no trace of the email or name outside the tombstone', async () => {
    const email = 'zephyrine.quill@antwerp.example';
    const displayName = 'Zephyrine Quillfeather';
    const person = await joinFully(email, displayName);
    // A failed sign-in leaves a counter behind; erasing must remove it too.
    expect(
      (await http('POST', '/api/auth/sign-in', { body: { email, password: 'a wrong guess' } }))
        .status,
    ).toBe(401);
    expect((await tracesOf(t, email)).length).toBeGreaterThan(0);
    expect((await tracesOf(t, displayName)).length).toBeGreaterThan(0);
    // Two counters carry the email's hash: per account, and per account and address.
    expect(await tracesOf(t, sha256(email))).toEqual([
      { table: 'rate_limits', column: 'key', count: 2 },
    ]);

    const erased = await http('DELETE', '/api/me', {
      token: person.session.accessToken,
      cookie: person.session.cookie,
      body: { password: NEW_PASSWORD },
    });
    expect(erased.status).toBe(204);

    // No trace anywhere: email (also its local part), name, the bio's words, or the email's hash
    // (the key of the failed-sign-in counter).
    expect(await tracesOf(t, email)).toEqual([]);
    expect(await tracesOf(t, 'zephyrine.quill')).toEqual([]);
    expect(await tracesOf(t, displayName)).toEqual([]);
    expect(await tracesOf(t, 'Quillfeather')).toEqual([]);
    expect(await tracesOf(t, sha256(email))).toEqual([]);

    // Only the documented tombstone remains.
    const [tombstone] = await t.dataSource.query(
      `SELECT email, display_name, password_hash, status, city_id, organisation, languages, bio,
              working_hours, position, erased_at
         FROM practitioners WHERE id = $1`,
      [person.id],
    );
    expect(tombstone).toMatchObject({
      email: null,
      display_name: 'Former member',
      password_hash: null,
      status: 'erased',
      city_id: null,
      organisation: null,
      languages: [],
      bio: '',
      working_hours: null,
      position: null,
    });
    expect(tombstone.erased_at).not.toBeNull();
    const [{ n: themes }] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM practitioner_themes WHERE practitioner_id = $1',
      [person.id],
    );
    expect(themes).toBe(0);
    const [{ n: sessions }] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM refresh_tokens WHERE practitioner_id = $1',
      [person.id],
    );
    expect(sessions).toBe(0);

    // Signing in is impossible, and the old credentials all stop working.
    const signInAgain = await http('POST', '/api/auth/sign-in', {
      body: { email, password: NEW_PASSWORD },
    });
    expect(signInAgain.status).toBe(401);
    expect(signInAgain.body.code).toBe('INVALID_CREDENTIALS');
    expect((await http('GET', '/api/me', { token: person.session.accessToken })).status).toBe(401);
    expect((await refresh(http, person.session.cookie)).status).toBe(401);

    // Others no longer find the person, whatever their role.
    for (const viewer of [other, coordinator]) {
      const profile = await http('GET', `/api/practitioners/${person.id}`, { token: viewer.token });
      expect(profile.status).toBe(404);
      expect(profile.body.code).toBe('NOT_FOUND');
    }
    const directory = await http('GET', '/api/practitioners?limit=100', { token: other.token });
    expect(directory.body.items.map((p: { id: string }) => p.id)).not.toContain(person.id);
    const suspended = await http('GET', '/api/practitioners?status=suspended&limit=100', {
      token: coordinator.token,
    });
    expect(suspended.body.items.map((p: { id: string }) => p.id)).not.toContain(person.id);
  });

  it('an erased account leaves its exchanges: not a member, not counted, no pending request', async () => {
    const leaving = await createPerson(t.dataSource, http);
    const exchange = await http('POST', '/api/exchanges', {
      token: coordinator.token,
      body: { title: 'Left behind', cityIds: [], attribution: 'named' },
    });
    expect(exchange.status).toBe(201);
    const other = await http('POST', '/api/exchanges', {
      token: coordinator.token,
      body: { title: 'Asked to join', cityIds: [], attribution: 'named' },
    });
    await http('POST', `/api/exchanges/${exchange.body.id}/members`, {
      token: coordinator.token,
      body: { practitionerId: leaving.id, role: 'participant' },
    });
    await http('POST', `/api/exchanges/${other.body.id}/join-requests`, {
      token: leaving.token,
      body: {},
    });
    const exported = await http('GET', '/api/me/export', { token: leaving.token });
    expect(exported.body.exchangeMemberships).toEqual([
      expect.objectContaining({ exchangeId: exchange.body.id, role: 'participant' }),
    ]);
    expect(exported.body.joinRequests).toEqual([
      expect.objectContaining({ exchangeId: other.body.id, status: 'pending' }),
    ]);

    const erased = await http('DELETE', '/api/me', {
      token: leaving.token,
      body: { password: FACTORY_PASSWORD },
    });
    expect(erased.status).toBe(204);
    const members = await http('GET', `/api/exchanges/${exchange.body.id}/members`, {
      token: coordinator.token,
    });
    expect(members.body.map((m: { person: { id: string } }) => m.person.id)).not.toContain(
      leaving.id,
    );
    const shown = await http('GET', `/api/exchanges/${exchange.body.id}`, {
      token: coordinator.token,
    });
    expect(shown.body.memberCount).toBe(1); // the coordinator, its host
    const requests = await http('GET', `/api/exchanges/${other.body.id}/join-requests`, {
      token: coordinator.token,
    });
    expect(requests.body).toEqual([]);
  });

  it('an erased email may be invited again and becomes a new, separate account', async () => {
    const email = 'comes.back@antwerp.example';
    const first = await joinFully(email, 'Returning Rosa');
    await http('DELETE', '/api/me', {
      token: first.session.accessToken,
      body: { password: NEW_PASSWORD },
    });
    const token = await invite(http, coordinator.token, { email });
    const again = await http('POST', '/api/invitations/accept', { body: acceptBody(token) });
    expect(again.status).toBe(201);
    expect(again.body.me.id).not.toBe(first.id);
    const session = await signIn(http, email, NEW_PASSWORD);
    expect((await http('GET', '/api/me', { token: session.accessToken })).body.id).toBe(
      again.body.me.id,
    );
  });

  it('invitations sent by an erased coordinator still work and name a "Former member"', async () => {
    const leaving = await createPerson(t.dataSource, http, { role: 'coordinator' });
    const token = await invite(http, leaving.token, { email: 'invited.before@antwerp.example' });
    expect(
      (
        await http('DELETE', '/api/me', {
          token: leaving.token,
          body: { password: leaving.password },
        })
      ).status,
    ).toBe(204);
    const preview = await http('POST', '/api/invitations/preview', { body: { token } });
    expect(preview.status).toBe(200);
    expect(preview.body.invitedBy).toBe('Former member');
    expect(await tracesOf(t, leaving.email)).toEqual([]);
    expect(await tracesOf(t, leaving.displayName)).toEqual([]);
  });
});

describe('your own profile', () => {
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
  });
  afterAll(() => t.close());

  it('a person reads and edits their own profile, and sees their email', async () => {
    const person = await createPerson(t.dataSource, http);
    const updated = await http('PATCH', '/api/me', {
      token: person.token,
      body: { displayName: '  Renamed Rita ', languages: ['fr-be'], timeZone: 'America/Denver' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      displayName: 'Renamed Rita',
      email: person.email,
      languages: ['fr-BE'],
      timeZone: 'America/Denver',
    });
    expect((await http('GET', '/api/me', { token: person.token })).body.displayName).toBe(
      'Renamed Rita',
    );
  });

  it('a blank display name is refused and the old one kept', async () => {
    const person = await createPerson(t.dataSource, http, { displayName: 'Kept Karin' });
    const res = await http('PATCH', '/api/me', {
      token: person.token,
      body: { displayName: '    ' },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect((await http('GET', '/api/me', { token: person.token })).body.displayName).toBe(
      'Kept Karin',
    );
  });

  it('nobody changes their own role, status or email through the profile', async () => {
    const person = await createPerson(t.dataSource, http);
    for (const body of [
      { networkRole: 'admin' },
      { status: 'active' },
      { email: 'other@test.example' },
      { passwordHash: 'x' },
    ]) {
      const res = await http('PATCH', '/api/me', { token: person.token, body });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    const me = await http('GET', '/api/me', { token: person.token });
    expect(me.body).toMatchObject({ networkRole: 'member', email: person.email });
  });
});
