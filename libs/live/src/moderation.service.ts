// Moderation in live rooms: every action records who, when and why (moderation_actions).
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ModerationActionView } from '../../contracts/src/index.js';
import { type Actor, ConflictError, ValidationFailedError } from '../../common/src/index.js';
import { NotificationsService } from '../../notifications/src/index.js';

type Action = ModerationActionView['action'];

/** The English sentence of a moderation outcome (clients build their own from `data`). */
const OUTCOME_TEXT: Record<Action, (where: string, until: string | null) => string> = {
  hide: (where) => `A moderator hid your message in ${where}.`,
  restore: (where) => `A moderator restored your message in ${where}.`,
  mute: (where, until) => `A moderator muted you in ${where} until ${until ?? 'further notice'}.`,
  unmute: (where) => `A moderator lifted your mute in ${where}.`,
  remove: (where) => `A moderator removed you from ${where}.`,
};

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
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
  ) {}

  /**
   * Records the action in the audit log and, in the same transaction, notifies the person it
   * concerns (DESIGN: "the author is notified"). The notification names no moderator.
   */
  async record(
    actor: Actor,
    roomId: string,
    action: Action,
    details: { targetId?: string; messageId?: string; reason: string; until?: Date },
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
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
      if (details.targetId && details.targetId !== actor.id) {
        await this.notifyTarget(manager, roomId, action, {
          ...details,
          targetId: details.targetId,
        });
      }
    });
  }

  private async notifyTarget(
    manager: EntityManager,
    roomId: string,
    action: Action,
    details: { targetId: string; messageId?: string; reason: string; until?: Date },
  ): Promise<void> {
    const [room] = (await manager.query(
      `SELECT r.exchange_id, r.kind, r.session_id, e.title AS exchange_title, s.title AS session_title
         FROM rooms r JOIN exchanges e ON e.id = r.exchange_id
         LEFT JOIN sessions s ON s.id = r.session_id
        WHERE r.id = $1`,
      [roomId],
    )) as Array<{
      exchange_id: string;
      session_id: string | null;
      exchange_title: string;
      session_title: string | null;
    }>;
    if (!room) return;
    const where = room.session_title
      ? `"${room.session_title}" (${room.exchange_title})`
      : `the lobby of "${room.exchange_title}"`;
    const until = details.until?.toISOString() ?? null;
    await this.notifications.notify(
      [details.targetId],
      {
        kind: 'moderation-outcome',
        text: `${OUTCOME_TEXT[action](where, until)} Reason: ${details.reason}`,
        data: {
          action,
          reason: details.reason,
          until,
          roomId,
          messageId: details.messageId ?? null,
          exchangeId: room.exchange_id,
          exchangeTitle: room.exchange_title,
          sessionId: room.session_id,
          sessionTitle: room.session_title,
        },
      },
      manager,
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
