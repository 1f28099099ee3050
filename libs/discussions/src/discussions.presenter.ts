// Turns thread and post rows into the wire shapes for one kind of reader. A hidden post reaches
// moderators with who hid it and why, its author with why (naming no moderator), and everyone
// else as an empty tombstone that names no one; a deleted post is a tombstone for all.
import type {
  AttachmentView,
  AttributionRule,
  ExchangeRole,
  FollowLevel,
  PersonSummary,
  Position,
  PostView,
  ReactionCount,
  Region,
  ThemeView,
  ThreadKind,
  ThreadPlace,
  ThreadShared,
  ThreadSummary,
  ThreadView,
} from '#libs/contracts';

/** A person's columns as `<prefix>_name`… (see DiscussionsSql.personColumns). */
export type PersonColumns<P extends string> = {
  [K in `${P}_name`]: string;
} & {
  [K in `${P}_position`]: Position | null;
} & {
  [K in `${P}_time_zone`]: string;
} & {
  [K in `${P}_city_id` | `${P}_city_name` | `${P}_city_country`]: string | null;
} & {
  [K in `${P}_city_region`]: Region | null;
};

export function personOf<P extends string>(
  id: string,
  row: PersonColumns<P>,
  prefix: P,
): PersonSummary {
  const r = row as unknown as Record<string, string | null>;
  const cityId = r[`${prefix}_city_id`];
  return {
    id,
    displayName: r[`${prefix}_name`] ?? '',
    position: (r[`${prefix}_position`] as Position | null) ?? null,
    timeZone: r[`${prefix}_time_zone`] ?? 'UTC',
    city: cityId
      ? {
          id: cityId,
          name: r[`${prefix}_city_name`] ?? '',
          countryCode: r[`${prefix}_city_country`] ?? '',
          region: (r[`${prefix}_city_region`] as Region | null) ?? 'other',
        }
      : null,
  };
}

export interface ThreadRow extends PersonColumns<'author'> {
  id: string;
  exchange_id: string | null;
  author_id: string;
  created_by_id: string;
  kind: ThreadKind;
  title: string;
  language: string;
  first_post_id: string;
  answer_post_id: string | null;
  last_seq: number;
  reply_count: number;
  last_activity_at: Date;
  pinned_at: Date | null;
  locked_at: Date | null;
  hidden_at: Date | null;
  hidden_by_id: string | null;
  hidden_reason: string | null;
  merged_into_id: string | null;
  deleted_at: Date | null;
  source_message_id: string | null;
  source_room_id: string | null;
  created_at: Date;
  exchange_title: string | null;
  exchange_attribution: AttributionRule | null;
  exchange_status: string | null;
  role: ExchangeRole | null;
  muted: boolean;
  participant_count: number;
  /** Built in SQL in their wire shape (DiscussionsSql.threadExtras). */
  themes: ThemeView[];
  participants: PersonSummary[];
}

/** The reader's own state beside a thread row. */
export interface ReaderRow {
  last_read_seq: number | null;
  last_visit_at: Date | null;
  follow_level: FollowLevel | null;
  unread_count: number;
}

export interface PostRow extends PersonColumns<'author'> {
  id: string;
  thread_id: string;
  seq: number;
  parent_id: string | null;
  branch_id: string | null;
  depth: number;
  author_id: string;
  body: string;
  language: string;
  reply_count: number;
  edited_at: Date | null;
  deleted_at: Date | null;
  hidden_at: Date | null;
  hidden_by_id: string | null;
  hidden_reason: string | null;
  created_at: Date;
  /** Built in SQL in their wire shape (DiscussionsSql.postReactions). */
  reactions: ReactionCount[];
}

export const placeOf = (row: ThreadRow): ThreadPlace | null =>
  row.exchange_id
    ? {
        id: row.exchange_id,
        title: row.exchange_title ?? '',
        attribution: row.exchange_attribution ?? 'named',
      }
    : null;

