// Moderation in live rooms: every action records who, when and why (moderation_actions).
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  ExchangeRole,
  ModerationActionView,
  NetworkRole,
  RoomRestrictions,
} from '../../contracts/src/index.js';
import {
  type Actor,
  ConflictError,
  ForbiddenError,
  hasNetworkRole,
  ValidationFailedError,
} from '../../common/src/index.js';
import { NotificationsService } from '../../notifications/src/index.js';
import { authorOf, AUTHOR_COLUMNS, type MessageRow } from './live.presenter.js';

type Action = ModerationActionView['action'];

/** The English sentence of a moderation outcome (clients build their own from `data`). */
const OUTCOME_TEXT: Record<Action, (where: string, until: string | null) => string> = {
  hide: (where) => `A moderator hid your message in ${where}.`,
  restore: (where) => `A moderator restored your message in ${where}.`,
  mute: (where, until) => `A moderator muted you in ${where} until ${until ?? 'further notice'}.`,
  unmute: (where) => `A moderator lifted your mute in ${where}.`,
  remove: (where) => `A moderator removed you from ${where}.`,
  readmit: (where) => `A moderator let you back into ${where}.`,
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
    await this.assertMayModerate(actor, roomId, targetId, 'mute');
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
    await this.assertMayModerate(actor, roomId, targetId, 'unmute');
    await this.dataSource.query(
      'DELETE FROM room_mutes WHERE room_id = $1 AND practitioner_id = $2',
      [roomId, targetId],
    );
    await this.record(actor, roomId, 'unmute', { targetId, reason });
  }

  async remove(actor: Actor, roomId: string, targetId: string, reason: string): Promise<void> {
    await this.assertMayModerate(actor, roomId, targetId, 'remove');
    await this.dataSource.query(
      `INSERT INTO room_removals (room_id, practitioner_id) VALUES ($1, $2)
       ON CONFLICT (room_id, practitioner_id) DO UPDATE SET created_at = now()`,
      [roomId, targetId],
    );
    await this.record(actor, roomId, 'remove', { targetId, reason });
  }

  /** Lifts a removal: the person may join the room again. */
  async readmit(actor: Actor, roomId: string, targetId: string, reason: string): Promise<void> {
    await this.assertMayModerate(actor, roomId, targetId, 'readmit');
    // For a DELETE, TypeORM answers [rows, affected].
    const [, lifted] = (await this.dataSource.query(
      'DELETE FROM room_removals WHERE room_id = $1 AND practitioner_id = $2',
      [roomId, targetId],
    )) as [unknown[], number];
    if (lifted === 0) throw new ConflictError('This person was not removed from the room.');
    await this.record(actor, roomId, 'readmit', { targetId, reason });
  }

  /** Active mutes and removals of a room, for its moderators. */
  async restrictions(roomId: string): Promise<RoomRestrictions> {
    const person = (row: MessageRow) => authorOf(row);
    const mutes = (await this.dataSource.query(
      `SELECT mu.until, mu.practitioner_id AS author_id, ${AUTHOR_COLUMNS}
         FROM room_mutes mu JOIN practitioners p ON p.id = mu.practitioner_id
         LEFT JOIN cities c ON c.id = p.city_id
        WHERE mu.room_id = $1 AND mu.until > now() ORDER BY mu.until`,
      [roomId],
    )) as Array<MessageRow & { until: Date }>;
    // A removal counts while the person's membership is older than it (re-adding clears it).
    const removals = (await this.dataSource.query(
      `SELECT rr.created_at AS since, rr.practitioner_id AS author_id, ${AUTHOR_COLUMNS}
         FROM room_removals rr JOIN rooms r ON r.id = rr.room_id
         JOIN exchange_members m ON m.exchange_id = r.exchange_id AND m.practitioner_id = rr.practitioner_id
         JOIN practitioners p ON p.id = rr.practitioner_id LEFT JOIN cities c ON c.id = p.city_id
        WHERE rr.room_id = $1 AND rr.created_at >= m.added_at ORDER BY rr.created_at`,
      [roomId],
    )) as Array<MessageRow & { since: Date }>;
    return {
      mutes: mutes.map((m) => ({ person: person(m), until: m.until.toISOString() })),
      removals: removals.map((r) => ({ person: person(r), since: r.since.toISOString() })),
    };
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

  /**
   * Every action on a member checks its target the same way: a member of the room's exchange,
   * not the moderator themselves, and (for an exchange's hosts) not another host or a network
   * coordinator: hosts moderate their participants, coordinators moderate everyone.
   */
  private async assertMayModerate(
    actor: Actor,
    roomId: string,
    targetId: string,
    action: 'mute' | 'unmute' | 'remove' | 'readmit',
  ): Promise<void> {
    if (targetId === actor.id) throw new ConflictError(`You cannot ${action} yourself.`);
    const [target] = (await this.dataSource.query(
      `SELECT m.role, p.network_role FROM rooms r
         JOIN exchange_members m ON m.exchange_id = r.exchange_id
         JOIN practitioners p ON p.id = m.practitioner_id
        WHERE r.id = $1 AND m.practitioner_id = $2`,
      [roomId, targetId],
    )) as Array<{ role: ExchangeRole; network_role: NetworkRole }>;
    if (!target) throw new ValidationFailedError('practitionerId: not a member of this exchange');
    const outranks =
      target.role === 'host' ||
      hasNetworkRole({ id: targetId, networkRole: target.network_role }, 'coordinator');
    if (outranks && !hasNetworkRole(actor, 'coordinator'))
      throw new ForbiddenError(
        'Hosts cannot moderate other hosts or coordinators; ask a coordinator.',
      );
  }
}
