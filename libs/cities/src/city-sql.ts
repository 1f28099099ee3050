// The cities table as other libraries' SQL may name it (see sqlNamesOf).
import type { DataSource } from 'typeorm';
import { sqlNamesOf } from '#libs/persistence';
import { City } from './entities/city.entity.js';

export const citySqlNames = (dataSource: DataSource) =>
  sqlNamesOf(dataSource, City, ['id', 'name', 'countryCode', 'region'] as const);
