// Moderating threads with the one moderation system: each action (lock, unlock, pin, unpin, move,
// merge, hide and restore of posts and threads, mutes) writes one audit line with its reason in
// its own transaction and tells the author; a lock stops all but moderators; a merge carries the
// posts over numbered on; the Chatham House rule keeps what was said inside its exchange; posts
// and threads are moderated content the review queue can hide and restore.
import type { PostView, ThreadPage } from '#libs/contracts';
import { ModeratedContents, ModerationService } from '#libs/moderation';
import { httpClient, type Http } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { type Cast, castExchange, inbox, reply, startThread } from './thread-helpers.js';

describe('threads: moderation', () => {
  let t: TestApp;
  let http: Http;
  let cast: Cast;

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    cast = await castExchange(t.dataSource, http);
  });
  afterAll(() => t.close());

  const audit = async (subjectId: string) =>
    (await t.dataSource.query(
      `SELECT action, actor_id, target_id, exchange_id, reason, details, subject_type
         FROM moderation_actions WHERE subject_id = $1 ORDER BY created_at`,
      [subjectId],
    )) as Array<{
      action: string;
      actor_id: string;
      target_id: string;
      exchange_id: string | null;
      reason: string;
      details: Record<string, unknown>;
      subject_type: string;
    }>;

  const page = async (threadId: string, token = cast.author.token) =>
    (await http<ThreadPage>('GET', `/api/threads/${threadId}`, { token })).body;

  it('records lock, unlock, pin and unpin with the reason, tells the author, and a lock stops all but moderators', async () => {
    const { thread } = await startThread(http, cast.author, { exchangeId: cast.exchangeId });
    const host = cast.people.host;
    const act = (action: string, reason: string) =>
      http('POST', `/api/threads/${thread.id}/${action}`, { token: host.token, body: { reason } });
    expect((await act('lock', 'Cooling the discussion down')).body).toMatchObject({ locked: true });
    const refused = await http('POST', `/api/threads/${thread.id}/posts`, {
      token: cast.people.participant.token,
      body: { body: 'Too late', language: 'en', clientId: 'locked-out-0001' },
    });
    expect([refused.status, refused.body.code]).toEqual([403, 'THREAD_LOCKED']);
    // Moderators may still post (to explain the lock).
    await reply(http, host, thread.id, { body: 'Locked while we check the facts.' });
    expect((await act('lock', 'Again')).status).toBe(409);
    await act('unlock', 'Facts checked');
    await act('pin', 'Everyone should read this');
    await act('unpin', 'No longer current');
    expect(
      (await audit(thread.id)).map((a) => [a.action, a.reason, a.actor_id, a.target_id]),
    ).toEqual([
      ['lock', 'Cooling the discussion down', host.id, cast.author.id],
      ['unlock', 'Facts checked', host.id, cast.author.id],
      ['pin', 'Everyone should read this', host.id, cast.author.id],
      ['unpin', 'No longer current', host.id, cast.author.id],
    ]);
    const told = (await inbox(http, cast.author, 'moderation-outcome')).filter(
      (n) => n.data.threadId === thread.id,
    );
    expect(told.map((n) => n.data.action).sort()).toEqual(['lock', 'pin', 'unlock', 'unpin']);
    expect(told.every((n) => !JSON.stringify(n).includes(host.id))).toBe(true);
  });

  it('hides and restores a post with its reason, and the thread counts only what is shown', async () => {
    const { thread } = await startThread(http, cast.author, { exchangeId: cast.exchangeId });
    const post = await reply(http, cast.people.participant, thread.id, { body: 'Insulting' });
    await reply(http, cast.author, thread.id, { body: 'Fine' });
    const hidden = await http<PostView>('POST', `/api/posts/${post.id}/hide`, {
      token: cast.people.host.token,
      body: { reason: 'Insults a member' },
    });
    expect(hidden.body).toMatchObject({
      body: 'Insulting',
      hidden: { reason: 'Insults a member' },
    });
    const forMember = await page(thread.id);
    expect(forMember.thread.replyCount).toBe(1);
    expect(forMember.posts.find((p) => p.id === post.id)).toBeUndefined();
    const forAuthor = await page(thread.id, cast.people.participant.token);
    expect(forAuthor.posts.find((p) => p.id === post.id)).toMatchObject({
      body: '',
      hidden: { reason: 'Insults a member', byId: null },
    });
    const forHost = await page(thread.id, cast.people.host.token);
    expect(forHost.posts.find((p) => p.id === post.id)).toMatchObject({ body: 'Insulting' });
    // The author cannot delete what a moderator keeps as evidence, nor edit it.
    expect(
      (await http('DELETE', `/api/posts/${post.id}`, { token: cast.people.participant.token }))
        .status,
    ).toBe(409);
    const told = (await inbox(http, cast.people.participant, 'moderation-outcome')).find(
      (n) => n.data.postId === post.id,
    );
    expect(told).toMatchObject({
      data: { action: 'hide', reason: 'Insults a member', threadId: thread.id },
    });
    await http('POST', `/api/posts/${post.id}/restore`, {
      token: cast.people.host.token,
      body: { reason: 'Apology accepted' },
    });
    expect((await page(thread.id)).thread.replyCount).toBe(2);
    expect(
      (await audit(post.id)).map((a) => [a.subject_type, a.action, a.details.threadId]),
    ).toEqual([
      ['post', 'hide', thread.id],
      ['post', 'restore', thread.id],
    ]);
  });

  it('registers posts and threads as moderated content: described with a link, seen only by who may read them', async () => {
    const contents = t.app.get(ModeratedContents);
    const { thread } = await startThread(http, cast.author, {
      exchangeId: cast.exchangeId,
      title: 'Described',
    });
    const post = await reply(http, cast.people.participant, thread.id, { body: 'Flag me' });
    const described = await t.dataSource.transaction((m) =>
      contents.of('post').describe(post.id, m),
    );
    expect(described).toMatchObject({
      exchangeId: cast.exchangeId,
      authorId: cast.people.participant.id,
      body: 'Flag me',
      hidden: false,
      url: `/threads/${thread.id}#post-${post.seq}`,
    });
    const asActor = (role: keyof Cast['people']) => ({
      id: cast.people[role].id,
      networkRole: cast.people[role].networkRole,
    });
    expect(await contents.of('post').canSee(asActor('observer'), post.id)).toBe(true);
    expect(await contents.of('post').canSee(asActor('outsider'), post.id)).toBe(false);
    expect(await contents.of('thread').canSee(asActor('outsider'), thread.id)).toBe(false);
    // The review queue hides through the moderation service: the thread counts it at once.
    await t.app
      .get(ModerationService)
      .hide(
        { id: cast.people.coordinator.id, networkRole: 'coordinator' },
        { type: 'post', id: post.id },
        'Three members flagged it',
      );
    expect((await page(thread.id)).thread.replyCount).toBe(0);
    expect(await contents.of('post').canSee(asActor('observer'), post.id)).toBe(false);
    expect(await contents.of('post').canSee(asActor('participant'), post.id)).toBe(true);
  });

  it('moves a thread to another exchange or to the commons, never out of a Chatham House exchange into names', async () => {
    const other = await castExchange(t.dataSource, http, { title: 'Other programme' });
    const { thread } = await startThread(http, cast.author, { exchangeId: cast.exchangeId });
    const byHost = await http('POST', `/api/threads/${thread.id}/move`, {
      token: cast.people.host.token,
      body: { exchangeId: other.exchangeId, reason: 'Belongs there' },
    });
    // The host does not moderate the other exchange.
    expect(byHost.status).toBe(403);
    const moved = await http('POST', `/api/threads/${thread.id}/move`, {
      token: cast.people.coordinator.token,
      body: { exchangeId: other.exchangeId, reason: 'Belongs there' },
    });
    expect(moved.body.exchange).toMatchObject({ id: other.exchangeId });
    expect(
      (await http('GET', `/api/threads/${thread.id}`, { token: cast.people.participant.token }))
        .status,
    ).toBe(404);
    const toCommons = await http('POST', `/api/threads/${thread.id}/move`, {
      token: cast.people.coordinator.token,
      body: { exchangeId: null, reason: 'Of interest to everyone' },
    });
    expect(toCommons.body.exchange).toBeNull();
    expect((await audit(thread.id)).map((a) => [a.action, a.details.toExchangeId])).toEqual([
      ['move', other.exchangeId],
      ['move', null],
    ]);

    const chatham = await castExchange(t.dataSource, http, {
      title: 'Under the rule',
      attribution: 'chatham-house',
    });
    const said = await startThread(http, chatham.author, { exchangeId: chatham.exchangeId });
    for (const exchangeId of [null, other.exchangeId]) {
      const res = await http('POST', `/api/threads/${said.thread.id}/move`, {
        token: cast.people.admin.token,
        body: { exchangeId, reason: 'Trying to take it out' },
      });
      expect([res.status, res.body.code]).toEqual([409, 'CONFLICT']);
    }
  });

  it('merges a duplicate into another thread: posts numbered on under its opening post, the duplicate points there', async () => {
    const { thread: keep } = await startThread(http, cast.author, {
      exchangeId: cast.exchangeId,
      title: 'The original',
      themes: ['online-hate'],
    });
    await reply(http, cast.people.participant, keep.id, { body: 'On the original' });
    const dup = await startThread(http, cast.people.participant, {
      exchangeId: cast.exchangeId,
      title: 'The duplicate',
      themes: ['youth-engagement'],
      body: 'Same question again',
    });
    const dupReply = await reply(http, cast.author, dup.thread.id, {
      body: 'Answer on the duplicate',
    });
    await http('PUT', `/api/threads/${dup.thread.id}/follow`, {
      token: cast.people.observer.token,
      body: { level: 'watching' },
    });
    const merged = await http('POST', `/api/threads/${dup.thread.id}/merge`, {
      token: cast.people.host.token,
      body: { intoThreadId: keep.id, reason: 'Same question' },
    });
    expect(merged.status).toBe(200);
    const got = await page(keep.id);
    expect(got.posts.map((p) => [p.seq, p.depth, p.body])).toEqual([
      [1, 0, 'Tell us what your city did first.'],
      [2, 1, 'On the original'],
      [3, 1, 'Same question again'],
      [4, 2, 'Answer on the duplicate'],
    ]);
    expect(got.posts[2]).toMatchObject({
      parentId: got.posts[0]!.id,
      author: { id: cast.people.participant.id },
    });
    expect(got.posts[3]).toMatchObject({ id: dupReply.id, branchId: got.posts[2]!.id });
    expect(got.thread).toMatchObject({ replyCount: 3, lastSeq: 4, participantCount: 2 });
    expect(got.thread.themes.map((th) => th.slug).sort()).toEqual([
      'online-hate',
      'youth-engagement',
    ]);
    const old = await page(dup.thread.id);
    expect(old.thread).toMatchObject({ mergedIntoId: keep.id, locked: true });
    expect(old.posts).toEqual([]);
    // Lists show the thread that goes on, not the duplicate.
    const listed = await http('GET', `/api/threads?exchangeId=${cast.exchangeId}&limit=50`, {
      token: cast.author.token,
    });
    expect(listed.body.items.map((i: { id: string }) => i.id)).not.toContain(dup.thread.id);
    // Its watchers watch the other thread now.
    await reply(http, cast.author, keep.id, { body: 'After the merge' });
    expect(
      (await inbox(http, cast.people.observer, 'reply')).some((n) => n.data.threadId === keep.id),
    ).toBe(true);
    // Replying in the merged thread is refused.
    const late = await http('POST', `/api/threads/${dup.thread.id}/posts`, {
      token: cast.author.token,
      body: { body: 'Late', language: 'en', clientId: 'late-reply-0001' },
    });
    expect(late.status).toBe(409);
    expect((await audit(dup.thread.id)).map((a) => [a.action, a.details.intoThreadId])).toEqual([
      ['merge', keep.id],
    ]);
    const again = await http('POST', `/api/threads/${dup.thread.id}/merge`, {
      token: cast.people.host.token,
      body: { intoThreadId: keep.id, reason: 'Twice' },
    });
    expect(again.status).toBe(409);
  });

  it('hides a thread from everyone but its moderators and author, and restores it', async () => {
    const { thread } = await startThread(http, cast.author, { exchangeId: cast.exchangeId });
    await http('POST', `/api/threads/${thread.id}/hide`, {
      token: cast.people.host.token,
      body: { reason: 'Doxxing in the title' },
    });
    expect(
      (await http('GET', `/api/threads/${thread.id}`, { token: cast.people.participant.token }))
        .status,
    ).toBe(404);
    expect((await page(thread.id)).thread).toMatchObject({
      hidden: true,
      hiddenState: { reason: 'Doxxing in the title', byId: null },
    });
    const list = async (token: string) =>
      (
        await http('GET', `/api/threads?exchangeId=${cast.exchangeId}&limit=50`, { token })
      ).body.items.map((i: { id: string }) => i.id);
    expect(await list(cast.people.participant.token)).not.toContain(thread.id);
    expect(await list(cast.people.host.token)).toContain(thread.id);
    await http('POST', `/api/threads/${thread.id}/restore`, {
      token: cast.people.host.token,
      body: { reason: 'Title fixed' },
    });
    expect(
      (await http('GET', `/api/threads/${thread.id}`, { token: cast.people.participant.token }))
        .status,
    ).toBe(200);
  });
});
