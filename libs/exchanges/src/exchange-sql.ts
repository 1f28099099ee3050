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
