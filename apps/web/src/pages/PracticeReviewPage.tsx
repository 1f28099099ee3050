// The review of an entry (`/practices/:id/review`): what changed since the published version
// (or everything, for a first version), the comments per field, the decision, and the
// coordinator's tools. Open to the entry's author, its reviewers and coordinators.
import type { PracticeWorkingView } from '@contracts';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useResource } from '../api/hooks';
import { hasRole, useMe } from '../features/identity/session';
import { languageName } from '../features/languages/languages';
import { DiffView } from '../features/practices/DiffView';
import { StatusBadge } from '../features/practices/PracticeBadges';
import { practicesApi } from '../features/practices/practices.api';
import { CommentForm, CoordinatorTools, Decision } from '../features/practices/ReviewTools';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading } from '../ui/Loading';
import { useDocumentTitle } from '../ui/useDocumentTitle';

export function PracticeReviewPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const me = useMe();
  const [generation, setGeneration] = useState(0);
  const working = useResource(() => practicesApi.working(id), `review:${id}:${generation}`);
  const [latest, setLatest] = useState<PracticeWorkingView>();
  const entry = latest && latest.id === id ? latest : working.data;
  const diff = useResource(
    () => practicesApi.diff(id, entry?.currentVersion ?? 0, 'working'),
    `review-diff:${id}:${entry?.revision}`,
  );
  const events = useResource(
    () => practicesApi.events(id),
    `events:${id}:${entry?.revision}:${entry?.status}`,
  );
  const onDone = useCallback((next: PracticeWorkingView) => {
    setLatest(next);
    setGeneration((g) => g + 1);
  }, []);
  useDocumentTitle(t('practices.review.title'));
  if (working.loading && !entry) return <Loading />;
  if (!entry) return <ErrorNotice error={working.error} />;
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const title = entry.textsByLanguage[entry.originalLanguage]?.title;
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/practices/${entry.slug ?? entry.id}`}>{t('practices.review.backToEntry')}</Link>
      </p>
      <div className="page-heading">
        <h1>{t('practices.review.title')}</h1>
        <StatusBadge status={entry.status} />
      </div>
      <p className="lead" lang={entry.originalLanguage}>
        {title}
      </p>
      <div className="review-layout">
        <div>
          <section aria-labelledby="changes-heading">
            <h2 id="changes-heading">
              {entry.currentVersion
                ? t('practices.review.changesSince', { version: entry.currentVersion })
                : t('practices.review.firstVersion')}
            </h2>
            <ErrorNotice error={diff.error} />
            {diff.loading && !diff.data && <Loading />}
            {diff.data && <DiffView fields={diff.data.fields} />}
          </section>
          <section aria-labelledby="comments-heading">
            <h2 id="comments-heading">{t('practices.review.comments')}</h2>
            {entry.comments.length === 0 ? (
              <p className="empty">{t('practices.review.noComments')}</p>
            ) : (
              <ul className="plain-list review-comments" data-testid="review-comments">
                {entry.comments.map((comment) => (
                  <li key={comment.id} className="card">
                    <p className="card__meta">
                      <strong>{t(`practices.fields.${comment.field}`)}</strong>
                      {comment.language &&
                        ` (${languageName(comment.language, i18n.language)})`} ·{' '}
                      {comment.author.displayName} · {date.format(new Date(comment.createdAt))}
                      {comment.revision !== entry.revision &&
                        ` · ${t('practices.review.earlierRevision')}`}
                    </p>
                    <p>{comment.body}</p>
                  </li>
                ))}
              </ul>
            )}
            {entry.can.review ||
            entry.status === 'in-review' ||
            entry.status === 'changes-requested' ? (
              <CommentForm entry={entry} onDone={onDone} />
            ) : null}
          </section>
        </div>
        <aside aria-label={t('practices.review.sideLabel')}>
          <section aria-labelledby="reviewers-heading" className="panel">
            <h2 id="reviewers-heading">{t('practices.review.reviewers')}</h2>
            {entry.reviewers.length === 0 ? (
              <p className="empty">{t('practices.review.noReviewers')}</p>
            ) : (
              <ul className="plain-list" data-testid="reviewers">
                {entry.reviewers.map((r) => (
                  <li key={r.person.id}>
                    {r.person.displayName}{' '}
                    <span className="muted">
                      {r.decision
                        ? t(`practices.review.decisions.${r.decision}`)
                        : t('practices.review.undecided')}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {entry.can.review && <Decision entry={entry} onDone={onDone} />}
          {hasRole(me, 'coordinator') && <CoordinatorTools entry={entry} onDone={onDone} />}
          <section aria-labelledby="history-heading">
            <h2 id="history-heading">{t('practices.review.history')}</h2>
            <ol className="plain-list review-history">
              {(events.data ?? []).map((event) => (
                <li key={event.id}>
                  <span className="muted">{date.format(new Date(event.createdAt))}</span>{' '}
                  {t(`practices.events.${event.action}`, { defaultValue: event.action })}
                  {event.actor && ` · ${event.actor.displayName}`}
                  {event.comment && <span className="details__note">{event.comment}</span>}
                </li>
              ))}
            </ol>
          </section>
        </aside>
      </div>
    </>
  );
}
