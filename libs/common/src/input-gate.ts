// The one gate for input that is valid JSON but not valid text, in front of every HTTP body,
// query string and path, and every live payload: nesting beyond a sane depth (counted on the raw
// bytes, before JSON.parse builds anything), C0 control characters other than tab, line feed and
// carriage return (PostgreSQL refuses NUL outright), lone surrogates (not encodable as UTF-8),
// and keys that name the prototype chain instead of a field. Refusals are VALIDATION_FAILED
// naming the field, never echoing the value. Bidi and zero-width characters pass: they are
// legitimate in Arabic and Hebrew text.
import { ValidationFailedError } from './errors.js';

/** Deepest nesting of arrays and objects an HTTP body may have (ours nest 3 at most). */
export const MAX_INPUT_DEPTH = 32;

/**
 * Keys refused anywhere in an input: they address the prototype chain, not a field. Every name
 * an object inherits is here, not only `__proto__`: class-transformer silently skips a key whose
 * value on the DTO instance is a function (`valueOf`, `toString`), so whitelisting would never
 * see it and an unknown field would pass unrefused.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  'prototype',
]);

// C0 controls except \t (09), \n (0A) and \r (0D).
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * What is wrong with a piece of text for this API, or null when nothing is. Names the kind of
 * problem only: the caller names the field.
 */
export function textProblem(text: string): string | null {
  if (CONTROL_CHARACTER.test(text)) return 'must not contain control characters';
  if (!(text as string & { isWellFormed(): boolean }).isWellFormed())
    return 'must be well-formed Unicode (it contains a lone surrogate)';
  return null;
}

/**
 * Whether JSON text nests arrays and objects deeper than `max`, by one linear pass over its
 * bytes (or UTF-16 units) that skips strings: no allocation, no recursion, and it stops at the
 * first level too deep. Works on UTF-8 bytes because every byte of a multi-byte character is
 * 0x80 or above, so none looks like a bracket or a quote.
 */
export function jsonNestsDeeperThan(text: Uint8Array | string, max: number): boolean {
  const bytes = typeof text !== 'string';
  const length = text.length;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < length; i++) {
    const c = bytes ? (text as Uint8Array)[i] : (text as string).charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      if (++depth > max) return true;
    } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
      depth--;
    }
  }
  return false;
}

export interface InputProblem {
  /** Where: `title`, `workingHours.0.start`, or the root's name (`body`, `payload`, `path`). */
  field: string;
  problem: string;
}

export interface InputGateOptions {
  /** The name of the input as a whole, used when the problem is at its root. */
  root?: string;
  /** Deepest nesting allowed (the root object is level 1). */
  maxDepth?: number;
}

interface Pending {
  value: unknown;
  depth: number;
  parent: Pending | null;
  key: string;
}

function fieldOf(entry: Pending, root: string): string {
  const keys: string[] = [];
  for (let at: Pending | null = entry; at && at.parent; at = at.parent) keys.push(at.key);
  return keys.length === 0 ? root : keys.reverse().join('.');
}

/**
 * The first problem in a parsed input (an HTTP body or query, a live payload), or null. Walks
 * with its own stack, so no nesting can overflow the call stack; field paths are only built
 * for the problem found.
 */
export function findInputProblem(
  input: unknown,
  { root = 'body', maxDepth = MAX_INPUT_DEPTH }: InputGateOptions = {},
): InputProblem | null {
  const pending: Pending[] = [{ value: input, depth: 0, parent: null, key: '' }];
  while (pending.length > 0) {
    const entry = pending.pop()!;
    const { value } = entry;
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) return { field: fieldOf(entry, root), problem };
      continue;
    }
    // Binary attachments (socket.io) are not text; their DTO refuses them.
    if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) continue;
    const depth = entry.depth + 1;
    if (depth > maxDepth) {
      return {
        field: fieldOf(entry, root),
        problem: `must not nest deeper than ${maxDepth} levels`,
      };
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--)
        pending.push({ value: value[i], depth, parent: entry, key: String(i) });
      continue;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) {
        const field = fieldOf({ value: null, depth, parent: entry, key }, root);
        return { field, problem: `property ${key} should not exist` };
      }
      if (textProblem(key)) {
        // The key itself is the bad text: name where it sits, not what it says.
        return { field: fieldOf(entry, root), problem: 'has a field name that is not valid text' };
      }
      pending.push({ value: (value as Record<string, unknown>)[key], depth, parent: entry, key });
    }
  }
  return null;
}

export function inputRefusal({ field, problem }: InputProblem): ValidationFailedError {
  return new ValidationFailedError(`${field}: ${problem}`, [{ field, problems: [problem] }]);
}

/** Throws VALIDATION_FAILED naming the field when the input does not pass the gate. */
export function assertCleanInput(input: unknown, options?: InputGateOptions): void {
  const problem = findInputProblem(input, options);
  if (problem) throw inputRefusal(problem);
}

/**
 * The body parser's `verify` hook: refuses JSON nested too deep while it is still bytes, so a
 * hostile body costs one linear scan instead of JSON.parse building (and validation recursing
 * into) thousands of levels.
 */
export function verifyJsonDepth(raw: Buffer, encoding: string | null, max = MAX_INPUT_DEPTH): void {
  // RFC 8259: JSON between systems is UTF-8; body-parser would also decode utf-16 and friends.
  if (encoding !== null && encoding !== 'utf-8' && encoding !== 'utf8') {
    throw inputRefusal({ field: 'body', problem: 'must be UTF-8' });
  }
  if (jsonNestsDeeperThan(raw, max)) {
    throw inputRefusal({ field: 'body', problem: `must not nest deeper than ${max} levels` });
  }
}

/** The request's path segments, decoded as the router will decode its parameters. */
function pathProblem(path: string): InputProblem | null {
  for (const segment of path.split('/')) {
    if (!segment.includes('%')) {
      if (CONTROL_CHARACTER.test(segment))
        return { field: 'path', problem: 'must not contain control characters' };
      continue;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      // Includes percent-encoded surrogates, which are not UTF-8.
      return { field: 'path', problem: 'must be percent-encoded UTF-8' };
    }
    const problem = textProblem(decoded);
    if (problem) return { field: 'path', problem };
  }
  return null;
}

/** What an HTTP request offers the gate (Express's request fits). */
export interface GatedRequest {
  path: string;
  query: unknown;
  body?: unknown;
}

/**
 * Every HTTP request passes here after its body is parsed and before any route sees it: the
 * path (where route parameters come from), the query string and the body.
 */
export function assertCleanRequest(req: GatedRequest): void {
  const problem =
    pathProblem(req.path) ??
    findInputProblem(req.query, { root: 'query' }) ??
    (req.body === undefined ? null : findInputProblem(req.body, { root: 'body' }));
  if (problem) throw inputRefusal(problem);
}
