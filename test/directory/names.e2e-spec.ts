// Nobody may pose as someone else, least of all as the people who run the network: positions
// that imply a network role are reserved, names must show every character they hold, and names
// that only look alike are refused (a coordinator's or admin's) or flagged (anyone else's).
import { createCity, createPerson, type TestPerson } from '../factories/accounts.js';
import { httpClient, type Http } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { acceptBody, invite } from '../identity/identity-helpers.js';

const HIDDEN = [
  ['zero-width space', '\u200B'],
  ['zero-width joiner', '\u200D'],
  ['right-to-left mark', '\u200F'],
  ['left-to-right embedding', '\u202A'],
  ['right-to-left override', '\u202E'],
  ['word joiner', '\u2060'],
  ['invisible separator', '\u2063'],
  ['first strong isolate', '\u2068'],
  ['pop directional isolate', '\u2069'],
  ['arabic letter mark', '\u061C'],
  ['byte order mark', '\uFEFF'],
  ['soft hyphen', '\u00AD'],
] as const;

describe('names and positions that pass for someone else', () => {
  let t: TestApp;
  let http: Http;
  let coordinator: TestPerson;
  let admin: TestPerson;
  let member: TestPerson;
  let cityId: string;

  const me = async (person: TestPerson) =>
    (await http('GET', '/api/me', { token: person.token })).body;

  beforeAll(async () => {
    t = await startTestApp({ SIGNIN_MAX_FAILURES_PER_ADDRESS: '1000' });
    http = httpClient(t.baseUrl);
    cityId = (await createCity(t.dataSource, { name: 'Antwerp', countryCode: 'BE' })).id;
    coordinator = await createPerson(t.dataSource, http, {
      role: 'coordinator',
      displayName: 'Colette Dubois',
    });
    admin = await createPerson(t.dataSource, http, { role: 'admin', displayName: 'Ada Admin' });
    member = await createPerson(t.dataSource, http, { displayName: 'Milan Member' });
    await createPerson(t.dataSource, http, { displayName: 'Jan Peeters' });
  });
  afterAll(() => t.close());

  describe('positions that imply a network role', () => {
    it('a member may not call themselves coordinator (403 FORBIDDEN), and nothing changes', async () => {
      const before = await me(member);
      const res = await http('PATCH', '/api/me', {
        token: member.token,
        body: { position: 'coordinator' },
      });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
      expect(await me(member)).toEqual(before);
    });

    it('coordinators and admins may', async () => {
      for (const person of [coordinator, admin]) {
        const res = await http('PATCH', '/api/me', {
          token: person.token,
          body: { position: 'coordinator' },
        });
        expect(res.status).toBe(200);
        expect(res.body.position).toBe('coordinator');
      }
    });

    it('every other position is open to members', async () => {
      for (const position of ['mayor', 'official', 'practitioner', 'researcher', 'civil-society']) {
        const res = await http('PATCH', '/api/me', { token: member.token, body: { position } });
        expect(res.status).toBe(200);
      }
    });

    it('an invited member cannot take the position when accepting, and no account is made', async () => {
      const email = `posing-${Date.now()}@test.example`;
      const token = await invite(http, coordinator.token, { email });
      const res = await http('POST', '/api/invitations/accept', {
        body: acceptBody(token, { position: 'coordinator' }),
      });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
      const [{ n }] = await t.dataSource.query(
        'SELECT count(*)::int AS n FROM practitioners WHERE email = $1',
        [email],
      );
      expect(n).toBe(0);
      // The invitation is still good for an honest acceptance.
      const honest = await http('POST', '/api/invitations/accept', { body: acceptBody(token) });
      expect(honest.status).toBe(201);
    });

    it('an invited coordinator may take it', async () => {
      const token = await invite(http, coordinator.token, {
        email: `new-coordinator-${Date.now()}@test.example`,
        networkRole: 'coordinator',
      });
      const res = await http('POST', '/api/invitations/accept', {
        body: acceptBody(token, { position: 'coordinator' }),
      });
      expect(res.status).toBe(201);
      expect(res.body.me.position).toBe('coordinator');
    });
  });

  describe('invisible and direction-changing characters', () => {
    it.each(HIDDEN)(
      'a display name with a %s is refused with 400 VALIDATION_FAILED naming it',
      async (_name, character) => {
        const before = await me(member);
        const res = await http('PATCH', '/api/me', {
          token: member.token,
          body: { displayName: `Colette${character} Dubois` },
        });
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        const code = `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
        expect(res.body.details).toEqual([
          { field: 'displayName', problems: [expect.stringContaining(code)] },
        ]);
        expect(await me(member)).toEqual(before);
      },
    );

    it('an organisation name with one is refused', async () => {
      const res = await http('PATCH', '/api/me', {
        token: member.token,
        body: { organisation: 'City of \u202EpreWtnA' },
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details[0].field).toBe('organisation');
    });

    it('a city name with one is refused, on creation and on edit', async () => {
      const created = await http('POST', '/api/cities', {
        token: coordinator.token,
        body: { name: 'Rotter\u200Bdam', countryCode: 'NL', timeZone: 'Europe/Amsterdam' },
      });
      expect(created.status).toBe(400);
      expect(created.body.code).toBe('VALIDATION_FAILED');
      const edited = await http('PATCH', `/api/cities/${cityId}`, {
        token: coordinator.token,
        body: { name: 'Ant\u2066werp' },
      });
      expect(edited.status).toBe(400);
      expect(edited.body.code).toBe('VALIDATION_FAILED');
      const city = await http('GET', `/api/cities/${cityId}`, { token: member.token });
      expect(city.body.name).toBe('Antwerp');
    });

    it('an invitee whose name hides a character is refused and gets no account', async () => {
      const email = `hidden-${Date.now()}@test.example`;
      const token = await invite(http, coordinator.token, { email });
      const res = await http('POST', '/api/invitations/accept', {
        body: acceptBody(token, { displayName: 'Ada\u200B Admin' }),
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });

    it('names in any script, with accents and apostrophes, are welcome', async () => {
      for (const displayName of [
        'José Müller-Lüdenscheidt',
        "Siobhán O'Brien",
        'أميرة حداد',
        '山田 太郎',
      ]) {
        const res = await http('PATCH', '/api/me', { token: member.token, body: { displayName } });
        expect(res.status).toBe(200);
        expect(res.body.displayName).toBe(displayName);
      }
    });
  });

  describe('names that look like another person’s', () => {
    it.each([
      ['a capital I for the l', 'CoIette Dubois'],
      ['Cyrillic letters', 'Соlеttе Dubois'],
      ['another letter case', 'COLETTE DUBOIS'],
      ['extra spaces', 'Colette  Dubois'],
      ['the very same name', 'Colette Dubois'],
    ])(
      "copying a coordinator's name with %s is refused, and the name is kept",
      async (_how, name) => {
        const before = await me(member);
        const res = await http('PATCH', '/api/me', {
          token: member.token,
          body: { displayName: name },
        });
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(res.body.details).toEqual([
          { field: 'displayName', problems: [expect.stringMatching(/coordinator or admin/)] },
        ]);
        expect(await me(member)).toEqual(before);
      },
    );

    it("copying an admin's name is refused too, also when accepting an invitation", async () => {
      const token = await invite(http, coordinator.token, {
        email: `copycat-${Date.now()}@test.example`,
      });
      const res = await http('POST', '/api/invitations/accept', {
        body: acceptBody(token, { displayName: 'Ada Аdmin' }), // Cyrillic А
      });
      expect(res.status).toBe(400);
      expect(res.body.details[0].field).toBe('displayName');
    });

    it("a name like another member's is saved, with a warning that names the other person", async () => {
      const jan = await createPerson(t.dataSource, http, { displayName: 'Someone Else' });
      const res = await http('PATCH', '/api/me', {
        token: jan.token,
        body: { displayName: 'Jan Peeterѕ' }, // Cyrillic ѕ
      });
      expect(res.status).toBe(200);
      expect(res.body.displayName).toBe('Jan Peeterѕ');
      expect(res.body.warnings).toEqual([
        {
          code: 'NAME_LOOKS_LIKE_ANOTHER',
          message: expect.stringContaining('Jan Peeters'),
          similarTo: { id: expect.any(String), displayName: 'Jan Peeters' },
        },
      ]);
    });

    it('an invitee whose name looks like a member’s gets the account and the warning', async () => {
      const nora = await createPerson(t.dataSource, http, { displayName: 'Nora Namesake' });
      const token = await invite(http, coordinator.token, {
        email: `namesake-${Date.now()}@test.example`,
      });
      const res = await http('POST', '/api/invitations/accept', {
        body: acceptBody(token, { displayName: 'nora  namesake' }),
      });
      expect(res.status).toBe(201);
      expect(res.body.warnings).toEqual([
        expect.objectContaining({ similarTo: { id: nora.id, displayName: 'Nora Namesake' } }),
      ]);
    });

    it('a distinct name, or saving the profile without changing the name, brings no warning', async () => {
      const person = await createPerson(t.dataSource, http, { displayName: 'Unique Ulrike' });
      const renamed = await http('PATCH', '/api/me', {
        token: person.token,
        body: { displayName: 'Ulrike Unique' },
      });
      expect(renamed.body.warnings).toEqual([]);
      const same = await http('PATCH', '/api/me', {
        token: person.token,
        body: { displayName: 'Ulrike Unique', bio: 'Hello.' },
      });
      expect(same.status).toBe(200);
      expect(same.body.warnings).toEqual([]);
    });

    it('a coordinator keeps their own name when saving their profile', async () => {
      const res = await http('PATCH', '/api/me', {
        token: coordinator.token,
        body: { displayName: 'Colette Dubois', bio: 'Coordinating.' },
      });
      expect(res.status).toBe(200);
      expect(res.body.warnings).toEqual([]);
    });
  });
});
