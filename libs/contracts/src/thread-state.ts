// How a client keeps a thread current: the page it fetched plus every live event, applied here.
// The web client and the tests share this one reducer, and the strongest test of the protocol
// holds it to its promise: stale state plus the events equals a fresh fetch.
import type { PostDeleted, PostView, ThreadPage, ThreadShared, ThreadView } from './threads.js';

export interface ThreadLiveState {
  thread: ThreadView;
  /** In seq order; build the tree from parentId. */
  posts: PostView[];
  branchSizes: Record<string, number>;
  nextCursor: string | null;
  /** Something happened that events do not carry (a merge brought posts): fetch again. */
  stale: boolean;
  /** The thread was deleted, or this reader lost access to it. */
  removed: boolean;
}

export type ThreadLiveEvent =
  | { type: 'post.created'; post: PostView }
  | { type: 'post.updated'; post: PostView }
  | { type: 'post.deleted'; deleted: PostDeleted }
  | { type: 'thread.updated'; thread: ThreadShared }
  | { type: 'thread.removed'; threadId: string };

export function threadStateOf(page: ThreadPage): ThreadLiveState {
  return {
    thread: page.thread,
    posts: [...page.posts].sort((a, b) => a.seq - b.seq),
    branchSizes: { ...page.branchSizes },
    nextCursor: page.nextCursor,
    stale: false,
    removed: false,
  };
}

/** Adds posts fetched later (another page, more of a branch): each post once, in seq order. */
export function withPosts(state: ThreadLiveState, posts: PostView[]): ThreadLiveState {
  const byId = new Map(state.posts.map((p) => [p.id, p]));
  for (const post of posts) byId.set(post.id, post);
  return { ...state, posts: [...byId.values()].sort((a, b) => a.seq - b.seq) };
}

/** The highest post number this client has seen. */
export function lastKnownSeq(state: ThreadLiveState): number {
  return Math.max(state.thread.lastSeq, ...state.posts.map((p) => p.seq));
}

/**
 * A post that enters or leaves the reader's tree changes the size of its branch (as the page
 * counts it); a new top-level reply starts a branch when the last page of them is loaded.
 */
function resized(state: ThreadLiveState, post: PostView, delta: 1 | -1): Record<string, number> {
  const sizes = { ...state.branchSizes };
  if (post.depth === 1) {
    if (delta > 0 && state.nextCursor === null && !(post.id in sizes)) sizes[post.id] = 0;
    if (delta < 0) delete sizes[post.id];
  } else if (post.branchId && post.branchId in sizes) {
    sizes[post.branchId] = Math.max(0, sizes[post.branchId]! + delta);
  }
  return sizes;
}

export function applyThreadEvent(state: ThreadLiveState, event: ThreadLiveEvent): ThreadLiveState {
  const threadId = state.thread.id;
  switch (event.type) {
    case 'post.created': {
      const { post } = event;
      if (post.threadId !== threadId) return state;
      const known = state.posts.some((p) => p.id === post.id);
      let { posts } = withPosts(state, [post]);
      if (!known)
        posts = posts.map((p) =>
          p.id === post.parentId ? { ...p, replyCount: p.replyCount + 1 } : p,
        );
      return {
        ...state,
        posts,
        branchSizes: known ? state.branchSizes : resized(state, post, 1),
        thread: { ...state.thread, lastSeq: Math.max(state.thread.lastSeq, post.seq) },
      };
    }
    case 'post.updated': {
      const { post } = event;
      if (post.threadId !== threadId) return state;
      // A post new to this reader here was restored: it re-enters the tree.
      const known = state.posts.some((p) => p.id === post.id);
      return {
        ...withPosts(state, [post]),
        branchSizes: known ? state.branchSizes : resized(state, post, 1),
      };
    }
    case 'post.deleted': {
      const { deleted } = event;
      if (deleted.threadId !== threadId) return state;
      const gone = state.posts.find((p) => p.id === deleted.postId);
      if (!deleted.tombstone) {
        return {
          ...state,
          branchSizes: gone ? resized(state, gone, -1) : state.branchSizes,
          posts: state.posts.filter((p) => p.id !== deleted.postId),
        };
      }
      return {
        ...state,
        posts: state.posts.map((p) =>
          p.id === deleted.postId
            ? {
                ...p,
                // A hidden post's tombstone names no one.
                author: deleted.reason === 'hidden' ? null : p.author,
                body: '',
                language: null,
                deleted: true,
                hidden: null,
                reactions: [],
                attachments: [],
              }
            : p,
        ),
      };
    }
    case 'thread.updated': {
      const shared = event.thread;
      if (shared.id !== threadId) return state;
      const stale = state.stale || shared.lastSeq > lastKnownSeq(state);
      return {
        ...state,
        stale,
        thread: { ...state.thread, ...shared, answered: shared.answerPostId !== null },
      };
    }
    case 'thread.removed':
      return event.threadId === threadId ? { ...state, removed: true } : state;
  }
}

/** Whether the reader may write in the thread now: their standing, the lock, a merge. */
export function mayPostNow(thread: ThreadView): boolean {
  return thread.canPost && thread.mergedIntoId === null && (!thread.locked || thread.canModerate);
}
