// The review queue: flagged items oldest first, filtered by exchange, paged by cursor. A decided
// item leaves the list at once and a status line says what was done (announced politely). The
// list follows other moderators' decisions and new flags live (moderation.queue-changed).
import type { QueueDecisionResult, QueueItemView, QueuePage } from '@contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Loading } from '../../ui/Loading';
import { moderationApi } from './moderation.api';
import { onQueueChanged, refreshOpenItems } from './openItems';
import { QueueItem } from './QueueItem';

const keyOf = (item: QueueItemView) => `${item.subjectType}:${item.subjectId}`;

export function ReviewQueue({ exchangeId }: { exchangeId: string }) {
  const { t } = useTranslation();
  const [page, setPage] = useState<QueuePage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [status, setStatus] = useState('');
  const generation = useRef(0);
  /** Items decided here: a refresh that raced the decision must not bring them back. */
  const decided = useRef(new Set<string>());

  const load = useCallback(
    (cursor?: string) => {
      const mine = ++generation.current;
      setLoading(true);
      setError(null);
      moderationApi.queue({ exchangeId }, cursor).then(
        (next) => {
          if (mine !== generation.current) return;
          const items = next.items.filter((item) => !decided.current.has(keyOf(item)));
          setPage((previous) =>
            cursor && previous
              ? { ...next, items: [...previous.items, ...items] }
              : { ...next, items },
          );
          setLoading(false);
        },
        (failure: unknown) => {
          if (mine !== generation.current) return;
          setError(failure);
          setLoading(false);
        },
      );
    },
    [exchangeId],
  );

  useEffect(() => load(), [load]);
  useEffect(() => onQueueChanged(() => load()), [load]);

  const onDecided = (item: QueueItemView, result: QueueDecisionResult | null) => {
    decided.current.add(keyOf(item));
    setPage((previous) =>
      previous
        ? {
            ...previous,
            items: previous.items.filter((i) => keyOf(i) !== keyOf(item)),
            total: Math.max(0, previous.total - 1),
          }
        : previous,
    );
    const kind = t(`moderation.subjects.${item.subjectType}`);
    setStatus(
      result
        ? t('moderation.queue.decided', {
            decision: t(`moderation.decisions.${result.decision}`),
            kind,
            count: result.closedFlags,
          })
        : t('moderation.queue.alreadyDecided', { kind }),
    );
    void refreshOpenItems();
    // Focus would otherwise fall to the page: put it on the list's heading.
    requestAnimationFrame(() => document.getElementById('queue-heading')?.focus());
  };

  const items = page?.items ?? [];
  return (
    <section aria-labelledby="queue-heading" className="review-queue">
      <h2 id="queue-heading" tabIndex={-1}>
        {t('moderation.queue.heading')}
        {page && (
          <span className="muted queue-count">
            {' '}
            {t('moderation.queue.open', { count: page.total })}
          </span>
        )}
      </h2>
      <p className="muted">{t('moderation.queue.intro')}</p>
      <p role="status" aria-live="polite" className="queue-status" data-testid="queue-status">
        {status}
      </p>
      {items.length > 0 && (
        <ol className="queue-list">
          {items.map((item) => (
            <li key={keyOf(item)}>
              <QueueItem item={item} onDecided={onDecided} />
            </li>
          ))}
        </ol>
      )}
      <div className="list-footer">
        <ErrorNotice error={error} />
        {loading && <Loading />}
        {!loading && !error && items.length === 0 && (
          <p className="empty" data-testid="queue-empty">
            {t('moderation.queue.empty')}
          </p>
        )}
        {page?.nextCursor && !loading && (
          <button
            type="button"
            className="button"
            onClick={() => load(page.nextCursor ?? undefined)}
          >
            {t('directory.loadMore')}
          </button>
        )}
      </div>
    </section>
  );
}
