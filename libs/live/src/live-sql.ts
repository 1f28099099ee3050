// The statements live rooms run across other libraries' tables, written once at start from the
// names those libraries export (a renamed property breaks the compilation, not a room).
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { citySqlNames } from '#libs/cities';
import { exchangeMemberSqlNames, exchangeSqlNames } from '#libs/exchanges';
import { practitionerSqlNames } from '#libs/practitioners';
import { sessionSqlNames } from '#libs/sessions';

@Injectable()
export class LiveSql {
  /** The author columns (author_name…) to select beside a row holding `author_id` as `<alias>`. */
  readonly authorColumns: string;
  /** Joins the author (p) and their city (c) to `<alias>.author_id`. */
  readonly authorJoin: (authorIdExpr: string) => string;
  /** A room with its exchange, session and the caller's standing ($1 room, $2 caller). */
  readonly roomContext: string;
  /** The session rooms an exchange lacks ($1 exchange). */
  readonly missingSessionRooms: string;
  /** A member's exchange role in a room's exchange ($1 room, $2 person). */
  readonly memberOfRoom: string;
  /** Active removals of a room (only those newer than the membership), with the person. */
  readonly roomRemovals: string;
  /** Active mutes of a room, with the person. */
  readonly roomMutes: string;
  /** For a LATERAL join beside a room `r`: its exchange's and session's titles. */
  readonly roomTitles: string;

  constructor(@InjectDataSource() dataSource: DataSource) {
    const p = practitionerSqlNames(dataSource);
    const c = citySqlNames(dataSource);
    const e = exchangeSqlNames(dataSource);
    const m = exchangeMemberSqlNames(dataSource);
    const s = sessionSqlNames(dataSource);

    this.authorColumns = `p.${p.displayName} AS author_name, p.${p.position} AS author_position,
      p.${p.timeZone} AS author_time_zone, c.${c.id} AS author_city_id, c.${c.name} AS author_city_name,
      c.${c.countryCode} AS author_city_country, c.${c.region} AS author_city_region`;
    this.authorJoin = (authorIdExpr) =>
      `JOIN ${p.table} p ON p.${p.id} = ${authorIdExpr} LEFT JOIN ${c.table} c ON c.${c.id} = p.${p.cityId}`;

    this.roomContext = `
      SELECT r.id, r.exchange_id, r.kind, r.session_id, r.last_seq,
             e.${e.title} AS exchange_title, e.${e.status} AS exchange_status,
             s.${s.title} AS session_title, s.${s.startsAt} AS starts_at, s.${s.endsAt} AS ends_at,
             s.${s.status} AS session_status,
             m.${m.role} AS role,
             (SELECT until FROM room_mutes mu
               WHERE mu.room_id = r.id AND mu.practitioner_id = $2 AND mu.until > now()) AS muted_until,
             EXISTS (SELECT 1 FROM room_removals rr
                      WHERE rr.room_id = r.id AND rr.practitioner_id = $2
                        AND rr.created_at >= m.${m.addedAt}) AS removed
        FROM rooms r
        JOIN ${e.table} e ON e.${e.id} = r.exchange_id
        LEFT JOIN ${s.table} s ON s.${s.id} = r.session_id
        LEFT JOIN ${m.table} m ON m.${m.exchangeId} = r.exchange_id AND m.${m.practitionerId} = $2`;

    this.missingSessionRooms = `
      INSERT INTO rooms (exchange_id, kind, session_id)
      SELECT s.${s.exchangeId}, 'session', s.${s.id} FROM ${s.table} s
       WHERE s.${s.exchangeId} = $1 AND NOT EXISTS (SELECT 1 FROM rooms r WHERE r.session_id = s.${s.id})
      ON CONFLICT DO NOTHING`;

    this.memberOfRoom = `
      SELECT r.exchange_id, m.${m.role} AS role FROM rooms r
        JOIN ${m.table} m ON m.${m.exchangeId} = r.exchange_id
       WHERE r.id = $1 AND m.${m.practitionerId} = $2`;

    this.roomRemovals = `
      SELECT rr.created_at AS since, rr.practitioner_id AS author_id, ${this.authorColumns}
        FROM room_removals rr JOIN rooms r ON r.id = rr.room_id
        JOIN ${m.table} m ON m.${m.exchangeId} = r.exchange_id AND m.${m.practitionerId} = rr.practitioner_id
        ${this.authorJoin('rr.practitioner_id')}
       WHERE rr.room_id = $1 AND rr.created_at >= m.${m.addedAt} ORDER BY rr.created_at`;

    this.roomTitles = `
      SELECT e.${e.title} AS exchange_title, s.${s.title} AS session_title
        FROM ${e.table} e LEFT JOIN ${s.table} s ON s.${s.id} = r.session_id
       WHERE e.${e.id} = r.exchange_id`;

    this.roomMutes = `
      SELECT mu.until, mu.practitioner_id AS author_id, ${this.authorColumns}
        FROM room_mutes mu ${this.authorJoin('mu.practitioner_id')}
       WHERE mu.room_id = $1 AND mu.until > now() ORDER BY mu.until`;
  }
}
