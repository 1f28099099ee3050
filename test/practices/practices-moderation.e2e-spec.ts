// Practice entries are moderated content: coordinators, and hosts of the exchange an entry was
// published from, hide and restore it with a reason; the audit log and the author's notification
// are written with the action; a hidden entry leaves every door of the library (search items,
// totals, facets, the entry page by id and slug, versions, the compendium) for everyone but its
// author and its moderators, who read it with the moderators' reason.
import { ModeratedContents } from '#libs/moderation';
import type { TestPerson } from '../factories/accounts.js';
import { addMember, createExchange, createPerson } from '../exchanges/exchange-helpers.js';
import { httpClient, type Http } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  completeEntry,
  createDraft,
  createReviewer,
  expectOk,
  inboxOf,
  publish,
  facetCountDrift,
} from './practice-helpers.js';

type Role = 'anonymous' | 'author' | 'member' | 'host' | 'coordinator';
const ROLES: Role[] = ['anonymous', 'author', 'member', 'host', 'coordinator'];

describe('practice moderation: hide and restore through the moderation library', () => {
  let t: TestApp;
  let http: Http;
  const people = {} as Record<Exclude<Role, 'anonymous'>, TestPerson> & {
    reviewer: TestPerson;
    outsider: TestPerson;
  };
  const tokenOf = (role: Role) => (role === 'anonymous' ? undefined : people[role].token);
  let exchangeId: string;

  /** A published entry with a word of its own, from the exchange (or from none). */
  const entry = async (
    word: string,
    visibility: 'exchange' | 'network' | 'public',
    inExchange = true,
  ): Promise<{ id: string; slug: string }> => {
    const draft = await createDraft(
      http,
      people.author,
      completeEntry({
        ...(inExchange ? { exchangeId } : {}),
        visibility: visibility === 'public' ? 'network' : visibility,
        themes: ['polarization'],
        texts: [
          {
            language: 'en',
            title: `Street mediation with ${word}`,
            summary: `A ${word} way to calm a square.`,
            challenge: 'Fights after matches.',
            approach: 'Mediators walk the square on Fridays.',
            lessonsWorked: 'Being there every week.',
          },
        ],
      }),
    );
    const flow = {
      author: people.author,
      reviewer: people.reviewer,
      coordinator: people.coordinator,
    };
    const published = await publish(http, flow, draft.id, visibility);
    return { id: draft.id, slug: published.slug };
  };

  const act = (role: Role, id: string, action: 'hide' | 'restore', reason = 'Names a minor.') =>
    http('POST', `/api/practices/${id}/${action}`, { token: tokenOf(role), body: { reason } });

  const search = (role: Role, q: string) =>
    expectOk(http('GET', `/api/practices${q ? `?q=${q}` : ''}`, { token: tokenOf(role) }));

  const auditLines = (id: string) =>
    t.dataSource.query(
      `SELECT action, actor_id, target_id, exchange_id, reason, details FROM moderation_actions
        WHERE subject_type = 'practice' AND subject_id = $1 ORDER BY created_at, id`,
      [id],
    ) as Promise<
      Array<{
        action: string;
        actor_id: string;
        target_id: string;
        exchange_id: string | null;
        reason: string;
        details: Record<string, string>;
      }>
    >;

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    people.coordinator = await createPerson(t.dataSource, http, { role: 'coordinator' });
    people.author = await createPerson(t.dataSource, http);
    people.member = await createPerson(t.dataSource, http);
    people.host = await createPerson(t.dataSource, http);
    people.outsider = await createPerson(t.dataSource, http);
    people.reviewer = await createReviewer(t.dataSource, http);
    const exchange = await createExchange(http, people.coordinator, { title: 'Squares at night' });
    exchangeId = exchange.id;
    await addMember(http, people.coordinator, exchangeId, people.author, 'participant');
    await addMember(http, people.coordinator, exchangeId, people.host, 'host');
  });
  afterAll(() => t.close());

  it('lets coordinators and the hosts of its exchange hide and restore an entry; the author, members and the signed out are refused', async () => {
    const { id } = await entry('lanterns', 'public');
    const refused: Record<Role, number> = {
      anonymous: 401,
      author: 403,
      member: 403,
      host: 0,
      coordinator: 0,
    };
    for (const role of ROLES) {
      if (!refused[role]) continue;
      const hide = await act(role, id, 'hide');
      expect([role, hide.status]).toEqual([role, refused[role]]);
    }
    expect(await auditLines(id)).toEqual([]);
    for (const role of ['host', 'coordinator'] as const) {
      const hidden = await act(role, id, 'hide', `Hidden by the ${role}.`);
      expect([role, hidden.status]).toEqual([role, 200]);
      expect(hidden.body.moderation).toEqual({
        hiddenAt: expect.any(String),
        reason: `Hidden by the ${role}.`,
      });
      // Hiding twice is a conflict, and so is restoring what is not hidden.
      expect((await act(role, id, 'hide')).status).toBe(409);
      for (const other of ['anonymous', 'author', 'member'] as const)
        expect([other, (await act(other, id, 'restore')).status]).toEqual([
          other,
          other === 'anonymous' ? 401 : other === 'author' ? 403 : 404,
        ]);
      const restored = await act(role, id, 'restore', 'Checked: fine.');
      expect([role, restored.status, restored.body.moderation]).toEqual([role, 200, null]);
      expect((await act(role, id, 'restore')).status).toBe(409);
    }
    // A reason is required, and short reasons are refused.
    const bad = await http('POST', `/api/practices/${id}/hide`, {
      token: people.coordinator.token,
      body: { reason: '' },
    });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('keeps hosts to their exchange: an entry from elsewhere is the coordinators’ to moderate', async () => {
    const { id } = await entry('kites', 'network', false);
    expect((await act('host', id, 'hide')).status).toBe(403);
    expect((await act('coordinator', id, 'hide')).status).toBe(200);
    // Hidden, the entry is missing for the host, who no longer reads it.
    expect((await act('host', id, 'restore')).status).toBe(404);
    expect((await act('coordinator', id, 'restore')).status).toBe(200);
  });

  it('answers 404 to someone who may not read the entry at all, whatever they ask', async () => {
    const { id } = await entry('whistles', 'exchange');
    for (const action of ['hide', 'restore'] as const)
      expect((await act('member', id, action)).status).toBe(404);
    expect((await act('host', id, 'hide')).status).toBe(200);
    expect((await act('host', id, 'restore')).status).toBe(200);
  });

  it('takes a hidden public entry out of search, facets, totals and its pages for the signed out and members; its author and moderators still read it, with the reason', async () => {
    const { id, slug } = await entry('quetzalcoatl', 'public');
    const before = await search('anonymous', 'quetzalcoatl');
    expect(before.items.map((i: any) => i.id)).toEqual([id]);
    const themeCount = (result: any) =>
      result.facets.theme.find((f: any) => f.value === 'polarization')?.count ?? 0;
    const allBefore = {
      anonymous: await search('anonymous', ''),
      member: await search('member', ''),
    };

    await expectOk(act('coordinator', id, 'hide', 'Shows a minor’s face.'));

    for (const role of ['anonymous', 'member'] as const) {
      const found = await search(role, 'quetzalcoatl');
      expect([role, found.items, found.total]).toEqual([role, [], 0]);
      const all = await search(role, '');
      expect(all.items.map((i: any) => i.id)).not.toContain(id);
      expect(all.total).toBe(allBefore[role].total - 1);
      expect(themeCount(all)).toBe(themeCount(allBefore[role]) - 1);
      for (const path of [
        `/api/practices/${id}`,
        `/api/practices/${slug}`,
        `/api/practices/${slug}/versions`,
        `/api/practices/${slug}/versions/1`,
        `/api/practices/${slug}/diff`,
      ]) {
        const res = await http('GET', path, { token: tokenOf(role) });
        expect([role, path, res.status]).toEqual([role, path, 404]);
      }
    }
    for (const role of ['author', 'host', 'coordinator'] as const) {
      const page = await expectOk(http('GET', `/api/practices/${slug}`, { token: tokenOf(role) }));
      expect([role, page.id, page.moderation?.reason]).toEqual([role, id, 'Shows a minor’s face.']);
    }
    // Moderators' search is the library's: a hidden entry is found in the review queue, not here.
    expect((await search('coordinator', 'quetzalcoatl')).total).toBe(0);
    // Nor does it travel in a compendium.
    const compendium = await http('POST', '/api/practices/compendium', {
      token: people.coordinator.token,
      body: { format: 'markdown', language: 'en', audience: 'public', ids: [id] },
    });
    expect([compendium.status, compendium.body.details?.[0]?.problems]).toEqual([
      400,
      ['not a published entry of the library'],
    ]);

    await expectOk(act('host', id, 'restore', 'The photo was replaced.'));
    expect((await search('anonymous', 'quetzalcoatl')).items.map((i: any) => i.id)).toEqual([id]);
    expect((await http('GET', `/api/practices/${slug}`)).body.moderation).toBeNull();
  });

  it('writes one audit line per action, with the reason, and tells the author without naming the moderator', async () => {
    const { id } = await entry('zeppelins', 'public');
    await expectOk(act('host', id, 'hide', 'Spam links.'));
    await expectOk(act('coordinator', id, 'restore', 'Links removed.'));
    expect(await auditLines(id)).toEqual([
      {
        action: 'hide',
        actor_id: people.host.id,
        target_id: people.author.id,
        exchange_id: exchangeId,
        reason: 'Spam links.',
        details: { practiceId: id },
      },
      {
        action: 'restore',
        actor_id: people.coordinator.id,
        target_id: people.author.id,
        exchange_id: exchangeId,
        reason: 'Links removed.',
        details: { practiceId: id },
      },
    ]);
    const told = (await inboxOf(http, people.author, 'moderation-outcome')).filter(
      (n) => n.data.practiceId === id,
    );
    expect(told.map((n) => [n.data.action, n.data.reason, n.data.practiceTitle])).toEqual([
      ['restore', 'Links removed.', 'Street mediation with zeppelins'],
      ['hide', 'Spam links.', 'Street mediation with zeppelins'],
    ]);
    for (const n of told) expect(JSON.stringify(n)).not.toContain(people.host.id);
    // The entry's history, which its author reads, keeps both steps.
    const events = await expectOk(
      http('GET', `/api/practices/${id}/events`, { token: people.author.token }),
    );
    expect(events.slice(-2).map((e: any) => [e.action, e.actor])).toEqual([
      ['hide', null],
      ['restore', null],
    ]);
  });

  it('is registered for flags and the review queue: what moderators review, and who may see (flag) it', async () => {
    const { id, slug } = await entry('gondolas', 'exchange');
    const contents = t.app.get(ModeratedContents).of('practice');
    const item = await t.dataSource.transaction((manager) => contents.describe(id, manager));
    expect(item).toEqual({
      exchangeId,
      authorId: people.author.id,
      where: 'the practice entry "Street mediation with gondolas"',
      context: {
        practiceId: id,
        practiceTitle: 'Street mediation with gondolas',
        slug,
      },
      details: { practiceId: id },
      hidden: false,
      body: [
        '# Street mediation with gondolas',
        'A gondolas way to calm a square.',
        'Mediators walk the square on Fridays.',
      ].join('\n\n'),
      url: `/practices/${slug}`,
    });
    const sees = async (person: TestPerson) =>
      contents.canSee({ id: person.id, networkRole: person.networkRole }, id);
    expect(await sees(people.author)).toBe(true);
    expect(await sees(people.host)).toBe(true);
    expect(await sees(people.coordinator)).toBe(true);
    expect(await sees(people.member)).toBe(false);
    expect(await sees(people.outsider)).toBe(false);
    expect(await t.dataSource.transaction((m) => contents.describe('not-an-id', m))).toBeNull();
  });
  it('keeps the listing’s facet counts equal to the index rows after everything above', async () => {
    expect(await facetCountDrift(t.dataSource)).toEqual([]);
  });
});
