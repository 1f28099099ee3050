// An exchange's threads, for its members (and coordinators): what continues between sessions.
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useResource } from '../api/hooks';
import { exchangesApi, isFullExchange } from '../features/exchanges/exchanges.api';
import { ThreadsPanel } from '../features/threads/ThreadsPanel';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading } from '../ui/Loading';
import { useDocumentTitle } from '../ui/useDocumentTitle';

export function ExchangeThreadsPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const exchange = useResource(() => exchangesApi.get(id), `exchange:${id}`);
  const title = exchange.data?.title ?? '';
  useDocumentTitle(title ? t('threads.threadsOf', { title }) : t('threads.threads'));
  if (!exchange.data) return exchange.error ? <ErrorNotice error={exchange.error} /> : <Loading />;
  const full = isFullExchange(exchange.data) ? exchange.data : null;
  const role = exchange.data.myRole;
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`/exchanges/${id}`}>{title}</Link>
      </p>
      <h1>{t('threads.threadsOf', { title })}</h1>
      {full ? (
        <ThreadsPanel
          exchangeId={id}
          canStart={role === 'host' || role === 'participant' || full.canManage}
        />
      ) : (
        <p className="notice">{t('threads.membersOnly')}</p>
      )}
    </>
  );
}
