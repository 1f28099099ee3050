// Opaque cursors for keyset pagination: base64url of the sort key and id of the last item.
import { ValidationFailedError } from './errors.js';
import { textProblem } from './input-gate.js';

export interface CursorPosition {
  key: string;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.key, position.id]), 'utf8').toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * The position a cursor encodes; a typed 400 for anything this API did not give out (a forged
 * cursor must not reach the database as a bad uuid or timestamp, or its key as text the input
 * gate would refuse: it is input decoded from the query). `instantKey`: the sort key is an ISO
 * 8601 instant.
 */
export function decodeCursor(
  cursor: string | undefined,
  options: { instantKey?: boolean } = {},
): CursorPosition | null {
  if (cursor === undefined || cursor === '') return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === 'string' &&
      typeof parsed[1] === 'string' &&
      UUID.test(parsed[1]) &&
      textProblem(parsed[0]) === null &&
      (!options.instantKey || (ISO_INSTANT.test(parsed[0]) && !Number.isNaN(Date.parse(parsed[0]))))
    ) {
      return { key: parsed[0], id: parsed[1].toLowerCase() };
    }
  } catch {
    // fall through to the typed error
  }
  throw new ValidationFailedError('cursor: not a cursor this API gave out');
}

/** Fetch limit + 1 rows, then split into a page and the next cursor. */
export function toPage<T>(
  rows: T[],
  limit: number,
  positionOf: (row: T) => CursorPosition,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor(positionOf(last)) : null;
  return { items, nextCursor };
}
