// Moderation in live rooms, through the moderation library: hiding and restoring messages, and
// muting, unmuting, removing and readmitting members. Each action and its audit line (and the
// notification of the person concerned) commit together.
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  ModerationActionView,
  ModerationSubjectType,
  RoomRestrictions,
} from '#libs/contracts';
import { type Actor, ConflictError, ValidationFailedError } from '#libs/common';
import { ModeratedContents, ModerationActionEntry, ModerationService } from '#libs/moderation';
import { PG_POOL } from '#libs/persistence';
import { SocketAuthority } from '#libs/realtime';
import { authorOf, type MessageRow } from './live.presenter.js';
import { LiveSql } from './live-sql.js';
import { MessagesService } from './messages.service.js';
import { type RoomContext, RoomsService } from './rooms.service.js';

type MemberAction = 'mute' | 'unmute' | 'remove' | 'readmit';

@Injectable()
export class RoomModeration implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly sql: LiveSql,
    private readonly rooms: RoomsService,
    private readonly messages: MessagesService,
    private readonly moderation: ModerationService,
    private readonly contents: ModeratedContents,
    private readonly authority: SocketAuthority,
  ) {}

  onModuleInit(): void {
    // The review queue's "hide and mute" on a message mutes its author in the message's room;
    // after the commit, their open connections learn it (room.state) and stop typing, on every
    // node, before the decision is answered (as after member.mute).
    this.contents.registerAuthorMute('message', async (actor, item, mute, manager) => {
      const roomId = item.context.roomId;
      if (!roomId) throw new ValidationFailedError('message: not in a room');
      await this.mute(actor, roomId, item.authorId, mute.minutes, mute.reason, manager);
      return () =>
        this.authority.rederive({ practitionerId: item.authorId, roomId, reason: mute.reason });
    });
  }

  /** Hides a message of this room: gone for everyone but moderators, kept as evidence. */
  async hide(actor: Actor, roomId: string, messageId: string, reason: string): Promise<MessageRow> {
    await this.rooms.context(actor, roomId, 'moderate');
    await this.moderation.hide(
      actor,
      { type: 'message', id: messageId },
      reason,
      (item) => item.context.roomId === roomId,
    );
    return this.messages.get(roomId, messageId);
  }

  async restore(
    actor: Actor,
    roomId: string,
    messageId: string,
    reason: string,
  ): Promise<MessageRow> {
    await this.rooms.context(actor, roomId, 'moderate');
    await this.moderation.restore(
      actor,
      { type: 'message', id: messageId },
      reason,
      (item) => item.context.roomId === roomId,
    );
    return this.messages.get(roomId, messageId);
  }

  async mute(
    actor: Actor,
    roomId: string,
    targetId: string,
    minutes: number,
    reason: string,
    inTransaction?: EntityManager,
  ): Promise<Date> {
    const until = new Date(Date.now() + minutes * 60_000);
    await this.onMember(
      actor,
      roomId,
      targetId,
      'mute',
      reason,
      { until: until.toISOString() },
      (manager) =>
        manager.query(
          `INSERT INTO room_mutes (room_id, practitioner_id, until) VALUES ($1, $2, $3)
         ON CONFLICT (room_id, practitioner_id) DO UPDATE SET until = EXCLUDED.until`,
          [roomId, targetId, until],
        ),
      inTransaction,
    );
    return until;
  }

  async unmute(actor: Actor, roomId: string, targetId: string, reason: string): Promise<void> {
    await this.onMember(actor, roomId, targetId, 'unmute', reason, {}, (manager) =>
      manager.query('DELETE FROM room_mutes WHERE room_id = $1 AND practitioner_id = $2', [
        roomId,
        targetId,
      ]),
    );
  }

  async remove(actor: Actor, roomId: string, targetId: string, reason: string): Promise<void> {
    await this.onMember(actor, roomId, targetId, 'remove', reason, {}, (manager) =>
      manager.query(
        `INSERT INTO room_removals (room_id, practitioner_id) VALUES ($1, $2)
         ON CONFLICT (room_id, practitioner_id) DO UPDATE SET created_at = now()`,
        [roomId, targetId],
      ),
    );
  }

  /** Lifts a removal: the person may join the room again. */
  async readmit(actor: Actor, roomId: string, targetId: string, reason: string): Promise<void> {
    await this.onMember(actor, roomId, targetId, 'readmit', reason, {}, async (manager) => {
      // For a DELETE, TypeORM answers [rows, affected].
      const [, lifted] = (await manager.query(
        'DELETE FROM room_removals WHERE room_id = $1 AND practitioner_id = $2',
        [roomId, targetId],
      )) as [unknown[], number];
      if (lifted === 0) throw new ConflictError('This person was not removed from the room.');
    });
  }

  /** Active mutes and removals of a room, for its moderators. */
  async restrictions(actor: Actor, roomId: string): Promise<RoomRestrictions> {
    await this.rooms.context(actor, roomId, 'moderate');
    const [mutes, removals] = await Promise.all([
      this.pool.query<MessageRow & { until: Date }>(this.sql.roomMutes, [roomId]),
      this.pool.query<MessageRow & { since: Date }>(this.sql.roomRemovals, [roomId]),
    ]);
    return {
      mutes: mutes.rows.map((m) => ({ person: authorOf(m), until: m.until.toISOString() })),
      removals: removals.rows.map((r) => ({ person: authorOf(r), since: r.since.toISOString() })),
    };
  }

  /** The room's part of the audit log: who did what, when and why (moderators only). */
  async log(actor: Actor, roomId: string): Promise<ModerationActionView[]> {
    await this.rooms.context(actor, roomId, 'moderate');
    const entries = await this.dataSource
      .getRepository(ModerationActionEntry)
      .createQueryBuilder('a')
      .where(`a.details->>'roomId' = :roomId`, { roomId })
      .orderBy('a.created_at', 'DESC')
      .limit(500)
      .getMany();
    return entries.map((a) => ({
      id: a.id,
      roomId,
      action: a.action as ModerationActionView['action'],
      actorId: a.actorId ?? '',
      targetId: a.targetId,
      messageId: (a.subjectType satisfies ModerationSubjectType) === 'message' ? a.subjectId : null,
      reason: a.reason,
      until: typeof a.details.until === 'string' ? a.details.until : null,
      createdAt: a.createdAt.toISOString(),
    }));
  }

  /**
   * Every action on a member checks its target the same way (a member of the room's exchange
   * whom the actor may moderate), then writes the change and its audit line in one transaction.
   */
  private async onMember(
    actor: Actor,
    roomId: string,
    targetId: string,
    action: MemberAction,
    reason: string,
    details: Record<string, string>,
    change: (manager: EntityManager) => Promise<unknown>,
    inTransaction?: EntityManager,
  ): Promise<void> {
    const context = await this.rooms.context(actor, roomId, 'moderate');
    const [membership] = (
      await this.pool.query<{ exchange_id: string }>(this.sql.memberOfRoom, [roomId, targetId])
    ).rows;
    if (!membership)
      throw new ValidationFailedError('practitionerId: not a member of this exchange');
    const run = async (manager: EntityManager) => {
      await this.moderation.assertMayModerateMember(
        actor,
        membership.exchange_id,
        targetId,
        manager,
      );
      await change(manager);
      await this.moderation.record(manager, {
        actor,
        exchangeId: membership.exchange_id,
        subject: { type: 'member', id: targetId },
        targetId,
        action,
        reason,
        details: { roomId, ...details },
        notify: { where: whereOf(context), context: roomFacts(context) },
      });
    };
    await (inTransaction ? run(inTransaction) : this.dataSource.transaction(run));
  }
}

function whereOf(context: RoomContext): string {
  return context.room.kind === 'session'
    ? `"${context.room.title}" (${context.exchangeTitle})`
    : `the lobby of "${context.exchangeTitle}"`;
}

function roomFacts(context: RoomContext): Record<string, string | null> {
  return {
    roomId: context.room.id,
    messageId: null,
    exchangeTitle: context.exchangeTitle,
    sessionId: context.room.sessionId,
    sessionTitle: context.room.kind === 'session' ? context.room.title : null,
  };
}
