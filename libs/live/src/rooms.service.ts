// Rooms: each exchange has a lobby, each session its own room (created on first need), and the
// state that decides who may read, join, send and moderate.
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { ExchangeRole, RoomView } from '#libs/contracts';
import { type Actor, DomainError, NotFoundError } from '#libs/common';
import { ExchangeAccess, ExchangeContent } from '#libs/exchanges';
import { PG_POOL } from '#libs/persistence';
import { AppConfig, APP_CONFIG } from '#libs/config';
import { LiveSql } from './live-sql.js';
import { canInRoom, type RoomAction, type RoomState } from './live.policy.js';

export class RoomNotOpenError extends DomainError {
  constructor(opensAt: Date | null) {
    super(
      'ROOM_NOT_OPEN',
      403,
      opensAt ? `This room opens at ${opensAt.toISOString()}.` : 'This room is not open.',
    );
  }
}

export class RoomReadOnlyError extends DomainError {
  constructor(reason: string) {
    super('ROOM_READ_ONLY', 403, reason);
  }
}

interface RoomRow {
  id: string;
  exchange_id: string;
  kind: 'lobby' | 'session';
  session_id: string | null;
  last_seq: string;
  exchange_title: string;
  exchange_status: string;
  session_title: string | null;
  starts_at: Date | null;
  ends_at: Date | null;
  session_status: string | null;
  role: ExchangeRole | null;
  muted_until: Date | null;
  removed: boolean;
}

export interface RoomContext {
  room: RoomView;
  state: RoomState;
  mutedUntil: Date | null;
  /** Why sending is closed, when it is. */
  closedReason: string | null;
  exchangeTitle: string;
}

@Injectable()
export class RoomsService implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly exchanges: ExchangeAccess,
    private readonly exchangeContent: ExchangeContent,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly sql: LiveSql,
  ) {}

  onModuleInit(): void {
    // A message spoken in any room fixes the exchange's attribution rule.
    this.exchangeContent.register({
      holdsContent: async (exchangeId) => {
        const [row] = (await this.dataSource.query(
          `SELECT EXISTS (SELECT 1 FROM messages m JOIN rooms r ON r.id = m.room_id WHERE r.exchange_id = $1) AS held`,
          [exchangeId],
        )) as Array<{ held: boolean }>;
        return row?.held ?? false;
      },
    });
  }

  /** Creates the lobby and any missing session rooms of an exchange (idempotent). */
  async ensureRooms(exchangeId: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO rooms (exchange_id, kind) SELECT $1, 'lobby'
        WHERE NOT EXISTS (SELECT 1 FROM rooms WHERE exchange_id = $1 AND kind = 'lobby')
       ON CONFLICT DO NOTHING`,
      [exchangeId],
    );
    await this.dataSource.query(this.sql.missingSessionRooms, [exchangeId]);
  }

  /** The exchange's rooms (lobby first, then sessions by start), if the actor may see its content. */
  async list(actor: Actor, exchangeId: string): Promise<RoomView[]> {
    await this.exchanges.require(actor, exchangeId, 'read-content');
    await this.ensureRooms(exchangeId);
    const rows = (await this.dataSource.query(
      `${this.sql.roomContext} WHERE r.exchange_id = $1 ORDER BY (r.kind = 'lobby') DESC, starts_at ASC`,
      [exchangeId, actor.id],
    )) as RoomRow[];
    return rows.map((row) => this.toContext(row).room);
  }

  /** The room as the actor may see it; a room they may not read looks missing. */
  async context(actor: Actor, roomId: string, action: RoomAction = 'read'): Promise<RoomContext> {
    const context = await this.contextIfReadable(actor, roomId);
    if (!context) throw new NotFoundError('Room');
    if (action === 'join' && !canInRoom(actor, 'join', context.state))
      throw new RoomNotOpenError(context.room.opensAt ? new Date(context.room.opensAt) : null);
    if (action === 'moderate' && !canInRoom(actor, 'moderate', context.state)) {
      throw new DomainError(
        'FORBIDDEN',
        403,
        "Only this exchange's hosts and coordinators moderate its rooms.",
      );
    }
    return context;
  }

  /** The room as the actor may see it, or null when it is missing or they may not read it. */
  async contextIfReadable(actor: Actor, roomId: string): Promise<RoomContext | null> {
    // Checked on every send: a named statement, parsed and planned once per connection.
    const { rows } = await this.pool.query<RoomRow>({
      name: 'live-room-context',
      text: `${this.sql.roomContext} WHERE r.id = $1`,
      values: [roomId, actor.id],
    });
    if (rows.length === 0) return null;
    const context = this.toContext(rows[0]!);
    return canInRoom(actor, 'read', context.state) ? context : null;
  }

  private toContext(row: RoomRow): RoomContext {
    const now = Date.now();
    let opensAt: Date | null = null;
    let closesAt: Date | null = null;
    let closedReason: string | null = null;
    let notYetOpen = false;
    if (row.kind === 'session' && row.starts_at && row.ends_at) {
      opensAt = new Date(row.starts_at.getTime() - this.config.ROOM_OPENS_MINUTES_BEFORE * 60_000);
      closesAt = new Date(row.ends_at.getTime() + this.config.ROOM_CLOSES_MINUTES_AFTER * 60_000);
      if (row.session_status === 'cancelled')
        closedReason = 'The session was cancelled; its room is read-only.';
      else if (now < opensAt.getTime()) {
        notYetOpen = true;
        closedReason = `This room opens at ${opensAt.toISOString()}.`;
      } else if (now >= closesAt.getTime())
        closedReason = 'The session is over; its room is read-only.';
    }
    if (row.exchange_status === 'concluded') {
      closedReason = 'The exchange has concluded; its rooms are read-only.';
      notYetOpen = false;
    }
    const open = closedReason === null;
    return {
      room: {
        id: row.id,
        exchangeId: row.exchange_id,
        kind: row.kind,
        sessionId: row.session_id,
        title: row.kind === 'lobby' ? `${row.exchange_title} — lobby` : (row.session_title ?? ''),
        exchangeTitle: row.exchange_title,
        open,
        opensAt: opensAt?.toISOString() ?? null,
        closesAt: closesAt?.toISOString() ?? null,
        lastSeq: Number(row.last_seq),
      },
      state: { role: row.role, open, notYetOpen, removed: row.removed },
      mutedUntil: row.muted_until,
      closedReason,
      exchangeTitle: row.exchange_title,
    };
  }
}
