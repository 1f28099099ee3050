// Threaded discussions: a thread lives in an exchange or in the network-wide commons, and its
// posts form a tree. These are the shapes and limits both the API and the web client use.
import type { AttributionRule, PersonSummary } from './exchanges.js';
import type { AttachmentView } from './files.js';
import type { ThemeView } from './index.js';
import type { HiddenState } from './live.js';

export const THREAD_KINDS = ['discussion', 'question', 'lesson-learned'] as const;
export type ThreadKind = (typeof THREAD_KINDS)[number];

/** watching: told of every new post; normal: of replies to you and mentions; muted: of mentions only. */
export const FOLLOW_LEVELS = ['watching', 'normal', 'muted'] as const;
export type FollowLevel = (typeof FOLLOW_LEVELS)[number];

/** The small fixed set of reactions a post can receive. */
export const REACTIONS = ['thumbs-up', 'heart', 'clap', 'lightbulb', 'thinking'] as const;
export type Reaction = (typeof REACTIONS)[number];

export const THREAD_LIMITS = {
  title: { min: 3, max: 200 },
  body: { min: 1, max: 20_000 },
  themes: 5,
  /** The client's own id of a new thread or post: 8–64 letters, digits, - or _. */
  clientIdPattern: '^[A-Za-z0-9_-]{8,64}$',
  /** Threads per page of a list. */
  listPage: 20,
  /** Top-level replies per page of a thread. */
  topLevelPage: 20,
  /** Each top-level reply comes with at most this many of the posts in its branch. */
  branchPreview: 10,
  /** Posts per page when a branch (or the whole thread) is read further. */
  postsPage: 100,
  /** Mention completion answers at most this many people. */
  mentionable: 10,
} as const;

/** Where a thread lives: an exchange (its members read it) or the commons (every member). */
export interface ThreadPlace {
  id: string;
  title: string;
  attribution: AttributionRule;
}

/** What a list shows of a thread, for one reader. */
export interface ThreadSummary {
  id: string;
  /** Null for the network commons. */
  exchange: ThreadPlace | null;
  title: string;
  kind: ThreadKind;
  themes: ThemeView[];
  language: string;
  /** Who wrote the opening post. */
  author: PersonSummary;
  createdAt: string;
  lastActivityAt: string;
  /** Replies (every post but the opening one) that are neither deleted nor hidden. */
  replyCount: number;
  /** People who wrote visible posts, at most five, the most recent first. */
  participants: PersonSummary[];
  participantCount: number;
  pinned: boolean;
  locked: boolean;
  /** Questions: a reply is marked as the answer. */
  answered: boolean;
  /** Hidden by a moderator: listed only for moderators and the author. */
  hidden: boolean;
  /** Posts after the reader's read position, not theirs, not deleted or hidden. */
  unreadCount: number;
  /** The reader has never opened it. */
  isNew: boolean;
  followLevel: FollowLevel;
}

/** How a thread started from a live room message links back to it. */
export interface ThreadSource {
  roomId: string;
  messageId: string;
}

/** The facts of a thread that are the same for every reader: what `thread.updated` carries. */
export interface ThreadShared {
  id: string;
  exchange: ThreadPlace | null;
  title: string;
  kind: ThreadKind;
  themes: ThemeView[];
  pinned: boolean;
  locked: boolean;
  /** Hidden by a moderator (only its moderators and author still see it). */
  hidden: boolean;
  answerPostId: string | null;
  /** Set once a moderator merged this thread into another: read that one instead. */
  mergedIntoId: string | null;
  replyCount: number;
  participants: PersonSummary[];
  participantCount: number;
  lastActivityAt: string;
  /** The highest post number so far (posts are numbered 1, 2, 3… in each thread). */
  lastSeq: number;
}

/** The thread as its page needs it. */
export interface ThreadView extends ThreadSummary, ThreadShared {
  firstPostId: string;
  source: ThreadSource | null;
  /** Moderators and the author: who hid it (moderators) and why. */
  hiddenState: HiddenState | null;
  /**
   * The reader's standing lets them write here (observers, the muted and outsiders may not); a
   * lock (all but moderators) and a merge stop them too: see mayPostNow.
   */
  canPost: boolean;
  canModerate: boolean;
  /** The author of a question and moderators mark its answer. */
  canMarkAnswer: boolean;
  /** The reader's read position when the page was asked for: newer posts are "new since your last visit". */
  lastReadSeq: number;
  lastVisitAt: string | null;
}

export interface ReactionCount {
  reaction: Reaction;
  count: number;
  /** Who reacted (practitioner ids), so each reader sees their own. */
  by: string[];
}

export interface PostView {
  id: string;
  threadId: string;
  /** 1, 2, 3… in the thread; the opening post is 1. */
  seq: number;
  /** Null for the opening post; a reply without a parent answers the opening post. */
  parentId: string | null;
  /** The top-level reply (depth 1) whose branch this post is in; itself at depth 1; null for the opening post. */
  branchId: string | null;
  /** 0 for the opening post, 1 for replies to it, and so on. */
  depth: number;
  /** Null on a hidden post's tombstone, for everyone but moderators and its author. */
  author: PersonSummary | null;
  body: string;
  language: string | null;
  createdAt: string;
  editedAt: string | null;
  /** Gone for this reader (deleted by its author, or hidden): a tombstone with no content. */
  deleted: boolean;
  /** Moderators see who hid it and why; its author why. */
  hidden: HiddenState | null;
  /** Direct replies stored under it (a removed post without any is left out of the tree). */
  replyCount: number;
  reactions: ReactionCount[];
  /** Files on the post (empty on a tombstone); downloads are authorized like the post. */
  attachments: AttachmentView[];
}

/** A thread page: the opening post, a page of top-level replies and the start of each branch. */
export interface ThreadPage {
  thread: ThreadView;
  /** In seq order; build the tree from parentId. */
  posts: PostView[];
  /** Per top-level reply on this page: how many posts its branch holds besides itself. */
  branchSizes: Record<string, number>;
  /** The next page of top-level replies; null at the end. */
  nextCursor: string | null;
}

export interface PostRevisionView {
  /** 1 is the text as first posted; the last one is the text as it reads now. */
  revision: number;
  body: string;
  language: string | null;
  createdAt: string;
}

export interface ThreadReadState {
  threadId: string;
  lastReadSeq: number;
  unreadCount: number;
}

export interface ThreadFollowState {
  threadId: string;
  followLevel: FollowLevel;
}

// — live (socket.io /live) —

export interface ThreadSubscribeRequest {
  threadId: string;
}

/** The subscribe ack: the thread's shared facts now (a client whose lastSeq is behind refetches). */
export interface ThreadSubscribed {
  thread: ThreadShared;
  canModerate: boolean;
}

export interface PostDeleted {
  threadId: string;
  postId: string;
  seq: number;
  reason: 'deleted' | 'hidden';
  /** The post stays as a tombstone because it has replies; otherwise it leaves the tree. */
  tombstone: boolean;
}

export interface ThreadRemoved {
  threadId: string;
  reason: string;
}
