// The sessions table as other libraries' SQL may name it (see sqlNamesOf).
import type { DataSource } from 'typeorm';
import { sqlNamesOf } from '#libs/persistence';
import { Session } from './entities/session.entity.js';

export const sessionSqlNames = (dataSource: DataSource) =>
  sqlNamesOf(dataSource, Session, [
    'id',
    'exchangeId',
    'title',
    'startsAt',
    'endsAt',
    'status',
  ] as const);
