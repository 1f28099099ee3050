// Reporting content and the shared review queue as people meet them: whoever sees an item may
// report it once; reports from three members hide it pending review; serious reasons take it out
// of the reporter's own view at once; hosts review their exchanges and coordinators everything;
// each decision closes the reports, acts, is on the record, and tells reporters and the author.
import type { Socket } from 'socket.io-client';
import type {
  AuditPage,
  FlagReceipt,
  MessageView,
  ModerationQueueChanged,
  QueueItemView,
  QueuePage,
  ThreadPage,
} from '#libs/contracts';
import { createPerson, type TestPerson } from '../factories/accounts.js';
import { httpClient, type Http } from '../support/http.js';
import { connected, connectLive, nextEvent } from '../support/live-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  type Cast,
  castExchange,
  inbox,
  reply,
  startThread,
} from '../discussions/thread-helpers.js';

describe('moderation: flags and the review queue', () => {
  let t: TestApp;
  let http: Http;
  let cast: Cast;
  let other: Cast;
  let reporters: TestPerson[];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    cast = await castExchange(t.dataSource, http, { title: 'Flagged exchange' });
    other = await castExchange(t.dataSource, http, { title: 'Other exchange' });
    // Three more participants, to reach the threshold.
    reporters = [];
    for (let i = 0; i < 3; i += 1) {
      const person = await createPerson(t.dataSource, http, { displayName: `Reporter ${i}` });
      await http('POST', `/api/exchanges/${cast.exchangeId}/members`, {
        token: cast.creator.token,
        body: { practitionerId: person.id, role: 'participant' },
      });
      reporters.push(person);
    }
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await t.close();
  });

  const flag = (person: TestPerson | null, body: Record<string, unknown>) =>
    http<FlagReceipt & { code?: string; message?: string }>('POST', '/api/flags', {
      token: person?.token,
      body,
    });

  async function flaggedPost(c: Cast = cast, text = 'Something to report') {
    const { thread } = await startThread(http, c.author, { exchangeId: c.exchangeId });
    const post = await reply(http, c.author, thread.id, { body: text });
    return { threadId: thread.id, postId: post.id };
  }

  const queue = (person: TestPerson, query = '') =>
    http<QueuePage & { code?: string }>('GET', `/api/moderation/queue${query}`, {
      token: person.token,
    });

  const itemOf = async (person: TestPerson, subjectId: string) =>
    (await queue(person, '?limit=50')).body.items.find(
      (i: QueueItemView) => i.subjectId === subjectId,
    );

  const decide = (person: TestPerson, type: string, id: string, body: Record<string, unknown>) =>
    http('POST', `/api/moderation/queue/${type}/${id}/decision`, { token: person.token, body });

  const postFor = async (threadId: string, postId: string, person: TestPerson) =>
    (
      await http<ThreadPage>('GET', `/api/threads/${threadId}`, { token: person.token })
    ).body.posts.find((p) => p.id === postId);

  describe('reporting', () => {
    it('lets whoever sees an item report it (observers too), and answers 404 to anyone else', async () => {
      const { postId } = await flaggedPost();
      const byParticipant = await flag(cast.people.participant, {
        subjectType: 'post',
        subjectId: postId,
        reason: 'spam',
      });
      expect(byParticipant.status).toBe(201);
      expect(byParticipant.body).toMatchObject({
        subjectType: 'post',
        subjectId: postId,
        reason: 'spam',
        hiddenPendingReview: false,
        hiddenFromReporter: false,
      });
      const byObserver = await flag(cast.people.observer, {
        subjectType: 'post',
        subjectId: postId,
        reason: 'off-topic',
      });
      expect(byObserver.status).toBe(201);
      // A member of another exchange cannot tell the post exists: same answer as a missing one.
      const outsider = await flag(other.people.participant, {
        subjectType: 'post',
        subjectId: postId,
        reason: 'spam',
      });
      const missing = await flag(other.people.participant, {
        subjectType: 'post',
        subjectId: '00000000-0000-4000-8000-000000000000',
        reason: 'spam',
      });
      expect([outsider.status, outsider.body.code]).toEqual([404, 'NOT_FOUND']);
      expect([missing.status, missing.body.code]).toEqual([404, 'NOT_FOUND']);
      expect(outsider.body.message).toBe(missing.body.message);
      expect(
        (await flag(null, { subjectType: 'post', subjectId: postId, reason: 'spam' })).status,
      ).toBe(401);
    });

    it('takes one open report per person per item, and none on your own words', async () => {
      const { postId } = await flaggedPost();
      const body = { subjectType: 'post', subjectId: postId, reason: 'harassment' };
      expect((await flag(cast.people.participant, body)).status).toBe(201);
      const again = await flag(cast.people.participant, { ...body, reason: 'spam' });
      expect([again.status, again.body.code]).toEqual([409, 'ALREADY_FLAGGED']);
      const own = await flag(cast.author, body);
      expect([own.status, own.body.code]).toEqual([422, 'CANNOT_FLAG_OWN_CONTENT']);
    });

    it('refuses bad input with VALIDATION_FAILED and stores nothing', async () => {
      const { postId } = await flaggedPost();
      for (const body of [
        { subjectType: 'post', subjectId: postId, reason: 'rude' },
        { subjectType: 'post', subjectId: postId, reason: 'other' },
        { subjectType: 'post', subjectId: postId, reason: 'other', text: '' },
        { subjectType: 'post', subjectId: postId, reason: 'other', text: 'bad\u0000byte' },
        { subjectType: 'member', subjectId: postId, reason: 'spam' },
        { subjectType: 'post', subjectId: 'not-a-uuid', reason: 'spam' },
        { subjectType: 'post', subjectId: postId, reason: 'spam', text: 'x'.repeat(1001) },
      ]) {
        const res = await flag(cast.people.participant, body);
        expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
      const [row] = (await t.dataSource.query(
        'SELECT count(*)::int AS n FROM flags WHERE subject_id = $1',
        [postId],
      )) as [{ n: number }];
      expect(row!.n).toBe(0);
      const other = await flag(cast.people.participant, {
        subjectType: 'post',
        subjectId: postId,
        reason: 'other',
        text: 'Shares a phone number',
      });
      expect(other.status).toBe(201);
    });

    it('hides an item pending review at the third different reporter, and tells its author', async () => {
      const { threadId, postId } = await flaggedPost(cast, 'Reported three times');
      const body = { subjectType: 'post', subjectId: postId, reason: 'spam' };
      for (const person of reporters.slice(0, 2)) {
        const res = await flag(person, body);
        expect(res.body.hiddenPendingReview).toBe(false);
      }
      expect((await postFor(threadId, postId, cast.people.participant))?.body).toBe(
        'Reported three times',
      );
      const third = await flag(reporters[2]!, body);
      expect(third.body.hiddenPendingReview).toBe(true);
      expect(await postFor(threadId, postId, cast.people.participant)).toBeUndefined();
      const told = (await inbox(http, cast.author, 'moderation-outcome')).find(
        (n) => n.data.postId === postId,
      );
      expect(told).toMatchObject({
        data: { action: 'hide', reason: 'hidden pending review after 3 reports' },
      });
      const [line] = (await t.dataSource.query(
        `SELECT action, actor_id, target_id FROM moderation_actions WHERE subject_id = $1`,
        [postId],
      )) as Array<{ action: string; actor_id: string | null; target_id: string }>;
      expect(line).toEqual({ action: 'hide', actor_id: null, target_id: cast.author.id });
    });

    it('takes a post reported as extremist content out of the reporter’s view only', async () => {
      const { threadId, postId } = await flaggedPost(cast, 'Join us, we have weapons');
      const res = await flag(reporters[0]!, {
        subjectType: 'post',
        subjectId: postId,
        reason: 'extremist-content',
      });
      expect(res.body).toMatchObject({ hiddenFromReporter: true, hiddenPendingReview: false });
      expect(await postFor(threadId, postId, reporters[0]!)).toMatchObject({
        body: '',
        author: null,
        deleted: true,
      });
      expect((await postFor(threadId, postId, reporters[1]!))?.body).toBe(
        'Join us, we have weapons',
      );
      expect((await postFor(threadId, postId, cast.people.host))?.body).toBe(
        'Join us, we have weapons',
      );
    });

    it('takes a message reported for personal data out of the reporter’s history only', async () => {
      const rooms = await http('GET', `/api/exchanges/${cast.exchangeId}/rooms`, {
        token: cast.people.host.token,
      });
      const lobbyId = rooms.body.find((r: { kind: string }) => r.kind === 'lobby').id as string;
      const [{ id: messageId }] = (await t.dataSource.query(
        `WITH n AS (UPDATE rooms SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq)
         INSERT INTO messages (room_id, seq, author_id, client_message_id, body)
         SELECT $1, n.last_seq, $2, 'flag-test-1', 'Call Anna at +31 6 1234 5678' FROM n
         RETURNING id`,
        [lobbyId, cast.author.id],
      )) as [{ id: string }];
      const res = await flag(reporters[1]!, {
        subjectType: 'message',
        subjectId: messageId,
        reason: 'personal-data',
      });
      expect(res.status).toBe(201);
      const history = async (person: TestPerson) =>
        (
          await http<MessageView[]>('GET', `/api/rooms/${lobbyId}/messages`, {
            token: person.token,
          })
        ).body.find((m) => m.id === messageId);
      expect(await history(reporters[1]!)).toMatchObject({ body: '', author: null, deleted: true });
      expect((await history(reporters[2]!))?.body).toBe('Call Anna at +31 6 1234 5678');
      // The queue shows it to moderators as written.
      expect(await itemOf(cast.people.host, messageId)).toMatchObject({
        subjectType: 'message',
        body: 'Call Anna at +31 6 1234 5678',
        decisions: ['dismiss', 'hide', 'hide-and-mute', 'remove-from-exchange'],
      });
      const muted = await decide(cast.people.host, 'message', messageId, {
        decision: 'hide-and-mute',
        reason: 'Personal data of a third person',
        muteMinutes: 60,
      });
      expect(muted.status).toBe(200);
      const [mute] = (await t.dataSource.query(
        'SELECT until FROM room_mutes WHERE room_id = $1 AND practitioner_id = $2',
        [lobbyId, cast.author.id],
      )) as Array<{ until: Date }>;
      expect(mute!.until.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    });
  });

  describe('the queue', () => {
    it('shows hosts their exchanges, coordinators everything, and refuses members', async () => {
      const here = await flaggedPost(cast, 'Flagged here');
      const there = await flaggedPost(other, 'Flagged there');
      const { thread: commons } = await startThread(http, cast.author, {});
      await flag(cast.people.participant, {
        subjectType: 'post',
        subjectId: here.postId,
        reason: 'spam',
      });
      await flag(other.people.participant, {
        subjectType: 'post',
        subjectId: there.postId,
        reason: 'spam',
      });
      await flag(cast.people.participant, {
        subjectType: 'thread',
        subjectId: commons.id,
        reason: 'off-topic',
      });
      const member = await queue(cast.people.participant);
      expect([member.status, member.body.code]).toEqual([403, 'FORBIDDEN']);
      const forHost = (await queue(cast.people.host, '?limit=50')).body;
      const ids = forHost.items.map((i) => i.subjectId);
      expect(ids).toContain(here.postId);
      expect(ids).not.toContain(there.postId);
      expect(ids).not.toContain(commons.id);
      expect(forHost.items.every((i) => i.exchangeId === cast.exchangeId)).toBe(true);
      const otherFilter = await queue(cast.people.host, `?exchangeId=${other.exchangeId}`);
      expect(otherFilter.status).toBe(403);
      const forCoordinator = await queue(cast.people.coordinator, '?limit=50');
      const all = forCoordinator.body.items.map((i) => i.subjectId);
      expect(all).toEqual(expect.arrayContaining([here.postId, there.postId, commons.id]));
      expect(forCoordinator.body.total).toBeGreaterThanOrEqual(all.length);
      // Oldest first by the first open report.
      const times = forCoordinator.body.items.map((i) => i.firstFlaggedAt);
      expect([...times].sort()).toEqual(times);
      const item = forCoordinator.body.items.find((i) => i.subjectId === here.postId)!;
      expect(item).toMatchObject({
        exchangeTitle: 'Flagged exchange',
        author: { id: cast.author.id, name: cast.author.displayName },
        body: 'Flagged here',
        hidden: false,
        flags: [
          {
            reporterId: cast.people.participant.id,
            reporterName: cast.people.participant.displayName,
            reason: 'spam',
          },
        ],
        decisions: ['dismiss', 'hide', 'hide-and-mute', 'remove-from-exchange', 'suspend'],
      });
      expect(item.url).toMatch(/^\/threads\//);
      const commonsItem = forCoordinator.body.items.find((i) => i.subjectId === commons.id)!;
      expect(commonsItem.decisions).toEqual(['dismiss', 'hide', 'hide-and-mute', 'suspend']);
      // Filters and pages.
      const threadsOnly = await queue(cast.people.coordinator, '?subjectType=thread');
      expect(threadsOnly.body.items.every((i) => i.subjectType === 'thread')).toBe(true);
      const first = await queue(cast.people.coordinator, '?limit=1');
      expect(first.body.items).toHaveLength(1);
      const second = await queue(
        cast.people.coordinator,
        `?limit=1&cursor=${first.body.nextCursor}`,
      );
      expect(second.body.items[0]?.subjectId).not.toBe(first.body.items[0]?.subjectId);
    });

    it('tells the exchange’s moderators live how many items wait', async () => {
      const socket = connectLive(t.baseUrl, cast.people.host.token);
      sockets.push(socket);
      await connected(socket);
      const { postId } = await flaggedPost(cast, 'Live count');
      const heard = nextEvent<ModerationQueueChanged>(
        socket,
        'moderation.queue-changed',
        (e) => e.exchangeId === cast.exchangeId,
      );
      await flag(cast.people.participant, {
        subjectType: 'post',
        subjectId: postId,
        reason: 'spam',
      });
      const event = await heard;
      expect(event.openItems).toBeGreaterThan(0);
      const [{ n }] = (await t.dataSource.query(
        `SELECT count(DISTINCT subject_id)::int AS n FROM flags WHERE resolved_at IS NULL AND exchange_id = $1`,
        [cast.exchangeId],
      )) as [{ n: number }];
      expect(event.openItems).toBe(n);
    });
  });

  describe('decisions', () => {
    const reviewed = async (person: TestPerson, subjectId: string) =>
      (await inbox(http, person, 'report-reviewed')).filter((n) => n.data.subjectId === subjectId);

    it('dismiss restores an item the reports hid, closes the reports and tells the reporters', async () => {
      const { threadId, postId } = await flaggedPost(cast, 'Unfairly reported');
      for (const person of reporters)
        await flag(person, { subjectType: 'post', subjectId: postId, reason: 'harassment' });
      expect(await postFor(threadId, postId, cast.people.participant)).toBeUndefined();
      const res = await decide(cast.people.host, 'post', postId, {
        decision: 'dismiss',
        reason: 'Robust but fair',
      });
      expect(res.body).toEqual({
        subjectType: 'post',
        subjectId: postId,
        decision: 'dismiss',
        closedFlags: 3,
      });
      expect((await postFor(threadId, postId, cast.people.participant))?.body).toBe(
        'Unfairly reported',
      );
      const flags = (await t.dataSource.query(
        'SELECT resolution, resolved_by, resolved_at FROM flags WHERE subject_id = $1',
        [postId],
      )) as Array<{ resolution: string; resolved_by: string; resolved_at: Date | null }>;
      expect(flags.every((f) => f.resolution === 'dismiss' && f.resolved_at !== null)).toBe(true);
      expect(flags.every((f) => f.resolved_by === cast.people.host.id)).toBe(true);
      for (const person of reporters) {
        const told = await reviewed(person, postId);
        expect(told).toHaveLength(1);
        expect(told[0]!.data.outcome).toBe('reviewed');
        expect(JSON.stringify(told[0])).not.toContain(cast.people.host.id);
        expect(JSON.stringify(told[0])).not.toContain(cast.people.host.displayName);
      }
      const lines = (await t.dataSource.query(
        `SELECT action, actor_id, reason FROM moderation_actions WHERE subject_id = $1 ORDER BY created_at`,
        [postId],
      )) as Array<{ action: string; actor_id: string | null; reason: string }>;
      expect(lines.map((l) => [l.action, l.actor_id])).toEqual([
        ['hide', null],
        ['restore', cast.people.host.id],
        ['dismiss', cast.people.host.id],
      ]);
      // Decided: a second decision finds nothing open; the queue no longer lists it.
      const again = await decide(cast.people.host, 'post', postId, {
        decision: 'hide',
        reason: 'Changed my mind',
      });
      expect(again.status).toBe(409);
      expect(await itemOf(cast.people.host, postId)).toBeUndefined();
      // Once decided, the same person may report it again.
      expect(
        (await flag(reporters[0]!, { subjectType: 'post', subjectId: postId, reason: 'spam' }))
          .status,
      ).toBe(201);
    });

    it('hide hides the item, tells the author and says "action taken" to the reporter', async () => {
      const { threadId, postId } = await flaggedPost(cast, 'Insulting words');
      await flag(cast.people.participant, {
        subjectType: 'post',
        subjectId: postId,
        reason: 'harassment',
      });
      const res = await decide(cast.people.host, 'post', postId, {
        decision: 'hide',
        reason: 'Insults a member',
      });
      expect(res.status).toBe(200);
      expect(await postFor(threadId, postId, cast.people.observer)).toBeUndefined();
      expect(
        (await inbox(http, cast.author, 'moderation-outcome')).find(
          (n) => n.data.postId === postId && n.data.action === 'hide',
        ),
      ).toMatchObject({ data: { reason: 'Insults a member' } });
      expect((await reviewed(cast.people.participant, postId))[0]?.data.outcome).toBe(
        'action-taken',
      );
    });

    it('hide-and-mute mutes the author in the exchange’s threads', async () => {
      const c = await castExchange(t.dataSource, http, { title: 'Mute exchange' });
      const cast = c;
      const { postId } = await flaggedPost(c, 'Spam spam spam');
      await flag(cast.people.participant, {
        subjectType: 'post',
        subjectId: postId,
        reason: 'spam',
      });
      const noMinutes = await decide(cast.people.host, 'post', postId, {
        decision: 'hide-and-mute',
        reason: 'Spamming',
      });
      expect(noMinutes.status).toBe(400);
      const res = await decide(cast.people.host, 'post', postId, {
        decision: 'hide-and-mute',
        reason: 'Spamming',
        muteMinutes: 30,
      });
      expect(res.status).toBe(200);
      const [mute] = (await t.dataSource.query(
        'SELECT until FROM thread_mutes WHERE exchange_id = $1 AND practitioner_id = $2',
        [cast.exchangeId, cast.author.id],
      )) as Array<{ until: Date }>;
      expect(mute).toBeDefined();
      const { thread } = await startThread(http, cast.people.participant, {
        exchangeId: cast.exchangeId,
      });
      const refused = await http('POST', `/api/threads/${thread.id}/posts`, {
        token: cast.author.token,
        body: { body: 'Still here', language: 'en', clientId: 'muted-author-0001' },
      });
      expect([refused.status, refused.body.code]).toEqual([403, 'MUTED']);
    });

    it('hosts act only inside their exchanges and never on a host; suspension is for coordinators', async () => {
      const there = await flaggedPost(other, 'Elsewhere');
      await flag(other.people.participant, {
        subjectType: 'post',
        subjectId: there.postId,
        reason: 'spam',
      });
      const outside = await decide(cast.people.host, 'post', there.postId, {
        decision: 'hide',
        reason: 'Not mine to decide',
      });
      expect(outside.status).toBe(404);
      // A host's post, reported: another host may dismiss or hide it, not act on the host.
      const { thread } = await startThread(http, cast.creator, { exchangeId: cast.exchangeId });
      const hostPost = await reply(http, cast.people.host, thread.id, { body: 'Host words' });
      await flag(cast.people.participant, {
        subjectType: 'post',
        subjectId: hostPost.id,
        reason: 'spam',
      });
      const coHost = await createPerson(t.dataSource, http, {});
      await http('POST', `/api/exchanges/${cast.exchangeId}/members`, {
        token: cast.creator.token,
        body: { practitionerId: coHost.id, role: 'host' },
      });
      expect((await itemOf(coHost, hostPost.id))?.decisions).toEqual(['dismiss', 'hide']);
      // The host cannot decide on reports about their own words.
      expect((await itemOf(cast.people.host, hostPost.id))?.decisions).toEqual([]);
      const onHost = await decide(coHost, 'post', hostPost.id, {
        decision: 'remove-from-exchange',
        reason: 'Hosts cannot remove hosts',
      });
      expect(onHost.status).toBe(403);
      // Suspension: refused to a host, done by a coordinator.
      const { postId } = await flaggedPost(cast, 'Threatening words');
      await flag(cast.people.participant, {
        subjectType: 'post',
        subjectId: postId,
        reason: 'harassment',
      });
      const byHost = await decide(cast.people.host, 'post', postId, {
        decision: 'suspend',
        reason: 'Threats',
      });
      expect(byHost.status).toBe(403);
      const victim = cast.author;
      const byCoordinator = await decide(cast.people.coordinator, 'post', postId, {
        decision: 'suspend',
        reason: 'Threats against a member',
      });
      expect(byCoordinator.status).toBe(200);
      const [status] = (await t.dataSource.query('SELECT status FROM practitioners WHERE id = $1', [
        victim.id,
      ])) as Array<{ status: string }>;
      expect(status!.status).toBe('suspended');
      const [line] = (await t.dataSource.query(
        `SELECT actor_id, reason FROM moderation_actions WHERE action = 'suspend' AND target_id = $1`,
        [victim.id],
      )) as Array<{ actor_id: string; reason: string }>;
      expect(line).toEqual({
        actor_id: cast.people.coordinator.id,
        reason: 'Threats against a member',
      });
      // Reinstated for the tests that follow.
      await http('POST', `/api/practitioners/${victim.id}/reinstate`, {
        token: cast.people.coordinator.token,
        body: { reason: 'Tests go on' },
      });
    });

    it('remove-from-exchange removes the author, with the reason', async () => {
      const c = await castExchange(t.dataSource, http, { title: 'Removal exchange' });
      const { postId } = await flaggedPost(c, 'Out of line');
      await flag(c.people.participant, {
        subjectType: 'post',
        subjectId: postId,
        reason: 'harassment',
      });
      const res = await decide(c.people.host, 'post', postId, {
        decision: 'remove-from-exchange',
        reason: 'Repeated harassment',
      });
      expect(res.status).toBe(200);
      const members = await http('GET', `/api/exchanges/${c.exchangeId}/members`, {
        token: c.people.host.token,
      });
      expect(
        (members.body as Array<{ person?: { id: string }; id?: string }>).some(
          (m) => (m.person?.id ?? m.id) === c.author.id,
        ),
      ).toBe(false);
      expect((await inbox(http, c.author, 'exchange-member-removed'))[0]?.data.reason).toBe(
        'Repeated harassment',
      );
    });
  });

  describe('the audit log', () => {
    it('lists hosts their exchanges’ lines and coordinators all, refuses members, and exports safe CSV', async () => {
      const cast = await castExchange(t.dataSource, http, { title: 'Audit exchange' });
      const { postId } = await flaggedPost(cast, 'For the log');
      await flag(cast.people.participant, {
        subjectType: 'post',
        subjectId: postId,
        reason: 'spam',
      });
      await decide(cast.people.host, 'post', postId, {
        decision: 'hide',
        reason: '=HYPERLINK("http://evil.example","click"), said "no"',
      });
      const member = await http('GET', '/api/moderation/actions', {
        token: cast.people.participant.token,
      });
      expect([member.status, member.body.code]).toEqual([403, 'FORBIDDEN']);
      const forHost = await http<AuditPage>('GET', '/api/moderation/actions?limit=100', {
        token: cast.people.host.token,
      });
      expect(forHost.status).toBe(200);
      expect(forHost.body.items.every((l) => l.exchangeId === cast.exchangeId)).toBe(true);
      const line = forHost.body.items.find((l) => l.subjectId === postId && l.action === 'hide');
      expect(line).toMatchObject({
        actorName: cast.people.host.displayName,
        targetName: cast.author.displayName,
        exchangeTitle: 'Audit exchange',
      });
      const forCoordinator = await http<AuditPage>(
        'GET',
        '/api/moderation/actions?limit=100&targetType=post',
        { token: cast.people.coordinator.token },
      );
      expect(forCoordinator.body.items.some((l) => l.subjectId === postId)).toBe(true);
      expect(forCoordinator.body.items.every((l) => l.subjectType === 'post')).toBe(true);
      const csv = await http<string>('GET', '/api/moderation/actions?format=csv', {
        token: cast.people.host.token,
      });
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(csv.headers.get('content-disposition')).toMatch(/^attachment/);
      const text = csv.body;
      expect(text.split('\r\n')[0]).toBe(
        'createdAt,exchange,action,subjectType,subjectId,actor,target,reason',
      );
      expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click""), said ""no"""`);
      expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
    });
  });
});
