// The themes table as other libraries' SQL may name it (see sqlNamesOf).
import type { DataSource } from 'typeorm';
import { sqlNamesOf } from '#libs/persistence';
import { Theme } from './entities/theme.entity.js';

export const themeSqlNames = (dataSource: DataSource) =>
  sqlNamesOf(dataSource, Theme, ['id', 'slug'] as const);
