// Threads live through /live: who may subscribe, what each kind of reader hears (a hidden post
// reaches moderators whole, its author with the reason, others as post.deleted), that a client's
// stale page plus every event equals a fresh fetch (the shared reducer of libs/contracts), and
// that a connection stops hearing a thread the moment its person may no longer read it.
import type { Socket } from 'socket.io-client';
import {
  applyThreadEvent,
  type PostDeleted,
  type PostView,
  type ThreadLiveState,
  type ThreadPage,
  type ThreadShared,
  threadStateOf,
} from '#libs/contracts';
import type { TestPerson } from '../factories/accounts.js';
import { httpClient, type Http } from '../support/http.js';
import {
  collect,
  connectLive,
  connected,
  emitAck,
  eventually,
  nextEvent,
} from '../support/live-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { type Cast, castExchange, reply, startThread } from './thread-helpers.js';

/** A client's copy of one thread, kept by the shared reducer from its page and the events. */
class Follower {
  state: ThreadLiveState;
  events = 0;

  constructor(socket: Socket, page: ThreadPage) {
    this.state = threadStateOf(page);
    socket.on('post.created', (post: PostView) => this.apply({ type: 'post.created', post }));
    socket.on('post.updated', (post: PostView) => this.apply({ type: 'post.updated', post }));
    socket.on('post.deleted', (deleted: PostDeleted) =>
      this.apply({ type: 'post.deleted', deleted }),
    );
    socket.on('thread.updated', (thread: ThreadShared) =>
      this.apply({ type: 'thread.updated', thread }),
    );
  }

  private apply(event: Parameters<typeof applyThreadEvent>[1]): void {
    this.events += 1;
    this.state = applyThreadEvent(this.state, event);
  }
}

const SHARED_FIELDS = [
  'title',
  'kind',
  'exchange',
  'themes',
  'pinned',
  'locked',
  'hidden',
  'answerPostId',
  'answered',
  'mergedIntoId',
  'replyCount',
  'participants',
  'participantCount',
  'lastActivityAt',
  'lastSeq',
] as const;

const sharedOf = (thread: ThreadPage['thread']) =>
  Object.fromEntries(SHARED_FIELDS.map((f) => [f, thread[f]]));

