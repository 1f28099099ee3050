// Custom class-validator rules for values the platform cares about: time zones, languages.
import { registerDecorator, ValidateIf, ValidationOptions } from 'class-validator';

const knownTimeZones = new Set(Intl.supportedValuesOf('timeZone'));

export function isIanaTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 64) return false;
  if (knownTimeZones.has(value) || value === 'UTC') return true;
  try {
    // Accepts canonical aliases (e.g. "Europe/Kiev") that supportedValuesOf leaves out.
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value.includes('/');
  } catch {
    return false;
  }
}

export function isBcp47Tag(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 35) return false;
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

export function canonicalLanguageTag(value: string): string {
  // getCanonicalLocales throws on an invalid tag, so one string yields exactly one tag.
  return Intl.getCanonicalLocales(value)[0]!;
}

function rule(name: string, test: (value: unknown) => boolean, message: string) {
  return (options?: ValidationOptions) => (object: object, propertyName: string) =>
    registerDecorator({
      name,
      target: object.constructor,
      propertyName,
      options: { message, ...options },
      validator: { validate: test },
    });
}

export const IsIanaTimeZone = rule(
  'isIanaTimeZone',
  isIanaTimeZone,
  '$property must be an IANA time zone such as Europe/Amsterdam',
);
export const IsBcp47Tag = rule(
  'isBcp47Tag',
  isBcp47Tag,
  '$property must contain BCP 47 language tags such as en, fr or nl-BE',
);

/**
 * The field may be left out, but if present it is validated, and null is refused.
 * (class-validator's IsOptional also lets null through, which would clear a required column.)
 */
export const IsOmittable = (options?: ValidationOptions) =>
  ValidateIf((_object: object, value: unknown) => value !== undefined, options);
