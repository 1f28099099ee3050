import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import type { ExchangeRole, Page } from '#libs/contracts';
import {
  type Actor,
  ConflictError,
  RateLimitedError,
  DomainEvents,
  ForbiddenError,
  hasNetworkRole,
  NotFoundError,
  ValidationFailedError,
  pageBy,
} from '#libs/common';
import { City } from '#libs/cities';
import { ModerationService } from '#libs/moderation';
import { NotificationsService } from '#libs/notifications';
import { Practitioner } from '#libs/practitioners';
import { AppConfig, APP_CONFIG } from '#libs/config';
import { themeSqlNames, ThemesService } from '#libs/themes';
import type {
  AddMemberDto,
  CreateExchangeDto,
  ListExchangesQuery,
  UpdateExchangeDto,
} from './dto/exchange.dto.js';
import { ExchangeMember } from './entities/exchange-member.entity.js';
import { Exchange } from './entities/exchange.entity.js';
import { JoinRequest } from './entities/join-request.entity.js';
import { ExchangeAccess, type ExchangeContext } from './exchange-access.service.js';
import { ExchangeContent } from './exchange-content.js';
import { ExchangeVisits } from './exchange-visits.service.js';
import type { ExchangeFacts } from './exchange.presenter.js';
import { canInExchange } from './exchanges.policy.js';

const ROLE_LABEL: Record<ExchangeRole, string> = {
  host: 'host',
  participant: 'participant',
  observer: 'observer',
};

