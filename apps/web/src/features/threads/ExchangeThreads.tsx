// An exchange page's threads: the latest few, and the way to all of them.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useResource } from '../../api/hooks';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Loading } from '../../ui/Loading';
import { ThreadList } from './ThreadList';
import { threadsApi } from './threads.api';

export function ExchangeThreads({
  exchangeId,
  canStart,
}: {
  exchangeId: string;
  canStart: boolean;
}) {
  const { t } = useTranslation();
  const threads = useResource(() => threadsApi.list(exchangeId, {}), `threads:${exchangeId}`);
  const latest = threads.data?.items.slice(0, 5) ?? [];
  return (
    <section aria-labelledby="threads-heading" data-testid="exchange-threads">
      <div className="section-heading">
        <h2 id="threads-heading">{t('threads.threads')}</h2>
        <Link to={`/exchanges/${exchangeId}/threads`}>{t('threads.all')}</Link>
        {canStart && (
          <Link to={`/threads/new?exchangeId=${exchangeId}`} className="button">
            {t('threads.start')}
          </Link>
        )}
      </div>
      <ErrorNotice error={threads.error} />
      {threads.loading && !threads.data && <Loading />}
      {threads.data &&
        (latest.length === 0 ? (
          <p className="empty">{t('threads.none')}</p>
        ) : (
          <ThreadList threads={latest} />
        ))}
    </section>
  );
}
