// What live rooms keep about a person: the messages they wrote (exported; on erasure kept under
// the neutral name "Former member" so the conversation stays readable for the exchange), their
// question votes, and the mutes and removals that concerned them.
import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PersonalData } from '#libs/common';

@Injectable()
export class LivePersonalData implements OnModuleInit {
  constructor(private readonly personalData: PersonalData) {}

  onModuleInit(): void {
    this.personalData.register({
      name: 'liveMessages',
      columns: ['messages.author_id', 'messages.hidden_by_id'],
      export: (id, manager) => this.messages(id, manager),
      // Kept: the exchange needs its conversation; the author's row already reads "Former member".
      erase: async () => undefined,
    });
    this.personalData.register({
      name: 'liveRoomRestrictions',
      columns: [
        'question_votes.practitioner_id',
        'room_mutes.practitioner_id',
        'room_removals.practitioner_id',
      ],
      export: (id, manager) => this.restrictions(id, manager),
      erase: async (id, manager) => {
        // The votes' count stays on each question; who cast them goes.
        await manager.query('DELETE FROM question_votes WHERE practitioner_id = $1', [id]);
        await manager.query('DELETE FROM room_mutes WHERE practitioner_id = $1', [id]);
        await manager.query('DELETE FROM room_removals WHERE practitioner_id = $1', [id]);
      },
    });
  }

  private async messages(practitionerId: string, manager: EntityManager) {
    const rows = (await manager.query(
      `SELECT m.room_id, r.exchange_id, m.seq, m.body, m.language, m.is_question, m.created_at,
              m.edited_at, m.deleted_at, m.hidden_at
         FROM messages m JOIN rooms r ON r.id = m.room_id
        WHERE m.author_id = $1 ORDER BY m.created_at`,
      [practitionerId],
    )) as Array<{
      room_id: string;
      exchange_id: string;
      seq: string;
      body: string;
      language: string | null;
      is_question: boolean;
      created_at: Date;
      edited_at: Date | null;
      deleted_at: Date | null;
      hidden_at: Date | null;
    }>;
    const hidden = (await manager.query(
      `SELECT count(*)::int AS n FROM messages WHERE hidden_by_id = $1`,
      [practitionerId],
    )) as Array<{ n: number }>;
    const written = rows.map((m) => ({
      roomId: m.room_id,
      exchangeId: m.exchange_id,
      seq: Number(m.seq),
      body: m.body,
      language: m.language,
      question: m.is_question,
      createdAt: m.created_at.toISOString(),
      editedAt: m.edited_at?.toISOString() ?? null,
      deletedAt: m.deleted_at?.toISOString() ?? null,
      hiddenByModeratorAt: m.hidden_at?.toISOString() ?? null,
    }));
    // As a moderator: how many messages of others this person hid (each is in the audit log).
    return { written, hiddenAsModerator: hidden[0]?.n ?? 0 };
  }

  private async restrictions(practitionerId: string, manager: EntityManager) {
    const [votes] = (await manager.query(
      'SELECT count(*)::int AS n FROM question_votes WHERE practitioner_id = $1',
      [practitionerId],
    )) as Array<{ n: number }>;
    const mutes = (await manager.query(
      'SELECT room_id, until FROM room_mutes WHERE practitioner_id = $1',
      [practitionerId],
    )) as Array<{ room_id: string; until: Date }>;
    const removals = (await manager.query(
      'SELECT room_id, created_at FROM room_removals WHERE practitioner_id = $1',
      [practitionerId],
    )) as Array<{ room_id: string; created_at: Date }>;
    return {
      questionVotes: votes?.n ?? 0,
      mutes: mutes.map((m) => ({ roomId: m.room_id, until: m.until.toISOString() })),
      removals: removals.map((r) => ({ roomId: r.room_id, since: r.created_at.toISOString() })),
    };
  }
}
