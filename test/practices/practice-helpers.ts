// Shared set-up for the practice library's suites: a complete entry, and the whole review path
// from a draft to a published version.
import type { DataSource } from 'typeorm';
import { FACET_PAIRS_OF_ROWS } from '#libs/practices';
import { createPerson, type TestPerson } from '../factories/accounts.js';
import type { Http } from '../support/http.js';

/** Every field that must be filled in before review, plus a few more. */
export function completeEntry(overrides: Record<string, unknown> = {}): Record<string, any> {
  const texts = (overrides.texts as Array<Record<string, string>> | undefined) ?? [
    {
      language: 'en',
      title: 'Youth mentoring after online radicalisation',
      summary: 'Trained mentors meet young people drawn into extremist spaces online.',
      challenge: 'Young people met recruiters in gaming chats.',
      approach: 'Youth workers and **mentors** meet each young person weekly.',
      lessonsWorked: 'Trust grew when mentors were independent of the police.',
      lessonsDidNot: 'Group sessions came too early.',
      transferability: 'Needs a youth service and two trained mentors.',
    },
  ];
  return {
    originalLanguage: 'en',
    themes: ['youth-engagement'],
    targetGroups: ['youth'],
    evidenceLevel: 'monitored',
    periodStart: '2021-03',
    visibility: 'network',
    ...overrides,
    texts,
  };
}

export async function createDraft(
  http: Http,
  author: TestPerson,
  body: Record<string, unknown> = completeEntry(),
): Promise<any> {
  const res = await http('POST', '/api/practices', { token: author.token, body });
  if (res.status !== 201)
    throw new Error(`create practice: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function expectOk(
  call: Promise<{ status: number; body: any }>,
  status = 200,
): Promise<any> {
  const res = await call;
  if (res.status !== status)
    throw new Error(`expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A researcher who can review entries. */
export function createReviewer(dataSource: DataSource, http: Http): Promise<TestPerson> {
  return createPerson(dataSource, http, { role: 'member', position: 'researcher' });
}

/**
 * Takes a draft through review to publication: submit (author), assign and approve (reviewer),
 * publish (coordinator). Returns the entry as the coordinator sees it afterwards.
 */
export async function publish(
  http: Http,
  people: { author: TestPerson; reviewer: TestPerson; coordinator: TestPerson },
  id: string,
  visibility?: 'exchange' | 'network' | 'public',
): Promise<any> {
  await expectOk(http('POST', `/api/practices/${id}/submit`, { token: people.author.token }));
  await expectOk(
    http('POST', `/api/practices/${id}/reviewers`, {
      token: people.coordinator.token,
      body: { practitionerId: people.reviewer.id },
    }),
  );
  await expectOk(
    http('POST', `/api/practices/${id}/approve`, { token: people.reviewer.token, body: {} }),
  );
  return expectOk(
    http('POST', `/api/practices/${id}/publish`, {
      token: people.coordinator.token,
      body: visibility ? { visibility } : {},
    }),
  );
}

/** The person's notifications of one kind, newest first. */
export async function inboxOf(http: Http, person: TestPerson, kind: string): Promise<any[]> {
  const res = await http('GET', '/api/notifications?limit=100', { token: person.token });
  return (res.body.items as any[]).filter((n) => n.kind === kind);
}

/**
 * Where the listing's stored facet counts (kept by publication, archiving, hiding) differ from
 * a count of the index rows as they are now, and index rows whose facet combinations (what a
 * search groups by) are not their facet values: [] when all agree.
 */
export async function facetCountDrift(dataSource: DataSource): Promise<unknown[]> {
  const combinations = (await dataSource.query(`
    SELECT s.practice_id, s.facet_values,
           t."values" || g."values" || p."values"
             || CASE WHEN s.evidence_level IS NULL THEN '{}'::text[]
                     ELSE ARRAY['evidence:' || s.evidence_level] END
             || l."values" AS combined
      FROM practice_search s
           LEFT JOIN practice_facet_sets t ON t.id = s.theme_set
           LEFT JOIN practice_facet_sets g ON g.id = s.target_group_set
           LEFT JOIN practice_facet_sets p ON p.id = s.place_set
           LEFT JOIN practice_facet_sets l ON l.id = s.language_set`)) as Array<{
    practice_id: string;
    facet_values: string[];
    combined: string[] | null;
  }>;
  const wrong = combinations.filter(
    (row) => JSON.stringify(row.combined) !== JSON.stringify(row.facet_values),
  );
  if (wrong.length > 0) return wrong;
  return dataSource.query(`
    WITH now AS (
      SELECT p.scope, p.a, p.b, count(*)::int AS n FROM (${FACET_PAIRS_OF_ROWS}) p GROUP BY 1, 2, 3),
    stored AS (SELECT scope, a, b, n FROM practice_facet_counts WHERE n <> 0)
    SELECT coalesce(now.scope, stored.scope) AS scope, coalesce(now.a, stored.a) AS a,
           coalesce(now.b, stored.b) AS b, now.n AS counted, stored.n AS stored
      FROM now FULL JOIN stored USING (scope, a, b)
     WHERE now.n IS DISTINCT FROM stored.n`);
}