export function presentThreadShared(row: ThreadRow): ThreadShared {
  return {
    id: row.id,
    exchange: placeOf(row),
    title: row.title,
    kind: row.kind,
    themes: row.themes,
    pinned: row.pinned_at !== null,
    locked: row.locked_at !== null,
    hidden: row.hidden_at !== null,
    answerPostId: row.answer_post_id,
    mergedIntoId: row.merged_into_id,
    replyCount: row.reply_count,
    participants: row.participants,
    participantCount: row.participant_count,
    lastActivityAt: row.last_activity_at.toISOString(),
    lastSeq: row.last_seq,
  };
}

export function presentThreadSummary(row: ThreadRow & ReaderRow): ThreadSummary {
  return {
    id: row.id,
    exchange: placeOf(row),
    title: row.title,
    kind: row.kind,
    themes: row.themes,
    language: row.language,
    author: personOf(row.author_id, row, 'author'),
    createdAt: row.created_at.toISOString(),
    lastActivityAt: row.last_activity_at.toISOString(),
    replyCount: row.reply_count,
    participants: row.participants,
    participantCount: row.participant_count,
    pinned: row.pinned_at !== null,
    locked: row.locked_at !== null,
    answered: row.answer_post_id !== null,
    hidden: row.hidden_at !== null,
    unreadCount: Math.max(0, row.unread_count),
    isNew: row.last_read_seq === null,
    followLevel: row.follow_level ?? 'normal',
  };
}

export interface ThreadPermissions {
  canPost: boolean;
  canModerate: boolean;
  canMarkAnswer: boolean;
}

export function presentThreadView(
  row: ThreadRow & ReaderRow,
  permissions: ThreadPermissions,
  viewerId: string,
): ThreadView {
  const seesHidden = row.hidden_at && (permissions.canModerate || row.author_id === viewerId);
  return {
    ...presentThreadSummary(row),
    ...presentThreadShared(row),
    firstPostId: row.first_post_id,
    source:
      row.source_message_id && row.source_room_id
        ? { roomId: row.source_room_id, messageId: row.source_message_id }
        : null,
    hiddenState: seesHidden
      ? {
          at: row.hidden_at!.toISOString(),
          byId: permissions.canModerate ? row.hidden_by_id : null,
          reason: row.hidden_reason ?? '',
        }
      : null,
    ...permissions,
    lastReadSeq: row.last_read_seq ?? 0,
    lastVisitAt: row.last_visit_at?.toISOString() ?? null,
  };
}

/** Who a post is shown to: a moderator of its thread, or someone else (maybe its author). */
export interface PostReader {
  id: string | null;
  moderator: boolean;
}

export const ANY_READER: PostReader = { id: null, moderator: false };
export const MODERATOR_READER: PostReader = { id: null, moderator: true };

export function presentPost(
  row: PostRow,
  attachments: AttachmentView[],
  reader: PostReader,
): PostView {
  const forAuthor = reader.id === row.author_id;
  const hiddenFromReader = row.hidden_at !== null && !reader.moderator;
  const gone = row.deleted_at !== null || hiddenFromReader;
  return {
    id: row.id,
    threadId: row.thread_id,
    seq: row.seq,
    parentId: row.parent_id,
    branchId: row.branch_id,
    depth: row.depth,
    author: hiddenFromReader && !forAuthor ? null : personOf(row.author_id, row, 'author'),
    body: gone ? '' : row.body,
    language: gone ? null : row.language,
    createdAt: row.created_at.toISOString(),
    editedAt: row.edited_at?.toISOString() ?? null,
    deleted: gone,
    hidden:
      row.hidden_at && (reader.moderator || forAuthor)
        ? {
            at: row.hidden_at.toISOString(),
            byId: reader.moderator ? (row.hidden_by_id ?? '') : null,
            reason: row.hidden_reason ?? '',
          }
        : null,
    replyCount: row.reply_count,
    reactions: gone ? [] : row.reactions,
    attachments: gone ? [] : attachments,
  };
}
