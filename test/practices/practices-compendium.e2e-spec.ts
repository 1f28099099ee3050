// The compendium, read back: a PDF (its text extracted with poppler's pdftotext, as a person's
// reader would) and Markdown, in a chosen language where translations exist, with evidence and
// provenance, and under the attribution rules: a Chatham House entry names no person and no
// person's city beyond what its author wrote into it.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createCity, createPerson, type TestPerson } from '../factories/accounts.js';
import { addMember, createExchange, scheduleSession } from '../exchanges/exchange-helpers.js';
import { httpClient, type Http } from '../support/http.js';
import { connectLive, connected, emitAck } from '../support/live-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  completeEntry,
  createDraft,
  createReviewer,
  expectOk,
  publish,
} from './practice-helpers.js';

const PDFTOTEXT = '/usr/bin/pdftotext';
const suite = existsSync(PDFTOTEXT) ? describe : describe.skip;
if (!existsSync(PDFTOTEXT))
  console.warn(`[compendium tests] skipped: no ${PDFTOTEXT} (apt-get install poppler-utils)`);

/** The text of every page of a PDF, one string per page, lines joined with single spaces. */
function pdfPages(pdf: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      PDFTOTEXT,
      ['-enc', 'UTF-8', '-', '-'],
      { maxBuffer: 20_000_000 },
      (error, stdout) =>
        error
          ? reject(error)
          : resolve(
              stdout
                .split('\f')
                .slice(0, -1)
                .map((page) => page.replace(/\s+/g, ' ')),
            ),
    );
    child.stdin!.end(pdf);
  });
}

