// Moderation in live rooms: every action records who, when and why (moderation_actions).
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ModerationActionView } from '../../contracts/src/index.js';
import { type Actor, ConflictError, ValidationFailedError } from '../../common/src/index.js';

type Action = ModerationActionView['action'];

interface ActionRow {
  id: string;
  room_id: string;
  action: Action;
  actor_id: string;
  target_id: string | null;
  message_id: string | null;
  reason: string;
  until: Date | null;
  created_at: Date;
}

@Injectable()
export class ModerationService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(
    actor: Actor,
    roomId: string,
    action: Action,
    details: { targetId?: string; messageId?: string; reason: string; until?: Date },
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO moderation_actions (room_id, action, actor_id, target_id, message_id, reason, until) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        roomId,
        action,
        actor.id,
        details.targetId ?? null,
        details.messageId ?? null,
        details.reason,
        details.until ?? null,
      ],
    );
  }

  async mute(
    actor: Actor,
    roomId: string,
    targetId: string,
    minutes: number,
    reason: string,
  ): Promise<Date> {
    await this.assertInExchangeOfRoom(roomId, targetId);
    if (targetId === actor.id) throw new ConflictError('You cannot mute yourself.');
    const until = new Date(Date.now() + minutes * 60_000);
    await this.dataSource.query(
      `INSERT INTO room_mutes (room_id, practitioner_id, until) VALUES ($1, $2, $3)
       ON CONFLICT (room_id, practitioner_id) DO UPDATE SET until = EXCLUDED.until`,
      [roomId, targetId, until],
    );
    await this.record(actor, roomId, 'mute', { targetId, reason, until });
    return until;
  }

  async unmute(actor: Actor, roomId: string, targetId: string, reason: string): Promise<void> {
    await this.dataSource.query(
      'DELETE FROM room_mutes WHERE room_id = $1 AND practitioner_id = $2',
      [roomId, targetId],
    );
    await this.record(actor, roomId, 'unmute', { targetId, reason });
  }

  async remove(actor: Actor, roomId: string, targetId: string, reason: string): Promise<void> {
    if (targetId === actor.id)
      throw new ConflictError('You cannot remove yourself; leave the room instead.');
    await this.assertInExchangeOfRoom(roomId, targetId);
    await this.dataSource.query(
      'INSERT INTO room_removals (room_id, practitioner_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [roomId, targetId],
    );
    await this.record(actor, roomId, 'remove', { targetId, reason });
  }

  async log(roomId: string): Promise<ModerationActionView[]> {
    const rows = (await this.dataSource.query(
      'SELECT * FROM moderation_actions WHERE room_id = $1 ORDER BY created_at DESC LIMIT 500',
      [roomId],
    )) as ActionRow[];
    return rows.map((r) => ({
      id: r.id,
      roomId: r.room_id,
      action: r.action,
      actorId: r.actor_id,
      targetId: r.target_id,
      messageId: r.message_id,
      reason: r.reason,
      until: r.until?.toISOString() ?? null,
      createdAt: r.created_at.toISOString(),
    }));
  }

  private async assertInExchangeOfRoom(roomId: string, practitionerId: string): Promise<void> {
    const rows = (await this.dataSource.query(
      `SELECT 1 FROM rooms r JOIN exchange_members m ON m.exchange_id = r.exchange_id WHERE r.id = $1 AND m.practitioner_id = $2`,
      [roomId, practitionerId],
    )) as unknown[];
    if (rows.length === 0)
      throw new ValidationFailedError('practitionerId: not a member of this exchange');
  }
}
