// Exchanges: creating and editing them, their members, asking to join, and bad input.
import { randomUUID } from 'node:crypto';
import { createCity, createPerson, type TestPerson } from '../factories/accounts.js';
import { httpClient, type Http } from '../support/http.js';
import { connectLive, connected, emitAck } from '../support/live-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  EXCHANGE_MEMBER_SQL_NAMES,
  exchangeIdsOfMemberSql,
  exchangeMemberSqlNames,
} from '#libs/exchanges';
import { addMember, createExchange, inboxOf } from './exchange-helpers.js';

const DESCRIPTION = `# Online hate after an attack

How cities respond in the **first 72 hours**:

- monitoring
- [the playbook](https://example.org/playbook)
`;

describe('exchanges', () => {
  let t: TestApp;
  let http: Http;
  let coordinator: TestPerson;
  let admin: TestPerson;
  let rotterdam: { id: string; name: string };
  let denver: { id: string; name: string };
  let lyon: { id: string; name: string };

  const get = (person: TestPerson, path: string) => http('GET', path, { token: person.token });
  const exchangeRow = async (id: string) =>
    (
      await t.dataSource.query(
        `SELECT title, description, status, attribution,
                (SELECT array_agg(c.name ORDER BY c.name) FROM exchange_cities ec JOIN cities c ON c.id = ec.city_id WHERE ec.exchange_id = e.id) AS cities,
                (SELECT array_agg(th.slug ORDER BY th.slug) FROM exchange_themes et JOIN themes th ON th.id = et.theme_id WHERE et.exchange_id = e.id) AS themes,
                (SELECT json_agg(json_build_object('id', m.practitioner_id, 'role', m.role) ORDER BY m.practitioner_id) FROM exchange_members m WHERE m.exchange_id = e.id) AS members,
                (SELECT json_agg(json_build_object('id', r.id, 'status', r.status) ORDER BY r.id) FROM join_requests r WHERE r.exchange_id = e.id) AS requests
           FROM exchanges e WHERE e.id = $1`,
        [id],
      )
    )[0];
  const countExchanges = async () =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM exchanges`))[0].n as number;
  const countNotifications = async () =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM notifications`))[0].n as number;

  beforeAll(async () => {
    t = await startTestApp();
    http = httpClient(t.baseUrl);
    coordinator = await createPerson(t.dataSource, http, {
      role: 'coordinator',
      displayName: 'Cora Coordinator',
    });
    admin = await createPerson(t.dataSource, http, { role: 'admin' });
    rotterdam = await createCity(t.dataSource, { name: 'Rotterdam' });
    lyon = await createCity(t.dataSource, {
      name: 'Lyon',
      countryCode: 'FR',
      timeZone: 'Europe/Paris',
    });
    denver = await createCity(t.dataSource, {
      name: 'Denver',
      countryCode: 'US',
      region: 'north-america',
      timeZone: 'America/Denver',
    });
  });
  afterAll(() => t.close());

  describe('create and edit', () => {
    it('a coordinator creates an exchange with markdown, themes, cities and a rule, and hosts it', async () => {
      const res = await http('POST', '/api/exchanges', {
        token: coordinator.token,
        body: {
          title: '  Transatlantic exchange on online hate  ',
          description: DESCRIPTION,
          themes: ['online-hate', 'polarization'],
          cityIds: [rotterdam.id, denver.id],
          attribution: 'named',
        },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        title: 'Transatlantic exchange on online hate',
        description: DESCRIPTION,
        status: 'planned',
        attribution: 'named',
        myRole: 'host',
        canManage: true,
        memberCount: 1,
        hosts: [{ id: coordinator.id, displayName: 'Cora Coordinator' }],
      });
      expect(res.body.themes.map((th: { slug: string }) => th.slug)).toEqual([
        'online-hate',
        'polarization',
      ]);
      expect(res.body.cities.map((c: { name: string }) => c.name)).toEqual(['Denver', 'Rotterdam']);

      // A member of the network who is not in it sees the overview in the list and by id.
      const member = await createPerson(t.dataSource, http);
      const list = await get(member, '/api/exchanges?limit=100');
      expect(list.status).toBe(200);
      const listed = list.body.items.find((e: { id: string }) => e.id === res.body.id);
      expect(listed).toMatchObject({
        title: 'Transatlantic exchange on online hate',
        status: 'planned',
        attribution: 'named',
        hosts: [{ id: coordinator.id }],
        myRole: null,
      });
      expect(listed.description).toBeUndefined();
      const overview = await get(member, `/api/exchanges/${res.body.id}`);
      expect(overview.status).toBe(200);
      expect(overview.body.description).toBeUndefined();
      expect(overview.body.cities.map((c: { name: string }) => c.name)).toEqual([
        'Denver',
        'Rotterdam',
      ]);
    });

    it('a chatham-house exchange keeps its rule; the rule changes only while planned', async () => {
      const exchange = await createExchange(http, coordinator, {
        title: 'Closed-door roundtables',
        attribution: 'chatham-house',
        cityIds: [lyon.id],
      });
      expect(exchange).toMatchObject({ attribution: 'chatham-house', status: 'planned' });

      const toNamed = await http('PATCH', `/api/exchanges/${exchange.id}`, {
        token: coordinator.token,
        body: { attribution: 'named' },
      });
      expect(toNamed.status).toBe(200);
      expect(toNamed.body.attribution).toBe('named');
      const back = await http('PATCH', `/api/exchanges/${exchange.id}`, {
        token: coordinator.token,
        body: { attribution: 'chatham-house', status: 'active' },
      });
      expect(back.status).toBe(200);
      expect(back.body).toMatchObject({ attribution: 'chatham-house', status: 'active' });

      // People have now spoken under the rule: it can no longer change.
      const before = await exchangeRow(exchange.id);
      const refused = await http('PATCH', `/api/exchanges/${exchange.id}`, {
        token: coordinator.token,
        body: { attribution: 'named', title: 'Sneaky rename' },
      });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('CONFLICT');
      expect(await exchangeRow(exchange.id)).toEqual(before);
    });

    it('the rule cannot be unlocked by going back to planned, and a concluded exchange stays out of planned', async () => {
      const exchange = await createExchange(http, coordinator, {
        title: 'No way back',
        attribution: 'chatham-house',
        cityIds: [lyon.id],
      });
      const patch = (body: Record<string, unknown>) =>
        http('PATCH', `/api/exchanges/${exchange.id}`, { token: coordinator.token, body });
      expect((await patch({ status: 'active' })).status).toBe(200);
      const before = await exchangeRow(exchange.id);
      // The bypass the review found: back to planned, change the rule, active again.
      const back = await patch({ status: 'planned' });
      expect(back.status).toBe(409);
      expect((await patch({ status: 'planned', attribution: 'named' })).status).toBe(409);
      expect((await patch({ attribution: 'named' })).status).toBe(409);
      expect(await exchangeRow(exchange.id)).toEqual(before);
      // Concluded, it may reopen (active) but never go back to planned.
      expect((await patch({ status: 'concluded' })).status).toBe(200);
      expect((await patch({ status: 'planned' })).status).toBe(409);
      expect((await patch({ status: 'active' })).status).toBe(200);
      expect((await patch({ attribution: 'named' })).status).toBe(409);
    });

    it('a planned exchange in which someone has spoken keeps its rule', async () => {
      const exchange = await createExchange(http, coordinator, {
        title: 'Spoken before it began',
        attribution: 'chatham-house',
        cityIds: [lyon.id],
      });
      const rooms = await get(coordinator, `/api/exchanges/${exchange.id}/rooms`);
      const socket = connectLive(t.baseUrl, coordinator.token);
      try {
        await connected(socket);
        const lobbyId = rooms.body[0].id;
        expect(await emitAck(socket, 'room.join', { roomId: lobbyId })).toMatchObject({ ok: true });
        expect(
          await emitAck(socket, 'message.send', {
            roomId: lobbyId,
            clientMessageId: 'spoken-under-the-rule',
            body: 'Said under the Chatham House Rule',
          }),
        ).toMatchObject({ ok: true });
      } finally {
        socket.disconnect();
      }
      const refused = await http('PATCH', `/api/exchanges/${exchange.id}`, {
        token: coordinator.token,
        body: { attribution: 'named' },
      });
      expect(refused.status).toBe(409);
      expect((await get(coordinator, `/api/exchanges/${exchange.id}`)).body).toMatchObject({
        status: 'planned',
        attribution: 'chatham-house',
      });
    });

    it('moves through planned → active → concluded, replaces themes and cities, filters the list', async () => {
      const exchange = await createExchange(http, coordinator, {
        title: 'Youth work across the ocean',
        themes: ['youth-engagement'],
        cityIds: [rotterdam.id],
      });
      const patch = (body: Record<string, unknown>) =>
        http('PATCH', `/api/exchanges/${exchange.id}`, { token: coordinator.token, body });

      const active = await patch({
        status: 'active',
        themes: ['community-resilience', 'mental-health'],
        cityIds: [lyon.id, denver.id],
        description: '*Updated* agenda',
      });
      expect(active.status).toBe(200);
      expect(active.body).toMatchObject({ status: 'active', description: '*Updated* agenda' });
      expect(await exchangeRow(exchange.id)).toMatchObject({
        status: 'active',
        themes: ['community-resilience', 'mental-health'],
        cities: ['Denver', 'Lyon'],
      });

      const list = async (query: string) =>
        (await get(coordinator, `/api/exchanges?limit=100&${query}`)).body.items.map(
          (e: { id: string }) => e.id,
        ) as string[];
      expect(await list('status=active')).toContain(exchange.id);
      expect(await list('status=planned')).not.toContain(exchange.id);
      expect(await list('theme=mental-health')).toContain(exchange.id);
      expect(await list('theme=youth-engagement')).not.toContain(exchange.id);
      expect(await list(`cityId=${denver.id}`)).toContain(exchange.id);
      expect(await list(`cityId=${rotterdam.id}`)).not.toContain(exchange.id);

      const concluded = await patch({ status: 'concluded' });
      expect(concluded.status).toBe(200);
      expect(concluded.body.status).toBe('concluded');
      expect(await list('status=concluded')).toContain(exchange.id);

      // A concluded exchange takes no new members by request.
      const latecomer = await createPerson(t.dataSource, http);
      const ask = await http('POST', `/api/exchanges/${exchange.id}/join-requests`, {
        token: latecomer.token,
        body: {},
      });
      expect(ask.status).toBe(409);
      expect(ask.body.code).toBe('CONFLICT');
      expect((await exchangeRow(exchange.id)).requests).toBeNull();
    });

    it('pages through the list with a cursor, skipping nothing within a millisecond', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        ids.push(
          (
            await createExchange(http, coordinator, {
              title: `Paged exchange ${i}`,
              themes: ['returning-foreign-fighters'],
            })
          ).id,
        );
      }
      // Created within one millisecond (PostgreSQL keeps microseconds), e.g. by one seed transaction.
      const stamps = ['.123900', '.123600', '.123600', '.123300', '.122000'];
      for (const [i, id] of ids.entries()) {
        await t.dataSource.query(`UPDATE exchanges SET created_at = $2 WHERE id = $1`, [
          id,
          `2026-01-05 10:00:00${stamps[i]}+00`,
        ]);
      }
      for (const limit of [1, 2, 3]) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const query: string = `theme=returning-foreign-fighters&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
          const res = await get(coordinator, `/api/exchanges?${query}`);
          expect(res.status).toBe(200);
          seen.push(...res.body.items.map((e: { id: string }) => e.id));
          cursor = res.body.nextCursor;
        } while (cursor);
        expect({ limit, ids: [...seen].sort() }).toEqual({ limit, ids: [...ids].sort() });
        expect(seen.at(-1)).toBe(ids[4]);
      }
    });

    it('an admin who is not a member may edit; a participant may not', async () => {
      const exchange = await createExchange(http, coordinator, { title: 'Admin edits' });
      const participant = await createPerson(t.dataSource, http);
      await addMember(http, coordinator, exchange.id, participant, 'participant');
      const byAdmin = await http('PATCH', `/api/exchanges/${exchange.id}`, {
        token: admin.token,
        body: { title: 'Edited by the admin' },
      });
      expect(byAdmin.status).toBe(200);
      const before = await exchangeRow(exchange.id);
      const byParticipant = await http('PATCH', `/api/exchanges/${exchange.id}`, {
        token: participant.token,
        body: { title: 'Edited by a participant' },
      });
      expect(byParticipant.status).toBe(403);
      expect(byParticipant.body.code).toBe('FORBIDDEN');
      expect(await exchangeRow(exchange.id)).toEqual(before);
      expect(before.title).toBe('Edited by the admin');
    });
  });

  describe('members', () => {
    it('a host adds members, changes roles and removes them; each person is told', async () => {
      const exchange = await createExchange(http, coordinator, { title: 'Members exchange' });
      const host = await createPerson(t.dataSource, http, { displayName: 'Hana Host' });
      const person = await createPerson(t.dataSource, http, { displayName: 'Pia Participant' });
      await addMember(http, coordinator, exchange.id, host, 'host');

      const added = await http('POST', `/api/exchanges/${exchange.id}/members`, {
        token: host.token,
        body: { practitionerId: person.id, role: 'participant' },
      });
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({
        person: { id: person.id, displayName: 'Pia Participant', timeZone: 'UTC' },
        role: 'participant',
      });
      let inbox = await inboxOf(http, person);
      expect(inbox[0]).toMatchObject({
        kind: 'exchange-member-added',
        data: { exchangeId: exchange.id, exchangeTitle: 'Members exchange', role: 'participant' },
        readAt: null,
      });
      expect(inbox[0]!.text).toContain('Members exchange');

      const again = await http('POST', `/api/exchanges/${exchange.id}/members`, {
        token: host.token,
        body: { practitionerId: person.id, role: 'observer' },
      });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('CONFLICT');

      const changed = await http('PATCH', `/api/exchanges/${exchange.id}/members/${person.id}`, {
        token: host.token,
        body: { role: 'observer' },
      });
      expect(changed.status).toBe(200);
      expect(changed.body.role).toBe('observer');
      inbox = await inboxOf(http, person);
      expect(inbox[0]).toMatchObject({
        kind: 'exchange-role-changed',
        data: { exchangeId: exchange.id, role: 'observer', previousRole: 'participant' },
      });

      const members = await get(person, `/api/exchanges/${exchange.id}/members`);
      expect(members.status).toBe(200);
      expect(
        members.body.map((m: { person: { id: string }; role: string }) => [m.person.id, m.role]),
      ).toEqual([
        // Hosts first, then by name.
        [coordinator.id, 'host'],
        [host.id, 'host'],
        [person.id, 'observer'],
      ]);

      const removed = await http('DELETE', `/api/exchanges/${exchange.id}/members/${person.id}`, {
        token: host.token,
        body: { reason: 'The project ended' },
      });
      expect(removed.status).toBe(204);
      inbox = await inboxOf(http, person);
      expect(inbox[0]).toMatchObject({
        kind: 'exchange-member-removed',
        data: { exchangeId: exchange.id },
      });
      expect(inbox.map((n) => n.kind)).toEqual([
        'exchange-member-removed',
        'exchange-role-changed',
        'exchange-member-added',
      ]);
      const after = await get(person, `/api/exchanges/${exchange.id}/members`);
      expect(after.status).toBe(403);
      expect(after.body.code).toBe('FORBIDDEN');
    });

    it('a member may leave on their own (no notification); the last host may not step down', async () => {
      const exchange = await createExchange(http, coordinator, { title: 'Leaving exchange' });
      const member = await createPerson(t.dataSource, http);
      await addMember(http, coordinator, exchange.id, member, 'participant');
      const left = await http('DELETE', `/api/exchanges/${exchange.id}/members/${member.id}`, {
        token: member.token,
      });
      expect(left.status).toBe(204);
      expect((await inboxOf(http, member)).map((n) => n.kind)).toEqual(['exchange-member-added']);
      expect((await exchangeRow(exchange.id)).members).toEqual([
        { id: coordinator.id, role: 'host' },
      ]);

      const before = await exchangeRow(exchange.id);
      const demote = await http(
        'PATCH',
        `/api/exchanges/${exchange.id}/members/${coordinator.id}`,
        { token: coordinator.token, body: { role: 'participant' } },
      );
      expect(demote.status).toBe(409);
      expect(demote.body.code).toBe('CONFLICT');
      const leave = await http(
        'DELETE',
        `/api/exchanges/${exchange.id}/members/${coordinator.id}`,
        {
          token: coordinator.token,
        },
      );
      expect(leave.status).toBe(409);
      expect(await exchangeRow(exchange.id)).toEqual(before);
    });
  });

  it("reads a person's exchanges in SQL, by the members table's names as the entity has them", async () => {
    // The practice search's statements (built without a DataSource) write these names out.
    expect(exchangeMemberSqlNames(t.dataSource)).toMatchObject(EXCHANGE_MEMBER_SQL_NAMES);
    const person = await createPerson(t.dataSource, http);
    const first = await createExchange(http, coordinator);
    const second = await createExchange(http, coordinator);
    await addMember(http, coordinator, first.id, person, 'participant');
    await addMember(http, coordinator, second.id, person, 'observer');
    const idsOf = async (id: string) =>
      (
        (await t.dataSource.query(`SELECT ${exchangeIdsOfMemberSql('$1')} AS ids`, [id])) as [
          { ids: string[] },
        ]
      )[0].ids.sort();
    expect(await idsOf(person.id)).toEqual([first.id, second.id].sort());
    expect(await idsOf(randomUUID())).toEqual([]);
  });

  describe('asking to join', () => {
    it('hosts are told of a request; approving makes the person a member and tells them', async () => {
      const exchange = await createExchange(http, coordinator, {
        title: 'Join me',
        status: 'active',
      });
      const cohost = await createPerson(t.dataSource, http);
      await addMember(http, coordinator, exchange.id, cohost, 'host');
      const participant = await createPerson(t.dataSource, http);
      await addMember(http, coordinator, exchange.id, participant, 'participant');
      const asker = await createPerson(t.dataSource, http, { displayName: 'Ada Asker' });

      const ask = await http('POST', `/api/exchanges/${exchange.id}/join-requests`, {
        token: asker.token,
        body: { message: 'We run a similar programme in Aarhus.' },
      });
      expect(ask.status).toBe(201);
      expect(ask.body).toMatchObject({
        exchangeId: exchange.id,
        person: { id: asker.id, displayName: 'Ada Asker' },
        message: 'We run a similar programme in Aarhus.',
        status: 'pending',
        decidedAt: null,
      });
      for (const host of [coordinator, cohost]) {
        const [latest] = await inboxOf(http, host);
        expect(latest).toMatchObject({
          kind: 'join-requested',
          data: {
            exchangeId: exchange.id,
            joinRequestId: ask.body.id,
            requesterId: asker.id,
            requesterName: 'Ada Asker',
          },
        });
        expect(latest!.text).toContain('Ada Asker');
      }
      // Participants are not told.
      expect((await inboxOf(http, participant)).map((n) => n.kind)).not.toContain('join-requested');

      const overview = await get(asker, `/api/exchanges/${exchange.id}`);
      expect(overview.body).toMatchObject({ myRole: null, myJoinRequestPending: true });
      const twice = await http('POST', `/api/exchanges/${exchange.id}/join-requests`, {
        token: asker.token,
        body: {},
      });
      expect(twice.status).toBe(409);
      expect(twice.body.code).toBe('CONFLICT');

      const pending = await get(cohost, `/api/exchanges/${exchange.id}/join-requests`);
      expect(pending.body.map((r: { id: string }) => r.id)).toEqual([ask.body.id]);

      const approved = await http(
        'POST',
        `/api/exchanges/${exchange.id}/join-requests/${ask.body.id}/approve`,
        { token: cohost.token, body: { role: 'observer' } },
      );
      expect(approved.status).toBe(200);
      expect(approved.body.status).toBe('approved');
      expect(approved.body.decidedAt).not.toBeNull();
      const [decision] = await inboxOf(http, asker);
      expect(decision).toMatchObject({
        kind: 'join-decided',
        data: { exchangeId: exchange.id, approved: true, role: 'observer' },
      });
      const members = await get(asker, `/api/exchanges/${exchange.id}/members`);
      expect(members.status).toBe(200);
      expect(
        members.body.find((m: { person: { id: string } }) => m.person.id === asker.id).role,
      ).toBe('observer');
      expect((await get(cohost, `/api/exchanges/${exchange.id}/join-requests`)).body).toEqual([]);
      expect(
        (await get(cohost, `/api/exchanges/${exchange.id}/join-requests?status=approved`)).body.map(
          (r: { id: string }) => r.id,
        ),
      ).toEqual([ask.body.id]);

      // Deciding twice is a conflict and changes nothing.
      const before = await exchangeRow(exchange.id);
      const again = await http(
        'POST',
        `/api/exchanges/${exchange.id}/join-requests/${ask.body.id}/decline`,
        { token: coordinator.token, body: {} },
      );
      expect(again.status).toBe(409);
      expect(await exchangeRow(exchange.id)).toEqual(before);
    });

    it('declining tells the person without naming who declined, and leaves them outside', async () => {
      const exchange = await createExchange(http, coordinator, { title: 'Decline me' });
      const asker = await createPerson(t.dataSource, http);
      const ask = await http('POST', `/api/exchanges/${exchange.id}/join-requests`, {
        token: asker.token,
        body: {},
      });
      expect(ask.status).toBe(201);
      const declined = await http(
        'POST',
        `/api/exchanges/${exchange.id}/join-requests/${ask.body.id}/decline`,
        { token: coordinator.token, body: {} },
      );
      expect(declined.status).toBe(200);
      expect(declined.body.status).toBe('declined');
      const [decision] = await inboxOf(http, asker);
      expect(decision).toMatchObject({
        kind: 'join-decided',
        data: { exchangeId: exchange.id, approved: false, role: null },
      });
      expect(decision!.text).not.toContain('Cora');
      expect((await get(asker, `/api/exchanges/${exchange.id}/members`)).status).toBe(403);
      // They may ask again later, not at once: the hosts are not asked again and again.
      const hostInboxBefore = (await inboxOf(http, coordinator)).length;
      const atOnce = await http('POST', `/api/exchanges/${exchange.id}/join-requests`, {
        token: asker.token,
        body: {},
      });
      expect(atOnce.status).toBe(429);
      expect(atOnce.body.code).toBe('RATE_LIMITED');
      const retryAfter = Number(atOnce.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(6 * 86_400);
      expect(retryAfter).toBeLessThanOrEqual(7 * 86_400);
      expect((await inboxOf(http, coordinator)).length).toBe(hostInboxBefore);
      // A week later (the decision moved back eight days), they may.
      await t.dataSource.query(
        `UPDATE join_requests SET decided_at = decided_at - interval '8 days' WHERE id = $1`,
        [ask.body.id],
      );
      const again = await http('POST', `/api/exchanges/${exchange.id}/join-requests`, {
        token: asker.token,
        body: {},
      });
      expect(again.status).toBe(201);
    });
  });

  describe('bad input: typed 4xx, nothing changed', () => {
    it('refuses unknown cities, themes, values outside the sets and unknown fields on create', async () => {
      const valid = { title: 'A valid exchange', cityIds: [rotterdam.id], attribution: 'named' };
      const cases: Array<[Record<string, unknown>, string, unknown?]> = [
        [{ cityIds: [randomUUID()] }, 'cityIds'],
        [{ cityIds: ['not-a-uuid'] }, 'cityIds'],
        [{ themes: ['no-such-theme'] }, 'themes', { unknownThemes: ['no-such-theme'] }],
        [{ status: 'archived' }, 'status'],
        [{ attribution: 'anonymous' }, 'attribution'],
        [{ attribution: undefined }, 'attribution'],
        [{ title: 'ab' }, 'title'],
        [{ secret: true }, 'secret'],
        [{ createdById: admin.id }, 'createdById'],
      ];
      const exchangesBefore = await countExchanges();
      for (const [patch, field, details] of cases) {
        const res = await http('POST', '/api/exchanges', {
          token: coordinator.token,
          body: { ...valid, ...patch },
        });
        expect({ patch, status: res.status, code: res.body.code }).toEqual({
          patch,
          status: 400,
          code: 'VALIDATION_FAILED',
        });
        expect(res.body.message).toContain(field);
        if (details) expect(res.body.details).toEqual(details);
      }
      const unknownCity = randomUUID();
      const res = await http('POST', '/api/exchanges', {
        token: coordinator.token,
        body: { ...valid, cityIds: [rotterdam.id, unknownCity] },
      });
      expect(res.body.details).toEqual({ unknownCities: [unknownCity] });
      expect(await countExchanges()).toBe(exchangesBefore);
    });

    it('refuses bad edits and member changes, and changes nothing', async () => {
      const exchange = await createExchange(http, coordinator, {
        title: 'Stable exchange',
        themes: ['online-hate'],
        cityIds: [rotterdam.id],
      });
      const member = await createPerson(t.dataSource, http);
      await addMember(http, coordinator, exchange.id, member, 'participant');
      const suspended = await createPerson(t.dataSource, http, { status: 'suspended' });
      const before = await exchangeRow(exchange.id);
      const notificationsBefore = await countNotifications();
      const base = `/api/exchanges/${exchange.id}`;
      const cases: Array<[string, string, unknown, number, string]> = [
        ['PATCH', base, { cityIds: [randomUUID()] }, 400, 'VALIDATION_FAILED'],
        ['PATCH', base, { themes: ['online-hate', 'nope'] }, 400, 'VALIDATION_FAILED'],
        ['PATCH', base, { title: 'Half', status: 'finished' }, 400, 'VALIDATION_FAILED'],
        ['PATCH', base, { title: null }, 400, 'VALIDATION_FAILED'],
        ['PATCH', base, { title: 'New title', hosts: [] }, 400, 'VALIDATION_FAILED'],
        ['PATCH', `/api/exchanges/${randomUUID()}`, { title: 'Ghost' }, 404, 'NOT_FOUND'],
        ['PATCH', '/api/exchanges/not-a-uuid', { title: 'Ghost' }, 400, 'VALIDATION_FAILED'],
        [
          'POST',
          `${base}/members`,
          { practitionerId: randomUUID(), role: 'participant' },
          400,
          'VALIDATION_FAILED',
        ],
        [
          'POST',
          `${base}/members`,
          { practitionerId: suspended.id, role: 'participant' },
          400,
          'VALIDATION_FAILED',
        ],
        [
          'POST',
          `${base}/members`,
          { practitionerId: admin.id, role: 'moderator' },
          400,
          'VALIDATION_FAILED',
        ],
        [
          'POST',
          `${base}/members`,
          { practitionerId: admin.id, role: 'participant', note: 'hi' },
          400,
          'VALIDATION_FAILED',
        ],
        ['PATCH', `${base}/members/${member.id}`, { role: 'owner' }, 400, 'VALIDATION_FAILED'],
        ['PATCH', `${base}/members/${member.id}`, {}, 400, 'VALIDATION_FAILED'],
        ['PATCH', `${base}/members/${randomUUID()}`, { role: 'observer' }, 404, 'NOT_FOUND'],
        ['DELETE', `${base}/members/${randomUUID()}`, undefined, 404, 'NOT_FOUND'],
        [
          'POST',
          `${base}/join-requests/${randomUUID()}/approve`,
          { role: 'host' },
          400,
          'VALIDATION_FAILED',
        ],
        ['POST', `${base}/join-requests/${randomUUID()}/approve`, {}, 404, 'NOT_FOUND'],
        ['POST', `${base}/join-requests`, { message: 'x'.repeat(1001) }, 400, 'VALIDATION_FAILED'],
      ];
      const problems: string[] = [];
      for (const [method, path, body, status, code] of cases) {
        const res = await http(method, path, { token: coordinator.token, body });
        if (res.status !== status || res.body?.code !== code)
          problems.push(
            `${method} ${path} ${JSON.stringify(body)}: ${res.status} ${JSON.stringify(res.body)}`,
          );
      }
      expect(problems).toEqual([]);
      expect(await exchangeRow(exchange.id)).toEqual(before);
      expect(await countNotifications()).toBe(notificationsBefore);
    });
  });
});
