// The demo library a newcomer meets: at least 16 published entries in four languages, some
// translated, from cities on both sides, across themes, target groups and every evidence level,
// some linked to demo sessions; two public; one in review with comments; a quote waiting for a yes.
import { DEMO_PASSWORDS, prepareDemoNetwork } from '../../apps/api/src/seed/demo-network.js';
import { DEMO_REPORT } from '../../apps/api/src/seed/demo-practices.js';
import { httpClient, type Http } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { expectOk } from './practice-helpers.js';

describe('the demo practice library', () => {
  let t: TestApp;
  let http: Http;
  const token = async (email: string, password = DEMO_PASSWORDS.member) =>
    (await expectOk(http('POST', '/api/auth/sign-in', { body: { email, password } })))
      .accessToken as string;

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    await prepareDemoNetwork(t.app, { seed: true });
  });
  afterAll(() => t.close());

  it('has what the brief asks for', async () => {
    const coordinator = await token('coordinator@crossings.example', DEMO_PASSWORDS.coordinator);
    const all = await expectOk(http('GET', '/api/practices?limit=50', { token: coordinator }));
    expect(all.total).toBeGreaterThanOrEqual(16);
    const counts = (facet: string) =>
      Object.fromEntries(all.facets[facet].map((f: any) => [f.value, f.count]));
    expect(Object.keys(counts('language')).sort()).toEqual(['de', 'en', 'fr', 'nl']);
    expect(all.items.filter((i: any) => i.languages.length > 1).length).toBeGreaterThanOrEqual(3);
    expect(Object.keys(counts('evidence')).sort()).toEqual([
      'evaluated-independently',
      'evaluated-internally',
      'monitored',
      'none-yet',
    ]);
    expect(Object.keys(counts('region')).sort()).toEqual(['europe', 'north-america']);
    expect(Object.keys(counts('theme')).length).toBeGreaterThanOrEqual(6);
    expect(Object.keys(counts('targetGroup')).length).toBeGreaterThanOrEqual(8);

    const anonymous = await expectOk(http('GET', '/api/practices'));
    expect(anonymous.total).toBe(2);

    // Linked to a demo session, readable and consistent with its published version.
    const rotterdam = await expectOk(
      http('GET', '/api/practices/dialoogtafels-in-de-wijk-voor-een-beladen-raadsbesluit?lang=en'),
    );
    expect(rotterdam).toMatchObject({
      visibility: 'public',
      language: 'en',
      languages: ['nl', 'en'],
    });
    const mayor = await token('mayor.rotterdam@crossings.example');
    const seen = await expectOk(http('GET', `/api/practices/${rotterdam.id}`, { token: mayor }));
    expect(seen.provenance.map((p: any) => p.kind)).toEqual(['exchange', 'session', 'message']);
    expect(seen.quotes).toHaveLength(1);

    // A Dutch query finds English entries through the glossary.
    const dutch = await expectOk(
      http('GET', '/api/practices?q=terugkeerders', { token: coordinator }),
    );
    expect(dutch.items.some((i: any) => i.originalLanguage === 'en')).toBe(true);

    // One entry in review with comments, waiting for its reviewer; a quote waiting for a yes.
    const reviewer = await token('research.munich@crossings.example');
    const queue = await expectOk(http('GET', '/api/practices/review-queue', { token: reviewer }));
    expect(queue.total).toBe(1);
    const working = await expectOk(
      http('GET', `/api/practices/${queue.items[0].id}/working`, { token: reviewer }),
    );
    expect(working.comments.length).toBe(2);
    const samira = await token('youth.rotterdam@crossings.example');
    const home = await expectOk(http('GET', '/api/me/home', { token: samira }));
    expect(home.sections.quoteRequests.total).toBe(1);
    expect(home.sections.newPractices.total).toBeGreaterThan(0);

    // The Chatham House entry names nobody to a member outside its exchange.
    const boston = await token('mayor.boston@crossings.example');
    const aarhus = await expectOk(
      http('GET', '/api/practices/mentors-independent-of-the-police-in-an-exit-programme', {
        token: boston,
      }),
    );
    expect(aarhus.chathamHouse).toBe(true);
    expect(aarhus.author).toBeNull();
    expect(aarhus.quotes[0].attribution).toBe('a participant from a European city');
  });

  it('has an evaluation report attached to a public entry, which anyone can download', async () => {
    const entry = await expectOk(
      http(
        'GET',
        '/api/practices/community-whatsapp-groups-as-an-early-warning-network-after-an-attack',
      ),
    );
    expect(entry.attachments).toEqual([
      expect.objectContaining({
        name: DEMO_REPORT.name,
        kind: 'pdf',
        contentType: 'application/pdf',
      }),
    ]);
    const response = await fetch(`${t.baseUrl}${entry.attachments[0].url}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment;/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
