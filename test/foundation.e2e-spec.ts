import { httpClient, type Http } from './support/http.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createPerson } from './factories/accounts.js';

describe('foundation', () => {
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
  });
  afterAll(() => t.close());

  it('reports health with the database up', async () => {
    const res = await http('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'up' });
  });

  it('serves the OpenAPI document', async () => {
    const res = await http('GET', '/api/docs-json');
    expect(res.status).toBe(200);
    expect(res.body.paths['/api/cities']).toBeDefined();
  });

  it('lists the seeded themes to a member', async () => {
    const member = await createPerson(t.dataSource, http);
    const res = await http('GET', '/api/themes', { token: member.token });
    expect(res.status).toBe(200);
    expect(res.body.map((theme: { slug: string }) => theme.slug)).toContain('online-hate');
  });
});

describe('themes', () => {
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
  });
  afterAll(() => t.close());

  it('lets a coordinator extend the vocabulary, once per slug', async () => {
    const coordinator = await createPerson(t.dataSource, http, { role: 'coordinator' });
    const created = await http('POST', '/api/themes', {
      token: coordinator.token,
      body: { label: 'Antisemitism & anti-Muslim hate' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      slug: 'antisemitism-anti-muslim-hate',
      label: 'Antisemitism & anti-Muslim hate',
    });
    const again = await http('POST', '/api/themes', {
      token: coordinator.token,
      body: { label: 'Antisemitism / anti-Muslim hate' },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CONFLICT');
    const member = await createPerson(t.dataSource, http);
    const list = await http('GET', '/api/themes', { token: member.token });
    expect(list.body.map((theme: { slug: string }) => theme.slug)).toContain(
      'antisemitism-anti-muslim-hate',
    );
  });
});
