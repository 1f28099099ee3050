// One rule for ids from outside: a UUID is accepted in either case and continues in lower case,
// the case PostgreSQL returns. The database compares uuids case-blind, but JavaScript does not
// (`practitionerId === actor.id`, socket.io room names, `cities.some(c => c.id === id)`), so an
// upper-case id must not reach a service. Applied to every route parameter shaped like a UUID and
// to every DTO field declared with @IsUUID, for HTTP bodies and queries and live payloads alike.
import { getMetadataStorage, IS_UUID } from 'class-validator';

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuidShaped(value: unknown): value is string {
  return typeof value === 'string' && UUID_SHAPE.test(value);
}

/** A route parameter: lower-cased when it is a UUID, untouched otherwise (e.g. a feed token). */
export function normalizeIdParam(value: unknown): unknown {
  return isUuidShaped(value) ? value.toLowerCase() : value;
}

const uuidFieldsByClass = new WeakMap<object, string[]>();

function uuidFieldsOf(dto: object): string[] {
  let fields = uuidFieldsByClass.get(dto);
  if (!fields) {
    const metadata = getMetadataStorage().getTargetValidationMetadatas(
      dto as new () => unknown,
      '',
      false,
      false,
    );
    fields = [...new Set(metadata.filter((m) => m.name === IS_UUID).map((m) => m.propertyName))];
    uuidFieldsByClass.set(dto, fields);
  }
  return fields;
}

const lower = (value: unknown): unknown => (isUuidShaped(value) ? value.toLowerCase() : value);

/**
 * Lower-cases, in place, every field a validated DTO instance (and the DTOs nested in it)
 * declares with @IsUUID, including arrays of them. Call after validation passed.
 */
export function normalizeIds<T>(validated: T): T {
  const pending: unknown[] = [validated];
  const seen = new Set<object>();
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next !== 'object' || next === null || seen.has(next)) continue;
    seen.add(next);
    if (Array.isArray(next)) {
      pending.push(...next);
      continue;
    }
    const record = next as Record<string, unknown>;
    // Plain objects declare nothing; only DTO classes carry validation metadata. (Own data may
    // shadow `constructor` in unvalidated input: only a function is a class.)
    const dto: unknown = next.constructor;
    if (typeof dto === 'function' && dto !== Object) {
      for (const field of uuidFieldsOf(dto)) {
        const value = record[field];
        if (isUuidShaped(value)) record[field] = value.toLowerCase();
        else if (Array.isArray(value)) record[field] = value.map(lower);
      }
    }
    for (const value of Object.values(record)) if (typeof value === 'object') pending.push(value);
  }
  return validated;
}
