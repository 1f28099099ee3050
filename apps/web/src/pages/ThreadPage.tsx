// A thread: its title and place, the reply tree (live), the reader's follow level, a reply box
// for those who may write, the export, and the moderators' tools.
import { mayPostNow, type PostView } from '@contracts';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router-dom';
import { ApiRequestError } from '../api/client';
import { useMe } from '../features/identity/session';
import { HiddenByReport, useFlagging, useHiddenByReport } from '../features/moderation/flagging';
import { ProposeButton } from '../features/practices/ProposeButton';
import { FollowLevel } from '../features/threads/FollowLevel';
import { type ComposedPost, PostComposer } from '../features/threads/PostComposer';
import { PostTree } from '../features/threads/PostTree';
import { ThreadBadges } from '../features/threads/ThreadList';
import { ThreadModeration } from '../features/threads/ThreadModeration';
import { threadsApi } from '../features/threads/threads.api';
import { useThread } from '../features/threads/useThread';
import { ThemeList } from '../features/themes/ThemePicker';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading } from '../ui/Loading';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import { NotFoundPage } from './NotFoundPage';

export function ThreadPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe();
  const handle = useThread(id);
  const { state } = handle;
  const { report } = useFlagging();
  const reportedAway = useHiddenByReport('thread', state?.thread.id);
  useDocumentTitle(state?.thread.title ?? t('threads.thread'));

  if (handle.error instanceof ApiRequestError && handle.error.statusCode === 404)
    return <NotFoundPage />;
  if (!state) return handle.error ? <ErrorNotice error={handle.error} /> : <Loading />;
  const { thread } = state;
  if (thread.mergedIntoId) return <Navigate to={`/threads/${thread.mergedIntoId}`} replace />;
  const mayPost = mayPostNow(thread);
  const onChanged = (post: PostView) => handle.merge([post]);
  const reply = async (composed: ComposedPost) => {
    onChanged(await threadsApi.reply(thread.id, composed));
  };
  const mine = thread.author.id === me.id;
  const onReport = (post: PostView) => report('post', post.id);
  const firstNew = state.posts.find(
    (p) => p.seq > handle.readBefore && p.author?.id !== me.id && handle.readBefore > 0,
  );

  return (
    <>
      <p className="breadcrumbs">
        {thread.exchange ? (
          <Link to={`/exchanges/${thread.exchange.id}/threads`}>{thread.exchange.title}</Link>
        ) : (
          <Link to="/commons">{t('threads.commons')}</Link>
        )}
      </p>
      <div className="page-heading">
        <h1 lang={thread.language}>{thread.title}</h1>
      </div>
      <p className="thread-facts">
        <ThreadBadges thread={thread} />
        {thread.exchange?.attribution === 'chatham-house' && (
          <span className="badge badge--chatham">{t('exchanges.attributions.chatham-house')}</span>
        )}
        <span className="muted">{t('threads.replies', { count: thread.replyCount })}</span>
      </p>
      <ThemeList themes={thread.themes} />
      {thread.source && (
        <p className="muted">
          <Link to={`/rooms/${thread.source.roomId}`}>{t('threads.startedFromMessage')}</Link>
        </p>
      )}
      {state.removed && (
        <div className="notice notice--error" role="alert">
          {t('threads.removedNotice')}
        </div>
      )}
      {thread.hiddenState && (
        <p className="notice" role="note">
          {t('threads.threadHidden', { reason: thread.hiddenState.reason })}
        </p>
      )}
      <div className="thread-tools">
        <FollowLevel threadId={thread.id} level={thread.followLevel} />
        <button
          type="button"
          className="button button--small"
          onClick={() => void threadsApi.exportMarkdown(thread.id, thread.title)}
        >
          {t('threads.export')}
        </button>
        {thread.kind === 'lesson-learned' && !thread.hiddenState && (
          <ProposeButton kind="thread" id={thread.id} className="button button--small" />
        )}
        {!mine && !reportedAway && (
          <button
            type="button"
            className="button button--small"
            onClick={() => report('thread', thread.id)}
          >
            {t('threads.reportThread')}
          </button>
        )}
      </div>
      {reportedAway && <HiddenByReport subjectType="thread" />}
      {!reportedAway && firstNew && (
        <p className="new-divider" role="note">
          <a href={`#post-${firstNew.seq}`}>{t('threads.newSinceVisit')}</a>
        </p>
      )}
      {!reportedAway && (
        <PostTree
          thread={thread}
          posts={state.posts}
          branchSizes={state.branchSizes}
          myId={me.id}
          readBefore={handle.readBefore}
          mayPost={mayPost}
          onChanged={onChanged}
          onLoadBranch={handle.loadBranch}
          onReport={onReport}
        />
      )}
      {!reportedAway && state.nextCursor && (
        <button type="button" className="button" onClick={() => void handle.loadMorePosts()}>
          {t('threads.morePosts')}
        </button>
      )}
      {reportedAway ? null : mayPost ? (
        <section aria-labelledby="reply-heading" className="thread-reply">
          <h2 id="reply-heading">{t('threads.replyToThread')}</h2>
          <PostComposer
            exchangeId={thread.exchange?.id ?? null}
            label={t('threads.yourReply')}
            submitLabel={t('threads.sendReply')}
            onSubmit={reply}
          />
        </section>
      ) : (
        <p className="muted">
          {thread.locked
            ? t('threads.lockedNote')
            : thread.canPost
              ? ''
              : t('threads.readOnlyNote')}
        </p>
      )}
      {thread.canModerate && <ThreadModeration thread={thread} />}
    </>
  );
}
