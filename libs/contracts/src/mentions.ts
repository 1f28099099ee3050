// Mentions in live messages: a markdown link `[@Display Name](mention:<practitioner id>)`, so any
// markdown reader shows "@Display Name". The web client writes them on completion; the server
// rewrites each label to the person's current name (or plain text for someone who cannot be
// mentioned there) and notifies the people named. Tokens inside code are text, not mentions.

const ESCAPED = /[\\[\]*_`<>&~]/g;
const TOKEN =
  /\[@((?:\\.|[^\\\]\n])+)\]\(mention:([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\)/g;

const ONE_TOKEN = new RegExp(TOKEN.source);

export const MENTION_SCHEME = 'mention:';

export interface MentionToken {
  /** The practitioner's id, lower case. */
  id: string;
  /** The label as written, unescaped. */
  label: string;
  index: number;
  length: number;
}

/** The token that mentions this person. */
export function mentionToken(person: { id: string; displayName: string }): string {
  const label = person.displayName.replace(/\s+/g, ' ').trim().replace(ESCAPED, '\\$&');
  return `[@${label}](${MENTION_SCHEME}${person.id.toLowerCase()})`;
}

/**
 * The body with every code block and code span blanked out (same length), so that what looks
 * like a mention inside code is not one.
 */
function maskCode(body: string): string {
  const masked = body.split('');
  const blank = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (masked[i] !== '\n') masked[i] = ' ';
  };
  // Fenced blocks: a line opening with ``` or ~~~ up to the line closing it (or the end).
  const fence = /^ {0,3}(`{3,}|~{3,})[^\n]*$/gm;
  let open: { at: number; marker: string } | null = null;
  for (let match = fence.exec(body); match; match = fence.exec(body)) {
    const marker = match[1] ?? '';
    if (!open) open = { at: match.index, marker };
    else if (marker[0] === open.marker[0] && marker.length >= open.marker.length) {
      blank(open.at, match.index + match[0].length);
      open = null;
    }
  }
  if (open) blank(open.at, body.length);
  // Code spans: a run of backticks up to the next run of the same length.
  const text = masked.join('');
  const span = /(`+)[\s\S]*?[^`]\1(?!`)/g;
  for (let match = span.exec(text); match; match = span.exec(text))
    blank(match.index, match.index + match[0].length);
  return masked.join('');
}

/** Every mention token outside code, in order. */
export function parseMentions(body: string): MentionToken[] {
  if (!body.includes(`](${MENTION_SCHEME}`)) return [];
  const masked = maskCode(body);
  const found: MentionToken[] = [];
  for (const match of masked.matchAll(TOKEN)) {
    const index = match.index ?? 0;
    const original = body.slice(index, index + match[0].length);
    const [, label, id] = ONE_TOKEN.exec(original) ?? [];
    if (!id) continue;
    found.push({
      id: id.toLowerCase(),
      label: (label ?? '').replace(/\\(.)/g, '$1'),
      index,
      length: match[0].length,
    });
  }
  return found;
}

/** The distinct ids a body mentions. */
export function mentionedIds(body: string): string[] {
  return [...new Set(parseMentions(body).map((m) => m.id))];
}

/**
 * Rewrites each mention: to the token with the person's current name, or to plain "@label"
 * when `nameOf` returns null (nobody there by that id).
 */
export function rewriteMentions(body: string, nameOf: (id: string) => string | null): string {
  let result = '';
  let last = 0;
  for (const mention of parseMentions(body)) {
    const name = nameOf(mention.id);
    result += body.slice(last, mention.index);
    result +=
      name === null
        ? `@${mention.label.replace(ESCAPED, '\\$&')}`
        : mentionToken({ id: mention.id, displayName: name });
    last = mention.index + mention.length;
  }
  return result + body.slice(last);
}
