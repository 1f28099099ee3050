// A thread as its page shows it: the fetched page kept current by the live events, through the
// one reducer libs/contracts shares with the tests (stale page + events = a fresh fetch). The
// tab's live connection subscribes on every (re)connection; a subscription that finds the
// thread further on than this page (missed events, a merge) fetches it again.
import {
  applyThreadEvent,
  lastKnownSeq,
  type PostDeleted,
  type PostView,
  type ThreadLiveEvent,
  type ThreadLiveState,
  type ThreadRemoved,
  type ThreadShared,
  threadStateOf,
  withPosts,
} from '@contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { acquireLiveConnection, releaseLiveConnection } from '../../api/live-socket';
import { threadsApi } from './threads.api';

export interface ThreadHandle {
  state: ThreadLiveState | null;
  error: unknown;
  /** The reader's read position when the page was opened: later posts are new to them. */
  readBefore: number;
  /** Puts posts the reader fetched or wrote in the page at once (the event may follow). */
  merge: (posts: PostView[]) => void;
  loadMorePosts: () => Promise<void>;
  loadBranch: (branchId: string) => Promise<void>;
  reload: () => void;
}

export function useThread(threadId: string): ThreadHandle {
  const [state, setState] = useState<ThreadLiveState | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const [readBefore, setReadBefore] = useState(0);
  const current = useRef<ThreadLiveState | null>(null);
  current.current = state;
  const readUpTo = useRef(0);
  /** The thread whose first fetch set `readBefore`. */
  const visited = useRef<string | null>(null);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    let alive = true;
    threadsApi.page(threadId).then(
      (page) => {
        if (!alive) return;
        setState(threadStateOf(page));
        // Only the first fetch of a thread says what is new since the last visit.
        if (visited.current !== threadId) {
          visited.current = threadId;
          setReadBefore(page.thread.lastReadSeq);
          readUpTo.current = page.thread.lastReadSeq;
        }
        setError(null);
      },
      (failure: unknown) => alive && setError(failure),
    );
    return () => {
      alive = false;
    };
  }, [threadId, generation]);

  // Live: subscribe on every connection; apply the events of this thread.
  useEffect(() => {
    const connection = acquireLiveConnection();
    const apply = (event: ThreadLiveEvent) =>
      setState((previous) => (previous ? applyThreadEvent(previous, event) : previous));
    const onCreated = (post: PostView) => apply({ type: 'post.created', post });
    const onUpdated = (post: PostView) => apply({ type: 'post.updated', post });
    const onDeleted = (deleted: PostDeleted) => apply({ type: 'post.deleted', deleted });
    const onThread = (thread: ThreadShared) => apply({ type: 'thread.updated', thread });
    const onRemoved = (removed: ThreadRemoved) =>
      apply({ type: 'thread.removed', threadId: removed.threadId });
    const { socket } = connection;
    socket.on('post.created', onCreated);
    socket.on('post.updated', onUpdated);
    socket.on('post.deleted', onDeleted);
    socket.on('thread.updated', onThread);
    socket.on('thread.removed', onRemoved);
    const subscribe = () => {
      connection.emit('thread.subscribe', { threadId }).then(
        (ack) => {
          const known = current.current;
          if (known && ack.thread.lastSeq > lastKnownSeq(known)) reload();
        },
        () => undefined, // the page still works without live updates
      );
    };
    const stopConnect = connection.onConnect(subscribe);
    if (connection.connected) subscribe();
    return () => {
      stopConnect();
      socket.off('post.created', onCreated);
      socket.off('post.updated', onUpdated);
      socket.off('post.deleted', onDeleted);
      socket.off('thread.updated', onThread);
      socket.off('thread.removed', onRemoved);
      if (connection.connected)
        connection.emit('thread.unsubscribe', { threadId }).catch(() => undefined);
      releaseLiveConnection();
    };
  }, [threadId, reload]);

  // Something the events cannot carry happened (a merge brought posts): fetch again.
  useEffect(() => {
    if (state?.stale) reload();
  }, [state?.stale, reload]);

  // What the reader has on screen is read: the latest post, once it is there.
  useEffect(() => {
    if (!state || state.removed) return;
    const newest = state.posts.reduce<PostView | null>(
      (last, post) => (!last || post.seq > last.seq ? post : last),
      null,
    );
    if (!newest || newest.seq <= readUpTo.current) return;
    readUpTo.current = newest.seq;
    threadsApi.markRead(threadId, newest.id).catch(() => undefined);
  }, [state, threadId]);

  const merge = useCallback(
    (posts: PostView[]) =>
      setState((previous) => (previous ? withPosts(previous, posts) : previous)),
    [],
  );

  const loadMorePosts = useCallback(async () => {
    const known = current.current;
    if (!known?.nextCursor) return;
    const page = await threadsApi.page(threadId, known.nextCursor);
    setState((previous) =>
      previous
        ? {
            ...withPosts(previous, page.posts),
            nextCursor: page.nextCursor,
            branchSizes: { ...previous.branchSizes, ...page.branchSizes },
          }
        : previous,
    );
  }, [threadId]);

  const loadBranch = useCallback(
    async (branchId: string) => {
      const known = current.current;
      if (!known) return;
      const inBranch = known.posts.filter((p) => p.branchId === branchId);
      const after = Math.max(0, ...inBranch.map((p) => p.seq));
      merge(await threadsApi.branch(threadId, branchId, after));
    },
    [threadId, merge],
  );

  return { state, error, readBefore, merge, loadMorePosts, loadBranch, reload };
}
