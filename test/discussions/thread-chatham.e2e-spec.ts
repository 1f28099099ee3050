// The Chatham House rule on every path a thread's words leave its exchange by: notifications and
// their e-mail-ready text, the markdown export, and the personal-data export of other people's
// replies. Inside the exchange, members see who said what; outside, "a participant from a
// European city", never a name or a city. A named exchange's paths name people, as a control.
import type { ThreadPage } from '#libs/contracts';
import { httpClient, type Http } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { type Cast, castExchange, inbox, reply, startThread } from './thread-helpers.js';

describe('threads under the Chatham House rule', () => {
  let t: TestApp;
  let http: Http;
  let chatham: Cast;
  let named: Cast;
  /** Every name and city of the cast, none of which may leave a Chatham House exchange. */
  let secrets: string[];

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    chatham = await castExchange(t.dataSource, http, {
      title: 'Returnees',
      attribution: 'chatham-house',
    });
    named = await castExchange(t.dataSource, http, { title: 'Online hate' });
    const rows = (await t.dataSource.query(
      `SELECT p.display_name, c.name AS city FROM practitioners p LEFT JOIN cities c ON c.id = p.city_id
        WHERE p.id = ANY($1)`,
      [[chatham.author.id, chatham.people.participant.id, chatham.people.host.id]],
    )) as Array<{ display_name: string; city: string | null }>;
    secrets = rows.flatMap((r) => [r.display_name, ...(r.city ? [r.city] : [])]);
    expect(secrets.length).toBe(6);
  });
  afterAll(() => t.close());

  const leaks = (text: string) => secrets.filter((secret) => text.includes(secret));

  /** A conversation: the author (Denver) asks, a participant (Rotterdam) replies and mentions the host. */
  async function conversation(cast: Cast) {
    const started = await startThread(http, cast.author, {
      exchangeId: cast.exchangeId,
      title: 'What helped the families?',
      body: 'In our city the mothers were the key.',
    });
    await http('PUT', `/api/threads/${started.thread.id}/follow`, {
      token: cast.people.observer.token,
      body: { level: 'watching' },
    });
    const answer = await reply(http, cast.people.participant, started.thread.id, {
      parentPostId: started.posts[0]!.id,
      body: `Same here. [@Host](mention:${cast.people.host.id}) saw it too.`,
    });
    return { threadId: started.thread.id, answer };
  }

  it('names people inside the exchange', async () => {
    const { threadId } = await conversation(chatham);
    const page = await http<ThreadPage>('GET', `/api/threads/${threadId}`, {
      token: chatham.people.observer.token,
    });
    expect(page.body.posts.map((p) => p.author?.id)).toEqual([
      chatham.author.id,
      chatham.people.participant.id,
    ]);
    expect(page.body.posts[1]!.author!.displayName).toBe(chatham.people.participant.displayName);
  });

  it('names no one in the notifications (reply, mention, watching), text or data', async () => {
    const { threadId } = await conversation(chatham);
    const notes = [
      ...(await inbox(http, chatham.author, 'reply')),
      ...(await inbox(http, chatham.people.host, 'mention')),
      ...(await inbox(http, chatham.people.observer, 'reply')),
    ].filter((n) => n.data.threadId === threadId);
    expect(notes.map((n) => n.data.reason).sort()).toEqual(['mention', 'reply', 'watching']);
    for (const note of notes) {
      expect(leaks(JSON.stringify(note))).toEqual([]);
      expect(JSON.stringify(note)).not.toContain(chatham.people.participant.id);
      expect(note.text).toMatch(/^A participant from a European city (replied|mentioned|posted)/);
      expect(note.data).toMatchObject({
        authorId: null,
        authorName: null,
        attribution: 'a participant from a European city',
      });
    }
    // Control: a named exchange names the author.
    const control = await conversation(named);
    const namedNote = (await inbox(http, named.author, 'reply')).find(
      (n) => n.data.threadId === control.threadId,
    )!;
    expect(namedNote.text).toContain(named.people.participant.displayName);
    expect(namedNote.data.authorId).toBe(named.people.participant.id);
  });

  it('exports the thread as markdown without a name, a city or a named mention', async () => {
    const { threadId } = await conversation(chatham);
    const res = await http('GET', `/api/threads/${threadId}/export?format=markdown`, {
      token: chatham.people.observer.token,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/markdown');
    expect(res.headers.get('content-disposition')).toContain('what-helped-the-families.md');
    const text = res.body as string;
    expect(text).toContain('# What helped the families?');
    expect(text).toContain('a participant from a North American city');
    expect(text).toContain('a participant from a European city');
    expect(text).toContain('Same here. @a participant saw it too.');
    expect(text).toContain('Chatham House rule');
    expect(leaks(text)).toEqual([]);
    expect(text).not.toMatch(/mention:/);
    // Control: a named thread's export names its authors and mentions.
    const control = await conversation(named);
    const namedText = (
      await http('GET', `/api/threads/${control.threadId}/export?format=markdown`, {
        token: named.people.observer.token,
      })
    ).body as string;
    expect(namedText).toContain(named.author.displayName);
    expect(namedText).toContain(`Same here. @${named.people.host.displayName} saw it too.`);
  });

  it("exports other people's replies to my posts with the neutral attribution", async () => {
    await conversation(chatham);
    const exported = await http('GET', '/api/me/export', { token: chatham.author.token });
    expect(exported.status).toBe(200);
    const replies = exported.body.threads.repliesToMyPosts as Array<{
      author: string;
      body: string;
    }>;
    expect(replies.length).toBeGreaterThan(0);
    for (const r of replies)
      expect(r).toMatchObject({
        author: 'a participant from a European city',
        body: 'Same here. @a participant saw it too.',
      });
    // Only the others' words are neutral: the author's own posts are theirs.
    expect(exported.body.threads.posts).toContainEqual(
      expect.objectContaining({ body: 'In our city the mothers were the key.' }),
    );
    const others = JSON.stringify(exported.body.threads.repliesToMyPosts);
    expect(leaks(others)).toEqual([]);
    // Control: in a named exchange the replier is named.
    await conversation(named);
    const namedExport = await http('GET', '/api/me/export', { token: named.author.token });
    expect(namedExport.body.threads.repliesToMyPosts[0].author).toBe(
      named.people.participant.displayName,
    );
  });
});
