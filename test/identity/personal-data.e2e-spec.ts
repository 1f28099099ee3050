// A person's data, whole: every column that refers to a practitioner is covered by a part of the
// export (a new library's table cannot be forgotten), the export lists each part, live messages
// included, and erasure keeps what the exchange needs under a neutral name and removes the rest.
import { PersonalData } from '#libs/common';
import type { MessageView } from '#libs/contracts';
import {
  createCity,
  createPerson,
  FACTORY_PASSWORD,
  type TestPerson,
} from '../factories/accounts.js';
import { httpClient, type Http } from '../support/http.js';
import { connectLive, connected, emitAck } from '../support/live-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('personal data: export and erase, whole', () => {
  let t: TestApp;
  let http: Http;
  let coordinator: TestPerson;

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    coordinator = await createPerson(t.dataSource, http, { role: 'coordinator' });
  });
  afterAll(() => t.close());

  it('covers every column that refers to a practitioner', async () => {
    const rows = (await t.dataSource.query(
      `SELECT cl.relname || '.' || a.attname AS col
         FROM pg_constraint c
         JOIN pg_class cl ON cl.oid = c.conrelid
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
        WHERE c.contype = 'f' AND c.confrelid = 'practitioners'::regclass
        ORDER BY 1`,
    )) as Array<{ col: string }>;
    const referring = rows.map((r) => r.col);
    expect(referring.length).toBeGreaterThan(15);
    const covered = t.app.get(PersonalData).coveredColumns();
    expect(referring.filter((col) => !covered.includes(col))).toEqual([]);
  });

  it('exports every part, with the live messages the person wrote; erasure keeps them under a neutral name', async () => {
    const city = await createCity(t.dataSource, { name: 'Aarhus', countryCode: 'DK' });
    const person = await createPerson(t.dataSource, http, {
      displayName: 'Ingrid Sørensen',
      cityId: city.id,
    });
    const other = await createPerson(t.dataSource, http);
    const exchange = await http('POST', '/api/exchanges', {
      token: coordinator.token,
      body: { title: 'Whole data', cityIds: [city.id], attribution: 'named' },
    });
    for (const member of [person, other])
      await http('POST', `/api/exchanges/${exchange.body.id}/members`, {
        token: coordinator.token,
        body: { practitionerId: member.id, role: 'participant' },
      });
    const rooms = await http('GET', `/api/exchanges/${exchange.body.id}/rooms`, {
      token: person.token,
    });
    const lobbyId = rooms.body[0].id;
    const socket = connectLive(t.baseUrl, person.token);
    try {
      await connected(socket);
      await emitAck(socket, 'room.join', { roomId: lobbyId });
      const sent = await emitAck(socket, 'message.send', {
        roomId: lobbyId,
        clientMessageId: 'whole-data-message',
        body: 'What we learned in Aarhus',
      });
      expect(sent.ok).toBe(true);
    } finally {
      socket.disconnect();
    }
    await http('POST', '/api/me/calendar-feed/rotate', { token: person.token });

    const exported = await http('GET', '/api/me/export', { token: person.token });
    expect(exported.status).toBe(200);
    for (const part of t.app.get(PersonalData).partNames())
      expect(exported.body).toHaveProperty(part);
    expect(exported.body.liveMessages.written).toEqual([
      expect.objectContaining({ roomId: lobbyId, body: 'What we learned in Aarhus' }),
    ]);
    expect(exported.body.exchangeMemberships).toEqual([
      expect.objectContaining({ exchangeId: exchange.body.id, role: 'participant' }),
    ]);
    expect(exported.body.notifications.inbox.length).toBeGreaterThan(0);
    expect(exported.body.calendarFeed).toEqual({ createdAt: expect.any(String) });

    const erased = await http('DELETE', '/api/me', {
      token: person.token,
      body: { password: FACTORY_PASSWORD },
    });
    expect(erased.status).toBe(204);
    // The conversation stays readable for the exchange, under the neutral name.
    const history = await http('GET', `/api/rooms/${lobbyId}/messages`, { token: other.token });
    const kept = (history.body as MessageView[]).find(
      (m) => m.clientMessageId === 'whole-data-message',
    );
    expect(kept).toMatchObject({
      body: 'What we learned in Aarhus',
      author: { id: person.id, displayName: 'Former member', city: null },
    });
    // The rest of what was theirs is gone.
    for (const [table, column] of [
      ['notifications', 'recipient_id'],
      ['calendar_feeds', 'practitioner_id'],
      ['exchange_members', 'practitioner_id'],
    ]) {
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`,
        [person.id],
      );
      expect([table, n]).toEqual([table, 0]);
    }
  });
});
