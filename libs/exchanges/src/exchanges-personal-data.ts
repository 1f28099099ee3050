// What the exchanges library keeps about a person: memberships and requests to join. An erased
// account leaves its exchanges (it no longer counts as a member anywhere).
import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PersonalData } from '#libs/common';
import { ExchangeMember } from './entities/exchange-member.entity.js';
import { ExchangeVisit } from './entities/exchange-visit.entity.js';
import { JoinRequest } from './entities/join-request.entity.js';

@Injectable()
export class ExchangesPersonalData implements OnModuleInit {
  constructor(private readonly personalData: PersonalData) {}

  onModuleInit(): void {
    this.personalData.register({
      name: 'exchangeMemberships',
      columns: ['exchange_members.practitioner_id'],
      export: (id, manager) => this.memberships(id, manager),
      erase: async (id, manager) => {
        await manager.delete(ExchangeMember, { practitionerId: id });
      },
    });
    // What the person did as a host or coordinator: the ids stay (they name no one once erased).
    this.personalData.register({
      name: 'exchangeStewardship',
      columns: [
        'exchanges.created_by_id',
        'exchange_members.added_by_id',
        'join_requests.decided_by_id',
      ],
      export: (id, manager) => this.stewardship(id, manager),
      erase: async () => undefined,
    });
    // Where someone went is theirs: an erased account leaves no visits behind.
    this.personalData.register({
      name: 'exchangeVisits',
      columns: ['exchange_visits.practitioner_id'],
      export: async (id, manager) =>
        (
          await manager.find(ExchangeVisit, {
            where: { practitionerId: id },
            loadEagerRelations: false,
          })
        ).map((v) => ({ exchangeId: v.exchangeId, lastVisitAt: v.visitedAt.toISOString() })),
      erase: async (id, manager) => {
        await manager.delete(ExchangeVisit, { practitionerId: id });
      },
    });
    this.personalData.register({
      name: 'joinRequests',
      columns: ['join_requests.practitioner_id'],
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

  private async stewardship(practitionerId: string, manager: EntityManager) {
    const [row] = (await manager.query(
      `SELECT (SELECT coalesce(json_agg(json_build_object('exchangeId', id, 'title', title)), '[]')
                 FROM exchanges WHERE created_by_id = $1) AS created,
              (SELECT count(*)::int FROM exchange_members WHERE added_by_id = $1) AS members_added,
              (SELECT count(*)::int FROM join_requests WHERE decided_by_id = $1) AS requests_decided`,
      [practitionerId],
    )) as Array<{ created: unknown; members_added: number; requests_decided: number }>;
    return {
      exchangesCreated: row?.created ?? [],
      membersAdded: row?.members_added ?? 0,
      joinRequestsDecided: row?.requests_decided ?? 0,
    };
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
