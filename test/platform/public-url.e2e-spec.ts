// Links the app writes (invitations, calendar feeds and files) name the address people reached
// it on when PUBLIC_URL is unset; forwarded headers count only from trusted proxies.
import { createPerson } from '../factories/accounts.js';
import { addMember, createExchange, sessionBody } from '../exchanges/exchange-helpers.js';
import { httpClient } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('links without PUBLIC_URL', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("invitations, calendar feeds and calendar files use this server's real address, not localhost:0", async () => {
    const http = httpClient(t.baseUrl);
    const coordinator = await createPerson(t.dataSource, http, { role: 'coordinator' });
    const invited = await http('POST', '/api/invitations', {
      token: coordinator.token,
      body: { email: 'reached@test.example', networkRole: 'member' },
    });
    expect(invited.body.inviteUrl.startsWith(`${t.baseUrl}/invite/`)).toBe(true);
    expect(invited.body.inviteUrl).not.toContain('localhost:0');

    const feed = await http('GET', '/api/me/calendar-feed', { token: coordinator.token });
    expect(feed.body.url.startsWith(`${t.baseUrl}/api/calendar/`)).toBe(true);

    const exchange = await createExchange(http, coordinator);
    const member = await createPerson(t.dataSource, http);
    await addMember(http, coordinator, exchange.id, member, 'participant');
    const session = await http('POST', `/api/exchanges/${exchange.id}/sessions`, {
      token: coordinator.token,
      body: sessionBody(),
    });
    expect(session.status).toBe(201);
    const ics = await http('GET', `/api/sessions/${session.body.id}/calendar.ics`, {
      token: member.token,
    });
    const sessionUrl = `${t.baseUrl}/exchanges/${exchange.id}/sessions/${session.body.id}`;
    expect(ics.body.replace(/\r\n[ \t]/g, '')).toContain(`URL;VALUE=URI:${sessionUrl}`);
    const subscribed = await fetch(feed.body.url);
    expect((await subscribed.text()).replace(/\r\n[ \t]/g, '')).toContain(sessionUrl);
  });

  it('ignores X-Forwarded-Host and X-Forwarded-Proto from a proxy that is not trusted', async () => {
    const http = httpClient(t.baseUrl);
    const coordinator = await createPerson(t.dataSource, http, { role: 'coordinator' });
    const invited = await http('POST', '/api/invitations', {
      token: coordinator.token,
      body: { email: 'forged@test.example', networkRole: 'member' },
      headers: { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
    });
    expect(invited.body.inviteUrl.startsWith(`${t.baseUrl}/invite/`)).toBe(true);
  });
});

describe('links behind a trusted proxy, without PUBLIC_URL', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY_HOPS: '1' });
  });
  afterAll(() => t.close());

  it('use the host and scheme the proxy says the person reached', async () => {
    const http = httpClient(t.baseUrl);
    const coordinator = await createPerson(t.dataSource, http, { role: 'coordinator' });
    const proxied = {
      'x-forwarded-for': '198.51.100.7',
      'x-forwarded-host': 'crossings.example.org',
      'x-forwarded-proto': 'https',
    };
    const invited = await http('POST', '/api/invitations', {
      token: coordinator.token,
      body: { email: 'proxied@test.example', networkRole: 'member' },
      headers: proxied,
    });
    expect(invited.body.inviteUrl).toMatch(/^https:\/\/crossings\.example\.org\/invite\/\S+$/);
    const feed = await http('GET', '/api/me/calendar-feed', {
      token: coordinator.token,
      headers: proxied,
    });
    expect(feed.body.url).toMatch(/^https:\/\/crossings\.example\.org\/api\/calendar\//);
  });
});

describe('links with PUBLIC_URL', () => {
  it('always use PUBLIC_URL, whatever the request says', async () => {
    const t = await startTestApp({
      PUBLIC_URL: 'https://crossings.example/',
      TRUST_PROXY_HOPS: '1',
    });
    try {
      const http = httpClient(t.baseUrl);
      const coordinator = await createPerson(t.dataSource, http, { role: 'coordinator' });
      const invited = await http('POST', '/api/invitations', {
        token: coordinator.token,
        body: { email: 'configured@test.example', networkRole: 'member' },
        headers: { 'x-forwarded-host': 'other.example' },
      });
      expect(invited.body.inviteUrl).toMatch(/^https:\/\/crossings\.example\/invite\/[^/]+$/);
    } finally {
      await t.close();
    }
  });
});
