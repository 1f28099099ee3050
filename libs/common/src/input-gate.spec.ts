import fc from 'fast-check';
import { ValidationFailedError } from './errors.js';
import {
  assertCleanInput,
  assertCleanRequest,
  findInputProblem,
  jsonNestsDeeperThan,
  MAX_INPUT_DEPTH,
  textProblem,
  verifyJsonDepth,
} from './input-gate.js';

// eslint-disable-next-line no-control-regex
const C0_EXCEPT_WHITESPACE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

const nested = (depth: number, leaf = '1') => '['.repeat(depth) + leaf + ']'.repeat(depth);

/** The error a call throws, or a failure when it throws none. */
function refusal(call: () => void): ValidationFailedError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationFailedError);
    return error as ValidationFailedError;
  }
  throw new Error('expected a refusal');
}

describe('input gate: text', () => {
  it.each([
    ['NUL', 'a\u0000b'],
    ['bell', '\u0007'],
    ['backspace', 'x\u0008'],
    ['vertical tab', '\u000B'],
    ['form feed', '\u000C'],
    ['escape', 'colour \u001b[31m'],
    ['unit separator', '\u001F'],
  ])('refuses %s', (_name, text) => {
    expect(textProblem(text)).toBe('must not contain control characters');
  });

  it.each([
    ['a lone high surrogate', 'a\ud800b'],
    ['a lone low surrogate', '\udc00'],
    ['a reversed pair', '\ude00\ud83d'],
    ['a high surrogate at the end', 'end\ud83d'],
  ])('refuses %s', (_name, text) => {
    expect(textProblem(text)).toMatch(/lone surrogate/);
  });

  it.each([
    ['tab, newline and carriage return', 'line one\tcol\r\nline two\n'],
    ['an emoji (a surrogate pair)', 'well done 👏'],
    ['Arabic with a right-to-left mark', 'مرحبا\u200f بالعالم'],
    ['Hebrew with bidi isolates', '\u2067שלום\u2069 world'],
    ['zero-width joiner and space', 'a\u200db\u200bc'],
    ['DEL and C1 controls', '\u007f\u0085'],
    ['the empty string', ''],
  ])('accepts %s', (_name, text) => {
    expect(textProblem(text)).toBeNull();
  });

  it('accepts every well-formed string without C0 controls (generated)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }).filter((s) => !C0_EXCEPT_WHITESPACE.test(s)),
        (text) => textProblem(text) === null,
      ),
    );
  });
});

describe('input gate: depth on raw JSON', () => {
  it('counts nesting outside strings only', () => {
    expect(jsonNestsDeeperThan('{"a":[{"b":[]}]}', 4)).toBe(false);
    expect(jsonNestsDeeperThan('{"a":[{"b":[[]]}]}', 4)).toBe(true);
    expect(jsonNestsDeeperThan(`{"text":"${'['.repeat(500)}"}`, 2)).toBe(false);
    // An escaped quote does not end the string; an escaped backslash does not escape the quote.
    expect(jsonNestsDeeperThan(`{"a":"\\"${'{'.repeat(50)}"}`, 2)).toBe(false);
    expect(jsonNestsDeeperThan(`{"a":"\\\\","b":${nested(5)}}`, 3)).toBe(true);
  });

  it('reads UTF-8 bytes and strings alike', () => {
    const text = `{"name":"Zoë — 北京 👏 ${'['.repeat(40)}","list":${nested(31)}}`;
    for (const max of [31, 32]) {
      expect(jsonNestsDeeperThan(Buffer.from(text, 'utf8'), max)).toBe(max < 32);
      expect(jsonNestsDeeperThan(text, max)).toBe(max < 32);
    }
  });

  it('agrees with the parsed walk on generated JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 12 }), fc.integer({ min: 1, max: 12 }), (value, max) => {
        const raw = JSON.stringify(value);
        const deep = findInputProblem(value, { maxDepth: max })?.problem.includes('nest') ?? false;
        const strings = /control|surrogate|property/.test(findInputProblem(value)?.problem ?? '');
        if (!strings) expect(jsonNestsDeeperThan(raw, max)).toBe(deep);
      }),
    );
  });

  it('refuses a 98 KB body of nested arrays in the verify hook, before parsing', () => {
    const body = Buffer.from(nested(49_000));
    const error = refusal(() => verifyJsonDepth(body, 'utf-8'));
    expect(error.status).toBe(400);
    expect(error.message).toBe(`body: must not nest deeper than ${MAX_INPUT_DEPTH} levels`);
    expect(() => verifyJsonDepth(Buffer.from(nested(MAX_INPUT_DEPTH)), 'utf-8')).not.toThrow();
    expect(() => verifyJsonDepth(Buffer.from(nested(MAX_INPUT_DEPTH + 1)), 'utf-8')).toThrow(
      ValidationFailedError,
    );
  });

  it('refuses JSON that is not UTF-8', () => {
    expect(refusal(() => verifyJsonDepth(Buffer.from('{}', 'utf16le'), 'utf-16le')).message).toBe(
      'body: must be UTF-8',
    );
  });
});

