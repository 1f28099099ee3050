// A thread's posts as a tree: each post with its replies under it. Deep branches fold away behind
// "continue this thread", and a branch with more posts than the page brought offers to load them.
import type { PostView, ThreadView } from '@contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PostItem } from './PostItem';

/** Replies this deep fold away until the reader opens them. */
const FOLD_DEPTH = 4;

export interface TreeProps {
  thread: ThreadView;
  posts: PostView[];
  branchSizes: Record<string, number>;
  myId: string;
  readBefore: number;
  mayPost: boolean;
  onChanged: (post: PostView) => void;
  onLoadBranch: (branchId: string) => Promise<void>;
  /** The report dialog (the moderation feature's `useFlagging`), when the page has one. */
  onReport?: (post: PostView) => void;
}

export function PostTree(props: TreeProps) {
  const byParent = new Map<string | null, PostView[]>();
  for (const post of props.posts)
    byParent.set(post.parentId, [...(byParent.get(post.parentId) ?? []), post]);
  const roots = byParent.get(null) ?? [];
  // Replies whose parent is not loaded (another page) hang from the opening post.
  const known = new Set(props.posts.map((p) => p.id));
  const orphans = props.posts.filter((p) => p.parentId && !known.has(p.parentId));
  return (
    <ol className="post-tree" aria-label={props.thread.title}>
      {roots.map((root) => (
        <Branch key={root.id} post={root} byParent={byParent} extra={orphans} {...props} />
      ))}
    </ol>
  );
}

function Branch({
  post,
  byParent,
  extra = [],
  ...props
}: TreeProps & { post: PostView; byParent: Map<string | null, PostView[]>; extra?: PostView[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [loading, setLoading] = useState(false);
  const children = [...(byParent.get(post.id) ?? []), ...extra];
  const folded = post.depth + 1 >= FOLD_DEPTH && children.length > 0 && !open;
  const loadedInBranch =
    post.depth === 1
      ? props.posts.filter((p) => p.branchId === post.id && p.id !== post.id).length
      : 0;
  const more = post.depth === 1 ? (props.branchSizes[post.id] ?? 0) - loadedInBranch : 0;
  return (
    <li className={`post-tree__item post-tree__item--depth-${Math.min(post.depth, FOLD_DEPTH)}`}>
      <PostItem
        post={post}
        thread={props.thread}
        myId={props.myId}
        isNew={post.seq > props.readBefore && post.author?.id !== props.myId}
        mayPost={props.mayPost}
        onChanged={props.onChanged}
        onReport={props.onReport}
      />
      {folded ? (
        <button
          type="button"
          className="button button--text button--small"
          onClick={() => setOpen(true)}
        >
          {t('threads.continueThread', { count: countBelow(post.id, byParent) })}
        </button>
      ) : (
        children.length > 0 && (
          <ol className="post-tree__replies">
            {children.map((child) => (
              <Branch key={child.id} post={child} byParent={byParent} {...props} />
            ))}
          </ol>
        )
      )}
      {more > 0 && (
        <button
          type="button"
          className="button button--small"
          disabled={loading}
          onClick={() => {
            setLoading(true);
            void props.onLoadBranch(post.id).finally(() => setLoading(false));
          }}
        >
          {t('threads.moreReplies', { count: more })}
        </button>
      )}
    </li>
  );
}

function countBelow(id: string, byParent: Map<string | null, PostView[]>): number {
  const children = byParent.get(id) ?? [];
  return children.reduce((n, child) => n + 1 + countBelow(child.id, byParent), 0);
}