@Injectable()
export class ExchangesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Exchange) private readonly exchanges: Repository<Exchange>,
    @InjectRepository(ExchangeMember) private readonly members: Repository<ExchangeMember>,
    @InjectRepository(JoinRequest) private readonly joinRequests: Repository<JoinRequest>,
    private readonly access: ExchangeAccess,
    private readonly themes: ThemesService,
    private readonly notifications: NotificationsService,
    private readonly events: DomainEvents,
    private readonly content: ExchangeContent,
    private readonly moderation: ModerationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly visits: ExchangeVisits,
  ) {}

  async list(actor: Actor, query: ListExchangesQuery): Promise<Page<Exchange>> {
    // A page of ids first (filters and keyset), then the exchanges with their relations.
    const ids = this.exchanges
      .createQueryBuilder('x')
      .select(['x.id', 'x.createdAt'])
      .where('true');
    if (query.status) ids.andWhere('x.status = :status', { status: query.status });
    if (query.theme) {
      const th = themeSqlNames(this.dataSource);
      ids.andWhere(
        `EXISTS (SELECT 1 FROM exchange_themes et JOIN ${th.table} t ON t.${th.id} = et.theme_id
                  WHERE et.exchange_id = x.id AND t.${th.slug} = :theme)`,
        { theme: query.theme },
      );
    }
    if (query.cityId)
      ids.andWhere(
        'EXISTS (SELECT 1 FROM exchange_cities ec WHERE ec.exchange_id = x.id AND ec.city_id = :cityId)',
        { cityId: query.cityId },
      );
    if (query.mine === 'true')
      ids.andWhere(
        'EXISTS (SELECT 1 FROM exchange_members em WHERE em.exchange_id = x.id AND em.practitioner_id = :me)',
        { me: actor.id },
      );
    const page = await pageBy(
      ids,
      {
        key: 'x.created_at',
        id: 'x.id',
        direction: 'DESC',
        instant: true,
        positionOf: (e) => ({ key: e.createdAt.toISOString(), id: e.id }),
      },
      query,
      20,
    );
    const pageIds = page.items.map((x) => x.id);
    if (pageIds.length === 0) return page;
    const rows = await this.exchanges
      .createQueryBuilder('e')
      .leftJoinAndSelect('e.themes', 'theme')
      .leftJoinAndSelect('e.cities', 'city')
      .where('e.id IN (:...pageIds)', { pageIds })
      .getMany();
    rows.sort((a, b) => pageIds.indexOf(a.id) - pageIds.indexOf(b.id));
    return { items: rows, nextCursor: page.nextCursor };
  }

  /** Hosts, member counts and the actor's own standing, for a set of exchanges in three queries. */
  async factsFor(actor: Actor, exchanges: Exchange[]): Promise<Map<string, ExchangeFacts>> {
    const ids = exchanges.map((e) => e.id);
    const facts = new Map<string, ExchangeFacts>(
      ids.map((id) => [
        id,
        { hosts: [], memberCount: 0, myRole: null, myJoinRequestPending: false },
      ]),
    );
    if (ids.length === 0) return facts;
    const hosts = await this.members
      .createQueryBuilder('m')
      .leftJoinAndSelect('m.practitioner', 'p')
      .leftJoinAndSelect('p.city', 'city')
      .where('m.exchange_id IN (:...ids) AND m.role = :host', { ids, host: 'host' })
      .orderBy('p.display_name')
      .getMany();
    for (const host of hosts) facts.get(host.exchangeId)!.hosts.push(host.practitioner);
    const counts = (await this.dataSource.query(
      `SELECT exchange_id, count(*)::int AS n,
              max(CASE WHEN practitioner_id = $2 THEN role END) AS my_role
         FROM exchange_members WHERE exchange_id = ANY($1) GROUP BY exchange_id`,
      [ids, actor.id],
    )) as Array<{ exchange_id: string; n: number; my_role: ExchangeRole | null }>;
    for (const row of counts) {
      const f = facts.get(row.exchange_id)!;
      f.memberCount = row.n;
      f.myRole = row.my_role;
    }
    const pending = await this.joinRequests.find({
      where: { exchangeId: In(ids), practitionerId: actor.id, status: 'pending' },
      select: { exchangeId: true, id: true },
      loadEagerRelations: false,
    });
    for (const request of pending) facts.get(request.exchangeId)!.myJoinRequestPending = true;
    return facts;
  }

  get(actor: Actor, id: string): Promise<ExchangeContext> {
    return this.access.require(actor, id, 'list');
  }

  /** The exchange as the actor opens it: a member's opening is their visit (see the home page). */
  async open(actor: Actor, id: string): Promise<ExchangeContext> {
    const context = await this.get(actor, id);
    if (context.role) await this.visits.record(actor.id, id);
    return context;
  }

  /**
   * Pending requests to join, oldest first, in the exchanges the actor manages: those they host,
   * or all for coordinators (as `canInExchange(…, 'manage', …)` decides).
   */
  async openJoinRequests(
    actor: Actor,
    limit: number,
  ): Promise<{ items: Array<{ request: JoinRequest; exchange: Exchange }>; total: number }> {
    const qb = this.joinRequests
      .createQueryBuilder('r')
      .leftJoinAndSelect('r.practitioner', 'p')
      .leftJoinAndSelect('p.city', 'city')
      .where('r.status = :pending', { pending: 'pending' })
      .orderBy('r.createdAt', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .take(limit);
    if (!hasNetworkRole(actor, 'coordinator')) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM exchange_members h
                  WHERE h.exchange_id = r.exchange_id AND h.practitioner_id = :me AND h.role = 'host')`,
        { me: actor.id },
      );
    }
    const [requests, total] = await qb.getManyAndCount();
    const exchanges = await this.refsOf(requests.map((r) => r.exchangeId));
    return {
      items: requests.map((request) => ({ request, exchange: exchanges.get(request.exchangeId)! })),
      total,
    };
  }

  /** Planned and active exchanges (no themes or cities), oldest first. */
  plannedOrActive(): Promise<Exchange[]> {
    return this.exchanges.find({
      where: { status: In(['planned', 'active']) },
      select: { id: true, title: true, status: true, createdAt: true },
      order: { createdAt: 'ASC', id: 'ASC' },
      loadEagerRelations: false,
    });
  }

  async create(actor: Actor, input: CreateExchangeDto): Promise<Exchange> {
    if (!canInExchange(actor, 'create', null))
      throw new ForbiddenError('Only coordinators and admins create exchanges.');
    const themes = await this.themes.resolveSlugs(input.themes ?? []);
    const id = await this.dataSource.transaction(async (manager) => {
      const cities = await this.resolveCities(manager, input.cityIds);
      const exchange = manager.create(Exchange, {
        title: input.title.trim(),
        description: input.description ?? '',
        status: input.status ?? 'planned',
        leftPlannedAt: (input.status ?? 'planned') === 'planned' ? null : new Date(),
        attribution: input.attribution,
        themes,
        cities,
        createdById: actor.id,
      });
      const saved = await manager.save(exchange);
      // The creator hosts the exchange until they hand it over.
      await manager.insert(ExchangeMember, {
        exchangeId: saved.id,
        practitionerId: actor.id,
        role: 'host',
        addedById: actor.id,
      });
      return saved.id;
    });
    return this.exchanges.findOneByOrFail({ id });
  }

  async update(actor: Actor, id: string, input: UpdateExchangeDto): Promise<Exchange> {
    const { exchange } = await this.access.require(actor, id, 'manage');
    // Once an exchange has begun it never goes back to planned (that would unlock the rule).
    if (input.status === 'planned' && exchange.leftPlannedAt !== null)
      throw new ConflictError('An exchange that has begun cannot go back to planned.');
    if (input.attribution !== undefined && input.attribution !== exchange.attribution) {
      // People spoke under the current rule: fixed once the exchange began or holds any word.
      if (exchange.leftPlannedAt !== null || (await this.content.anyHeld(id)))
        throw new ConflictError(
          'The attribution rule can only change while the exchange is planned and nobody has spoken in it: people spoke under the current rule.',
        );
    }
    await this.dataSource.transaction(async (manager) => {
      if (input.title !== undefined) exchange.title = input.title.trim();
      if (input.description !== undefined) exchange.description = input.description;
      if (input.status !== undefined) exchange.status = input.status;
      if (exchange.status !== 'planned') exchange.leftPlannedAt ??= new Date();
      if (input.attribution !== undefined) exchange.attribution = input.attribution;
      if (input.themes !== undefined)
        exchange.themes = await this.themes.resolveSlugs(input.themes);
      if (input.cityIds !== undefined)
        exchange.cities = await this.resolveCities(manager, input.cityIds);
      await manager.save(exchange);
    });
    return this.exchanges.findOneByOrFail({ id });
  }

  async membersOf(actor: Actor, id: string): Promise<ExchangeMember[]> {
    await this.access.require(actor, id, 'read-content');
    return this.access.membersOf(id);
  }

  async addMember(actor: Actor, id: string, input: AddMemberDto): Promise<ExchangeMember> {
    const { exchange } = await this.access.require(actor, id, 'manage');
    await this.dataSource.transaction(async (manager) => {
      const person = await manager.findOne(Practitioner, {
        where: { id: input.practitionerId },
        loadEagerRelations: false,
      });
      if (!person || person.status !== 'active')
        throw new ValidationFailedError(
          'practitionerId: no active member of the network has this id',
        );
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(ExchangeMember)
        .values({
          exchangeId: id,
          practitionerId: input.practitionerId,
          role: input.role,
          addedById: actor.id,
        })
        .orIgnore()
        .returning(['practitioner_id'])
        .execute();
      if ((inserted.raw as unknown[]).length === 0) {
        throw new ConflictError(`${person.displayName} is already a member of this exchange.`);
      }
      // A pending request from the same person is settled by adding them.
      await manager.update(
        JoinRequest,
        { exchangeId: id, practitionerId: input.practitionerId, status: 'pending' },
        { status: 'approved', decidedById: actor.id, decidedAt: new Date() },
      );
      await this.notifications.notify(
        [input.practitionerId],
        {
          kind: 'exchange-member-added',
          text: `You were added to "${exchange.title}" as ${ROLE_LABEL[input.role]}.`,
          data: { exchangeId: id, exchangeTitle: exchange.title, role: input.role },
        },
        manager,
      );
    });
    await this.events.emit('exchange.membership-changed', {
      exchangeId: id,
      practitionerId: input.practitionerId,
      change: 'added',
    });
    return this.memberOrFail(id, input.practitionerId);
  }

  async changeRole(
    actor: Actor,
    id: string,
    practitionerId: string,
    role: ExchangeRole,
  ): Promise<ExchangeMember> {
    const { exchange } = await this.access.require(actor, id, 'manage');
    const changed = await this.dataSource.transaction(async (manager) => {
      const member = await this.lockMember(manager, id, practitionerId);
      if (member.role === role) return false;
      if (member.role === 'host' && role !== 'host')
        await this.assertAnotherHost(manager, id, practitionerId);
      await manager.update(ExchangeMember, { exchangeId: id, practitionerId }, { role });
      await this.notifications.notify(
        [practitionerId],
        {
          kind: 'exchange-role-changed',
          text: `Your role in "${exchange.title}" is now ${ROLE_LABEL[role]}.`,
          data: { exchangeId: id, exchangeTitle: exchange.title, role, previousRole: member.role },
        },
        manager,
      );
      return true;
    });
    // Open connections gain or lose moderator channels and the right to type, on every node.
    if (changed)
      await this.events.emit('exchange.membership-changed', {
        exchangeId: id,
        practitionerId,
        change: 'role-changed',
      });
    return this.memberOrFail(id, practitionerId);
  }

  /**
   * Hosts and coordinators remove anyone, saying why (audited, and told to the person without
   * naming who removed them); every member may leave.
   */
  async removeMember(
    actor: Actor,
    id: string,
    practitionerId: string,
    reason?: string,
  ): Promise<void> {
    const leaving = practitionerId === actor.id;
    const { exchange } = await this.access.require(actor, id, leaving ? 'leave' : 'manage');
    const afterCommit = await this.dataSource.transaction(async (manager) => {
      if (leaving) {
        const member = await this.lockMember(manager, id, practitionerId);
        if (member.role === 'host') await this.assertAnotherHost(manager, id, practitionerId);
        await manager.delete(ExchangeMember, { exchangeId: id, practitionerId });
        return () => this.membershipEnded(id, practitionerId);
      }
      // A missing member answers 404 before a missing reason does.
      await this.lockMember(manager, id, practitionerId);
      if (!reason)
        throw new ValidationFailedError(
          'reason: say why this member is removed (3–500 characters)',
        );
      return this.removeMemberIn(manager, actor, id, practitionerId, reason, exchange.title);
    });
    await afterCommit();
  }

  /**
   * A host or coordinator removes a member, saying why, in the caller's transaction (the review
   * queue's decisions use it too): audited, and told to the person without naming who removed
   * them. Returns what to do after the commit (drop the person's open connections).
   */
  async removeMemberIn(
    manager: EntityManager,
    actor: Actor,
    id: string,
    practitionerId: string,
    reason: string,
    title?: string,
  ): Promise<() => Promise<void>> {
    const exchangeTitle = title ?? (await this.access.require(actor, id, 'manage')).exchange.title;
    const member = await this.lockMember(manager, id, practitionerId);
    if (member.role === 'host') await this.assertAnotherHost(manager, id, practitionerId);
    await manager.delete(ExchangeMember, { exchangeId: id, practitionerId });
    await this.moderation.record(manager, {
      actor,
      exchangeId: id,
      subject: { type: 'member', id: practitionerId },
      targetId: practitionerId,
      action: 'remove-from-exchange',
      reason,
      notify: false, // told below, in the exchange's own words
    });
    await this.notifications.notify(
      [practitionerId],
      {
        kind: 'exchange-member-removed',
        text: `You are no longer a member of "${exchangeTitle}". Reason: ${reason}`,
        data: { exchangeId: id, exchangeTitle, reason },
      },
      manager,
    );
    return () => this.membershipEnded(id, practitionerId);
  }

  /** Live rooms drop the person's open connections from this exchange's rooms, on every node. */
  private membershipEnded(exchangeId: string, practitionerId: string): Promise<void> {
    return this.events.emit('exchange.membership-changed', {
      exchangeId,
      practitionerId,
      change: 'removed',
    });
  }

  async requestToJoin(actor: Actor, id: string, message: string): Promise<JoinRequest> {
    const { exchange, role } = await this.access.context(actor, id);
    if (role) throw new ConflictError('You are already a member of this exchange.');
    if (!canInExchange(actor, 'request-to-join', role, exchange.status)) {
      throw new ConflictError('This exchange has concluded and takes no new members.');
    }
    await this.assertNoRecentDecline(id, actor.id);
    const requestId = await this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(JoinRequest)
        .values({
          exchangeId: id,
          practitionerId: actor.id,
          message: message.trim(),
          status: 'pending',
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      const row = (inserted.raw as Array<{ id: string }>)[0];
      if (!row) throw new ConflictError('You have already asked to join; the hosts will decide.');
      const requester = await manager.findOneOrFail(Practitioner, { where: { id: actor.id } });
      await this.notifications.notify(
        await this.access.hostIds(id, manager),
        {
          kind: 'join-requested',
          text: `${requester.displayName} asks to join "${exchange.title}".`,
          data: {
            exchangeId: id,
            exchangeTitle: exchange.title,
            joinRequestId: row.id,
            requesterId: actor.id,
            requesterName: requester.displayName,
          },
        },
        manager,
      );
      return row.id;
    });
    return this.joinRequests.findOneByOrFail({ id: requestId });
  }

  async joinRequestsOf(
    actor: Actor,
    id: string,
    status: JoinRequest['status'],
  ): Promise<JoinRequest[]> {
    await this.access.require(actor, id, 'manage');
    return this.joinRequests.find({
      where: { exchangeId: id, status },
      order: { createdAt: 'ASC' },
    });
  }

  async decide(
    actor: Actor,
    id: string,
    requestId: string,
    approve: boolean,
    role: 'participant' | 'observer' = 'participant',
  ): Promise<JoinRequest> {
    const { exchange } = await this.access.require(actor, id, 'manage');
    await this.dataSource.transaction(async (manager) => {
      const request = await manager
        .getRepository(JoinRequest)
        .createQueryBuilder('r')
        .setLock('pessimistic_write')
        .where('r.id = :requestId AND r.exchange_id = :id', { requestId, id })
        .getOne();
      if (!request) throw new NotFoundError('Join request');
      if (request.status !== 'pending')
        throw new ConflictError(`This request was already ${request.status}.`);
      await manager.update(JoinRequest, requestId, {
        status: approve ? 'approved' : 'declined',
        decidedById: actor.id,
        decidedAt: new Date(),
      });
      if (approve) {
        await manager
          .createQueryBuilder()
          .insert()
          .into(ExchangeMember)
          .values({
            exchangeId: id,
            practitionerId: request.practitionerId,
            role,
            addedById: actor.id,
          })
          .orIgnore()
          .execute();
      }
      // Neutral wording: the decision comes from "the hosts", never a named person.
      await this.notifications.notify(
        [request.practitionerId],
        {
          kind: 'join-decided',
          text: approve
            ? `The hosts of "${exchange.title}" welcomed you as ${ROLE_LABEL[role]}.`
            : `The hosts of "${exchange.title}" declined your request to join.`,
          data: {
            exchangeId: id,
            exchangeTitle: exchange.title,
            approved: approve,
            role: approve ? role : null,
          },
        },
        manager,
      );
    });
    if (approve)
      await this.events.emit('exchange.membership-changed', {
        exchangeId: id,
        practitionerId: (await this.joinRequests.findOneByOrFail({ id: requestId })).practitionerId,
        change: 'added',
      });
    return this.joinRequests.findOneByOrFail({ id: requestId });
  }

  /** A declined person may ask again only after a cool-down, so hosts are not flooded. */
  private async assertNoRecentDecline(exchangeId: string, practitionerId: string): Promise<void> {
    const cooldownMs = this.config.JOIN_REQUEST_COOLDOWN_DAYS * 86_400_000;
    if (cooldownMs === 0) return;
    const [latest] = await this.joinRequests.find({
      where: { exchangeId, practitionerId, status: 'declined' },
      order: { decidedAt: 'DESC' },
      take: 1,
      loadEagerRelations: false,
    });
    const askAgainAt = (latest?.decidedAt?.getTime() ?? 0) + cooldownMs;
    if (askAgainAt > Date.now())
      throw new RateLimitedError(
        Math.ceil((askAgainAt - Date.now()) / 1000),
        `The hosts declined your last request; you can ask again from ${new Date(askAgainAt).toISOString()}.`,
      );
  }

  private async refsOf(ids: string[]): Promise<Map<string, Exchange>> {
    if (ids.length === 0) return new Map();
    const rows = await this.exchanges.find({
      where: { id: In([...new Set(ids)]) },
      select: { id: true, title: true, status: true },
      loadEagerRelations: false,
    });
    return new Map(rows.map((e) => [e.id, e]));
  }

  private async resolveCities(manager: EntityManager, cityIds: string[]): Promise<City[]> {
    if (cityIds.length === 0) return [];
    const cities = await manager.findBy(City, { id: In(cityIds) });
    const missing = cityIds.filter((cid) => !cities.some((c) => c.id === cid && !c.archivedAt));
    if (missing.length > 0)
      throw new ValidationFailedError(`cityIds: unknown or archived city ${missing.join(', ')}`, {
        unknownCities: missing,
      });
    return cities;
  }

  private async lockMember(
    manager: EntityManager,
    exchangeId: string,
    practitionerId: string,
  ): Promise<ExchangeMember> {
    // Lock the exchange's member rows so two concurrent demotions cannot remove the last host.
    await manager.query('SELECT 1 FROM exchanges WHERE id = $1 FOR UPDATE', [exchangeId]);
    const member = await manager.findOne(ExchangeMember, {
      where: { exchangeId, practitionerId },
      loadEagerRelations: false,
    });
    if (!member) throw new NotFoundError('Exchange member');
    return member;
  }

  private async assertAnotherHost(
    manager: EntityManager,
    exchangeId: string,
    practitionerId: string,
  ): Promise<void> {
    const [{ n }] = (await manager.query(
      `SELECT count(*)::int AS n FROM exchange_members WHERE exchange_id = $1 AND role = 'host' AND practitioner_id <> $2`,
      [exchangeId, practitionerId],
    )) as [{ n: number }];
    if (n === 0)
      throw new ConflictError('An exchange needs at least one host: make someone else host first.');
  }

  private async memberOrFail(exchangeId: string, practitionerId: string): Promise<ExchangeMember> {
    const member = await this.members
      .createQueryBuilder('m')
      .leftJoinAndSelect('m.practitioner', 'p')
      .leftJoinAndSelect('p.city', 'city')
      .where('m.exchange_id = :exchangeId AND m.practitioner_id = :practitionerId', {
        exchangeId,
        practitionerId,
      })
      .getOne();
    if (!member) throw new NotFoundError('Exchange member');
    return member;
  }
}
