// Who may do what with threads: every thread route × every exchange role (an outsider, an
// observer, a participant, a host, and a coordinator and an admin who are not members), on fresh
// targets each time; the commons; mutes; and a route added later without a decision here fails.
import { randomUUID } from 'node:crypto';
import type { TestPerson } from '../factories/accounts.js';
import { httpClient, type Http } from '../support/http.js';
import { connectLive, connected, emitAck } from '../support/live-client.js';
import { registeredRoutes } from '../support/routes.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  type Cast,
  castExchange,
  clientId,
  reply,
  type Role,
  ROLES,
  startThread,
} from './thread-helpers.js';

interface Targets {
  threadId: string;
  questionId: string;
  otherThreadId: string;
  authorPostId: string;
  messageId: string;
  lobbyId: string;
}

type Call = (
  person: TestPerson,
  targets: Targets,
) => { method: string; path: string; body?: unknown };

const reason = { reason: 'Checking who may do this' };

/** Each route, how to call it, and the status each role gets. */
const MATRIX: Array<[route: string, call: Call, expected: Record<Role, number>]> = [];
const add = (route: string, call: Call, expected: Record<Role, number>) =>
  MATRIX.push([route, call, expected]);

const readers = {
  outsider: 404,
  observer: 200,
  participant: 200,
  host: 200,
  coordinator: 200,
  admin: 200,
};
const writers = {
  outsider: 404,
  observer: 403,
  participant: 201,
  host: 201,
  coordinator: 201,
  admin: 201,
};
const moderators = {
  outsider: 404,
  observer: 403,
  participant: 403,
  host: 200,
  coordinator: 200,
  admin: 200,
};
const authorOnly = {
  outsider: 404,
  observer: 403,
  participant: 403,
  host: 403,
  coordinator: 403,
  admin: 403,
};

