// The exchanges and members tables as other libraries' SQL may name them (see sqlNamesOf).
import type { DataSource } from 'typeorm';
import { sqlNamesOf } from '#libs/persistence';
import { ExchangeMember } from './entities/exchange-member.entity.js';
import { Exchange } from './entities/exchange.entity.js';

export const exchangeSqlNames = (dataSource: DataSource) =>
  sqlNamesOf(dataSource, Exchange, ['id', 'title', 'status', 'attribution'] as const);

export const exchangeMemberSqlNames = (dataSource: DataSource) =>
  sqlNamesOf(dataSource, ExchangeMember, [
    'exchangeId',
    'practitionerId',
    'role',
    'addedAt',
  ] as const);

/**
 * The exchange members table's names written out, for statements built without a DataSource
 * (the practice search's, which its bench runs straight on a pool); a test checks them against
 * `exchangeMemberSqlNames`, so a renamed column fails there rather than in a search.
 */
export const EXCHANGE_MEMBER_SQL_NAMES = {
  table: 'exchange_members',
  exchangeId: 'exchange_id',
  practitionerId: 'practitioner_id',
} as const;

/**
 * The ids of the exchanges a person belongs to (any role), as a `uuid[]` the statement reads
 * itself: no round trip before it, and a membership ended a moment ago already counts.
 */
export function exchangeIdsOfMemberSql(practitionerParam: string): string {
  const m = EXCHANGE_MEMBER_SQL_NAMES;
  return `ARRAY(SELECT m.${m.exchangeId} FROM ${m.table} m WHERE m.${m.practitionerId} = ${practitionerParam}::uuid)`;
}
