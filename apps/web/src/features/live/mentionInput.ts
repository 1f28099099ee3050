// Mentions in the composer: people appear as "@Name" while writing, and become the contract's
// tokens ([@Name](mention:id)) only when the message goes out; an edit turns tokens back.
import { mentionToken, parseMentions, type PersonSummary } from '@contracts';

export interface Mentioned {
  id: string;
  displayName: string;
}

/** The "@query" being typed just before the caret, or null. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|[\s(])@([^\s@[\]()]{0,40}(?: [^\s@[\]()]{0,40})?)$/.exec(before);
  const query = match?.[2];
  if (query === undefined) return null;
  return { start: before.length - query.length - 1, query };
}

/** Puts "@Name " in place of the "@query" before the caret; returns the text and the new caret. */
export function insertMention(
  text: string,
  caret: number,
  start: number,
  person: PersonSummary,
): { text: string; caret: number } {
  const inserted = `@${person.displayName} `;
  return {
    text: text.slice(0, start) + inserted + text.slice(caret),
    caret: start + inserted.length,
  };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text as sent: each "@Name" of a person picked from the list becomes their token. */
export function toWireBody(text: string, people: Mentioned[]): string {
  let body = text;
  const longestFirst = [...people].sort((a, b) => b.displayName.length - a.displayName.length);
  for (const person of longestFirst) {
    const pattern = new RegExp(`(^|[^\\w[])@${escapeRegExp(person.displayName)}(?![\\w])`, 'gu');
    body = body.replace(pattern, (_, lead: string) => `${lead}${mentionToken(person)}`);
  }
  return body;
}

/** A stored body back to what the composer shows, with the people it mentions. */
export function fromWireBody(body: string): { text: string; people: Mentioned[] } {
  const people: Mentioned[] = [];
  let text = '';
  let last = 0;
  for (const mention of parseMentions(body)) {
    text += `${body.slice(last, mention.index)}@${mention.label}`;
    people.push({ id: mention.id, displayName: mention.label });
    last = mention.index + mention.length;
  }
  return { text: text + body.slice(last), people };
}
