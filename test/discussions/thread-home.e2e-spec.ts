// The home page's thread sections: the threads a member took part in or watches with posts they
// have not read (muted ones left out), and the replies and mentions waiting for them; nobody sees
// another exchange's threads there.
import type { HomeView } from '#libs/contracts';
import type { TestPerson } from '../factories/accounts.js';
import { httpClient, type Http } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { type Cast, castExchange, reply, startThread } from './thread-helpers.js';

describe('home: threads with unread posts, replies and mentions waiting', () => {
  let t: TestApp;
  let http: Http;
  let cast: Cast;

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    cast = await castExchange(t.dataSource, http);
  });
  afterAll(() => t.close());

  const home = async (person: TestPerson) =>
    (await http<HomeView>('GET', '/api/me/home', { token: person.token })).body.sections;

  it('lists what waits for the member, and nothing of threads they may not read', async () => {
    const { participant, host, outsider } = cast.people;
    const { thread, posts } = await startThread(http, cast.author, {
      exchangeId: cast.exchangeId,
      title: 'Waiting for you',
    });
    const mine = await reply(http, participant, thread.id, { parentPostId: posts[0]!.id });
    await reply(http, host, thread.id, { parentPostId: mine.id, body: 'Answering you' });
    await reply(http, host, thread.id, { body: `[@P](mention:${participant.id}) look` });
    const sections = await home(participant);
    expect(sections.unreadThreads).toEqual({
      total: 1,
      items: [expect.objectContaining({ id: thread.id, title: 'Waiting for you', unreadCount: 2 })],
    });
    expect(sections.waitingReplies!.total).toBe(2);
    expect(sections.waitingReplies!.items.map((n) => n.kind).sort()).toEqual(['mention', 'reply']);
    // Read, it leaves the list; muted, it never comes back.
    const page = await http('GET', `/api/threads/${thread.id}`, { token: participant.token });
    const last = page.body.posts[page.body.posts.length - 1];
    await http('PUT', `/api/threads/${thread.id}/read`, {
      token: participant.token,
      body: { postId: last.id },
    });
    expect((await home(participant)).unreadThreads).toEqual({ total: 0, items: [] });
    await http('PUT', `/api/threads/${thread.id}/follow`, {
      token: participant.token,
      body: { level: 'muted' },
    });
    await reply(http, host, thread.id, { body: 'More' });
    expect((await home(participant)).unreadThreads!.total).toBe(0);
    // The author watches it: it is waiting for them.
    expect((await home(cast.author)).unreadThreads!.items.map((i) => i.id)).toContain(thread.id);
    const outsiderSees = await home(outsider);
    expect(outsiderSees.unreadThreads).toEqual({ total: 0, items: [] });
    expect(outsiderSees.waitingReplies).toEqual({ total: 0, items: [] });
  });
});