describe('input gate: parsed input', () => {
  it('names the field, never the value', () => {
    const error = refusal(() =>
      assertCleanInput({ title: 'fine', workingHours: [{ start: 'x\u0000secret' }] }),
    );
    expect(error.message).toBe('workingHours.0.start: must not contain control characters');
    expect(error.details).toEqual([
      { field: 'workingHours.0.start', problems: ['must not contain control characters'] },
    ]);
    expect(error.message).not.toContain('secret');
  });

  // Every inherited name: class-transformer drops `valueOf` & co. before whitelisting sees them.
  it.each([...Object.getOwnPropertyNames(Object.prototype), 'prototype'])(
    'refuses the key %s anywhere',
    (key) => {
      for (const raw of [`{"${key}":{"isAdmin":true}}`, `{"a":[{"b":{"${key}":1}}]}`]) {
        const problem = findInputProblem(JSON.parse(raw));
        expect(problem?.problem).toBe(`property ${key} should not exist`);
        expect(problem?.field).toMatch(new RegExp(`(^|\\.)${key}$`));
      }
    },
  );

  it('refuses a key that is not valid text without repeating it', () => {
    expect(findInputProblem({ profile: { 'a\u0000b': 1 } })).toEqual({
      field: 'profile',
      problem: 'has a field name that is not valid text',
    });
    expect(findInputProblem({ '\ud800': 1 }, { root: 'payload' })?.field).toBe('payload');
  });

  it('refuses nesting beyond the limit without recursion', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = i % 2 ? [deep] : { x: deep };
    expect(findInputProblem(deep, { maxDepth: 8 })?.problem).toBe(
      'must not nest deeper than 8 levels',
    );
    expect(findInputProblem({ a: { b: { c: 1 } } }, { maxDepth: 3 })).toBeNull();
    expect(findInputProblem({ a: { b: { c: {} } } }, { maxDepth: 3 })).toEqual({
      field: 'a.b.c',
      problem: 'must not nest deeper than 3 levels',
    });
  });

  it('passes numbers, booleans, null, binary and clean text', () => {
    expect(
      findInputProblem({
        n: 1,
        b: true,
        z: null,
        bin: Buffer.from([0, 1, 2]),
        list: ['مرحبا', 'a\tb'],
      }),
    ).toBeNull();
  });
});

describe('input gate: requests', () => {
  const request = (path: string, query: unknown = {}, body?: unknown) => ({ path, query, body });

  it('refuses a control character in a path segment, decoded as the router decodes it', () => {
    expect(refusal(() => assertCleanRequest(request('/api/rooms/a%00b'))).message).toBe(
      'path: must not contain control characters',
    );
    expect(refusal(() => assertCleanRequest(request('/api/rooms/%1B'))).message).toBe(
      'path: must not contain control characters',
    );
  });

  it('refuses a path that is not percent-encoded UTF-8 (encoded surrogates included)', () => {
    for (const path of ['/api/rooms/%ED%A0%80', '/api/rooms/%E0%A4%A', '/api/%'])
      expect(refusal(() => assertCleanRequest(request(path))).message).toBe(
        'path: must be percent-encoded UTF-8',
      );
  });

  it('refuses query parameters and their names', () => {
    const query = Object.assign(Object.create(null) as object, { q: ['ok', 'a\u0000'] });
    expect(refusal(() => assertCleanRequest(request('/api/cities', query))).message).toBe(
      'q.1: must not contain control characters',
    );
    const proto = Object.create(null) as Record<string, string>;
    proto['__proto__'] = 'x';
    expect(refusal(() => assertCleanRequest(request('/api/cities', proto))).message).toBe(
      '__proto__: property __proto__ should not exist',
    );
  });

  it('lets clean requests through', () => {
    expect(() =>
      assertCleanRequest(
        request('/api/practitioners/%C3%A9t%C3%A9', { q: 'Zoë' }, { bio: 'שלום\n' }),
      ),
    ).not.toThrow();
  });
});
