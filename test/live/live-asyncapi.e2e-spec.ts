// The live protocol document at /api/docs/live passes the official AsyncAPI parser without an
// error, and describes every client event of every gateway on /live and every server event;
// the README's protocol section names them all too.
import { Parser } from '@asyncapi/parser';
import { readFileSync } from 'node:fs';
import { CLIENT_EVENTS, SERVER_EVENTS } from '#libs/contracts';
import { httpClient } from '../support/http.js';
import { gatewayEvents } from '../support/live-gateways.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('live rooms: the AsyncAPI document', () => {
  let t: TestApp;
  let document: Record<string, any>;

  beforeAll(async () => {
    t = await startTestApp();
    const res = await httpClient(t.baseUrl)('GET', '/api/docs/live');
    expect(res.status).toBe(200);
    document = res.body;
  });
  afterAll(() => t.close());

  it('parses with @asyncapi/parser with no error and no warning', async () => {
    const { document: parsed, diagnostics } = await new Parser().parse(JSON.stringify(document));
    const problems = diagnostics
      .filter((d) => d.severity <= 1)
      .map((d) => `${d.severity} ${d.code} ${d.message} at ${d.path.join('.')}`);
    expect(problems).toEqual([]);
    expect(parsed).toBeDefined();
    expect(parsed!.operations().length).toBe(CLIENT_EVENTS.length + SERVER_EVENTS.length);
  });

  it('describes every event the gateways answer, with its payload and its ack', () => {
    const events = gatewayEvents();
    expect([...CLIENT_EVENTS].sort()).toEqual(events);
    expect(events).toEqual(expect.arrayContaining(['auth.renew', 'room.join', 'room.read']));
    const messages = document.channels.live.messages as Record<string, any>;
    for (const event of events) {
      expect(document.operations[`client.${event}`]).toMatchObject({
        action: 'receive',
        reply: { messages: [{ $ref: `#/channels/live/messages/ack.${event}` }] },
      });
      expect(messages[`client.${event}`]).toMatchObject({
        name: event,
        payload: { type: 'object' },
      });
      expect(messages[`ack.${event}`].payload.oneOf).toHaveLength(2);
    }
    for (const event of SERVER_EVENTS) {
      expect(document.operations[`server.${event}`]).toMatchObject({ action: 'send' });
      expect(messages[`server.${event}`]).toMatchObject({
        name: event,
        payload: expect.any(Object),
      });
    }
  });

  it('is matched by the README protocol section', () => {
    const readme = readFileSync('README.md', 'utf8');
    const start = readme.indexOf('### Protocol (socket.io 4, namespace `/live`)');
    const section = readme.slice(start, readme.indexOf('\n### ', start + 10));
    expect(start).toBeGreaterThan(0);
    const missing = [...CLIENT_EVENTS, ...SERVER_EVENTS].filter(
      (event) => !section.includes(`\`${event}\``),
    );
    expect(missing).toEqual([]);
  });
});
