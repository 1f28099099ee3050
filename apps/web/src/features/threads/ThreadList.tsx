// Threads as a list shows them: title, where, kind and state, who took part, replies, and what is
// new for the reader (unread posts, or the whole thread when they never opened it).
import type { ThreadSummary } from '@contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useViewerZone } from '../time/viewerZone';
import { ThemeList } from '../themes/ThemePicker';
import { momentIn, names } from './threadText';

export function ThreadBadges({
  thread,
}: {
  thread: Pick<ThreadSummary, 'kind' | 'pinned' | 'locked' | 'answered' | 'hidden'>;
}) {
  const { t } = useTranslation();
  return (
    <span className="thread-badges">
      {thread.pinned && <span className="badge badge--pinned">{t('threads.pinned')}</span>}
      {thread.kind !== 'discussion' && (
        <span className="badge">{t(`threads.kinds.${thread.kind}`)}</span>
      )}
      {thread.kind === 'question' && thread.answered && (
        <span className="badge badge--answered">{t('threads.answered')}</span>
      )}
      {thread.locked && <span className="badge">{t('threads.locked')}</span>}
      {thread.hidden && <span className="badge badge--hidden">{t('threads.hiddenBadge')}</span>}
    </span>
  );
}

export function UnreadBadge({
  thread,
}: {
  thread: Pick<ThreadSummary, 'unreadCount' | 'isNew' | 'followLevel'>;
}) {
  const { t } = useTranslation();
  if (thread.followLevel === 'muted') return null;
  if (thread.isNew) return <span className="badge badge--new">{t('threads.new')}</span>;
  if (thread.unreadCount === 0) return null;
  return (
    <span className="badge badge--unread">
      {t('threads.unreadCount', { count: thread.unreadCount })}
    </span>
  );
}

export function ThreadList({
  threads,
  showPlace = false,
}: {
  threads: ThreadSummary[];
  /** Name the exchange (or the commons) of each thread: for lists that mix them. */
  showPlace?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const zone = useViewerZone();
  return (
    <ul className="thread-list" data-testid="thread-list">
      {threads.map((thread) => (
        <li key={thread.id} className="card thread-card" data-testid="thread-item">
          <p className="card__title">
            <Link to={`/threads/${thread.id}`} lang={thread.language}>
              {thread.title}
            </Link>{' '}
            <UnreadBadge thread={thread} />
          </p>
          <p className="card__meta">
            <ThreadBadges thread={thread} />
            {showPlace && (
              <span>
                {thread.exchange ? thread.exchange.title : t('threads.commons')}
                {' · '}
              </span>
            )}
            <span>
              {t('threads.replies', { count: thread.replyCount })}
              {' · '}
              {t('threads.lastActivity', {
                when: momentIn(thread.lastActivityAt, i18n.language, zone),
              })}
            </span>
          </p>
          {thread.participants.length > 0 && (
            <p className="card__meta">
              <span className="visually-hidden">{t('threads.participants')}: </span>
              {thread.exchange?.attribution === 'chatham-house' ? (
                <span title={names(thread.participants)}>
                  {t('threads.people', { count: thread.participantCount })}
                </span>
              ) : (
                <span>
                  {names(thread.participants)}
                  {thread.participantCount > thread.participants.length &&
                    ` ${t('threads.andMore', { count: thread.participantCount - thread.participants.length })}`}
                </span>
              )}
            </p>
          )}
          <ThemeList themes={thread.themes} />
        </li>
      ))}
    </ul>
  );
}
