// What the home page asks of live rooms: the room of each coming session (open now or not, as
// the room itself decides) and how many messages others wrote in an exchange's rooms lately.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { RoomView } from '#libs/contracts';
import type { Actor } from '#libs/common';
import type { ChangeBaseline } from '#libs/exchanges';
import { RoomsService } from './rooms.service.js';

@Injectable()
export class RoomActivity {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rooms: RoomsService,
  ) {}

  /** Each session's room as the actor sees it (created on first need), by session id. */
  async sessionRooms(
    actor: Actor,
    sessions: Array<{ id: string; exchangeId: string }>,
  ): Promise<Map<string, RoomView>> {
    if (sessions.length === 0) return new Map();
    const find = async () =>
      (await this.dataSource.query('SELECT id, session_id FROM rooms WHERE session_id = ANY($1)', [
        sessions.map((s) => s.id),
      ])) as Array<{ id: string; session_id: string }>;
    let rows = await find();
    // Rooms are made on first need: for the exchanges of sessions that have none yet.
    const missing = sessions.filter((s) => !rows.some((r) => r.session_id === s.id));
    if (missing.length > 0) {
      for (const exchangeId of new Set(missing.map((s) => s.exchangeId)))
        await this.rooms.ensureRooms(exchangeId);
      rows = await find();
    }
    const views = await Promise.all(
      rows.map((row) =>
        this.rooms.context(actor, row.id).then(
          (context) => context.room,
          () => null, // a room the actor may not read is left out, like a missing one
        ),
      ),
    );
    const bySession = new Map<string, RoomView>();
    for (const room of views) if (room?.sessionId) bySession.set(room.sessionId, room);
    return bySession;
  }

  /**
   * Per exchange, the messages others wrote in its rooms (lobby and sessions) since the
   * baseline; deleted and hidden ones do not count.
   */
  async newMessagesSince(
    viewerId: string,
    baselines: ChangeBaseline[],
  ): Promise<Map<string, number>> {
    if (baselines.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT r.exchange_id, count(*)::int AS n
         FROM unnest($2::uuid[], $3::timestamptz[]) AS b(exchange_id, since)
         JOIN rooms r ON r.exchange_id = b.exchange_id
         JOIN messages m ON m.room_id = r.id
        WHERE m.created_at > b.since
          AND m.author_id <> $1
          AND m.deleted_at IS NULL
          AND m.hidden_at IS NULL
        GROUP BY r.exchange_id`,
      [viewerId, baselines.map((b) => b.exchangeId), baselines.map((b) => b.since)],
    )) as Array<{ exchange_id: string; n: number }>;
    return new Map(rows.map((r) => [r.exchange_id, r.n]));
  }
}
