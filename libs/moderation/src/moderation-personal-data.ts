// The audit log and a person: the actions they took as a moderator and those that concerned them
// are exported; on erasure the log is kept (it is the evidence of what happened), and the ids in
// it lead only to the neutral "Former member". A person's reports (flags) are exported; on erasure
// their free text goes (it may name people) and the rows stay, so the counts a review relied on hold.
import { Injectable, OnModuleInit } from '@nestjs/common';
import { Brackets } from 'typeorm';
import { PersonalData } from '#libs/common';
import { Flag } from './entities/flag.entity.js';
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
    this.personalData.register({
      name: 'reports',
      columns: ['flags.reporter_id', 'flags.resolved_by'],
      export: async (id, manager) => {
        const flags = await manager.getRepository(Flag).find({
          where: [{ reporterId: id }, { resolvedBy: id }],
          order: { createdAt: 'ASC' },
        });
        return flags.map((f) => ({
          as: f.reporterId === id ? 'reporter' : 'reviewer',
          subjectType: f.subjectType,
          subjectId: f.subjectId,
          reason: f.reason,
          text: f.reporterId === id ? f.text : null,
          createdAt: f.createdAt.toISOString(),
          resolvedAt: f.resolvedAt?.toISOString() ?? null,
          resolution: f.resolution,
        }));
      },
      erase: async (id, manager) => {
        await manager.getRepository(Flag).update({ reporterId: id }, { text: null });
      },
    });
  }
}
