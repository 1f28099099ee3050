import { decodeCursor, encodeCursor, toPage } from './cursor.js';
import { ValidationFailedError } from './errors.js';

describe('cursors', () => {
  it('round-trips a position', () => {
    const position = { key: 'Lyon', id: '6f1c5a8e-0b1d-4c2e-9f3a-1b2c3d4e5f60' };
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
    // Well-formed but forged: the id must be a uuid (it goes to the database as one).
    Buffer.from('["Lyon","nobody"]').toString('base64url'),
  ])('refuses %s with a validation error', (cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(ValidationFailedError);
  });

  it('checks an instant sort key when asked', () => {
    const id = '6f1c5a8e-0b1d-4c2e-9f3a-1b2c3d4e5f60';
    const at = '2027-03-16T15:00:00.123Z';
    expect(decodeCursor(encodeCursor({ key: at, id }), { instantKey: true })).toEqual({
      key: at,
      id,
    });
    for (const key of ['yesterday', '2027-13-45T99:00:00Z', 'Lyon']) {
      expect(() => decodeCursor(encodeCursor({ key, id }), { instantKey: true })).toThrow(
        ValidationFailedError,
      );
    }
  });

  it('splits limit + 1 rows into a page and a next cursor', () => {
    const rows = [{ n: 'a' }, { n: 'b' }, { n: 'c' }];
    const id = (n: string) => `00000000-0000-4000-8000-00000000000${n}`;
    const page = toPage(rows, 2, (r) => ({ key: r.n, id: id(r.n) }));
    expect(page.items).toEqual([{ n: 'a' }, { n: 'b' }]);
    expect(decodeCursor(page.nextCursor!)).toEqual({ key: 'b', id: id('b') });
    expect(toPage(rows, 3, (r) => ({ key: r.n, id: id(r.n) })).nextCursor).toBeNull();
  });
});

describe('cursors from outside', () => {
  const id = '6F1C5A8E-0B1D-4C2E-9F3A-1B2C3D4E5F60';
  const forge = (key: string) => Buffer.from(JSON.stringify([key, id])).toString('base64url');

  it.each([
    ['a NUL', 'Lyon\u0000'],
    ['a lone surrogate', 'Lyon\ud800'],
  ])('refuses a key with %s (it would reach the database)', (_what, key) => {
    expect(() => decodeCursor(forge(key))).toThrow(ValidationFailedError);
  });

  it('continues with the id in lower case', () => {
    expect(decodeCursor(forge('Lyon'))).toEqual({ key: 'Lyon', id: id.toLowerCase() });
  });
});