suite('the compendium', () => {
  let t: TestApp;
  let http: Http;
  let coordinator: TestPerson;
  let author: TestPerson;
  let speaker: TestPerson;
  const id: Record<string, string> = {};

  async function exportAs(body: Record<string, unknown>): Promise<Response> {
    return fetch(`${t.baseUrl}/api/practices/compendium`, {
      method: 'POST',
      headers: { authorization: `Bearer ${coordinator.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  async function say(person: TestPerson, exchangeId: string, body: string): Promise<string> {
    const rooms = await expectOk(
      http('GET', `/api/exchanges/${exchangeId}/rooms`, { token: person.token }),
    );
    const socket = connectLive(t.baseUrl, person.token);
    try {
      await connected(socket);
      const roomId = rooms.find((r: any) => r.kind === 'lobby').id;
      await emitAck(socket, 'room.join', { roomId });
      const sent = await emitAck<any>(socket, 'message.send', {
        roomId,
        clientMessageId: `c-${Date.now()}`,
        body,
      });
      return (sent as any).data.id;
    } finally {
      socket.close();
    }
  }

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    coordinator = await createPerson(t.dataSource, http, { role: 'coordinator' });
    const reviewer = await createReviewer(t.dataSource, http);
    const antwerp = await createCity(t.dataSource, {
      name: 'Antwerp',
      countryCode: 'BE',
      timeZone: 'Europe/Brussels',
    });
    const aarhus = await createCity(t.dataSource, {
      name: 'Aarhus',
      countryCode: 'DK',
      timeZone: 'Europe/Copenhagen',
    });
    author = await createPerson(t.dataSource, http, {
      displayName: 'Ann Author',
      position: 'practitioner',
    });
    speaker = await createPerson(t.dataSource, http, {
      displayName: 'Sam Speaker',
      cityId: antwerp.id,
    });
    const named = await createExchange(http, coordinator, {
      title: 'Online hate after an attack',
      status: 'active',
    });
    const chatham = await createExchange(http, coordinator, {
      title: 'Returning families',
      attribution: 'chatham-house',
      status: 'active',
    });
    for (const exchange of [named, chatham]) {
      await addMember(http, coordinator, exchange.id, author, 'participant');
      await addMember(http, coordinator, exchange.id, speaker, 'participant');
    }
    const flow = { author, reviewer, coordinator };
    const session = await scheduleSession(http, coordinator, named.id, {
      title: 'Mapping the first 72 hours',
    });

    // A named entry, translated into French, from a session, with a consented quote.
    const a = await createDraft(
      http,
      author,
      completeEntry({
        exchangeId: named.id,
        visibility: 'network',
        evidenceLevel: 'evaluated-independently',
        evaluationUrl: 'https://example.org/evaluation.pdf',
        cityIds: [antwerp.id],
        scale: 'city',
        periodStart: '2019-01',
        texts: [
          {
            language: 'en',
            title: 'Counter-speech networks',
            summary: 'Community partners answer hate online.',
            challenge: 'Rumours spread fast.',
            approach: 'A **network** of partners:\n\n- imams\n- youth workers',
            lessonsWorked: 'Speed.',
            transferability: 'A coordinator post.',
          },
          {
            language: 'fr',
            title: 'Réseaux de contre-discours',
            summary: 'Des partenaires répondent à la haine en ligne.',
            challenge: 'Les rumeurs se propagent vite.',
            approach: 'Un **réseau** de partenaires : imams, éducateurs.',
            lessonsWorked: 'La rapidité.',
            transferability: 'Un poste de coordination.',
          },
        ],
      }),
    );
    await expectOk(
      http('POST', `/api/practices/${a.id}/sources`, {
        token: author.token,
        body: { kind: 'session', id: session.id },
      }),
      201,
    );
    const message = await say(
      speaker,
      named.id,
      'Within a day the WhatsApp groups were answering every rumour.',
    );
    const quoted = await expectOk(
      http('POST', `/api/practices/${a.id}/quotes`, {
        token: author.token,
        body: {
          kind: 'message',
          id: message,
          text: 'the WhatsApp groups were answering every rumour',
        },
      }),
      201,
    );
    await expectOk(
      http('POST', `/api/practice-quotes/${quoted.quotes[0].id}/accept`, { token: speaker.token }),
    );
    await publish(http, flow, a.id, 'public');
    id.named = a.id;

    // A Chatham House entry: its author's contact is what they chose to publish.
    const b = await createDraft(
      http,
      author,
      completeEntry({
        exchangeId: chatham.id,
        visibility: 'network',
        evidenceLevel: 'monitored',
        cityIds: [aarhus.id],
        contact: { name: 'Exit team', organisation: 'Aarhus municipality', email: '' },
        texts: [
          {
            language: 'en',
            title: 'Mentors independent of the police',
            summary: 'Übertragbarkeit: the mentors’ independence.',
            challenge: 'Mistrust.',
            approach: 'Mentors.',
            lessonsWorked: 'Independence.',
          },
        ],
      }),
    );
    const secret = await say(
      speaker,
      chatham.id,
      'Families only talked once the police left the room.',
    );
    const q = await expectOk(
      http('POST', `/api/practices/${b.id}/quotes`, {
        token: author.token,
        body: {
          kind: 'message',
          id: secret,
          text: 'Families only talked once the police left the room.',
        },
      }),
      201,
    );
    await expectOk(
      http('POST', `/api/practice-quotes/${q.quotes[0].id}/accept`, { token: speaker.token }),
    );
    await publish(http, flow, b.id);
    id.chatham = b.id;
  });
  afterAll(() => t.close());

  it('writes a PDF with a cover, contents with page numbers, and a section per practice in the chosen language', async () => {
    const res = await exportAs({ language: 'fr', format: 'pdf', ids: [id.named, id.chatham] });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="crossings-compendium-fr-\d{4}-\d{2}-\d{2}\.pdf"$/,
    );
    const pages = await pdfPages(Buffer.from(await res.arrayBuffer()));
    expect(pages.length).toBeGreaterThanOrEqual(4);
    expect(pages[0]).toContain('Bonnes pratiques de villes des deux côtés de l’Atlantique');
    expect(pages[0]).toMatch(/2 pratiques/);
    // Contents: each title with the page its section starts on.
    expect(pages[1]).toContain('Sommaire');
    const named = pages.findIndex(
      (p) => p.includes('Réseaux de contre-discours') && p.includes('Le défi local'),
    );
    const chatham = pages.findIndex(
      (p) => p.includes('Mentors independent of the police') && p.includes('Niveau de preuve'),
    );
    expect(pages[1]).toMatch(new RegExp(`1\\. Réseaux de contre-discours\\s+${named + 1}`));
    expect(pages[1]).toMatch(
      new RegExp(`2\\. Mentors independent of the police\\s+${chatham + 1}`),
    );
    const first = pages.slice(named, chatham).join('\n');
    expect(first).toContain('Évaluée de manière indépendante');
    expect(first).toContain('https://example.org/evaluation.pdf');
    expect(first).toContain('Un réseau de partenaires');
    expect(first).toContain('Proposée par');
    expect(first).toContain('Ann Author');
    expect(first).toContain('L’échange « Online hate after an attack »');
    expect(first).toContain('La séance « Mapping the first 72 hours »');
    expect(first).toContain('the WhatsApp groups were answering every rumour');
    expect(first).toContain('Sam Speaker');
    // Not translated into French: shown in English, and said so.
    const second = pages.slice(chatham).join('\n');
    expect(second).toContain('Non traduite : présentée en anglais.');
    expect(second).toContain('Übertragbarkeit');
    expect(second).toContain('Suivie');
  });

  it('names nobody from a Chatham House exchange beyond what the author wrote into the entry', async () => {
    const res = await exportAs({ language: 'en', format: 'pdf', ids: [id.chatham] });
    const text = (await pdfPages(Buffer.from(await res.arrayBuffer()))).join('\n');
    expect(text).toContain('Mentors independent of the police');
    expect(text).toContain('Families only talked once the police left the room.');
    expect(text).toContain('a participant from a European city');
    expect(text).toContain('An exchange held under the Chatham House rule');
    expect(text).toContain('Exit team, Aarhus municipality'); // the author's own contact line
    expect(text).toContain('Aarhus'); // the entry's own city
    expect(text).not.toMatch(/Ann Author|Sam Speaker|Antwerp|Returning families/);
  });

  it('writes Markdown with the same content and rules', async () => {
    const res = await exportAs({
      language: 'en',
      format: 'markdown',
      filter: { evidence: 'monitored' },
    });
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    const text = await res.text();
    expect(text).toContain('# Good practices from cities across the Atlantic');
    expect(text).toContain(
      '1. [Mentors independent of the police](#1-mentors-independent-of-the-police)',
    );
    expect(text).toContain('## 1. Mentors independent of the police');
    expect(text).toContain('- **Evidence level:** Monitored');
    expect(text).toContain(
      '> “Families only talked once the police left the room.”\n> — a participant from a European city',
    );
    expect(text).not.toContain('Counter-speech networks');
    expect(text).not.toMatch(/Ann Author|Sam Speaker|Antwerp/);
  });

  it('makes one compendium at a time per person: a second at once is RATE_LIMITED', async () => {
    const answers = await Promise.all([
      exportAs({ language: 'en', format: 'pdf' }),
      exportAs({ language: 'en', format: 'pdf' }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 429]);
    const refused = answers.find((a) => a.status === 429)!;
    expect((await refused.json()).code).toBe('RATE_LIMITED');
    expect(refused.headers.get('retry-after')).toBe('5');
    expect((await exportAs({ language: 'en', format: 'pdf' })).status).toBe(200);
  });

  it('refuses a bad request with a typed 400 and members with 403', async () => {
    expect((await exportAs({ language: 'es', format: 'pdf' })).status).toBe(400);
    expect((await exportAs({ language: 'en', format: 'docx' })).status).toBe(400);
    expect(
      (
        await exportAs({
          language: 'en',
          format: 'pdf',
          ids: ['00000000-0000-4000-8000-000000000000'],
        })
      ).status,
    ).toBe(400);
    const member = await http('POST', '/api/practices/compendium', {
      token: author.token,
      body: { language: 'en', format: 'pdf' },
    });
    expect(member.status).toBe(403);
  });
});
