import { createPerson, type TestPerson } from '../factories/accounts.js';
import {
  deviceCookieOf,
  httpClient,
  refreshCookieOf,
  type Http,
  type HttpResult,
} from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { countBy, sleep } from './identity-helpers.js';

const signInWith = (http: Http, email: string, password: string, headers = {}) =>
  http('POST', '/api/auth/sign-in', { body: { email, password }, headers });

describe('sign-in', () => {
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    // A generous per-address limit: this file's many failures all come from 127.0.0.1.
    t = await startTestApp({ SIGNIN_MAX_FAILURES: '5', SIGNIN_MAX_FAILURES_PER_ADDRESS: '1000' });
    http = httpClient(t.baseUrl);
  });
  afterAll(() => t.close());

  it('returns an access token and the signed-in person, and sets a strict httpOnly refresh cookie', async () => {
    const person = await createPerson(t.dataSource, http, { displayName: 'Signing Sam' });
    const res = await signInWith(http, person.email, person.password);
    expect(res.status).toBe(200);
    expect(typeof res.body.accessToken).toBe('string');
    expect(res.body.expiresIn).toBeGreaterThanOrEqual(60);
    expect(res.body.me).toMatchObject({
      id: person.id,
      email: person.email,
      displayName: 'Signing Sam',
      networkRole: 'member',
      status: 'active',
    });
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|\$argon2/);

    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('crossings_refresh='));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Strict/i);
    expect(cookie).toMatch(/;\s*Path=\/api/i);

    const me = await http('GET', '/api/me', { token: res.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(person.id);
  });

  it('accepts the email in any letter case', async () => {
    const person = await createPerson(t.dataSource, http);
    const res = await signInWith(http, person.email.toUpperCase(), person.password);
    expect(res.status).toBe(200);
    expect(res.body.me.id).toBe(person.id);
  });

  it('answers a wrong password and an unknown email with the same 401 INVALID_CREDENTIALS', async () => {
    const person = await createPerson(t.dataSource, http);
    const wrong = await signInWith(http, person.email, 'not the password at all');
    const unknown = await signInWith(http, 'nobody-here@test.example', person.password);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toMatchObject({ statusCode: 401, code: 'INVALID_CREDENTIALS' });
    expect(refreshCookieOf(wrong)).toBeUndefined();
  });

  it('limits guesses at an unknown email exactly like guesses at a real one', async () => {
    const results: HttpResult[] = [];
    for (let i = 0; i < 6; i++) {
      results.push(await signInWith(http, 'ghost@test.example', `guess number ${i}`));
    }
    expect(results.slice(0, 5).map((r) => r.body.code)).toEqual(
      Array(5).fill('INVALID_CREDENTIALS'),
    );
    expect(results[5]!.status).toBe(429);
    expect(results[5]!.body.code).toBe('RATE_LIMITED');
  });

  it('a successful sign-in resets the account counter', async () => {
    const person = await createPerson(t.dataSource, http);
    for (let i = 0; i < 4; i++) {
      expect((await signInWith(http, person.email, `wrong ${i}`)).status).toBe(401);
    }
    expect((await signInWith(http, person.email, person.password)).status).toBe(200);
    // A fresh allowance of five failures, then the sixth is refused.
    const after: number[] = [];
    for (let i = 0; i < 6; i++)
      after.push((await signInWith(http, person.email, `again ${i}`)).status);
    expect(after).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('refuses a suspended account with the right password with 403 ACCOUNT_SUSPENDED', async () => {
    const person = await createPerson(t.dataSource, http, { status: 'suspended' });
    const res = await signInWith(http, person.email, person.password);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('ACCOUNT_SUSPENDED');
    expect(refreshCookieOf(res)).toBeUndefined();
  });

  it('does not tell a suspended account apart when the password is wrong', async () => {
    const person = await createPerson(t.dataSource, http, { status: 'suspended' });
    const res = await signInWith(http, person.email, 'wrong password here');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('refuses malformed sign-in bodies with VALIDATION_FAILED', async () => {
    for (const body of [
      {},
      { email: 'not-an-email', password: 'x' },
      { email: 'a@test.example' },
      { email: 'a@test.example', password: '' },
      { email: 'a@test.example', password: 'x', extra: true },
      { email: ['a@test.example'], password: 'x' },
    ]) {
      const res = await http('POST', '/api/auth/sign-in', { body });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('refuses an email or password that is not valid text with VALIDATION_FAILED, counting no attempt', async () => {
    const person = await createPerson(t.dataSource, http);
    const attempts = async () =>
      (await t.dataSource.query('SELECT key, points FROM rate_limits ORDER BY key')) as unknown[];
    const before = await attempts();
    const cases: Array<[field: string, email: string, password: string]> = [
      ['email', `${person.email}\u0000`, person.password],
      ['email', `a\ud800@test.example`, person.password],
      ['email', `\udc00${person.email}`, person.password],
      ['password', person.email, `${person.password}\u0000`],
      ['password', person.email, `${person.password}\ud83d`],
      ['password', person.email, `\u001b${person.password}`],
    ];
    for (const [field, email, password] of cases) {
      const res = await signInWith(http, email, password);
      expect([field, res.status, res.body.code]).toEqual([field, 400, 'VALIDATION_FAILED']);
      expect(res.body.details).toEqual([{ field, problems: [expect.any(String)] }]);
      expect(JSON.stringify(res.body)).not.toContain(person.email);
    }
    expect(await attempts()).toEqual(before);
    expect((await signInWith(http, person.email, person.password)).status).toBe(200);
  });

  it('answers a very long email with a typed error, never a crash', async () => {
    const email = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(49)}.example`;
    expect(email.length).toBe(250);
    const res = await signInWith(http, email, 'some password');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('INVALID_CREDENTIALS');
  });
});

describe('brute force against one account', () => {
  const WINDOW_SECONDS = 5;
  let t: TestApp;
  let http: Http;
  let person: TestPerson;

  beforeAll(async () => {
    t = await startTestApp({
      SIGNIN_MAX_FAILURES: '5',
      SIGNIN_MAX_FAILURES_PER_ADDRESS: '1000',
      SIGNIN_WINDOW_SECONDS: String(WINDOW_SECONDS),
    });
    http = httpClient(t.baseUrl);
    person = await createPerson(t.dataSource, http);
  });
  afterAll(() => t.close());

  it('50 parallel bad passwords at a limit of 5 give exactly 5 INVALID_CREDENTIALS and 45 RATE_LIMITED with Retry-After; the right password waits out the window', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => signInWith(http, person.email, `bad guess ${i}`)),
    );
    expect(countBy(results, (r) => `${r.status} ${r.body.code}`)).toEqual({
      '401 INVALID_CREDENTIALS': 5,
      '429 RATE_LIMITED': 45,
    });
    for (const limited of results.filter((r) => r.status === 429)) {
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
      expect(limited.body.details).toEqual({ retryAfterSeconds: retryAfter });
    }

    // Even the right password is refused until the window has passed.
    const right = await signInWith(http, person.email, person.password);
    expect(right.status).toBe(429);
    expect(right.body.code).toBe('RATE_LIMITED');
    const wait = Number(right.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(1);

    await sleep(wait * 1000 + 300);
    const later = await signInWith(http, person.email, person.password);
    expect(later.status).toBe(200);
    expect(later.body.me.id).toBe(person.id);
  });
});

describe('brute force from one address', () => {
  let t: TestApp;
  let http: Http;
  const from = (address: string) => ({ 'x-forwarded-for': address });

  beforeAll(async () => {
    // Behind one trusted proxy, as in production: X-Forwarded-For names the client's address.
    t = await startTestApp({
      SIGNIN_MAX_FAILURES: '5',
      SIGNIN_MAX_FAILURES_PER_ADDRESS: '3',
      TRUST_PROXY_HOPS: '1',
    });
    http = httpClient(t.baseUrl);
  });
  afterAll(() => t.close());

  it('spraying different accounts from one address is limited per address; other addresses are not', async () => {
    // One by one: the factory signs in from 127.0.0.1, and in-flight attempts count too.
    const people: TestPerson[] = [];
    for (let i = 0; i < 4; i++) people.push(await createPerson(t.dataSource, http));
    const failures = await Promise.all(
      people.map((p) => signInWith(http, p.email, 'a popular password', from('198.51.100.1'))),
    );
    expect(countBy(failures, (r) => `${r.status} ${r.body.code}`)).toEqual({
      '401 INVALID_CREDENTIALS': 3,
      '429 RATE_LIMITED': 1,
    });
    const next = await signInWith(
      http,
      'someone-else@test.example',
      'a popular password',
      from('198.51.100.1'),
    );
    expect(next.status).toBe(429);
    expect(next.body.code).toBe('RATE_LIMITED');
    expect(Number(next.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    const elsewhere = await signInWith(
      http,
      people[0]!.email,
      people[0]!.password,
      from('198.51.100.2'),
    );
    expect(elsewhere.status).toBe(200);
  });

  it('attempts refused at a blocked address do not count against the accounts they name', async () => {
    const victim = await createPerson(t.dataSource, http);
    const blocked = from('198.51.100.3');
    for (let i = 0; i < 3; i++) {
      await signInWith(http, `sprayed-${i}@test.example`, 'a popular password', blocked);
    }
    const refused = await Promise.all(
      Array.from({ length: 10 }, (_, i) => signInWith(http, victim.email, `guess ${i}`, blocked)),
    );
    expect(refused.every((r) => r.status === 429)).toBe(true);
    // The victim is not locked out by an attacker who is already being refused.
    const own = await signInWith(http, victim.email, victim.password, from('198.51.100.4'));
    expect(own.status).toBe(200);
  });
});

describe('brute force from one address, without a trusted proxy', () => {
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    t = await startTestApp({ SIGNIN_MAX_FAILURES_PER_ADDRESS: '2' });
    http = httpClient(t.baseUrl);
  });
  afterAll(() => t.close());

  it('a forged X-Forwarded-For does not escape the per-address limit', async () => {
    const person = await createPerson(t.dataSource, http);
    for (let i = 0; i < 2; i++) {
      const res = await signInWith(http, `nobody-${i}@test.example`, 'guess', {
        'x-forwarded-for': `203.0.113.${i}`,
      });
      expect(res.status).toBe(401);
    }
    const forged = await signInWith(http, person.email, person.password, {
      'x-forwarded-for': '203.0.113.99',
    });
    expect(forged.status).toBe(429);
    expect(forged.body.code).toBe('RATE_LIMITED');
  });
});

describe('nobody can lock the owner out (per account and address; known devices apart)', () => {
  let t: TestApp;
  let http: Http;
  const from = (address: string, extra: Record<string, string> = {}) => ({
    'x-forwarded-for': address,
    ...extra,
  });

  beforeAll(async () => {
    t = await startTestApp({
      SIGNIN_MAX_FAILURES: '5',
      SIGNIN_MAX_FAILURES_PER_ADDRESS: '8',
      SIGNIN_MAX_DELAY_SECONDS: '1',
      TRUST_PROXY_HOPS: '1',
    });
    http = httpClient(t.baseUrl);
  });
  afterAll(() => t.close());

  it("five wrong passwords from one address do not refuse the owner's right password from another", async () => {
    const owner = await createPerson(t.dataSource, http);
    for (let i = 0; i < 5; i++) {
      const res = await signInWith(http, owner.email, `attacker guess ${i}`, from('203.0.113.10'));
      expect(res.status).toBe(401);
    }
    expect((await signInWith(http, owner.email, 'one more', from('203.0.113.10'))).status).toBe(
      429,
    );
    const own = await signInWith(http, owner.email, owner.password, from('198.51.100.20'));
    expect(own.status).toBe(200);
    expect(own.body.me.id).toBe(owner.id);
  });

  it('a successful sign-in gives the browser a signed, httpOnly device cookie for the sign-in routes only', async () => {
    const owner = await createPerson(t.dataSource, http);
    const res = await signInWith(http, owner.email, owner.password, from('198.51.100.21'));
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('crossings_device='));
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Strict/i);
    expect(cookie).toMatch(/;\s*Path=\/api\/auth/i);
    expect(cookie).not.toContain(owner.email);
    expect(cookie).not.toContain(encodeURIComponent(owner.email));
    // A failed attempt hands out none.
    const failed = await signInWith(http, owner.email, 'wrong', from('198.51.100.21'));
    expect(deviceCookieOf(failed)).toBeUndefined();
  });

  it("the owner's known browser signs in from the very address whose attempts are locked, even past the per-address limit", async () => {
    const owner = await createPerson(t.dataSource, http);
    const shared = '203.0.113.30'; // one office behind one proxy: the attacker sits there too
    const first = await signInWith(http, owner.email, owner.password, from(shared));
    const device = deviceCookieOf(first)!;
    expect(device).toBeDefined();

    const attempts = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        signInWith(http, owner.email, `stranger ${i}`, from(shared)),
      ),
    );
    expect(countBy(attempts, (r) => `${r.status}`)).toEqual({ '401': 5, '429': 15 });
    // Spraying other accounts from there exhausts the address as well.
    for (let i = 0; i < 5; i++) {
      await signInWith(http, `sprayed-${i}@test.example`, 'popular', from(shared));
    }
    const otherPerson = await signInWith(http, 'someone@test.example', 'x', from(shared));
    expect(otherPerson.status).toBe(429);

    const stranger = await signInWith(http, owner.email, owner.password, from(shared));
    expect(stranger.status).toBe(429);
    const known = await signInWith(http, owner.email, owner.password, {
      ...from(shared),
      cookie: device,
    });
    expect(known.status).toBe(200);
    expect(known.body.me.id).toBe(owner.id);
  });

  it('a device is limited on its own: five failures with its cookie, then 429 for that device only', async () => {
    const owner = await createPerson(t.dataSource, http);
    const device = deviceCookieOf(
      await signInWith(http, owner.email, owner.password, from('198.51.100.40')),
    )!;
    const withDevice = (password: string) =>
      signInWith(http, owner.email, password, { ...from('198.51.100.40'), cookie: device });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await withDevice(`typo ${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const limited = await withDevice(owner.password);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // The same address without the cookie is another counter, and still has its five.
    expect(
      (await signInWith(http, owner.email, owner.password, from('198.51.100.40'))).status,
    ).toBe(200);
  });

  it('a device cookie works only for its own account, and a tampered one counts as none', async () => {
    const alice = await createPerson(t.dataSource, http);
    const bob = await createPerson(t.dataSource, http);
    const aliceDevice = deviceCookieOf(
      await signInWith(http, alice.email, alice.password, from('198.51.100.50')),
    )!;
    const tampered = aliceDevice.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    for (let i = 0; i < 5; i++) {
      await signInWith(http, bob.email, `guess ${i}`, from('198.51.100.51'));
    }
    for (const cookie of [aliceDevice, tampered]) {
      const res = await signInWith(http, bob.email, bob.password, {
        ...from('198.51.100.51'),
        cookie,
      });
      expect(res.status).toBe(429);
    }
    // Alice's cookie still works for Alice, and the tampered one does not make her "known".
    for (let i = 0; i < 5; i++) {
      await signInWith(http, alice.email, `guess ${i}`, from('198.51.100.50'));
    }
    const stillKnown = await signInWith(http, alice.email, alice.password, {
      ...from('198.51.100.50'),
      cookie: aliceDevice,
    });
    expect(stillKnown.status).toBe(200);
    const notKnown = await signInWith(http, alice.email, alice.password, {
      ...from('198.51.100.50'),
      cookie: tampered,
    });
    expect(notKnown.status).toBe(429);
  });

  it('guesses from many addresses are slowed, never refused: beyond five, each waits longer, and the right password still gets in', async () => {
    const owner = await createPerson(t.dataSource, http);
    const durations: number[] = [];
    for (let i = 0; i < 8; i++) {
      const started = Date.now();
      const res = await signInWith(http, owner.email, `botnet ${i}`, from(`192.0.2.${i + 1}`));
      durations.push(Date.now() - started);
      expect(res.status).toBe(401);
    }
    // Attempts 6, 7 and 8 on the account waited 0.5 s, then the 1 s cap (SIGNIN_MAX_DELAY_SECONDS).
    expect(durations[5]).toBeGreaterThanOrEqual(500);
    expect(durations[6]).toBeGreaterThanOrEqual(1000);
    expect(durations[7]).toBeGreaterThanOrEqual(1000);

    const started = Date.now();
    const own = await signInWith(http, owner.email, owner.password, from('198.51.100.60'));
    expect(own.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    // Success resets the account's counter: the next attempt from a new address is not delayed.
    const next = Date.now();
    expect((await signInWith(http, owner.email, 'typo', from('198.51.100.61'))).status).toBe(401);
    expect(Date.now() - next).toBeLessThan(1000);
  });
});

describe('a proxy that is not trusted', () => {
  it('logs one warning, once, when requests arrive with X-Forwarded-For or Forwarded while TRUST_PROXY_HOPS=0', async () => {
    const t = await startTestApp({ LOG_LEVEL: 'warn' });
    const warnings: string[] = [];
    const logger = {
      log: () => undefined,
      error: () => undefined,
      warn: (message: unknown) => void warnings.push(String(message)),
    };
    t.app.useLogger(logger);
    try {
      const http = httpClient(t.baseUrl);
      await http('GET', '/health');
      expect(warnings).toEqual([]);
      await http('GET', '/health', { headers: { 'x-forwarded-for': '203.0.113.1' } });
      await http('GET', '/health', { headers: { forwarded: 'for=203.0.113.2' } });
      await http('GET', '/health', { headers: { 'x-forwarded-for': '203.0.113.3' } });
      const about = warnings.filter((w) => w.includes('TRUST_PROXY_HOPS'));
      expect(about).toHaveLength(1);
      expect(about[0]).toMatch(/Set TRUST_PROXY_HOPS/);
    } finally {
      await t.close();
    }
  });

  it('says nothing when the proxy is trusted', async () => {
    const t = await startTestApp({ LOG_LEVEL: 'warn', TRUST_PROXY_HOPS: '1' });
    const warnings: string[] = [];
    t.app.useLogger({
      log: () => undefined,
      error: () => undefined,
      warn: (message: unknown) => void warnings.push(String(message)),
    });
    try {
      await httpClient(t.baseUrl)('GET', '/health', {
        headers: { 'x-forwarded-for': '203.0.113.1' },
      });
      expect(warnings.filter((w) => w.includes('TRUST_PROXY_HOPS'))).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