describe('threads live', () => {
  let t: TestApp;
  let http: Http;
  let cast: Cast;
  const sockets: Socket[] = [];

  const open = async (person: TestPerson): Promise<Socket> => {
    const socket = connectLive(t.baseUrl, person.token);
    sockets.push(socket);
    await connected(socket);
    return socket;
  };

  const subscribed = async (person: TestPerson, threadId: string) => {
    const socket = await open(person);
    const ack = await emitAck(socket, 'thread.subscribe', { threadId });
    if (!ack.ok) throw new Error(`subscribe: ${ack.error.code}`);
    return { socket, ack: ack.data as { thread: ThreadShared; canModerate: boolean } };
  };

  const fetchPage = async (person: TestPerson, threadId: string) =>
    (await http<ThreadPage>('GET', `/api/threads/${threadId}`, { token: person.token })).body;

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    cast = await castExchange(t.dataSource, http);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(() => t.close());

  it('lets every reader subscribe (observers too), answers the shared facts, refuses outsiders as missing', async () => {
    const { thread } = await startThread(http, cast.author, { exchangeId: cast.exchangeId });
    for (const role of ['observer', 'participant', 'host', 'coordinator', 'admin'] as const) {
      const { ack } = await subscribed(cast.people[role], thread.id);
      expect([role, ack.thread.id, ack.thread.lastSeq]).toEqual([role, thread.id, 1]);
      expect([role, ack.canModerate]).toEqual([role, !['observer', 'participant'].includes(role)]);
    }
    const outsider = await open(cast.people.outsider);
    expect(await emitAck(outsider, 'thread.subscribe', { threadId: thread.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    // ...and hears nothing of it.
    const heard = collect(outsider, 'post.created');
    const { socket: participant } = await subscribed(cast.people.participant, thread.id);
    const created = nextEvent(participant, 'post.created');
    await reply(http, cast.author, thread.id, { body: 'Only for members' });
    await created;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(heard).toEqual([]);
  });

  it('sends a hidden post whole to moderators, with the reason to its author, as post.deleted to the rest', async () => {
    const { thread } = await startThread(http, cast.author, { exchangeId: cast.exchangeId });
    const post = await reply(http, cast.people.participant, thread.id, { body: 'Off topic' });
    const { socket: member } = await subscribed(cast.people.observer, thread.id);
    const { socket: author } = await subscribed(cast.people.participant, thread.id);
    const { socket: moderator } = await subscribed(cast.people.host, thread.id);
    const memberHears = nextEvent<PostDeleted>(member, 'post.deleted');
    const authorHears = nextEvent<PostView>(author, 'post.updated');
    const moderatorHears = nextEvent<PostView>(moderator, 'post.updated');
    const authorDeleted = collect(author, 'post.deleted');
    const hidden = await http('POST', `/api/posts/${post.id}/hide`, {
      token: cast.people.host.token,
      body: { reason: 'Personal attack' },
    });
    expect(hidden.status).toBe(200);
    expect(await memberHears).toEqual({
      threadId: thread.id,
      postId: post.id,
      seq: post.seq,
      reason: 'hidden',
      tombstone: false,
    });
    // Its author learns why (never from whom); the words are kept for moderators only.
    expect(await authorHears).toMatchObject({
      id: post.id,
      body: '',
      deleted: true,
      author: { id: cast.people.participant.id },
      hidden: { reason: 'Personal attack', byId: null },
    });
    expect(await moderatorHears).toMatchObject({
      id: post.id,
      body: 'Off topic',
      hidden: { reason: 'Personal attack', byId: cast.people.host.id },
    });
    expect(authorDeleted).toEqual([]);
    // Restored: everyone sees it again.
    const back = nextEvent<PostView>(member, 'post.updated');
    await http('POST', `/api/posts/${post.id}/restore`, {
      token: cast.people.host.token,
      body: { reason: 'On reflection, fine' },
    });
    expect(await back).toMatchObject({ id: post.id, body: 'Off topic', hidden: null });
  });

  it.each(['participant', 'host'] as const)(
    "keeps a %s's stale page plus the live events equal to a fresh fetch",
    async (role) => {
      const reader = cast.people[role];
      const { author, people } = cast;
      const { thread, posts } = await startThread(http, author, {
        exchangeId: cast.exchangeId,
        kind: 'question',
        themes: ['online-hate'],
      });
      const early = await reply(http, people.participant, thread.id, { body: 'Early reply' });
      const stale = await fetchPage(reader, thread.id);
      const { socket } = await subscribed(reader, thread.id);
      const follower = new Follower(socket, stale);

      // Everything that can happen to a thread, by others.
      const a = await reply(http, people.host, thread.id, { body: 'Top A' });
      const a1 = await reply(http, author, thread.id, { parentPostId: a.id, body: 'Under A' });
      const a2 = await reply(http, people.host, thread.id, { parentPostId: a1.id, body: 'Deeper' });
      const lonely = await reply(http, author, thread.id, { body: 'Will be deleted' });
      const offTopic = await reply(http, author, thread.id, {
        parentPostId: early.id,
        body: 'Rude',
      });
      const toRestore = await reply(http, author, thread.id, { body: 'Hidden, then back' });
      await http('PATCH', `/api/posts/${a1.id}`, { token: author.token, body: { body: 'Edited' } });
      await http('PUT', `/api/posts/${a.id}/reactions/heart`, { token: author.token });
      await http('PUT', `/api/posts/${a.id}/reactions/clap`, { token: people.participant.token });
      await http('PUT', `/api/posts/${posts[0]!.id}/reactions/lightbulb`, {
        token: people.host.token,
      });
      await http('DELETE', `/api/posts/${lonely.id}`, { token: author.token });
      await http('DELETE', `/api/posts/${a1.id}`, { token: author.token }); // has a reply: tombstone
      const moderate = (path: string, body: Record<string, unknown> = {}) =>
        http('POST', path, {
          token: cast.creator.token,
          body: { reason: 'Moderating this thread', ...body },
        });
      await moderate(`/api/posts/${offTopic.id}/hide`);
      await moderate(`/api/posts/${toRestore.id}/hide`);
      await moderate(`/api/posts/${toRestore.id}/restore`);
      await moderate(`/api/threads/${thread.id}/pin`);
      await moderate(`/api/threads/${thread.id}/lock`);
      await moderate(`/api/threads/${thread.id}/unlock`);
      await http('PUT', `/api/threads/${thread.id}/answer`, {
        token: author.token,
        body: { postId: a2.id },
      });
      // A last post: once its thread.updated arrived, every earlier event has (one node, in order).
      const last = await reply(http, people.host, thread.id, { body: 'The last word' });
      await eventually(
        () => follower.state.thread.lastSeq === last.seq && follower.state.thread.replyCount >= 1,
        5000,
        'the last events',
      );
      await eventually(
        () =>
          follower.state.posts.some((p) => p.id === last.id) &&
          follower.state.thread.answerPostId === a2.id,
        5000,
        'the answer and the last post',
      );
      await new Promise((resolve) => setTimeout(resolve, 300));

      const fresh = await fetchPage(reader, thread.id);
      expect(follower.state.stale).toBe(false);
      expect(follower.state.posts).toEqual(fresh.posts);
      expect(sharedOf(follower.state.thread)).toEqual(sharedOf(fresh.thread));
      expect(follower.state.branchSizes).toEqual(fresh.branchSizes);
      expect(follower.events).toBeGreaterThan(20);
    },
  );

  it('keeps a post someone reported as personal data from them live: its edits reach everyone else', async () => {
    const { thread } = await startThread(http, cast.author, { exchangeId: cast.exchangeId });
    const post = await reply(http, cast.people.participant, thread.id, {
      body: 'Call Anna on 06 1234 5678',
    });
    const flagged = await http('POST', '/api/flags', {
      token: cast.people.observer.token,
      body: { subjectType: 'post', subjectId: post.id, reason: 'personal-data' },
    });
    expect(flagged.status).toBe(201);
    const { socket: reporter } = await subscribed(cast.people.observer, thread.id);
    const { socket: other } = await subscribed(cast.author, thread.id);
    const { socket: moderator } = await subscribed(cast.people.host, thread.id);
    const reporterHears = collect<PostView>(reporter, 'post.updated');
    const otherHears = nextEvent<PostView>(other, 'post.updated');
    const moderatorHears = nextEvent<PostView>(moderator, 'post.updated');
    const edited = await http('PATCH', `/api/posts/${post.id}`, {
      token: cast.people.participant.token,
      body: { body: 'Call Anna on 06 1234 5679' },
    });
    expect(edited.status).toBe(200);
    expect(await otherHears).toMatchObject({ id: post.id, body: 'Call Anna on 06 1234 5679' });
    expect(await moderatorHears).toMatchObject({ id: post.id, body: 'Call Anna on 06 1234 5679' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(reporterHears).toEqual([]);
    expect(
      (await fetchPage(cast.people.observer, thread.id)).posts.find((p) => p.id === post.id),
    ).toMatchObject({ body: '', author: null });
  });

  it('tells a subscriber whose person left the exchange that the thread is gone, and nothing more', async () => {
    const { thread } = await startThread(http, cast.author, { exchangeId: cast.exchangeId });
    const leaver = await (
      await import('../factories/accounts.js')
    ).createPerson(t.dataSource, http);
    await http('POST', `/api/exchanges/${cast.exchangeId}/members`, {
      token: cast.creator.token,
      body: { practitionerId: leaver.id, role: 'participant' },
    });
    const { socket } = await subscribed(leaver, thread.id);
    const removed = nextEvent(socket, 'thread.removed');
    const heard = collect(socket, 'post.created');
    const res = await http('DELETE', `/api/exchanges/${cast.exchangeId}/members/${leaver.id}`, {
      token: cast.creator.token,
      body: { reason: 'Left the programme' },
    });
    expect(res.status).toBe(204);
    expect(await removed).toMatchObject({ threadId: thread.id });
    await reply(http, cast.author, thread.id, { body: 'After they left' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heard).toEqual([]);
  });

  it('drops the subscribers who may not follow a thread moved to another exchange, before telling the rest', async () => {
    const other = await castExchange(t.dataSource, http, { title: 'Destination' });
    const { thread } = await startThread(http, cast.author, { exchangeId: cast.exchangeId });
    const { socket: stays } = await subscribed(cast.people.coordinator, thread.id);
    const { socket: goes } = await subscribed(cast.people.participant, thread.id);
    const removed = nextEvent(goes, 'thread.removed');
    const goesUpdated = collect(goes, 'thread.updated');
    const moved = nextEvent<ThreadShared>(stays, 'thread.updated');
    const res = await http('POST', `/api/threads/${thread.id}/move`, {
      token: cast.people.coordinator.token,
      body: { exchangeId: other.exchangeId, reason: 'Belongs to the other programme' },
    });
    expect(res.status).toBe(200);
    expect((await moved).exchange).toMatchObject({ id: other.exchangeId, title: 'Destination' });
    await removed;
    const heard = collect(goes, 'post.created');
    await reply(http, cast.people.coordinator, thread.id, { body: 'Moved here' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heard).toEqual([]);
    expect(goesUpdated).toEqual([]);
  });

  it('a hidden thread keeps only its moderators and author subscribed', async () => {
    const { thread } = await startThread(http, cast.author, { exchangeId: cast.exchangeId });
    const { socket: reader } = await subscribed(cast.people.participant, thread.id);
    const { socket: author } = await subscribed(cast.author, thread.id);
    const removed = nextEvent(reader, 'thread.removed');
    const authorHears = nextEvent<ThreadShared>(author, 'thread.updated', (s) => s.hidden);
    await http('POST', `/api/threads/${thread.id}/hide`, {
      token: cast.people.host.token,
      body: { reason: 'Duplicate of a private matter' },
    });
    await removed;
    expect(await authorHears).toMatchObject({ id: thread.id, hidden: true });
    expect(
      (await http('GET', `/api/threads/${thread.id}`, { token: cast.people.participant.token }))
        .status,
    ).toBe(404);
  });
});
