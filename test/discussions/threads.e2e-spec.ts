// Threads end to end over HTTP: starting one exactly once, the reply tree and its pages, edits and
// their history, deletes and tombstones, reactions, read state, follow levels and the
// notifications they cause, a question's answer, lists, search in four languages, the commons.
import type { PostView, ThreadPage, ThreadSummary } from '#libs/contracts';
import { createPerson, FACTORY_PASSWORD, type TestPerson } from '../factories/accounts.js';
import { minimalPdf, upload } from '../support/files.js';
import { httpClient, type Http } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { type Cast, castExchange, clientId, inbox, reply, startThread } from './thread-helpers.js';

describe('threads', () => {
  let t: TestApp;
  let http: Http;
  let cast: Cast;
  let participant: TestPerson;
  let author: TestPerson;
  let host: TestPerson;

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    cast = await castExchange(t.dataSource, http);
    ({ participant, host } = cast.people);
    author = cast.author;
  });
  afterAll(() => t.close());

  const page = async (person: TestPerson, threadId: string, query = '') => {
    const res = await http<ThreadPage>('GET', `/api/threads/${threadId}${query}`, {
      token: person.token,
    });
    expect(res.status).toBe(200);
    return res.body;
  };

  const list = async (person: TestPerson, query: string) => {
    const res = await http<{ items: ThreadSummary[]; nextCursor: string | null }>(
      'GET',
      `/api/threads?${query}`,
      { token: person.token },
    );
    expect(res.status).toBe(200);
    return res.body;
  };

  describe('starting a thread', () => {
    it('stores the thread and its opening post once, however often the same clientId is sent', async () => {
      const id = clientId('once');
      const body = {
        exchangeId: cast.exchangeId,
        title: 'Returnees and their families',
        kind: 'question',
        themes: ['online-hate'],
        language: 'en',
        body: 'How do you **support** families?',
        clientId: id,
      };
      const answers = await Promise.all(
        Array.from({ length: 5 }, () =>
          http('POST', '/api/threads', { token: author.token, body }),
        ),
      );
      const ids = new Set(answers.map((a) => a.body.thread.id));
      expect(ids.size).toBe(1);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 201]);
      const [{ n }] = await t.dataSource.query(
        'SELECT count(*)::int AS n FROM threads WHERE client_id = $1',
        [id],
      );
      expect(n).toBe(1);
      const first = answers[0]!.body as ThreadPage;
      expect(first.thread).toMatchObject({
        title: 'Returnees and their families',
        kind: 'question',
        exchange: { id: cast.exchangeId, attribution: 'named' },
        themes: [expect.objectContaining({ slug: 'online-hate' })],
        author: { id: author.id },
        replyCount: 0,
        followLevel: 'watching',
        canPost: true,
        canMarkAnswer: true,
        lastSeq: 1,
      });
      expect(first.posts).toEqual([
        expect.objectContaining({ seq: 1, depth: 0, parentId: null, body: body.body }),
      ]);
      // A retry with another body still answers with the first thread.
      const retry = await http('POST', '/api/threads', {
        token: author.token,
        body: { ...body, title: 'Something else' },
      });
      expect(retry.status).toBe(200);
      expect(retry.body.thread.title).toBe('Returnees and their families');
    });

    it('refuses unknown themes, an empty body, a bad language and unknown fields, storing nothing', async () => {
      const base = {
        exchangeId: cast.exchangeId,
        title: 'A valid title',
        kind: 'discussion',
        language: 'en',
        body: 'Body',
        clientId: clientId(),
      };
      const [{ n: before }] = await t.dataSource.query('SELECT count(*)::int AS n FROM threads');
      for (const bad of [
        { themes: ['no-such-theme'] },
        { body: '' },
        { body: 'x'.repeat(20_001) },
        { language: 'not a tag!' },
        { kind: 'poll' },
        { title: 'ab' },
        { clientId: 'short' },
        { isPinned: true },
      ]) {
        const res = await http('POST', '/api/threads', {
          token: author.token,
          body: { ...base, ...bad },
        });
        expect([JSON.stringify(bad), res.status, res.body.code]).toEqual([
          JSON.stringify(bad),
          400,
          'VALIDATION_FAILED',
        ]);
      }
      const [{ n: after }] = await t.dataSource.query('SELECT count(*)::int AS n FROM threads');
      expect(after).toBe(before);
    });

    it('puts a thread without an exchange in the commons, which every member reads and writes', async () => {
      const stranger = await createPerson(t.dataSource, http);
      const started = await startThread(http, stranger, { title: 'Open to the whole network' });
      expect(started.thread.exchange).toBeNull();
      const commons = await list(participant, 'commons=true');
      expect(commons.items.map((i) => i.id)).toContain(started.thread.id);
      const answer = await reply(http, participant, started.thread.id, { body: 'Hello from NL' });
      expect(answer.depth).toBe(1);
      // ...and the exchange's own list does not show it.
      const exchange = await list(participant, `exchangeId=${cast.exchangeId}`);
      expect(exchange.items.map((i) => i.id)).not.toContain(started.thread.id);
    });
  });

  describe('the reply tree', () => {
    it('numbers posts 1, 2, 3… and nests replies under the post they name', async () => {
      const { thread } = await startThread(http, author, { exchangeId: cast.exchangeId });
      const a = await reply(http, participant, thread.id, { body: 'Top-level A' });
      const b = await reply(http, host, thread.id, { body: 'Top-level B' });
      const a1 = await reply(http, author, thread.id, { parentPostId: a.id, body: 'Under A' });
      const a1x = await reply(http, participant, thread.id, {
        parentPostId: a1.id,
        body: 'Deeper',
      });
      expect([a.seq, b.seq, a1.seq, a1x.seq]).toEqual([2, 3, 4, 5]);
      expect([a.depth, a1.depth, a1x.depth]).toEqual([1, 2, 3]);
      expect([a.branchId, a1.branchId, a1x.branchId]).toEqual([a.id, a.id, a.id]);
      expect(b.branchId).toBe(b.id);
      const got = await page(participant, thread.id);
      expect(got.posts.map((p) => p.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(got.posts.find((p) => p.id === a.id)).toMatchObject({ replyCount: 1 });
      expect(got.branchSizes).toEqual({ [a.id]: 2, [b.id]: 0 });
      expect(got.thread).toMatchObject({ replyCount: 4, lastSeq: 5, participantCount: 3 });
      // A parent from another thread, or a made-up one, is refused.
      const other = await startThread(http, author, { exchangeId: cast.exchangeId });
      const wrong = await http('POST', `/api/threads/${thread.id}/posts`, {
        token: participant.token,
        body: {
          parentPostId: other.posts[0]!.id,
          body: 'Nope',
          language: 'en',
          clientId: clientId(),
        },
      });
      expect([wrong.status, wrong.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    });

    it('replies exactly once per clientId, also when the same reply is sent five times at once', async () => {
      const { thread } = await startThread(http, author, { exchangeId: cast.exchangeId });
      const id = clientId('dup');
      const answers = await Promise.all(
        Array.from({ length: 5 }, () =>
          http<PostView>('POST', `/api/threads/${thread.id}/posts`, {
            token: participant.token,
            body: { body: 'Only once', language: 'en', clientId: id },
          }),
        ),
      );
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
      expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
      const got = await page(participant, thread.id);
      expect(got.posts.map((p) => p.seq)).toEqual([1, 2]);
      expect(got.thread.lastSeq).toBe(2);
    });

    it('pages top-level replies by cursor, each with the start of its branch; the rest of a branch on demand', async () => {
      const { thread } = await startThread(http, author, { exchangeId: cast.exchangeId });
      const tops: PostView[] = [];
      for (let i = 0; i < 22; i++)
        tops.push(await reply(http, participant, thread.id, { body: `Top ${i}` }));
      const under: PostView[] = [];
      for (let i = 0; i < 13; i++)
        under.push(
          await reply(http, author, thread.id, {
            parentPostId: i === 0 ? tops[0]!.id : under[i - 1]!.id,
            body: `Deep ${i}`,
          }),
        );
      const first = await page(participant, thread.id);
      const firstTops = first.posts.filter((p) => p.depth === 1);
      expect(firstTops.map((p) => p.body)).toEqual(tops.slice(0, 20).map((p) => p.body));
      // The first branch brings its first 10 posts beyond its top.
      expect(first.posts.filter((p) => p.branchId === tops[0]!.id && p.depth > 1)).toHaveLength(10);
      expect(first.branchSizes[tops[0]!.id]).toBe(13);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await page(participant, thread.id, `?cursor=${first.nextCursor}`);
      expect(second.posts.map((p) => p.body)).toEqual(['Top 20', 'Top 21']);
      expect(second.nextCursor).toBeNull();
      const shown = first.posts.filter((p) => p.branchId === tops[0]!.id);
      const rest = await http<PostView[]>(
        'GET',
        `/api/threads/${thread.id}/posts?branchId=${tops[0]!.id}&afterSeq=${shown[shown.length - 1]!.seq}`,
        { token: participant.token },
      );
      expect(rest.body.map((p) => p.body)).toEqual(['Deep 10', 'Deep 11', 'Deep 12']);
      const forged = await http('GET', `/api/threads/${thread.id}?cursor=bm9wZQ`, {
        token: participant.token,
      });
      expect([forged.status, forged.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    });
  });

  describe('editing and deleting', () => {
    it('keeps every earlier version of an edited post; only its author edits it', async () => {
      const { thread, posts } = await startThread(http, author, {
        exchangeId: cast.exchangeId,
        body: 'First version',
      });
      const opening = posts[0]!;
      for (const body of ['Second version', 'Third version']) {
        const res = await http('PATCH', `/api/posts/${opening.id}`, {
          token: author.token,
          body: { body },
        });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ body, editedAt: expect.any(String) });
      }
      const revisions = await http('GET', `/api/posts/${opening.id}/revisions`, {
        token: participant.token,
      });
      expect(
        revisions.body.map((r: { revision: number; body: string }) => [r.revision, r.body]),
      ).toEqual([
        [1, 'First version'],
        [2, 'Second version'],
        [3, 'Third version'],
      ]);
      for (const person of [participant, host, cast.people.admin]) {
        const res = await http('PATCH', `/api/posts/${opening.id}`, {
          token: person.token,
          body: { body: 'Not yours' },
        });
        expect(res.status).toBe(403);
      }
      expect((await page(participant, thread.id)).posts[0]!.body).toBe('Third version');
    });

    it('keeps a deleted post with replies as a tombstone; one without replies leaves the tree', async () => {
      const { thread } = await startThread(http, author, { exchangeId: cast.exchangeId });
      const withReplies = await reply(http, participant, thread.id, { body: 'Will have a reply' });
      await reply(http, author, thread.id, { parentPostId: withReplies.id, body: 'The reply' });
      const alone = await reply(http, participant, thread.id, { body: 'Will vanish' });
      await http('PATCH', `/api/posts/${withReplies.id}`, {
        token: participant.token,
        body: { body: 'Edited once' },
      });
      for (const post of [withReplies, alone])
        expect(
          (await http('DELETE', `/api/posts/${post.id}`, { token: participant.token })).status,
        ).toBe(204);
      const got = await page(author, thread.id);
      expect(got.posts.find((p) => p.id === withReplies.id)).toMatchObject({
        deleted: true,
        body: '',
        replyCount: 1,
      });
      expect(got.posts.find((p) => p.id === alone.id)).toBeUndefined();
      expect(got.thread.replyCount).toBe(1);
      // Its text and history are gone from the database too.
      const [row] = await t.dataSource.query('SELECT body FROM posts WHERE id = $1', [
        withReplies.id,
      ]);
      expect(row.body).toBe('');
      const [{ n }] = await t.dataSource.query(
        'SELECT count(*)::int AS n FROM post_revisions WHERE post_id = $1',
        [withReplies.id],
      );
      expect(n).toBe(0);
      expect(
        (await http('DELETE', `/api/posts/${withReplies.id}`, { token: author.token })).status,
      ).toBe(403);
    });

    it('deleting the opening post of a thread nobody answered deletes the thread', async () => {
      const { thread, posts } = await startThread(http, author, { exchangeId: cast.exchangeId });
      expect(
        (await http('DELETE', `/api/posts/${posts[0]!.id}`, { token: author.token })).status,
      ).toBe(204);
      expect((await http('GET', `/api/threads/${thread.id}`, { token: author.token })).status).toBe(
        404,
      );
      const listed = await list(author, `exchangeId=${cast.exchangeId}`);
      expect(listed.items.map((i) => i.id)).not.toContain(thread.id);
    });
  });

  describe('erasure', () => {
    it("keeps an erased author's posts readable under the neutral name, and removes their reactions and read state", async () => {
      const leaving = await createPerson(t.dataSource, http, { displayName: 'Marta Leaving' });
      const { thread } = await startThread(http, leaving, { title: 'Before I go' });
      await reply(http, participant, thread.id);
      const answer = await reply(http, leaving, thread.id, { body: 'My last words' });
      await http('PUT', `/api/posts/${answer.id}/reactions/heart`, { token: leaving.token });
      const erased = await http('DELETE', '/api/me', {
        token: leaving.token,
        body: { password: FACTORY_PASSWORD },
      });
      expect(erased.status).toBe(204);
      const got = await page(participant, thread.id);
      expect(got.thread.author).toMatchObject({ id: leaving.id, displayName: 'Former member' });
      expect(got.posts.find((p) => p.id === answer.id)).toMatchObject({
        body: 'My last words',
        author: { displayName: 'Former member', city: null },
        reactions: [],
      });
      for (const table of ['post_reactions', 'thread_readers']) {
        const [{ n }] = await t.dataSource.query(
          `SELECT count(*)::int AS n FROM ${table} WHERE practitioner_id = $1`,
          [leaving.id],
        );
        expect([table, n]).toEqual([table, 0]);
      }
    });
  });

  describe('attachments', () => {
    const uploadPdf = async (person: TestPerson, name: string) => {
      const res = await upload(t.baseUrl, person.token, minimalPdf(), name, 'application/pdf');
      expect(res.status).toBe(201);
      return res.body as { id: string; url: string };
    };
    const statusOf = async (person: TestPerson, url: string) =>
      (await fetch(`${t.baseUrl}${url}`, { headers: { authorization: `Bearer ${person.token}` } }))
        .status;

    it('puts the writer’s uploads on a post, downloadable like the post; edits and deletes take them off', async () => {
      const report = await uploadPdf(author, 'evaluation-2026.pdf');
      const slides = await uploadPdf(author, 'slides.pdf');
      const { thread, posts } = await startThread(http, author, {
        exchangeId: cast.exchangeId,
        attachmentIds: [report.id],
      });
      expect(posts[0]!.attachments).toEqual([
        expect.objectContaining({ id: report.id, name: 'evaluation-2026.pdf', kind: 'pdf' }),
      ]);
      // The thread's page reads each post's attachments in its own statement: the same view.
      expect((await page(cast.people.observer, thread.id)).posts[0]!.attachments).toEqual(
        posts[0]!.attachments,
      );
      expect(await statusOf(cast.people.observer, report.url)).toBe(200);
      expect(await statusOf(cast.people.outsider, report.url)).toBe(404);
      // Someone else's upload cannot be attached: it is not theirs to give.
      const stolen = await http('POST', `/api/threads/${thread.id}/posts`, {
        token: participant.token,
        body: {
          body: 'Mine now',
          language: 'en',
          clientId: clientId(),
          attachmentIds: [slides.id],
        },
      });
      expect([stolen.status, stolen.body.code]).toEqual([404, 'NOT_FOUND']);
      const edited = await http<PostView>('PATCH', `/api/posts/${posts[0]!.id}`, {
        token: author.token,
        body: { body: 'With slides instead', attachmentIds: [slides.id] },
      });
      expect(edited.body.attachments.map((a) => a.id)).toEqual([slides.id]);
      expect(await statusOf(cast.people.observer, report.url)).toBe(404);
      const withReply = await reply(http, participant, thread.id);
      void withReply;
      expect(
        (await http('DELETE', `/api/posts/${posts[0]!.id}`, { token: author.token })).status,
      ).toBe(204);
      expect(await statusOf(author, slides.url)).toBe(404);
      const tombstone = (await page(participant, thread.id)).posts[0]!;
      expect(tombstone).toMatchObject({ deleted: true, attachments: [] });
    });
  });

  describe('reactions', () => {
    it('counts each reaction of the fixed set once per person, and takes it back', async () => {
      const { posts } = await startThread(http, author, { exchangeId: cast.exchangeId });
      const postId = posts[0]!.id;
      for (const person of [participant, host, participant])
        await http('PUT', `/api/posts/${postId}/reactions/heart`, { token: person.token });
      const thanks = await http('PUT', `/api/posts/${postId}/reactions/clap`, {
        token: host.token,
      });
      expect(thanks.body.reactions).toEqual([
        { reaction: 'heart', count: 2, by: [participant.id, host.id].sort() },
        { reaction: 'clap', count: 1, by: [host.id] },
      ]);
      const back = await http('DELETE', `/api/posts/${postId}/reactions/heart`, {
        token: participant.token,
      });
      expect(back.body.reactions[0]).toEqual({ reaction: 'heart', count: 1, by: [host.id] });
      const bad = await http('PUT', `/api/posts/${postId}/reactions/poop`, { token: host.token });
      expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      const observer = await http('PUT', `/api/posts/${postId}/reactions/heart`, {
        token: cast.people.observer.token,
      });
      expect(observer.status).toBe(403);
    });
  });

  describe('read state and follow levels', () => {
    it('counts unread posts by others, marks the new ones since the last visit, and reads up to a post', async () => {
      const reader = host;
      const { thread } = await startThread(http, author, { exchangeId: cast.exchangeId });
      const summary = async () =>
        (await list(reader, `exchangeId=${cast.exchangeId}&limit=50`)).items.find(
          (i) => i.id === thread.id,
        )!;
      expect(await summary()).toMatchObject({ isNew: true, unreadCount: 1 });
      const first = await page(reader, thread.id);
      expect(first.thread).toMatchObject({ lastReadSeq: 0, lastVisitAt: null });
      await http('PUT', `/api/threads/${thread.id}/read`, {
        token: reader.token,
        body: { postId: first.posts[0]!.id },
      });
      expect(await summary()).toMatchObject({ isNew: false, unreadCount: 0 });
      const r1 = await reply(http, participant, thread.id);
      const r2 = await reply(http, author, thread.id);
      const gone = await reply(http, author, thread.id);
      await http('DELETE', `/api/posts/${gone.id}`, { token: author.token });
      expect(await summary()).toMatchObject({ unreadCount: 2 });
      const again = await page(reader, thread.id);
      // The page says where the reader was: the posts after it are new since the last visit.
      expect(again.thread).toMatchObject({ lastReadSeq: 1, lastVisitAt: expect.any(String) });
      expect(again.posts.filter((p) => p.seq > again.thread.lastReadSeq).map((p) => p.id)).toEqual([
        r1.id,
        r2.id,
      ]);
      const marked = await http('PUT', `/api/threads/${thread.id}/read`, {
        token: reader.token,
        body: { postId: r1.id },
      });
      expect(marked.body).toEqual({ threadId: thread.id, lastReadSeq: r1.seq, unreadCount: 1 });
      // Never backwards.
      await http('PUT', `/api/threads/${thread.id}/read`, {
        token: reader.token,
        body: { postId: first.posts[0]!.id },
      });
      expect(await summary()).toMatchObject({ unreadCount: 1 });
      // Writing in a thread reads it.
      await reply(http, reader, thread.id);
      expect(await summary()).toMatchObject({ unreadCount: 0 });
    });

    it('counts reading a thread again within a minute as the same visit, and a later reading as a new one', async () => {
      const reader = host;
      const { thread } = await startThread(http, author, { exchangeId: cast.exchangeId });
      await page(reader, thread.id);
      const second = await page(reader, thread.id);
      const visited = second.thread.lastVisitAt;
      expect(visited).toEqual(expect.any(String));
      // Reloading or paging does not move the visit the "new since your last visit" marks count from.
      expect((await page(reader, thread.id)).thread.lastVisitAt).toBe(visited);
      await t.dataSource.query(
        `UPDATE thread_readers SET last_visit_at = last_visit_at - interval '2 minutes'
          WHERE practitioner_id = $1 AND thread_id = $2`,
        [reader.id, thread.id],
      );
      const earlier = (await page(reader, thread.id)).thread.lastVisitAt!;
      expect(Date.parse(earlier)).toBe(Date.parse(visited!) - 120_000);
      const after = (await page(reader, thread.id)).thread.lastVisitAt!;
      expect(Date.parse(after)).toBeGreaterThan(Date.parse(visited!));
    });

    it('tells watchers of every post, the parent’s author of a reply, and the mentioned of a mention — once each', async () => {
      const watcher = cast.people.observer;
      const { thread, posts } = await startThread(http, author, { exchangeId: cast.exchangeId });
      expect(
        (
          await http('PUT', `/api/threads/${thread.id}/follow`, {
            token: watcher.token,
            body: { level: 'watching' },
          })
        ).body,
      ).toEqual({ threadId: thread.id, followLevel: 'watching' });
      const mention = `[@Host](mention:${host.id})`;
      const post = await reply(http, participant, thread.id, {
        parentPostId: posts[0]!.id,
        body: `Good question. ${mention}, what do you think? And [@Stranger](mention:${cast.people.outsider.id})`,
      });
      // The mention of someone who cannot read the thread became plain text; the host's names them.
      expect(post.body).toContain('@Stranger');
      expect(post.body).not.toContain(cast.people.outsider.id);
      expect(post.body).toContain(`(mention:${host.id})`);
      const byThread = (items: Array<{ data: Record<string, unknown> }>) =>
        items.filter((n) => n.data.threadId === thread.id);
      // The thread's author started it, so watches it: told once, as the parent's author.
      const authorSees = byThread(await inbox(http, author));
      expect(authorSees.map((n) => [n.data.reason])).toEqual([['reply']]);
      expect(byThread(await inbox(http, host, 'mention'))).toHaveLength(1);
      expect(byThread(await inbox(http, host, 'reply'))).toHaveLength(0);
      const watcherSees = byThread(await inbox(http, watcher, 'reply'));
      expect(watcherSees).toEqual([
        expect.objectContaining({
          text: expect.stringContaining('posted in "What worked in the first 72 hours?"'),
          data: expect.objectContaining({
            reason: 'watching',
            postId: post.id,
            authorId: participant.id,
          }),
        }),
      ]);
      expect(byThread(await inbox(http, cast.people.outsider))).toHaveLength(0);
      expect(byThread(await inbox(http, participant))).toHaveLength(0);

      // Muted: no more replies or watching, still mentions.
      await http('PUT', `/api/threads/${thread.id}/follow`, {
        token: author.token,
        body: { level: 'muted' },
      });
      await reply(http, host, thread.id, { parentPostId: posts[0]!.id, body: 'Muted author' });
      await reply(http, host, thread.id, { body: `Still: [@A](mention:${author.id})` });
      const after = byThread(await inbox(http, author));
      expect(after.map((n) => n.data.reason)).toEqual(['mention', 'reply']);
      // Preferences apply: a member who switched replies off hears none.
      await http('PUT', '/api/notifications/preferences', {
        token: watcher.token,
        body: { disable: ['reply'] },
      });
      const before = byThread(await inbox(http, watcher)).length;
      await reply(http, host, thread.id, { body: 'Another' });
      expect(byThread(await inbox(http, watcher))).toHaveLength(before);
    });
  });

  describe('questions', () => {
    it('lets the asker or a moderator mark one reply as the answer', async () => {
      const { thread } = await startThread(http, author, {
        exchangeId: cast.exchangeId,
        kind: 'question',
      });
      const r1 = await reply(http, participant, thread.id, { body: 'Try mentoring' });
      const r2 = await reply(http, host, thread.id, { body: 'Family support first' });
      const byOther = await http('PUT', `/api/threads/${thread.id}/answer`, {
        token: participant.token,
        body: { postId: r1.id },
      });
      expect(byOther.status).toBe(403);
      expect(
        (
          await http('PUT', `/api/threads/${thread.id}/answer`, {
            token: author.token,
            body: { postId: r1.id },
          })
        ).status,
      ).toBe(204);
      expect((await page(participant, thread.id)).thread).toMatchObject({
        answered: true,
        answerPostId: r1.id,
      });
      await http('PUT', `/api/threads/${thread.id}/answer`, {
        token: host.token,
        body: { postId: r2.id },
      });
      expect((await page(participant, thread.id)).thread.answerPostId).toBe(r2.id);
      await http('DELETE', `/api/threads/${thread.id}/answer`, { token: author.token });
      expect((await page(participant, thread.id)).thread.answered).toBe(false);
      const discussion = await startThread(http, author, { exchangeId: cast.exchangeId });
      const notAQuestion = await http('PUT', `/api/threads/${discussion.thread.id}/answer`, {
        token: author.token,
        body: { postId: discussion.posts[0]!.id },
      });
      expect(notAQuestion.status).toBe(409);
    });
  });

  describe('lists and search', () => {
    it('orders by latest activity with pinned threads first, pages by cursor, filters by kind and theme', async () => {
      const cast2 = await castExchange(t.dataSource, http, { title: 'Listing exchange' });
      const a = await startThread(http, cast2.author, {
        exchangeId: cast2.exchangeId,
        title: 'Oldest',
        kind: 'lesson-learned',
        themes: ['youth-engagement'],
      });
      const b = await startThread(http, cast2.author, {
        exchangeId: cast2.exchangeId,
        title: 'Middle',
      });
      const c = await startThread(http, cast2.author, {
        exchangeId: cast2.exchangeId,
        title: 'Newest',
      });
      await reply(http, cast2.people.participant, a.thread.id);
      const pin = await http('POST', `/api/threads/${b.thread.id}/pin`, {
        token: cast2.people.host.token,
        body: { reason: 'Read this first' },
      });
      expect(pin.status).toBe(200);
      const all = await list(cast2.people.participant, `exchangeId=${cast2.exchangeId}`);
      expect(all.items.map((i) => i.title)).toEqual(['Middle', 'Oldest', 'Newest']);
      expect(all.items[0]).toMatchObject({ pinned: true });
      expect(all.items[1]).toMatchObject({
        replyCount: 1,
        participantCount: 2,
        participants: [
          expect.objectContaining({ id: cast2.people.participant.id }),
          expect.objectContaining({ id: cast2.author.id }),
        ],
      });
      const first = await list(cast2.people.participant, `exchangeId=${cast2.exchangeId}&limit=2`);
      const next = await list(
        cast2.people.participant,
        `exchangeId=${cast2.exchangeId}&limit=2&cursor=${first.nextCursor}`,
      );
      expect([...first.items, ...next.items].map((i) => i.title)).toEqual([
        'Middle',
        'Oldest',
        'Newest',
      ]);
      expect(next.nextCursor).toBeNull();
      expect(
        (
          await list(cast2.people.participant, `exchangeId=${cast2.exchangeId}&kind=lesson-learned`)
        ).items.map((i) => i.id),
      ).toEqual([a.thread.id]);
      expect(
        (
          await list(
            cast2.people.participant,
            `exchangeId=${cast2.exchangeId}&theme=youth-engagement`,
          )
        ).items.map((i) => i.id),
      ).toEqual([a.thread.id]);
      void c;
      // The reader's own feed: the commons and their exchanges, never another exchange.
      const feed = await list(cast2.people.participant, 'limit=50');
      expect(
        feed.items.every((i) => i.exchange === null || i.exchange.id === cast2.exchangeId),
      ).toBe(true);
      // An exchange the reader is not in: refused.
      const outside = await http('GET', `/api/threads?exchangeId=${cast.exchangeId}`, {
        token: cast2.people.participant.token,
      });
      expect(outside.status).toBe(403);
    });

    it('finds titles and posts in their own language: stems in English, French, Dutch and German', async () => {
      const cast3 = await castExchange(t.dataSource, http, { title: 'Search exchange' });
      const en = await startThread(http, cast3.author, {
        exchangeId: cast3.exchangeId,
        title: 'Mentoring returnees',
        body: 'The families were supported by mentors.',
      });
      const fr = await startThread(http, cast3.author, {
        exchangeId: cast3.exchangeId,
        title: 'Les familles',
        language: 'fr',
        body: 'Nous avons accompagné les jeunes radicalisés.',
      });
      const nl = await startThread(http, cast3.author, {
        exchangeId: cast3.exchangeId,
        title: 'Jongerenwerk',
        language: 'nl',
        body: 'De jongerenwerkers bezochten de scholen.',
      });
      const de = await startThread(http, cast3.author, {
        exchangeId: cast3.exchangeId,
        title: 'Ausstieg',
        language: 'de',
        body: 'Wir haben die Aussteiger begleitet.',
      });
      const other = await startThread(http, cast3.author, {
        exchangeId: cast3.exchangeId,
        title: 'Something else',
        language: 'pl',
      });
      await reply(http, cast3.people.participant, other.thread.id, {
        body: 'Rozmawialiśmy z rodzinami',
        language: 'pl',
      });
      const found = async (q: string) =>
        (
          await list(
            cast3.people.participant,
            `exchangeId=${cast3.exchangeId}&q=${encodeURIComponent(q)}`,
          )
        ).items
          .map((i) => i.id)
          .sort();
      expect(await found('support')).toEqual([en.thread.id]); // supported → support
      expect(await found('mentor')).toEqual([en.thread.id]); // title and body
      expect(await found('radicalisé')).toEqual([fr.thread.id]); // radicalisés
      expect(await found('school')).toEqual([nl.thread.id]); // Dutch: scholen → school
      expect(await found('jongerenwerker')).toEqual([nl.thread.id]); // jongerenwerkers
      expect(await found('visited')).toEqual([]); // English words in a Dutch post: not there
      expect(await found('Aussteiger')).toEqual([de.thread.id]);
      expect(await found('rodzinami')).toEqual([other.thread.id]); // simple: the word itself
      // A deleted post is not found.
      const gone = await reply(http, cast3.people.participant, other.thread.id, {
        body: 'zebra crossing',
      });
      expect(await found('zebra')).toEqual([other.thread.id]);
      await http('DELETE', `/api/posts/${gone.id}`, { token: cast3.people.participant.token });
      expect(await found('zebra')).toEqual([]);
    });
  });
});
