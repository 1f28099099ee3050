// One way to page a list: a query DTO with `cursor` and `limit`, and keyset pagination on a
// sort key plus the id (stable under inserts, no OFFSET). Timestamps are compared at millisecond
// precision, the precision of the cursor's key (PostgreSQL keeps microseconds: rows within the
// boundary's millisecond would otherwise be skipped).
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Page } from '#libs/contracts';
import { type CursorPosition, decodeCursor, toPage } from './cursor.js';

export const MAX_PAGE_SIZE = 100;

export class PageQuery {
  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  cursor?: string;

  @ApiPropertyOptional({ maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;
}

export interface KeysetOrder<T> {
  /** The sort key's SQL expression, e.g. 'city.name' or 'n.created_at'. */
  key: string;
  /** The id's SQL expression, e.g. 'city.id'. */
  id: string;
  direction: 'ASC' | 'DESC';
  /** The key is a timestamp (compared at millisecond precision). */
  instant?: boolean;
  /** The cursor position of a row of the page. */
  positionOf: (row: T) => CursorPosition;
}

/**
 * Orders `qb` by the key and id, starts after `cursor`, fetches one row more than the page and
 * returns the page with its next cursor. A forged cursor is a typed 400.
 */
export async function pageBy<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  order: KeysetOrder<T>,
  query: { cursor?: string; limit?: number },
  defaultLimit: number,
): Promise<Page<T>> {
  const limit = query.limit ?? defaultLimit;
  const key = order.instant ? `date_trunc('milliseconds', ${order.key})` : order.key;
  const cursor = decodeCursor(query.cursor, { instantKey: order.instant });
  qb.orderBy(key, order.direction)
    .addOrderBy(order.id, order.direction)
    .limit(limit + 1);
  if (cursor) {
    const after = order.direction === 'ASC' ? '>' : '<';
    const keyParam = order.instant ? ':cursorKey::timestamptz' : ':cursorKey';
    qb.andWhere(`(${key}, ${order.id}) ${after} (${keyParam}, :cursorId::uuid)`, {
      cursorKey: cursor.key,
      cursorId: cursor.id,
    });
  }
  return toPage(await qb.getMany(), limit, order.positionOf);
}
