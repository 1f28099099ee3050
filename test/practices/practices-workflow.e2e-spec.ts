// The review workflow end to end: a member writes a draft (autosaved, idempotent), submits it,
// a coordinator assigns a researcher, who comments per field and asks for changes; the author
// revises, the reviewer approves, a coordinator publishes. Editing the published entry starts
// version 2 while readers keep version 1. Every step is audited and notifies the people concerned.
import { createPerson, type TestPerson } from '../factories/accounts.js';
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

describe('the practice workflow', () => {
  let t: TestApp;
  let http: Http;
  let author: TestPerson;
  let reviewer: TestPerson;
  let coordinator: TestPerson;
  let reader: TestPerson;

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    author = await createPerson(t.dataSource, http);
    reviewer = await createReviewer(t.dataSource, http);
    coordinator = await createPerson(t.dataSource, http, { role: 'coordinator' });
    reader = await createPerson(t.dataSource, http);
  });
  afterAll(() => t.close());

  it('takes an entry from draft to published, with comments, changes, approval and notifications', async () => {
    const draft = await createDraft(http, author, {
      originalLanguage: 'en',
      texts: [{ language: 'en', title: 'Mentors for young people' }],
      visibility: 'network',
    });
    expect(draft).toMatchObject({ status: 'draft', revision: 1, copy: 'working' });
    expect(draft.missing).toEqual(
      expect.arrayContaining(['summary', 'challenge', 'approach', 'themes', 'evidenceLevel']),
    );

    // Not complete: submitting names every missing field.
    const early = await http('POST', `/api/practices/${draft.id}/submit`, { token: author.token });
    expect(early.status).toBe(400);
    expect(early.body.code).toBe('VALIDATION_FAILED');
    expect(early.body.details.map((d: any) => d.field)).toEqual(
      expect.arrayContaining(['summary', 'themes']),
    );

    // Autosave: the same edit twice is one revision; an edit on a stale revision is refused.
    const fields = completeEntry();
    fields.texts[0].title = 'Mentors for young people';
    const saved = await expectOk(
      http('PATCH', `/api/practices/${draft.id}`, {
        token: author.token,
        body: { ...fields, originalLanguage: undefined, baseRevision: 1 },
      }),
    );
    expect(saved.revision).toBe(2);
    expect(saved.missing).toEqual([]);
    const again = await expectOk(
      http('PATCH', `/api/practices/${draft.id}`, {
        token: author.token,
        body: { ...fields, originalLanguage: undefined, baseRevision: 1 },
      }),
    );
    expect(again.revision).toBe(2);
    const stale = await http('PATCH', `/api/practices/${draft.id}`, {
      token: author.token,
      body: { texts: [{ language: 'en', outcomes: 'Fewer referrals.' }], baseRevision: 1 },
    });
    expect(stale.status).toBe(409);

    // Another member cannot see or touch the draft; it looks missing.
    expect((await http('GET', `/api/practices/${draft.id}`, { token: reader.token })).status).toBe(
      404,
    );
    expect(
      (await http('PATCH', `/api/practices/${draft.id}`, { token: reader.token, body: {} })).status,
    ).toBe(404);

    await expectOk(http('POST', `/api/practices/${draft.id}/submit`, { token: author.token }));
    expect(await inboxOf(http, coordinator, 'practice-submitted')).toHaveLength(1);

    // Reviewers are researchers or coordinators, never the author; assigning notifies them.
    const notResearcher = await http('POST', `/api/practices/${draft.id}/reviewers`, {
      token: coordinator.token,
      body: { practitionerId: reader.id },
    });
    expect(notResearcher.status).toBe(400);
    const byMember = await http('POST', `/api/practices/${draft.id}/reviewers`, {
      token: author.token,
      body: { practitionerId: reviewer.id },
    });
    expect(byMember.status).toBe(403);
    const assigned = await expectOk(
      http('POST', `/api/practices/${draft.id}/reviewers`, {
        token: coordinator.token,
        body: { practitionerId: reviewer.id },
      }),
    );
    expect(assigned.reviewers.map((r: any) => r.person.id)).toEqual([reviewer.id]);
    expect(await inboxOf(http, reviewer, 'practice-review-assigned')).toHaveLength(1);

    // The reviewer sees the working copy and the entry in their queue; the author may not review.
    const queue = await expectOk(
      http('GET', '/api/practices/review-queue', { token: reviewer.token }),
    );
    expect(queue.items.map((i: any) => i.id)).toEqual([draft.id]);
    expect(
      (await http('POST', `/api/practices/${draft.id}/approve`, { token: author.token, body: {} }))
        .status,
    ).toBe(403);

    // Per-field comments, then changes requested: back to the author, who is told why.
    const commented = await expectOk(
      http('POST', `/api/practices/${draft.id}/comments`, {
        token: reviewer.token,
        body: { field: 'lessonsDidNot', language: 'en', body: 'Say why group sessions failed.' },
      }),
      201,
    );
    expect(commented.comments).toEqual([
      expect.objectContaining({ field: 'lessonsDidNot', language: 'en', revision: 2 }),
    ]);
    const badField = await http('POST', `/api/practices/${draft.id}/comments`, {
      token: reviewer.token,
      body: { field: 'colour', body: 'x' },
    });
    expect(badField.status).toBe(400);
    const changes = await expectOk(
      http('POST', `/api/practices/${draft.id}/request-changes`, {
        token: reviewer.token,
        body: { comment: 'Please explain the lessons.' },
      }),
    );
    expect(changes.status).toBe('changes-requested');
    const [told] = await inboxOf(http, author, 'practice-changes-requested');
    expect(told.data).toMatchObject({
      practiceId: draft.id,
      comment: 'Please explain the lessons.',
    });

    // Publishing needs an approval of this revision.
    const tooSoon = await http('POST', `/api/practices/${draft.id}/publish`, {
      token: coordinator.token,
      body: {},
    });
    expect(tooSoon.status).toBe(409);

    await expectOk(
      http('PATCH', `/api/practices/${draft.id}`, {
        token: author.token,
        body: {
          texts: [{ language: 'en', lessonsDidNot: 'Group sessions came before trust existed.' }],
        },
      }),
    );
    await expectOk(http('POST', `/api/practices/${draft.id}/submit`, { token: author.token }));
    // An approval given before the last edit does not count: the reviewer approves this revision.
    await expectOk(
      http('POST', `/api/practices/${draft.id}/approve`, { token: reviewer.token, body: {} }),
    );
    expect(await inboxOf(http, author, 'practice-approved')).toHaveLength(1);
    const onlyCoordinators = await http('POST', `/api/practices/${draft.id}/publish`, {
      token: reviewer.token,
      body: {},
    });
    expect(onlyCoordinators.status).toBe(403);
    const published = await expectOk(
      http('POST', `/api/practices/${draft.id}/publish`, { token: coordinator.token, body: {} }),
    );
    expect(published).toMatchObject({ status: 'published', currentVersion: 1 });
    expect(published.slug).toBe('mentors-for-young-people');
    expect(await inboxOf(http, author, 'practice-published')).toHaveLength(1);
    expect(await inboxOf(http, reviewer, 'practice-published')).toHaveLength(1);

    // Any member reads the published version, by id or by slug.
    const read = await expectOk(
      http('GET', `/api/practices/${published.slug}`, { token: reader.token }),
    );
    expect(read).toMatchObject({ id: draft.id, copy: 'published', version: 1 });
    expect(read.texts.lessonsDidNot).toBe('Group sessions came before trust existed.');
    expect(read.author.id).toBe(author.id);
    expect(read.attachments).toEqual([]);
    expect(read.can).toMatchObject({ edit: false, publish: false, viewWorkingCopy: false });

    // Editing the published entry starts version 2; readers keep version 1 meanwhile.
    const revised = await expectOk(
      http('PATCH', `/api/practices/${draft.id}`, {
        token: author.token,
        body: {
          texts: [{ language: 'en', title: 'Mentors for young people online' }],
          evidenceLevel: 'evaluated-internally',
        },
      }),
    );
    expect(revised.status).toBe('draft');
    const meanwhile = await expectOk(
      http('GET', `/api/practices/${draft.id}`, { token: reader.token }),
    );
    expect(meanwhile.texts.title).toBe('Mentors for young people');
    expect(meanwhile.evidenceLevel).toBe('monitored');

    // The reviewer sees what changed against the published version.
    const working = await expectOk(
      http('GET', `/api/practices/${draft.id}/diff?to=working`, { token: reviewer.token }),
    );
    const changed = working.fields.filter((f: any) => f.changed);
    expect(changed.map((f: any) => [f.field, f.language])).toEqual([
      ['title', 'en'],
      ['evidenceLevel', null],
    ]);
    expect(changed[0].segments).toEqual([
      { op: 'equal', text: 'Mentors for young people ' },
      { op: 'insert', text: 'online' },
    ]);
    // Nobody else sees the working copy's diff.
    expect(
      (await http('GET', `/api/practices/${draft.id}/diff?to=working`, { token: reader.token }))
        .status,
    ).toBe(404);

    await publish(http, { author, reviewer, coordinator }, draft.id);
    const v2 = await expectOk(http('GET', `/api/practices/${draft.id}`, { token: reader.token }));
    expect(v2).toMatchObject({ version: 2, evidenceLevel: 'evaluated-internally' });
    expect(v2.slug).toBe('mentors-for-young-people'); // stable

    const versions = await expectOk(
      http('GET', `/api/practices/${draft.id}/versions`, { token: reader.token }),
    );
    expect(versions.map((v: any) => [v.version, v.title])).toEqual([
      [2, 'Mentors for young people online'],
      [1, 'Mentors for young people'],
    ]);
    const v1 = await expectOk(
      http('GET', `/api/practices/${draft.id}/versions/1`, { token: reader.token }),
    );
    expect(v1.texts.title).toBe('Mentors for young people');
    const diff = await expectOk(
      http('GET', `/api/practices/${draft.id}/diff?from=1&to=2`, { token: reader.token }),
    );
    expect(diff.fields.filter((f: any) => f.changed).map((f: any) => f.field)).toEqual([
      'title',
      'evidenceLevel',
    ]);

    // Archived: out of the library (search), still readable at its address, audited throughout.
    const byAuthor = await http('POST', `/api/practices/${draft.id}/archive`, {
      token: author.token,
      body: { reason: 'x' },
    });
    expect(byAuthor.status).toBe(403);
    await expectOk(
      http('POST', `/api/practices/${draft.id}/archive`, {
        token: coordinator.token,
        body: { reason: 'Replaced by the 2026 programme.' },
      }),
    );
    const search = await expectOk(http('GET', '/api/practices?q=mentors', { token: reader.token }));
    expect(search.total).toBe(0);
    expect(await inboxOf(http, author, 'practice-archived')).toHaveLength(1);
    const events = await expectOk(
      http('GET', `/api/practices/${draft.id}/events`, { token: author.token }),
    );
    expect(events.map((e: any) => [e.action, e.fromStatus, e.toStatus])).toEqual([
      ['create', null, 'draft'],
      ['submit', 'draft', 'in-review'],
      ['assign-reviewer', 'in-review', 'in-review'],
      ['request-changes', 'in-review', 'changes-requested'],
      ['submit', 'changes-requested', 'in-review'],
      ['approve', 'in-review', 'in-review'],
      ['publish', 'in-review', 'published'],
      ['edit', 'published', 'draft'],
      ['submit', 'draft', 'in-review'],
      ['approve', 'in-review', 'in-review'],
      ['publish', 'in-review', 'published'],
      ['archive', 'published', 'archived'],
    ]);
    expect(events.every((e: any) => e.actor !== null && e.createdAt)).toBe(true);
  });

  it('lets only coordinators make an entry public, and an exchange entry needs its exchange', async () => {
    const publicByMember = await http('POST', '/api/practices', {
      token: author.token,
      body: completeEntry({ visibility: 'public' }),
    });
    expect(publicByMember.status).toBe(403);
    const noExchange = await http('POST', '/api/practices', {
      token: author.token,
      body: completeEntry({ visibility: 'exchange' }),
    });
    expect(noExchange.status).toBe(400);
    const draft = await createDraft(http, author, completeEntry({ visibility: 'network' }));
    const upgraded = await http('PATCH', `/api/practices/${draft.id}`, {
      token: author.token,
      body: { visibility: 'public' },
    });
    expect(upgraded.status).toBe(403);
    const published = await publish(http, { author, reviewer, coordinator }, draft.id, 'public');
    expect(published.visibility).toBe('public');
    const anonymous = await expectOk(http('GET', `/api/practices/${published.slug}`));
    expect(anonymous.visibility).toBe('public');
  });

  it('deletes a draft that was never published, and only that', async () => {
    const draft = await createDraft(http, author);
    expect(
      (await http('DELETE', `/api/practices/${draft.id}`, { token: reader.token })).status,
    ).toBe(404);
    expect(
      (await http('DELETE', `/api/practices/${draft.id}`, { token: author.token })).status,
    ).toBe(204);
    expect((await http('GET', `/api/practices/${draft.id}`, { token: author.token })).status).toBe(
      404,
    );
    const other = await createDraft(http, author);
    await publish(http, { author, reviewer, coordinator }, other.id);
    const refused = await http('DELETE', `/api/practices/${other.id}`, { token: author.token });
    expect(refused.status).toBe(409);
  });
  it('keeps the listing’s facet counts equal to the index rows after everything above', async () => {
    expect(await facetCountDrift(t.dataSource)).toEqual([]);
  });
});
