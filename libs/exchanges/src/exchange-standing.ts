// Tells the moderation library who stands where: a person's role in an exchange and their
// network role, who hosts what, exchange titles, and how a member is removed from an exchange
// (moderation imports no domain library; exchanges registers this at start).
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';
import type { NetworkRole } from '#libs/contracts';
import { MemberSanctions, ModerationService } from '#libs/moderation';
import { Practitioner } from '#libs/practitioners';
import { Exchange } from './entities/exchange.entity.js';
import { ExchangeMember } from './entities/exchange-member.entity.js';
import { ExchangeAccess } from './exchange-access.service.js';
import { ExchangesService } from './exchanges.service.js';

@Injectable()
export class ExchangeStandingForModeration implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ExchangeAccess,
    private readonly moderation: ModerationService,
    private readonly sanctions: MemberSanctions,
    private readonly exchanges: ExchangesService,
  ) {}

  onModuleInit(): void {
    this.moderation.useStanding({
      roleOf: (exchangeId, practitionerId, manager) =>
        this.access.roleOf(exchangeId, practitionerId, manager),
      networkRoleOf: async (practitionerId, manager?: EntityManager) => {
        const person = await (manager ?? this.dataSource.manager).findOne(Practitioner, {
          where: { id: practitionerId },
          select: { id: true, networkRole: true, status: true },
          loadEagerRelations: false,
        });
        return person && person.status !== 'erased' ? (person.networkRole as NetworkRole) : null;
      },
      hostedExchangeIds: async (practitionerId) => {
        const rows = await this.dataSource.getRepository(ExchangeMember).find({
          where: { practitionerId, role: 'host' },
          select: { practitionerId: true, exchangeId: true },
          loadEagerRelations: false,
        });
        return rows.map((r) => r.exchangeId);
      },
      exchangeTitles: async (exchangeIds) => {
        if (exchangeIds.length === 0) return new Map();
        const rows = await this.dataSource.getRepository(Exchange).find({
          where: { id: In(exchangeIds) },
          select: { id: true, title: true },
          loadEagerRelations: false,
        });
        return new Map(rows.map((e) => [e.id, e.title]));
      },
      moderatorIds: async (exchangeId) => {
        const [hosts, coordinators] = await Promise.all([
          exchangeId ? this.access.hostIds(exchangeId) : Promise.resolve([]),
          this.dataSource.getRepository(Practitioner).find({
            where: { networkRole: In(['coordinator', 'admin']), status: 'active' },
            select: { id: true },
            loadEagerRelations: false,
          }),
        ]);
        return [...new Set([...hosts, ...coordinators.map((p) => p.id)])];
      },
    });
    this.sanctions.useRemoval((actor, exchangeId, practitionerId, reason, manager) =>
      this.exchanges.removeMemberIn(manager, actor, exchangeId, practitionerId, reason),
    );
  }
}
