import { decodeCursor, encodeCursor, toPage } from './cursor.js';
import { ValidationFailedError } from './errors.js';

describe('cursors', () => {
  it('round-trips a position', () => {
    const position = { key: 'Lyon', id: '6f1c' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it('treats a missing cursor as the first page', () => {
    expect(decodeCursor(undefined)).toBeNull();
    expect(decodeCursor('')).toBeNull();
  });

  it.each([
    'garbage',
    Buffer.from('{"a":1}').toString('base64url'),
    Buffer.from('[1,2]').toString('base64url'),
  ])('refuses %s with a validation error', (cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(ValidationFailedError);
  });

  it('splits limit + 1 rows into a page and a next cursor', () => {
    const rows = [{ n: 'a' }, { n: 'b' }, { n: 'c' }];
    const page = toPage(rows, 2, (r) => ({ key: r.n, id: r.n }));
    expect(page.items).toEqual([{ n: 'a' }, { n: 'b' }]);
    expect(decodeCursor(page.nextCursor!)).toEqual({ key: 'b', id: 'b' });
    expect(toPage(rows, 3, (r) => ({ key: r.n, id: r.n })).nextCursor).toBeNull();
  });
});
