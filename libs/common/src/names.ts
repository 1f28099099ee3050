// Names people read to decide who is speaking (display names, organisations, cities): they must
// show what they say. Invisible and direction-changing characters are refused; names that only
// look alike are compared by their confusable skeleton (Unicode TS #39).
import {
  registerDecorator,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';
import unhomoglyph from 'unhomoglyph';

/**
 * Characters that change nothing visible or reorder what is shown: zero-width spaces and
 * joiners, bidi marks, embeddings, overrides and isolates (U+200B–U+200F, U+202A–U+202E,
 * U+2060–U+2064, U+2066–U+2069, U+061C, U+FEFF…), every other default-ignorable code point
 * (soft hyphen, variation selectors, tag characters, Hangul fillers), control characters,
 * line and paragraph separators, and lone surrogates.
 */
const HIDDEN = /[\p{Default_Ignorable_Code_Point}\p{Bidi_Control}\p{Cc}\p{Zl}\p{Zp}\p{Cs}]/u;

/** The first hidden character of a name as `U+202E`, or null when every character shows. */
export function hiddenCharacterIn(text: string): string | null {
  const found = HIDDEN.exec(text);
  if (!found) return null;
  const code = found[0].codePointAt(0)!;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

function fold(text: string): string {
  return unhomoglyph(text.normalize('NFD')).normalize('NFD');
}

/**
 * The confusable skeletons of a name (Unicode TS #39: NFD, each character mapped to its
 * prototype, NFD), after NFKC, without hidden characters and with spacing collapsed. Two:
 * one keeps letter case ("CoIette" with a capital I is "Colette"), one ignores it ("COLETTE"
 * is "Colette"); a single case-folded key would lose the first ("I" and "l" are confusable
 * only before lower-casing). Not for display: "m" becomes "rn".
 */
export function nameSkeletons(name: string): [string, string] {
  const visible = name
    .normalize('NFKC')
    .replace(new RegExp(HIDDEN.source, 'gu'), '')
    .replace(/\s+/gu, ' ')
    .trim();
  return [fold(visible), fold(visible.toLowerCase())];
}

/** Whether two names look alike: they share a skeleton, with or without letter case. */
export function namesLookAlike(a: readonly string[], b: readonly string[]): boolean {
  return a[0] === b[0] || a[1] === b[1];
}

/** Refuses a name with a hidden character, naming the character (400 VALIDATION_FAILED). */
export const IsVisibleName = (options?: ValidationOptions) => (object: object, property: string) =>
  registerDecorator({
    name: 'isVisibleName',
    target: object.constructor,
    propertyName: property,
    options: {
      message: (args: ValidationArguments) =>
        `${args.property} must not contain invisible or direction-changing characters (${hiddenCharacterIn(String(args.value)) ?? 'unknown'})`,
      ...options,
    },
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || hiddenCharacterIn(value) === null,
    },
  });
