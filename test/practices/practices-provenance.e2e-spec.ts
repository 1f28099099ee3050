// Where an entry comes from, and whose words it quotes: "propose as a practice" on a session or
// a message opens a prefilled draft with its links; quoting someone needs their yes (readers
// never see a quote before it, nor after a no); under the Chatham House rule, readers outside
// the exchange get a neutral attribution for the author and for every quote.
import { createCity, createPerson, type TestPerson } from '../factories/accounts.js';
import { addMember, createExchange, scheduleSession } from '../exchanges/exchange-helpers.js';
import { httpClient, type Http } from '../support/http.js';
import { connectLive, connected, emitAck } from '../support/live-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { reply, startThread } from '../discussions/thread-helpers.js';
import {
  completeEntry,
  createDraft,
  createReviewer,
  expectOk,
  inboxOf,
  publish,
} from './practice-helpers.js';

describe('practice provenance and quotes', () => {
  let t: TestApp;
  let http: Http;
  let coordinator: TestPerson;
  let reviewer: TestPerson;
  let author: TestPerson;
  let speaker: TestPerson;
  let outsider: TestPerson;
  let named: { id: string };
  let chatham: { id: string };

  /** Sends a message in an exchange's lobby and returns its id. */
  async function say(person: TestPerson, exchangeId: string, body: string): Promise<string> {
    const rooms = await expectOk(
      http('GET', `/api/exchanges/${exchangeId}/rooms`, { token: person.token }),
    );
    const lobby = rooms.find((r: any) => r.kind === 'lobby').id;
    const socket = connectLive(t.baseUrl, person.token);
    try {
      await connected(socket);
      await emitAck(socket, 'room.join', { roomId: lobby });
      const sent = await emitAck<any>(socket, 'message.send', {
        roomId: lobby,
        clientMessageId: `m-${Math.random().toString(36).slice(2)}`,
        body,
      });
      if (!sent.ok) throw new Error(JSON.stringify(sent));
      return sent.data.id;
    } finally {
      socket.close();
    }
  }

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    coordinator = await createPerson(t.dataSource, http, { role: 'coordinator' });
    reviewer = await createReviewer(t.dataSource, http);
    const antwerp = await createCity(t.dataSource, {
      name: 'Antwerp',
      countryCode: 'BE',
      timeZone: 'Europe/Brussels',
    });
    author = await createPerson(t.dataSource, http, { displayName: 'Ann Author' });
    speaker = await createPerson(t.dataSource, http, {
      displayName: 'Sam Speaker',
      cityId: antwerp.id,
      position: 'official',
    });
    outsider = await createPerson(t.dataSource, http, { displayName: 'Olga Outsider' });
    named = await createExchange(http, coordinator, {
      title: 'Named exchange',
      themes: ['online-hate'],
      status: 'active',
    });
    chatham = await createExchange(http, coordinator, {
      title: 'Quiet exchange',
      attribution: 'chatham-house',
      status: 'active',
    });
    for (const exchange of [named, chatham]) {
      await addMember(http, coordinator, exchange.id, author, 'participant');
      await addMember(http, coordinator, exchange.id, speaker, 'participant');
    }
  });
  afterAll(() => t.close());

  it('proposes a practice from a session: a draft prefilled from it, with its links', async () => {
    const session = await scheduleSession(http, coordinator, named.id, {
      title: 'Counter-speech with community partners',
      agenda: 'What Manchester learned.\n\nThen open discussion.',
    });
    const draft = await expectOk(
      http('POST', '/api/practices/propose', {
        token: author.token,
        body: { kind: 'session', id: session.id },
      }),
      201,
    );
    expect(draft).toMatchObject({ status: 'draft', visibility: 'exchange', exchangeId: named.id });
    expect(draft.textsByLanguage.en).toMatchObject({
      title: 'Counter-speech with community partners',
      summary: 'What Manchester learned.',
    });
    expect(draft.themes.map((th: any) => th.slug)).toEqual(['online-hate']);
    expect(draft.provenance).toEqual([
      expect.objectContaining({
        kind: 'exchange',
        id: named.id,
        visible: true,
        title: 'Named exchange',
      }),
      expect.objectContaining({
        kind: 'session',
        id: session.id,
        visible: true,
        title: 'Counter-speech with community partners',
      }),
    ]);
    // Someone outside the exchange cannot propose from its session: it looks missing.
    const refused = await http('POST', '/api/practices/propose', {
      token: outsider.token,
      body: { kind: 'session', id: session.id },
    });
    expect(refused.status).toBe(404);
  });

  it('asks the speaker before quoting them, and shows the quote to readers only after a yes', async () => {
    const words = 'We set up WhatsApp groups with imams and youth workers within a day.';
    const messageId = await say(speaker, named.id, words);
    const draft = await createDraft(
      http,
      author,
      completeEntry({ exchangeId: named.id, visibility: 'network' }),
    );
    // Only the message's own words can be quoted.
    const made_up = await http('POST', `/api/practices/${draft.id}/quotes`, {
      token: author.token,
      body: { kind: 'message', id: messageId, text: 'We did everything right.' },
    });
    expect(made_up.status).toBe(400);
    const quoted = await expectOk(
      http('POST', `/api/practices/${draft.id}/quotes`, {
        token: author.token,
        body: {
          kind: 'message',
          id: messageId,
          text: 'WhatsApp groups with imams and youth workers',
        },
      }),
      201,
    );
    expect(quoted.quotes).toEqual([
      expect.objectContaining({
        status: 'pending',
        text: 'WhatsApp groups with imams and youth workers',
      }),
    ]);
    const [request] = await inboxOf(http, speaker, 'practice-quote-requested');
    expect(request.data).toMatchObject({ practiceId: draft.id, requesterName: 'Ann Author' });
    const home = await expectOk(http('GET', '/api/me/home', { token: speaker.token }));
    expect(home.sections.quoteRequests.items).toEqual([
      expect.objectContaining({
        practice: expect.objectContaining({ id: draft.id }),
        requestedBy: expect.objectContaining({ id: author.id }),
      }),
    ]);

    await publish(http, { author, reviewer, coordinator }, draft.id);
    const before = await expectOk(
      http('GET', `/api/practices/${draft.id}`, { token: outsider.token }),
    );
    expect(before.quotes).toEqual([]);

    // Nobody but the speaker decides; to anyone else the request looks missing.
    const quoteId = quoted.quotes[0].id;
    expect(
      (await http('POST', `/api/practice-quotes/${quoteId}/accept`, { token: author.token }))
        .status,
    ).toBe(404);
    const accepted = await expectOk(
      http('POST', `/api/practice-quotes/${quoteId}/accept`, { token: speaker.token }),
    );
    expect(accepted.quote.status).toBe('accepted');
    expect(await inboxOf(http, author, 'practice-quote-decided')).toHaveLength(1);
    const after = await expectOk(
      http('GET', `/api/practices/${draft.id}`, { token: outsider.token }),
    );
    expect(after.quotes).toEqual([
      expect.objectContaining({
        text: 'WhatsApp groups with imams and youth workers',
        attribution: 'Sam Speaker, official, Antwerp',
        neutralAttribution: null,
      }),
    ]);
    // A withdrawn yes takes the quote out at once.
    await expectOk(
      http('POST', `/api/practice-quotes/${quoteId}/decline`, { token: speaker.token }),
    );
    expect(
      (await expectOk(http('GET', `/api/practices/${draft.id}`, { token: outsider.token }))).quotes,
    ).toEqual([]);
    const requests = await expectOk(
      http('GET', '/api/me/quote-requests', { token: speaker.token }),
    );
    expect(requests[0].quote.status).toBe('declined');
  });

  it('proposing from someone else’s message quotes them (pending), never copies their words', async () => {
    const words = 'Our mentors are independent of the police; that separation is the whole point.';
    const messageId = await say(speaker, named.id, words);
    const draft = await expectOk(
      http('POST', '/api/practices/propose', {
        token: author.token,
        body: { kind: 'message', id: messageId },
      }),
      201,
    );
    expect(JSON.stringify(draft.textsByLanguage)).not.toContain('independent of the police');
    expect(draft.quotes).toEqual([expect.objectContaining({ status: 'pending', text: words })]);
    // One's own message is one's own words: prefilled, no consent needed.
    const own = await say(author, named.id, 'We met every Friday in the library.');
    const mine = await expectOk(
      http('POST', '/api/practices/propose', {
        token: author.token,
        body: { kind: 'message', id: own },
      }),
      201,
    );
    expect(mine.textsByLanguage.en.summary).toBe('We met every Friday in the library.');
    expect(mine.quotes).toEqual([]);
  });

  it('proposes from a lesson-learned thread or one of its posts: its words prefill a draft, a colleague’s are quoted with consent', async () => {
    const lesson = await startThread(http, author, {
      exchangeId: named.id,
      kind: 'lesson-learned',
      title: 'Mentors independent of the police',
      body: 'What happened: a mentoring scheme run apart from the police.',
      themes: ['online-hate'],
    });
    const draft = await expectOk(
      http('POST', '/api/practices/propose', {
        token: author.token,
        body: { kind: 'thread', id: lesson.thread.id },
      }),
      201,
    );
    expect(draft).toMatchObject({ status: 'draft', exchangeId: named.id });
    expect(draft.textsByLanguage.en).toMatchObject({ title: 'Mentors independent of the police' });
    expect(JSON.stringify(draft.textsByLanguage)).toContain('apart from the police');
    expect(draft.themes.map((th: any) => th.slug)).toEqual(['online-hate']);
    expect(draft.provenance).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'thread', id: lesson.thread.id, visible: true }),
      ]),
    );
    expect(draft.quotes).toEqual([]);

    // A colleague's reply is their words: quoted, waiting for their yes, never copied.
    const post = await reply(http, speaker, lesson.thread.id, {
      body: 'We added weekly supervision for the mentors; it kept them safe.',
    });
    const fromPost = await expectOk(
      http('POST', '/api/practices/propose', {
        token: author.token,
        body: { kind: 'post', id: post.id },
      }),
      201,
    );
    expect(JSON.stringify(fromPost.textsByLanguage)).not.toContain('weekly supervision');
    expect(fromPost.quotes).toEqual([
      expect.objectContaining({
        status: 'pending',
        text: 'We added weekly supervision for the mentors; it kept them safe.',
      }),
    ]);
    const [request] = await inboxOf(http, speaker, 'practice-quote-requested');
    expect(request.data).toMatchObject({ practiceId: fromPost.id });

    // Someone who cannot read the thread cannot propose from it: it looks missing.
    for (const [kind, id] of [
      ['thread', lesson.thread.id],
      ['post', post.id],
    ]) {
      const refused = await http('POST', '/api/practices/propose', {
        token: outsider.token,
        body: { kind, id },
      });
      expect([kind, refused.status]).toEqual([kind, 404]);
    }
  });

  it('under the Chatham House rule, names nobody to readers outside the exchange', async () => {
    const messageId = await say(
      speaker,
      chatham.id,
      'Families trusted us once the police stepped back.',
    );
    const draft = await createDraft(
      http,
      author,
      completeEntry({ exchangeId: chatham.id, visibility: 'network' }),
    );
    const quoted = await expectOk(
      http('POST', `/api/practices/${draft.id}/quotes`, {
        token: author.token,
        body: {
          kind: 'message',
          id: messageId,
          text: 'Families trusted us once the police stepped back.',
        },
      }),
      201,
    );
    await expectOk(
      http('POST', `/api/practice-quotes/${quoted.quotes[0].id}/accept`, { token: speaker.token }),
    );
    await publish(http, { author, reviewer, coordinator }, draft.id);

    const outside = await expectOk(
      http('GET', `/api/practices/${draft.id}`, { token: outsider.token }),
    );
    expect(outside.chathamHouse).toBe(true);
    expect(outside.author).toBeNull();
    expect(outside.attribution).toBe('a participant');
    expect(outside.quotes).toEqual([
      expect.objectContaining({
        attribution: 'a participant from a European city',
        neutralAttribution: { region: 'europe' },
        person: null,
      }),
    ]);
    expect(JSON.stringify(outside)).not.toMatch(/Sam Speaker|Ann Author|Antwerp/);
    // Its provenance is the exchange's, which an outsider may not open.
    expect(outside.provenance.every((p: any) => !p.visible || p.kind !== 'message')).toBe(true);
    const versions = await expectOk(
      http('GET', `/api/practices/${draft.id}/versions`, { token: outsider.token }),
    );
    expect(versions[0].publishedBy).toBeNull();

    // Inside the exchange, people see who said what.
    const inside = await expectOk(
      http('GET', `/api/practices/${draft.id}`, { token: speaker.token }),
    );
    expect(inside.author.id).toBe(author.id);
    expect(inside.quotes[0].attribution).toBe('Sam Speaker, official, Antwerp');
  });

  it('links and unlinks sources only the author can read, and rejects unknown kinds', async () => {
    const draft = await createDraft(http, outsider, completeEntry());
    const refused = await http('POST', `/api/practices/${draft.id}/sources`, {
      token: outsider.token,
      body: { kind: 'exchange', id: named.id },
    });
    expect(refused.status).toBe(404);
    const mine = await createDraft(http, author, completeEntry());
    const linked = await expectOk(
      http('POST', `/api/practices/${mine.id}/sources`, {
        token: author.token,
        body: { kind: 'exchange', id: named.id },
      }),
      201,
    );
    expect(linked.provenance).toEqual([
      expect.objectContaining({ kind: 'exchange', id: named.id, visible: true }),
    ]);
    // A thread source arrives with the discussions library; until then it looks missing.
    const thread = await http('POST', `/api/practices/${mine.id}/sources`, {
      token: author.token,
      body: { kind: 'thread', id: named.id },
    });
    expect(thread.status).toBe(404);
    expect(
      (
        await http('DELETE', `/api/practices/${mine.id}/sources/exchange/${named.id}`, {
          token: author.token,
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await http('DELETE', `/api/practices/${mine.id}/sources/bogus/${named.id}`, {
          token: author.token,
        })
      ).status,
    ).toBe(404);
  });
});
