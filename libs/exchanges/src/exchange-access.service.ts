// Looks up a person's role in an exchange and enforces the exchange policy; shared by every
// module whose content lives inside an exchange (sessions, later rooms and threads).
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { ExchangeRole } from '#libs/contracts';
import { type Actor, DomainError, NotFoundError } from '#libs/common';
import { ExchangeMember } from './entities/exchange-member.entity.js';
import { Exchange } from './entities/exchange.entity.js';
import { canInExchange, type ExchangeAction } from './exchanges.policy.js';

export class NotAnExchangeMemberError extends DomainError {
  constructor() {
    super('FORBIDDEN', 403, "Only this exchange's members can see its content.");
  }
}

export class NotAnExchangeHostError extends DomainError {
  constructor() {
    super('FORBIDDEN', 403, "Only this exchange's hosts and coordinators can do this.");
  }
}

export interface ExchangeContext {
  exchange: Exchange;
  role: ExchangeRole | null;
}

@Injectable()
export class ExchangeAccess {
  constructor(
    @InjectRepository(Exchange) private readonly exchanges: Repository<Exchange>,
    @InjectRepository(ExchangeMember) private readonly members: Repository<ExchangeMember>,
  ) {}

  async roleOf(
    exchangeId: string,
    practitionerId: string,
    manager?: EntityManager,
  ): Promise<ExchangeRole | null> {
    const repo = manager ? manager.getRepository(ExchangeMember) : this.members;
    const row = await repo.findOne({
      where: { exchangeId, practitionerId },
      select: { role: true, exchangeId: true, practitionerId: true },
      loadEagerRelations: false,
    });
    return row?.role ?? null;
  }

  async context(actor: Actor, exchangeId: string): Promise<ExchangeContext> {
    const exchange = await this.exchanges.findOneBy({ id: exchangeId });
    if (!exchange) throw new NotFoundError('Exchange');
    return { exchange, role: await this.roleOf(exchangeId, actor.id) };
  }

  /** The exchange, if the actor may do `action` in it; a typed error otherwise. */
  async require(
    actor: Actor,
    exchangeId: string,
    action: ExchangeAction,
  ): Promise<ExchangeContext> {
    const context = await this.context(actor, exchangeId);
    if (!canInExchange(actor, action, context.role, context.exchange.status)) {
      throw action === 'manage' ? new NotAnExchangeHostError() : new NotAnExchangeMemberError();
    }
    return context;
  }

  async memberIds(exchangeId: string, manager?: EntityManager): Promise<string[]> {
    const repo = manager ? manager.getRepository(ExchangeMember) : this.members;
    const rows = await repo.find({
      where: { exchangeId },
      select: { practitionerId: true, exchangeId: true },
      loadEagerRelations: false,
    });
    return rows.map((r) => r.practitionerId);
  }

  async hostIds(exchangeId: string, manager?: EntityManager): Promise<string[]> {
    const repo = manager ? manager.getRepository(ExchangeMember) : this.members;
    const rows = await repo.find({
      where: { exchangeId, role: 'host' },
      select: { practitionerId: true, exchangeId: true },
      loadEagerRelations: false,
    });
    return rows.map((r) => r.practitionerId);
  }

  /** Members with their profiles, hosts first, then by name. */
  membersOf(exchangeId: string): Promise<ExchangeMember[]> {
    return this.members
      .createQueryBuilder('m')
      .leftJoinAndSelect('m.practitioner', 'p')
      .leftJoinAndSelect('p.city', 'city')
      .where('m.exchange_id = :exchangeId', { exchangeId })
      .orderBy(`CASE m.role WHEN 'host' THEN 0 WHEN 'participant' THEN 1 ELSE 2 END`)
      .addOrderBy('p.display_name')
      .getMany();
  }
}