describe('threads: permissions per exchange role', () => {
  let t: TestApp;
  let http: Http;
  let cast: Cast;

  beforeAll(async () => {
    t = await startTestApp({
      LIVE_SEND_PER_SECOND: '1000',
      LIVE_SEND_BURST: '1000',
      LIVE_EVENT_BUDGET: '100000',
    });
    http = httpClient(t.baseUrl);
    cast = await castExchange(t.dataSource, http);
  });
  afterAll(() => t.close());

  const exchangeOf = () => cast.exchangeId;
  add(
    'GET /api/threads',
    () => ({ method: 'GET', path: `/api/threads?exchangeId=${exchangeOf()}` }),
    {
      ...readers,
      outsider: 403,
    },
  );
  add(
    'GET /api/threads/mentionable',
    () => ({ method: 'GET', path: `/api/threads/mentionable?exchangeId=${exchangeOf()}&q=a` }),
    { ...readers, outsider: 403 },
  );
  add(
    'POST /api/threads',
    () => ({
      method: 'POST',
      path: '/api/threads',
      body: {
        exchangeId: exchangeOf(),
        title: 'A new thread',
        kind: 'discussion',
        language: 'en',
        body: 'Hello',
        clientId: clientId(),
      },
    }),
    { ...writers, outsider: 403 },
  );
  add(
    'POST /api/messages/:id/thread',
    (_p, x) => ({
      method: 'POST',
      path: `/api/messages/${x.messageId}/thread`,
      body: { roomId: x.lobbyId, title: 'From the lobby', kind: 'question', clientId: clientId() },
    }),
    // Its author or a moderator of the room; an outsider cannot read the room.
    { ...writers, participant: 403 },
  );
  add(
    'GET /api/threads/:id',
    (_p, x) => ({ method: 'GET', path: `/api/threads/${x.threadId}` }),
    readers,
  );
  add(
    'GET /api/threads/:id/posts',
    (_p, x) => ({ method: 'GET', path: `/api/threads/${x.threadId}/posts` }),
    readers,
  );
  add(
    'GET /api/threads/:id/export',
    (_p, x) => ({ method: 'GET', path: `/api/threads/${x.threadId}/export?format=markdown` }),
    readers,
  );
  add(
    'POST /api/threads/:id/posts',
    (_p, x) => ({
      method: 'POST',
      path: `/api/threads/${x.threadId}/posts`,
      body: { body: 'A reply', language: 'en', clientId: clientId() },
    }),
    writers,
  );
  add(
    'PUT /api/threads/:id/read',
    (_p, x) => ({
      method: 'PUT',
      path: `/api/threads/${x.questionId}/read`,
      body: { postId: x.authorPostId },
    }),
    readers,
  );
  add(
    'PUT /api/threads/:id/follow',
    (_p, x) => ({
      method: 'PUT',
      path: `/api/threads/${x.threadId}/follow`,
      body: { level: 'watching' },
    }),
    readers,
  );
  const answerers = { ...moderators, host: 204, coordinator: 204, admin: 204 };
  add(
    'PUT /api/threads/:id/answer',
    (_p, x) => ({
      method: 'PUT',
      path: `/api/threads/${x.questionId}/answer`,
      body: { postId: x.authorPostId },
    }),
    answerers,
  );
  add(
    'DELETE /api/threads/:id/answer',
    (_p, x) => ({ method: 'DELETE', path: `/api/threads/${x.questionId}/answer` }),
    answerers,
  );
  add(
    'PATCH /api/posts/:id',
    (_p, x) => ({
      method: 'PATCH',
      path: `/api/posts/${x.authorPostId}`,
      body: { body: 'Not mine' },
    }),
    authorOnly,
  );
  add(
    'DELETE /api/posts/:id',
    (_p, x) => ({ method: 'DELETE', path: `/api/posts/${x.authorPostId}` }),
    authorOnly,
  );
  add(
    'GET /api/posts/:id/revisions',
    (_p, x) => ({ method: 'GET', path: `/api/posts/${x.authorPostId}/revisions` }),
    readers,
  );
  const reactors = { ...writers, participant: 200, host: 200, coordinator: 200, admin: 200 };
  add(
    'PUT /api/posts/:id/reactions/:reaction',
    (_p, x) => ({ method: 'PUT', path: `/api/posts/${x.authorPostId}/reactions/heart` }),
    reactors,
  );
  add(
    'DELETE /api/posts/:id/reactions/:reaction',
    (_p, x) => ({ method: 'DELETE', path: `/api/posts/${x.authorPostId}/reactions/heart` }),
    reactors,
  );
  // A hidden thread or post is for its moderators (and author): to others it looks missing.
  const restorers = { ...moderators, observer: 404, participant: 404 };
  for (const action of ['lock', 'unlock', 'pin', 'unpin', 'hide', 'restore'])
    add(
      `POST /api/threads/:id/${action}`,
      (_p, x) => ({ method: 'POST', path: `/api/threads/${x.threadId}/${action}`, body: reason }),
      action === 'restore' ? restorers : moderators,
    );
  add(
    'POST /api/threads/:id/move',
    (_p, x) => ({
      method: 'POST',
      path: `/api/threads/${x.threadId}/move`,
      body: { ...reason, exchangeId: null },
    }),
    // The commons is the coordinators' to moderate: a host may not move a thread there.
    { ...moderators, host: 403 },
  );
  add(
    'POST /api/threads/:id/merge',
    (_p, x) => ({
      method: 'POST',
      path: `/api/threads/${x.otherThreadId}/merge`,
      body: { ...reason, intoThreadId: x.threadId },
    }),
    moderators,
  );
  for (const action of ['hide', 'restore'])
    add(
      `POST /api/posts/:id/${action}`,
      (_p, x) => ({ method: 'POST', path: `/api/posts/${x.authorPostId}/${action}`, body: reason }),
      action === 'restore' ? restorers : moderators,
    );
  add(
    'POST /api/thread-mutes',
    () => ({
      method: 'POST',
      path: '/api/thread-mutes',
      body: { ...reason, exchangeId: exchangeOf(), practitionerId: cast.author.id, minutes: 5 },
    }),
    { ...moderators, outsider: 403 },
  );
  add(
    'POST /api/thread-mutes/lift',
    () => ({
      method: 'POST',
      path: '/api/thread-mutes/lift',
      body: { ...reason, exchangeId: exchangeOf(), practitionerId: cast.author.id },
    }),
    { outsider: 403, observer: 403, participant: 403, host: 204, coordinator: 204, admin: 204 },
  );

  it('has a decision for every thread route', () => {
    const threadRoutes = registeredRoutes(t.app)
      .filter((r) => r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.path}`)
      .filter((key) => /\/api\/(threads|posts|thread-mutes|messages\/:id\/thread)/.test(key));
    expect(MATRIX.map(([route]) => route).sort()).toEqual([...threadRoutes].sort());
  });

  /** Fresh targets: a thread, a question, a duplicate, a post of the author's, a lobby message. */
  async function targets(): Promise<Targets> {
    const thread = await startThread(http, cast.author, { exchangeId: cast.exchangeId });
    const question = await startThread(http, cast.author, {
      exchangeId: cast.exchangeId,
      kind: 'question',
    });
    const other = await startThread(http, cast.author, { exchangeId: cast.exchangeId });
    const authorPost = await reply(http, cast.author, question.thread.id, { body: 'My answer' });
    const rooms = await http('GET', `/api/exchanges/${cast.exchangeId}/rooms`, {
      token: cast.author.token,
    });
    const lobbyId = rooms.body.find((r: { kind: string }) => r.kind === 'lobby').id as string;
    const socket = connectLive(t.baseUrl, cast.author.token);
    await connected(socket);
    const sent = await emitAck<{ id: string }>(socket, 'message.send', {
      roomId: lobbyId,
      clientMessageId: clientId('msg'),
      body: 'Can we continue this in a thread?',
    });
    socket.close();
    if (!sent.ok) throw new Error(sent.error.code);
    return {
      threadId: thread.thread.id,
      questionId: question.thread.id,
      otherThreadId: other.thread.id,
      authorPostId: authorPost.id,
      messageId: sent.data.id,
      lobbyId,
    };
  }

  it.each(ROLES)(
    'answers every thread route for the %s as expected',
    async (role) => {
      const person = cast.people[role];
      const got: Record<string, number> = {};
      const want: Record<string, number> = {};
      // The author may have been muted by the previous role's row: lift it quietly.
      await t.dataSource.query('DELETE FROM thread_mutes');
      for (const [route, call, expected] of MATRIX) {
        const x = await targets();
        // Some routes act on a state another step makes: unlock needs a lock, restore a hide.
        if (route.endsWith('/unlock'))
          await http('POST', `/api/threads/${x.threadId}/lock`, {
            token: cast.creator.token,
            body: reason,
          });
        if (route.endsWith('/unpin'))
          await http('POST', `/api/threads/${x.threadId}/pin`, {
            token: cast.creator.token,
            body: reason,
          });
        if (route === 'POST /api/threads/:id/restore')
          await http('POST', `/api/threads/${x.threadId}/hide`, {
            token: cast.creator.token,
            body: reason,
          });
        if (route === 'POST /api/posts/:id/restore')
          await http('POST', `/api/posts/${x.authorPostId}/hide`, {
            token: cast.creator.token,
            body: reason,
          });
        if (route.endsWith('/reactions/:reaction') && route.startsWith('DELETE'))
          await http('PUT', `/api/posts/${x.authorPostId}/reactions/heart`, {
            token: person.token,
          });
        if (route === 'POST /api/thread-mutes/lift')
          await http('POST', '/api/thread-mutes', {
            token: cast.creator.token,
            body: {
              ...reason,
              exchangeId: cast.exchangeId,
              practitionerId: cast.author.id,
              minutes: 5,
            },
          });
        const { method, path, body } = call(person, x);
        const res = await http(method, path, { token: person.token, body });
        got[route] = res.status;
        want[route] = expected[role];
        if (res.status >= 400) expect(typeof res.body?.code).toBe('string');
        await t.dataSource.query('DELETE FROM thread_mutes');
      }
      expect(got).toEqual(want);
    },
    120_000,
  );

  it('lets the author edit and delete their own post, and refuses a muted author with MUTED', async () => {
    const { thread, posts } = await startThread(http, cast.author, { exchangeId: cast.exchangeId });
    const own = await reply(http, cast.author, thread.id, { body: 'Mine' });
    expect(
      (
        await http('PATCH', `/api/posts/${own.id}`, {
          token: cast.author.token,
          body: { body: 'Still mine' },
        })
      ).status,
    ).toBe(200);
    const muted = await http('POST', '/api/thread-mutes', {
      token: cast.people.host.token,
      body: { ...reason, exchangeId: cast.exchangeId, practitionerId: cast.author.id, minutes: 10 },
    });
    expect(muted.status).toBe(200);
    for (const [method, path, body] of [
      [
        'POST',
        `/api/threads/${thread.id}/posts`,
        { body: 'x', language: 'en', clientId: clientId() },
      ],
      ['PATCH', `/api/posts/${own.id}`, { body: 'Edited while muted' }],
      ['PUT', `/api/posts/${posts[0]!.id}/reactions/heart`, undefined],
      [
        'POST',
        '/api/threads',
        {
          exchangeId: cast.exchangeId,
          title: 'Muted',
          kind: 'discussion',
          language: 'en',
          body: 'x',
          clientId: clientId(),
        },
      ],
    ] as const) {
      const res = await http(method, path, { token: cast.author.token, body });
      expect([method, path, res.status, res.body.code]).toEqual([method, path, 403, 'MUTED']);
    }
    // Deleting their own words stays possible.
    expect(
      (await http('DELETE', `/api/posts/${own.id}`, { token: cast.author.token })).status,
    ).toBe(204);
    // A host may not mute another host or a coordinator.
    const hostOnHost = await http('POST', '/api/thread-mutes', {
      token: cast.people.host.token,
      body: {
        ...reason,
        exchangeId: cast.exchangeId,
        practitionerId: cast.creator.id,
        minutes: 10,
      },
    });
    expect(hostOnHost.status).toBe(403);
    await t.dataSource.query('DELETE FROM thread_mutes');
  });

  it('in the commons: every member reads and writes, only coordinators moderate', async () => {
    const { thread } = await startThread(http, cast.people.outsider, { title: 'Network-wide' });
    const post = await reply(http, cast.people.observer, thread.id);
    for (const role of ['outsider', 'observer', 'participant', 'host'] as const) {
      const lock = await http('POST', `/api/threads/${thread.id}/lock`, {
        token: cast.people[role].token,
        body: reason,
      });
      expect([role, lock.status]).toEqual([role, 403]);
    }
    const hide = await http('POST', `/api/posts/${post.id}/hide`, {
      token: cast.people.coordinator.token,
      body: reason,
    });
    expect(hide.status).toBe(200);
    // Moving a commons thread into an exchange needs the right to moderate that exchange.
    const byAdmin = await http('POST', `/api/threads/${thread.id}/move`, {
      token: cast.people.admin.token,
      body: { ...reason, exchangeId: cast.exchangeId },
    });
    expect(byAdmin.status).toBe(200);
  });

  it('answers a thread or post that does not exist with 404, for an admin too', async () => {
    const missing = randomUUID();
    for (const path of [
      `/api/threads/${missing}`,
      `/api/threads/${missing}/posts`,
      `/api/threads/${missing}/export`,
      `/api/posts/${missing}/revisions`,
    ]) {
      const res = await http('GET', path, { token: cast.people.admin.token });
      expect([path, res.status, res.body.code]).toEqual([path, 404, 'NOT_FOUND']);
    }
    for (const path of [`/api/posts/${missing}`, `/api/posts/${missing}/reactions/heart`]) {
      const res = await http('DELETE', path, { token: cast.people.admin.token });
      expect([path, res.status]).toEqual([path, 404]);
    }
  });
});
