// The API's PostgreSQL pool stays warm: DATABASE_POOL_WARM connections open at start, stay open
// when idle, and are replaced in the background when they break, so that no request waits for
// a new connection. Watched from PostgreSQL's side (pg_stat_activity), as an operator would.
import pg from 'pg';
import { createPerson } from '../factories/accounts.js';
import { httpClient, type Http } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const WARM = 4;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the warm PostgreSQL pool', () => {
  let t: TestApp;
  let http: Http;
  let observer: pg.Client;
  let database: string;

  /** The API's connections to its database right now (the job queue's are named apart). */
  async function apiConnections(): Promise<number> {
    const { rows } = await observer.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = $1 AND application_name = 'crossings-api'`,
      [database],
    );
    return rows[0]!.n;
  }

  async function untilWarm(withinMs: number): Promise<number> {
    const started = Date.now();
    while ((await apiConnections()) < WARM) {
      if (Date.now() - started > withinMs)
        throw new Error(`pool at ${await apiConnections()} of ${WARM} after ${withinMs} ms`);
      await sleep(50);
    }
    return Date.now() - started;
  }

  async function terminateApiConnections(): Promise<number> {
    const { rowCount } = await observer.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = $1 AND application_name = 'crossings-api'`,
      [database],
    );
    return rowCount ?? 0;
  }

  async function aMemberCanWork(): Promise<void> {
    const member = await createPerson(t.dataSource, http);
    const themes = await http('GET', '/api/themes', { token: member.token });
    expect(themes.status).toBe(200);
  }

  beforeAll(async () => {
    t = await startTestApp({ DATABASE_POOL_WARM: String(WARM), DATABASE_POOL_SIZE: '8' });
    http = httpClient(t.baseUrl);
    database = new URL(t.database.url).pathname.slice(1);
    // From the server's admin database: a database cannot refuse connections to itself.
    observer = new pg.Client({ connectionString: process.env.CROSSINGS_TEST_ADMIN_URL });
    await observer.connect();
  });
  afterAll(async () => {
    await observer
      .query(`ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS true`)
      .catch(() => undefined);
    await observer.end();
    await t.close();
  });

  it('opens DATABASE_POOL_WARM connections at start and keeps them open when idle', async () => {
    expect(await apiConnections()).toBe(WARM);
    // pg's default would close idle connections after 10 s.
    await sleep(11_000);
    expect(await apiConnections()).toBe(WARM);
  }, 20_000);

  it('replaces connections killed with pg_terminate_backend in the background, and requests succeed', async () => {
    expect(await terminateApiConnections()).toBe(WARM);
    // No request is needed for the pool to refill.
    const refilledInMs = await untilWarm(3_000);
    console.log(`[pool] back to ${WARM} connections ${refilledInMs} ms after they were killed`);
    expect((await http('GET', '/health')).status).toBe(200);
    await aMemberCanWork();
  });

  it('waits out a database that refuses connections without crashing, and is warm again soon after it returns', async () => {
    await observer.query(`ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS false`);
    await terminateApiConnections();
    await sleep(3_000);
    expect(await apiConnections()).toBe(0);
    expect((await http('GET', '/health')).status).toBe(503);

    await observer.query(`ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS true`);
    // The keeper probes at most every 2 s while the database is away.
    const refilledInMs = await untilWarm(4_000);
    console.log(`[pool] warm again ${refilledInMs} ms after the database took connections again`);
    expect((await http('GET', '/health')).status).toBe(200);
    await aMemberCanWork();
  }, 20_000);
});
