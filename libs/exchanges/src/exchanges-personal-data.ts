// What the exchanges library keeps about a person: memberships and requests to join. An erased
// account leaves its exchanges (it no longer counts as a member anywhere).
import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PersonalData } from '../../common/src/index.js';
import { ExchangeMember } from './entities/exchange-member.entity.js';
import { JoinRequest } from './entities/join-request.entity.js';

@Injectable()
export class ExchangesPersonalData implements OnModuleInit {
  constructor(private readonly personalData: PersonalData) {}

  onModuleInit(): void {
    this.personalData.register({
      name: 'exchangeMemberships',
      export: (id, manager) => this.memberships(id, manager),
      erase: async (id, manager) => {
        await manager.delete(ExchangeMember, { practitionerId: id });
      },
    });
    this.personalData.register({
      name: 'joinRequests',
      export: (id, manager) => this.joinRequests(id, manager),
      erase: async (id, manager) => {
        await manager.delete(JoinRequest, { practitionerId: id });
      },
    });
  }

  private async memberships(practitionerId: string, manager: EntityManager) {
    const rows = await manager
      .getRepository(ExchangeMember)
      .createQueryBuilder('m')
      .innerJoin('exchanges', 'e', 'e.id = m.exchange_id')
      .select(['m.exchange_id AS exchange_id', 'e.title AS title', 'm.role AS role'])
      .addSelect('m.added_at', 'added_at')
      .where('m.practitioner_id = :practitionerId', { practitionerId })
      .orderBy('m.added_at')
      .getRawMany<{ exchange_id: string; title: string; role: string; added_at: Date }>();
    return rows.map((r) => ({
      exchangeId: r.exchange_id,
      exchangeTitle: r.title,
      role: r.role,
      since: r.added_at.toISOString(),
    }));
  }

  private async joinRequests(practitionerId: string, manager: EntityManager) {
    const rows = await manager.find(JoinRequest, {
      where: { practitionerId },
      order: { createdAt: 'ASC' },
      loadEagerRelations: false,
    });
    return rows.map((r) => ({
      exchangeId: r.exchangeId,
      message: r.message,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      decidedAt: r.decidedAt?.toISOString() ?? null,
    }));
  }
}
