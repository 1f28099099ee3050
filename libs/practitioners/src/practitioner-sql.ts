// The practitioners table as other libraries' SQL may name it (see sqlNamesOf).
import type { DataSource } from 'typeorm';
import { sqlNamesOf } from '#libs/persistence';
import { Practitioner } from './entities/practitioner.entity.js';

export const practitionerSqlNames = (dataSource: DataSource) =>
  sqlNamesOf(dataSource, Practitioner, [
    'id',
    'displayName',
    'position',
    'timeZone',
    'cityId',
    'networkRole',
    'status',
  ] as const);
