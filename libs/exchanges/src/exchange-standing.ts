// Tells the moderation library who stands where: a person's role in an exchange and their
// network role (moderation imports no domain library; exchanges registers this at start).
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { NetworkRole } from '#libs/contracts';
import { ModerationService } from '#libs/moderation';
import { Practitioner } from '#libs/practitioners';
import { ExchangeAccess } from './exchange-access.service.js';

@Injectable()
export class ExchangeStandingForModeration implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ExchangeAccess,
    private readonly moderation: ModerationService,
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
    });
  }
}
