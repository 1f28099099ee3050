// One post of a thread: who wrote it and when (the reader's clock), its markdown, files and
// reactions, and what the reader may do: reply, edit or delete their own, see its history, mark
// a question's answer, hide or restore as a moderator. A removed post with replies stays as a
// tombstone; a hidden one tells its author why.
import {
  type PostRevisionView,
  type PostView,
  REACTIONS,
  type Reaction,
  type ThreadView,
} from '@contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProposeButton } from '../practices/ProposeButton';
import { Link } from 'react-router-dom';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Markdown } from '../../ui/Markdown';
import { AttachmentList } from '../files/AttachmentList';
import { ReasonForm } from '../live/ReasonForm';
import { HiddenByReport, useHiddenByReport } from '../moderation/flagging';
import { useViewerZone } from '../time/viewerZone';
import { type ComposedPost, PostComposer } from './PostComposer';
import { momentIn, REACTION_EMOJI, reactedByMe } from './threadText';
import { threadsApi } from './threads.api';

type Mode = 'view' | 'reply' | 'edit' | 'hide' | 'restore' | 'history';

export function PostItem({
  post,
  thread,
  myId,
  isNew,
  mayPost,
  onChanged,
  onReport,
}: {
  post: PostView;
  thread: ThreadView;
  myId: string;
  /** Written since the reader's last visit. */
  isNew: boolean;
  /** The reader may write in the thread now. */
  mayPost: boolean;
  /** A post the reader wrote or changed, to show at once. */
  onChanged: (post: PostView) => void;
  /** Opens the report (flag) dialog for this post; no button without it. */
  onReport?: (post: PostView) => void;
}) {
  const { t, i18n } = useTranslation();
  const zone = useViewerZone();
  const [mode, setMode] = useState<Mode>('view');
  const [error, setError] = useState<unknown>(null);
  const [history, setHistory] = useState<PostRevisionView[] | null>(null);
  const mine = post.author?.id === myId;
  const isAnswer = thread.answerPostId === post.id;
  const removed = post.deleted && !post.hidden;
  const reportedAway = useHiddenByReport('post', post.id);

  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      setMode('view');
    } catch (failure) {
      setError(failure);
    }
  };

  const react = (reaction: Reaction) => {
    const on = !reactedByMe(
      post.reactions.find((r) => r.reaction === reaction),
      myId,
    );
    void run(async () => onChanged(await threadsApi.react(post.id, reaction, on)));
  };

  const reply = async (composed: ComposedPost) => {
    const created = await threadsApi.reply(thread.id, { ...composed, parentPostId: post.id });
    onChanged(created);
    setMode('view');
  };

  const edit = async (composed: ComposedPost) => {
    const updated = await threadsApi.edit(post.id, {
      body: composed.body,
      attachmentIds: [...post.attachments.map((a) => a.id), ...composed.attachmentIds],
    });
    onChanged(updated);
    setMode('view');
  };

  const showHistory = async () => {
    setError(null);
    try {
      setHistory(await threadsApi.revisions(post.id));
      setMode('history');
    } catch (failure) {
      setError(failure);
    }
  };

  // Reported for a serious reason: gone for this reader at once (the server agrees on reload).
  if (reportedAway)
    return (
      <article className="post post--removed" id={`post-${post.seq}`} data-testid="post">
        <HiddenByReport subjectType="post" />
      </article>
    );

  const classes = [
    'post',
    isAnswer ? 'post--answer' : '',
    post.hidden ? 'post--hidden' : '',
    removed ? 'post--removed' : '',
    isNew ? 'post--new' : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <article className={classes} id={`post-${post.seq}`} data-testid="post" data-seq={post.seq}>
      <header className="post__meta">
        {post.author ? (
          <Link to={`/practitioners/${post.author.id}`} className="post__author">
            {post.author.displayName}
          </Link>
        ) : (
          <span className="post__author muted">{t('threads.hiddenPost')}</span>
        )}
        {post.author?.city && <span className="post__city">{post.author.city.name}</span>}
        <time dateTime={post.createdAt} className="post__time">
          {momentIn(post.createdAt, i18n.language, zone)}
        </time>
        {post.editedAt && !post.deleted && (
          <button
            type="button"
            className="button button--text button--small"
            onClick={() => void showHistory()}
          >
            {t('threads.edited')}
          </button>
        )}
        {isNew && <span className="badge badge--new">{t('threads.new')}</span>}
        {isAnswer && <span className="badge badge--answered">{t('threads.theAnswer')}</span>}
      </header>
      {removed ? (
        <p className="post__tombstone muted">{t('threads.removedPost')}</p>
      ) : mode === 'edit' ? (
        <PostComposer
          exchangeId={thread.exchange?.id ?? null}
          label={t('threads.editPost')}
          submitLabel={t('live.save')}
          initialBody={post.body}
          onSubmit={edit}
          onCancel={() => setMode('view')}
          autoFocus
        />
      ) : post.deleted ? (
        <p className="post__tombstone muted">{t('threads.hiddenTombstone')}</p>
      ) : (
        <>
          <Markdown
            text={post.body}
            myId={myId}
            lang={post.language ?? undefined}
            className="post__body"
          />
          <AttachmentList attachments={post.attachments} />
        </>
      )}
      {post.hidden && (
        <p className="post__hidden-note" role="note">
          {t('threads.hiddenWithReason', { reason: post.hidden.reason })}
        </p>
      )}
      {!post.deleted && (
        <div className="reactions" role="group" aria-label={t('threads.reactions')}>
          {REACTIONS.map((reaction) => {
            const count = post.reactions.find((r) => r.reaction === reaction);
            const mineToo = reactedByMe(count, myId);
            if (!count && !mayPost) return null;
            return (
              <button
                key={reaction}
                type="button"
                className={mineToo ? 'reaction reaction--mine' : 'reaction'}
                aria-pressed={mineToo}
                disabled={!mayPost}
                title={t(`threads.reactionNames.${reaction}`)}
                onClick={() => react(reaction)}
              >
                <span aria-hidden="true">{REACTION_EMOJI[reaction]}</span>
                <span className="visually-hidden">{t(`threads.reactionNames.${reaction}`)}</span>
                {count ? <span className="reaction__count">{count.count}</span> : null}
              </button>
            );
          })}
        </div>
      )}
      <ErrorNotice error={error} />
      {mode === 'history' && history && (
        <section className="post__history" aria-label={t('threads.history')}>
          <h4>{t('threads.history')}</h4>
          <ol>
            {history.map((revision) => (
              <li key={revision.revision}>
                <p className="muted">{momentIn(revision.createdAt, i18n.language, zone)}</p>
                <Markdown text={revision.body} lang={revision.language ?? undefined} />
              </li>
            ))}
          </ol>
          <button type="button" className="button button--small" onClick={() => setMode('view')}>
            {t('threads.closeHistory')}
          </button>
        </section>
      )}
      {mode === 'hide' && (
        <ReasonForm
          label={t('threads.hideReason')}
          submitLabel={t('live.hide')}
          onSubmit={(reason) =>
            run(async () => onChanged(await threadsApi.moderatePost(post.id, 'hide', reason)))
          }
          onCancel={() => setMode('view')}
        />
      )}
      {mode === 'restore' && (
        <ReasonForm
          label={t('threads.restoreReason')}
          submitLabel={t('live.restore')}
          onSubmit={(reason) =>
            run(async () => onChanged(await threadsApi.moderatePost(post.id, 'restore', reason)))
          }
          onCancel={() => setMode('view')}
        />
      )}
      {mode === 'view' && (
        <div
          className="post__actions"
          role="group"
          aria-label={t('threads.actionsFor', { seq: post.seq })}
        >
          {mayPost && !post.deleted && (
            <button
              type="button"
              className="button button--text button--small"
              onClick={() => setMode('reply')}
            >
              {t('threads.reply')}
            </button>
          )}
          {mine && mayPost && !post.deleted && (
            <button
              type="button"
              className="button button--text button--small"
              onClick={() => setMode('edit')}
            >
              {t('live.edit')}
            </button>
          )}
          {mine && !post.hidden && !removed && (
            <button
              type="button"
              className="button button--text button--small"
              onClick={() => {
                if (window.confirm(t('threads.confirmDelete')))
                  void run(() => threadsApi.remove(post.id));
              }}
            >
              {t('live.delete')}
            </button>
          )}
          {thread.canMarkAnswer &&
            thread.kind === 'question' &&
            post.depth > 0 &&
            !post.deleted && (
              <button
                type="button"
                className="button button--text button--small"
                onClick={() =>
                  void run(() => threadsApi.markAnswer(thread.id, isAnswer ? null : post.id))
                }
              >
                {isAnswer ? t('threads.unmarkAnswer') : t('threads.markAnswer')}
              </button>
            )}
          {post.depth > 0 && !post.deleted && !post.hidden && (
            <ProposeButton kind="post" id={post.id} className="button button--text button--small" />
          )}
          {onReport && !mine && !post.deleted && (
            <button
              type="button"
              className="button button--text button--small"
              onClick={() => onReport(post)}
            >
              {t('threads.report')}
            </button>
          )}
          {thread.canModerate && !removed && (
            <button
              type="button"
              className="button button--text button--small"
              onClick={() => setMode(post.hidden ? 'restore' : 'hide')}
            >
              {post.hidden ? t('live.restore') : t('live.hide')}
            </button>
          )}
        </div>
      )}
      {mode === 'reply' && (
        <PostComposer
          exchangeId={thread.exchange?.id ?? null}
          label={t('threads.replyTo', { name: post.author?.displayName ?? `#${post.seq}` })}
          submitLabel={t('threads.sendReply')}
          onSubmit={reply}
          onCancel={() => setMode('view')}
          autoFocus
        />
      )}
    </article>
  );
}
