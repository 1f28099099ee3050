// One flagged item in the review queue: what it is and where, who wrote it, the text (rendered
// like the threads page renders markdown, nothing of it runs), whether it is hidden, every open
// flag, the author's recent moderation history, and the decisions this moderator may take —
// each asks why (and, to mute, for how long).
import type { QueueDecision, QueueDecisionResult, QueueItemView } from '@contracts';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiRequestError } from '../../api/client';
import { Markdown } from '../../ui/Markdown';
import { MuteDurationField, MUTE_DURATIONS } from '../live/ModerationForms';
import { ReasonForm } from '../live/ReasonForm';
import { useViewerZone } from '../time/viewerZone';
import { moderationApi } from './moderation.api';
import { dateTimeIn } from './moderationText';

// From the queue a mute is for at least an hour: a report that earned one is not a heated minute.
const QUEUE_MUTE_DURATIONS = MUTE_DURATIONS.slice(1);

export function QueueItem({
  item,
  onDecided,
}: {
  item: QueueItemView;
  /** The decision was taken (by this moderator, or `null`: someone else already had). */
  onDecided: (item: QueueItemView, result: QueueDecisionResult | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const zone = useViewerZone();
  const id = useId();
  const [deciding, setDeciding] = useState<QueueDecision | null>(null);
  const [muteMinutes, setMuteMinutes] = useState<number>(MUTE_DURATIONS[2].minutes);
  const buttons = useRef<HTMLDivElement>(null);
  const when = (at: string) => dateTimeIn(at, i18n.language, zone);
  const kind = t(`moderation.subjects.${item.subjectType}`);

  const decide = async (reason: string) => {
    if (!deciding) return;
    try {
      const result = await moderationApi.decide(item.subjectType, item.subjectId, {
        decision: deciding,
        reason,
        ...(deciding === 'hide-and-mute' ? { muteMinutes } : {}),
      });
      onDecided(item, result);
    } catch (error) {
      // Another moderator was quicker: the item has left the queue either way.
      if (error instanceof ApiRequestError && error.statusCode === 409) onDecided(item, null);
      else throw error;
    }
  };

  const cancel = () => {
    setDeciding(null);
    requestAnimationFrame(() => buttons.current?.querySelector('button')?.focus());
  };

  return (
    <article
      className="card queue-item"
      aria-labelledby={`${id}-title`}
      data-testid="queue-item"
      data-subject={`${item.subjectType}:${item.subjectId}`}
    >
      <header className="queue-item__header">
        <h3 id={`${id}-title`} className="queue-item__title">
          {item.author
            ? t('moderation.queue.itemBy', { kind, name: item.author.name })
            : t('moderation.queue.itemUnknownAuthor', { kind })}
        </h3>
        <p className="queue-item__facts">
          <span className="badge">{kind}</span>
          {item.hidden && (
            <span className="badge badge--hidden" data-testid="hidden-badge">
              {t('moderation.queue.hidden')}
            </span>
          )}
          <span>{item.exchangeTitle ?? t('moderation.queue.commons')}</span>
          <span className="muted">
            {t('moderation.queue.firstFlagged', { when: when(item.firstFlaggedAt) })}
          </span>
        </p>
        <p className="queue-item__links">
          {item.author && (
            <Link to={`/practitioners/${item.author.id}`}>
              {t('moderation.queue.authorProfile', { name: item.author.name })}
            </Link>
          )}
          <Link to={item.url}>{t('moderation.queue.openWhereItIs')}</Link>
        </p>
      </header>
      <div className="queue-item__content" aria-label={t('moderation.queue.content')} role="group">
        <Markdown text={item.body} />
      </div>
      <section aria-labelledby={`${id}-flags`} className="queue-item__section">
        <h4 id={`${id}-flags`}>{t('moderation.queue.flags', { count: item.flags.length })}</h4>
        <ul className="queue-flags">
          {item.flags.map((flag) => (
            <li key={flag.id} data-testid="queue-flag">
              <strong>{t(`moderation.reasons.${flag.reason}`)}</strong>{' '}
              <span className="muted">
                {t('moderation.queue.flaggedBy', {
                  name: flag.reporterName,
                  when: when(flag.createdAt),
                })}
              </span>
              {flag.text && <p className="queue-flags__text">{flag.text}</p>}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby={`${id}-history`} className="queue-item__section">
        <h4 id={`${id}-history`}>{t('moderation.queue.history')}</h4>
        {item.authorHistory.length === 0 ? (
          <p className="muted">{t('moderation.queue.noHistory')}</p>
        ) : (
          <ul className="queue-history">
            {item.authorHistory.map((entry) => (
              <li key={entry.id}>
                <time dateTime={entry.createdAt}>{when(entry.createdAt)}</time>{' '}
                <strong>{t(`moderation.actions.${entry.action}`)}</strong>{' '}
                <span className="muted">({t(`moderation.subjects.${entry.subjectType}`)})</span>{' '}
                {t('moderation.queue.historyReason', { reason: entry.reason })}
              </li>
            ))}
          </ul>
        )}
      </section>
      {deciding ? (
        <ReasonForm
          label={t('moderation.queue.reasonFor', {
            decision: t(`moderation.decisions.${deciding}`),
          })}
          submitLabel={t(`moderation.decisions.${deciding}`)}
          onSubmit={decide}
          onCancel={cancel}
        >
          {deciding === 'hide-and-mute' && (
            <MuteDurationField
              id={`${id}-mute`}
              value={muteMinutes}
              onChange={setMuteMinutes}
              choices={QUEUE_MUTE_DURATIONS}
            />
          )}
        </ReasonForm>
      ) : (
        <div
          className="actions actions--tight queue-item__decisions"
          role="group"
          aria-label={t('moderation.queue.decisions')}
          ref={buttons}
        >
          {item.decisions.map((decision) => (
            <button
              key={decision}
              type="button"
              className={
                decision === 'dismiss'
                  ? 'button button--small'
                  : 'button button--small button--danger'
              }
              onClick={() => setDeciding(decision)}
            >
              {t(`moderation.decisions.${decision}`)}
            </button>
          ))}
        </div>
      )}
    </article>
  );
}
