// The audit log and a person: the actions they took as a moderator and those that concerned them
// are exported; on erasure the log is kept (it is the evidence of what happened), and the ids in
// it lead only to the neutral "Former member".
import { Injectable, OnModuleInit } from '@nestjs/common';
import { Brackets } from 'typeorm';
import { PersonalData } from '#libs/common';
import { ModerationActionEntry } from './entities/moderation-action.entity.js';

@Injectable()
export class ModerationPersonalData implements OnModuleInit {
  constructor(private readonly personalData: PersonalData) {}

  onModuleInit(): void {
    this.personalData.register({
      name: 'moderationRecords',
      columns: ['moderation_actions.actor_id', 'moderation_actions.target_id'],
      export: async (id, manager) => {
        const rows = await manager
          .getRepository(ModerationActionEntry)
          .createQueryBuilder('a')
          .where(
            new Brackets((q) =>
              q.where('a.actor_id = :id', { id }).orWhere('a.target_id = :id', { id }),
            ),
          )
          .orderBy('a.created_at', 'ASC')
          .getMany();
        return rows.map((a) => ({
          action: a.action,
          as: a.targetId === id ? 'concerned' : 'moderator',
          exchangeId: a.exchangeId,
          subjectType: a.subjectType,
          reason: a.reason,
          createdAt: a.createdAt.toISOString(),
        }));
      },
      erase: async () => undefined,
    });
  }
}
