// Small shared words and formats of the thread pages.
import type { PersonSummary, ReactionCount, Reaction } from '@contracts';

/** Emoji for each reaction of the fixed set (their names are in the i18n catalogue). */
export const REACTION_EMOJI: Record<Reaction, string> = {
  'thumbs-up': '👍',
  heart: '❤️',
  clap: '👏',
  lightbulb: '💡',
  thinking: '🤔',
};

/** "5 Dec, 14:05" in the reader's zone. */
export function momentIn(iso: string, locale: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
    }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(iso),
    );
  }
}

export function reactedByMe(reaction: ReactionCount | undefined, myId: string): boolean {
  return reaction?.by.includes(myId) ?? false;
}

export function names(people: PersonSummary[]): string {
  return people.map((p) => p.displayName).join(', ');
}
