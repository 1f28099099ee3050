// Turns message rows (with their author joined) into the wire shape for one kind of viewer.
// Hidden messages reach moderators with who hid them and why; their author sees a placeholder
// with the reason (naming no moderator); everyone else gets an empty tombstone that names no
// one, so sequence numbers stay contiguous for gap detection.
import type { MessageView, PersonSummary, Position, Region } from '#libs/contracts';

export interface MessageRow {
  id: string;
  room_id: string;
  seq: string | number;
  client_message_id: string;
  author_id: string;
  body: string;
  language: string | null;
  is_question: boolean;
  upvotes: number;
  answered_at: Date | null;
  edited_at: Date | null;
  deleted_at: Date | null;
  hidden_at: Date | null;
  hidden_by_id: string | null;
  hidden_reason: string | null;
  created_at: Date;
  /** The thread this message became, if someone started one from it. */
  thread_id: string | null;
  author_name?: string;
  author_position?: Position | null;
  author_time_zone?: string;
  author_city_id?: string | null;
  author_city_name?: string | null;
  author_city_country?: string | null;
  author_city_region?: Region | null;
}

/** The author columns to select alongside `m.*` (practitioners p, cities c). */
export const AUTHOR_COLUMNS = `p.display_name AS author_name, p.position AS author_position, p.time_zone AS author_time_zone,
  c.id AS author_city_id, c.name AS author_city_name, c.country_code AS author_city_country, c.region AS author_city_region`;

export function authorOf(row: MessageRow): PersonSummary {
  return {
    id: row.author_id,
    displayName: row.author_name ?? '',
    position: row.author_position ?? null,
    timeZone: row.author_time_zone ?? 'UTC',
    city: row.author_city_id
      ? {
          id: row.author_city_id,
          name: row.author_city_name ?? '',
          countryCode: row.author_city_country ?? '',
          region: row.author_city_region ?? 'other',
        }
      : null,
  };
}

/** Who a message is presented to: a moderator of its room, or someone else (maybe its author). */
export interface MessageViewer {
  id: string | null;
  moderator: boolean;
}

/** Everyone in the room who neither moderates it nor wrote the message at hand. */
export const ANY_MEMBER: MessageViewer = { id: null, moderator: false };
export const MODERATOR: MessageViewer = { id: null, moderator: true };

export function presentMessage(
  row: MessageRow,
  author: PersonSummary,
  viewer: MessageViewer,
): MessageView {
  const forModerator = viewer.moderator;
  const forAuthor = viewer.id === row.author_id;
  const hiddenFromViewer = row.hidden_at !== null && !forModerator;
  const gone = row.deleted_at !== null || hiddenFromViewer;
  return {
    id: row.id,
    roomId: row.room_id,
    seq: Number(row.seq),
    clientMessageId: row.client_message_id,
    author: hiddenFromViewer && !forAuthor ? null : author,
    body: gone ? '' : row.body,
    language: gone ? null : row.language,
    createdAt: row.created_at.toISOString(),
    editedAt: row.edited_at?.toISOString() ?? null,
    deleted: gone,
    question:
      row.is_question && !gone
        ? { upvotes: row.upvotes, answeredAt: row.answered_at?.toISOString() ?? null }
        : null,
    hidden:
      row.hidden_at && (forModerator || forAuthor)
        ? {
            at: row.hidden_at.toISOString(),
            byId: forModerator ? (row.hidden_by_id ?? '') : null,
            reason: row.hidden_reason ?? '',
          }
        : null,
    threadId: gone ? null : row.thread_id,
  };
}

/**
 * Messages for one viewer; those the viewer reported as extremist content or personal data (see
 * FlagsService.hiddenFromReporter) reach them as a tombstone naming no one, like a hidden one.
 */
export function presentMessagesFor(
  rows: MessageRow[],
  viewer: MessageViewer,
  reported: ReadonlySet<string>,
): MessageView[] {
  return rows.map((row) =>
    reported.has(row.id) && !viewer.moderator
      ? presentMessage(
          { ...row, hidden_at: row.hidden_at ?? row.created_at },
          authorOf(row),
          ANY_MEMBER,
        )
      : presentMessage(row, authorOf(row), viewer),
  );
}
