// Where each member left off in each room (room_reads), and what they have not read: messages of
// others after their read position, not deleted or hidden, written since they joined the
// exchange (a newcomer is not greeted by a year of history as "unread"). Each answer is one query.
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { RoomListEntry, RoomReadState, RoomView, UnreadCounts } from '#libs/contracts';
import { PersonalData } from '#libs/common';
import { exchangeMemberSqlNames } from '#libs/exchanges';

interface UnreadRow {
  room_id: string;
  exchange_id: string;
  last_read_seq: string;
  unread: number;
}

const toState = (row: UnreadRow): RoomReadState => ({
  roomId: row.room_id,
  exchangeId: row.exchange_id,
  lastReadSeq: Number(row.last_read_seq),
  unread: row.unread,
});

@Injectable()
export class ReadStateService implements OnModuleInit {
  /** Unread messages of room `r` for reader $1, whose position is `rr` and membership `em`. */
  private readonly unread: string;
  /** The reader's membership `em` in room `r`'s exchange (LEFT JOIN: coordinators have none). */
  private readonly membership: string;
  /** FROM the reader's memberships `em` and their exchanges' rooms `r`. */
  private readonly myRooms: string;
  private readonly addedAt: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly personalData: PersonalData,
  ) {
    const m = exchangeMemberSqlNames(dataSource);
    this.addedAt = `em.${m.addedAt}`;
    this.unread = `(SELECT count(*)::int FROM messages msg
        WHERE msg.room_id = r.id AND msg.seq > coalesce(rr.last_read_seq, 0)
          AND msg.author_id <> $1 AND msg.deleted_at IS NULL AND msg.hidden_at IS NULL
          AND msg.created_at > coalesce(em.${m.addedAt}, '-infinity'))`;
    this.membership = `LEFT JOIN ${m.table} em
        ON em.${m.exchangeId} = r.exchange_id AND em.${m.practitionerId} = $1`;
    this.myRooms = `${m.table} em JOIN rooms r ON r.exchange_id = em.${m.exchangeId}
      LEFT JOIN room_reads rr ON rr.practitioner_id = $1 AND rr.room_id = r.id
      WHERE em.${m.practitionerId} = $1`;
  }

  onModuleInit(): void {
    this.personalData.register({
      name: 'roomReads',
      columns: ['room_reads.practitioner_id'],
      export: async (id, manager) =>
        (
          (await manager.query(
            'SELECT room_id, last_read_seq, updated_at FROM room_reads WHERE practitioner_id = $1 ORDER BY updated_at',
            [id],
          )) as Array<{ room_id: string; last_read_seq: string; updated_at: Date }>
        ).map((r) => ({
          roomId: r.room_id,
          lastReadSeq: Number(r.last_read_seq),
          updatedAt: r.updated_at.toISOString(),
        })),
      erase: async (id, manager) => {
        await manager.query('DELETE FROM room_reads WHERE practitioner_id = $1', [id]);
      },
    });
  }

  /** The reader's position in a room (0 when they never read it). */
  async lastRead(practitionerId: string, roomId: string): Promise<number> {
    const [row] = (await this.dataSource.query(
      'SELECT last_read_seq FROM room_reads WHERE practitioner_id = $1 AND room_id = $2',
      [practitionerId, roomId],
    )) as Array<{ last_read_seq: string }>;
    return Number(row?.last_read_seq ?? 0);
  }

  /**
   * Moves the reader's position to `seq` (never back, never past the room's last message) and
   * answers the new position with what is still unread. The caller has checked they may read it.
   */
  async markRead(practitionerId: string, roomId: string, seq: number): Promise<RoomReadState> {
    await this.dataSource.query(
      `INSERT INTO room_reads (practitioner_id, room_id, last_read_seq)
       SELECT $1, r.id, LEAST($3::bigint, r.last_seq) FROM rooms r WHERE r.id = $2
       ON CONFLICT (practitioner_id, room_id) DO UPDATE
         SET last_read_seq = GREATEST(room_reads.last_read_seq, EXCLUDED.last_read_seq),
             updated_at = now()
         WHERE EXCLUDED.last_read_seq > room_reads.last_read_seq`,
      [practitionerId, roomId, seq],
    );
    const [row] = (await this.dataSource.query(
      `SELECT r.id AS room_id, r.exchange_id, coalesce(rr.last_read_seq, 0) AS last_read_seq, ${this.unread} AS unread
         FROM rooms r
         LEFT JOIN room_reads rr ON rr.practitioner_id = $1 AND rr.room_id = r.id
         ${this.membership}
        WHERE r.id = $2`,
      [practitionerId, roomId],
    )) as UnreadRow[];
    // The caller checked that the reader may see the room, and rooms are never deleted.
    return toState(row!);
  }

  /** An exchange's rooms with the reader's position and unread count in each. */
  async withUnread(practitionerId: string, rooms: RoomView[]): Promise<RoomListEntry[]> {
    if (rooms.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT r.id AS room_id, r.exchange_id, coalesce(rr.last_read_seq, 0) AS last_read_seq, ${this.unread} AS unread
         FROM rooms r
         LEFT JOIN room_reads rr ON rr.practitioner_id = $1 AND rr.room_id = r.id
         ${this.membership}
        WHERE r.id = ANY($2::uuid[])`,
      [practitionerId, rooms.map((room) => room.id)],
    )) as UnreadRow[];
    const byRoom = new Map(rows.map((row) => [row.room_id, toState(row)]));
    return rooms.map((room) => ({
      ...room,
      lastReadSeq: byRoom.get(room.id)?.lastReadSeq ?? 0,
      unread: byRoom.get(room.id)?.unread ?? 0,
    }));
  }

  /**
   * Every room of the reader's exchanges that holds something unread, and the sums per
   * exchange. Rooms with nothing after the reader's position are skipped before counting.
   */
  async unreadOf(practitionerId: string): Promise<UnreadCounts> {
    const rows = (await this.dataSource.query(
      `SELECT * FROM (
         SELECT r.id AS room_id, r.exchange_id, coalesce(rr.last_read_seq, 0) AS last_read_seq, ${this.unread} AS unread
           FROM ${this.myRooms}
            AND r.last_seq > coalesce(rr.last_read_seq, 0)
            AND NOT EXISTS (SELECT 1 FROM room_removals x
                             WHERE x.room_id = r.id AND x.practitioner_id = $1 AND x.created_at >= ${this.addedAt})
       ) counted WHERE unread > 0 ORDER BY exchange_id, room_id`,
      [practitionerId],
    )) as UnreadRow[];
    const rooms = rows.map(toState);
    const byExchange = new Map<string, number>();
    for (const room of rooms)
      byExchange.set(room.exchangeId, (byExchange.get(room.exchangeId) ?? 0) + room.unread);
    return {
      rooms,
      exchanges: [...byExchange].map(([exchangeId, unread]) => ({ exchangeId, unread })),
      total: rooms.reduce((sum, room) => sum + room.unread, 0),
    };
  }
}
