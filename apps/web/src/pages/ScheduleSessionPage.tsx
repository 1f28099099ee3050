import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useResource } from '../api/hooks';
import { exchangesApi, isFullExchange } from '../features/exchanges/exchanges.api';
import { useMe } from '../features/identity/session';
import { SessionForm } from '../features/sessions/SessionForm';
import { sessionsApi } from '../features/sessions/sessions.api';
import { YourTimeNote } from '../features/time/viewerZone';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading } from '../ui/Loading';
import { useDocumentTitle } from '../ui/useDocumentTitle';

/** /exchanges/:id/sessions/new, for the exchange's hosts and coordinators. */
export function ScheduleSessionPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const exchange = useResource(() => exchangesApi.get(id), id);
  useDocumentTitle(t('sessions.scheduleTitle'));

  if (exchange.loading && !exchange.data) return <Loading />;
  if (!exchange.data) return <ErrorNotice error={exchange.error} />;
  const e = exchange.data;
  return (
    <div className="medium">
      <p className="breadcrumb">
        <Link to={`/exchanges/${e.id}`}>{t('exchanges.backTo', { title: e.title })}</Link>
      </p>
      <h1>{t('sessions.scheduleTitle')}</h1>
      <p className="lead">{t('sessions.scheduleIntro', { title: e.title })}</p>
      <YourTimeNote />
      {isFullExchange(e) && e.canManage ? (
        <SessionForm
          exchangeId={e.id}
          cities={e.cities}
          myId={me.id}
          submitLabel={t('sessions.submit')}
          onSave={async (input) => {
            const session = await sessionsApi.schedule(e.id, input);
            void navigate(`/exchanges/${e.id}/sessions/${session.id}`);
          }}
        />
      ) : (
        <div className="notice notice--error" role="alert">
          {t('sessions.managersOnly')}
        </div>
      )}
    </div>
  );
}
