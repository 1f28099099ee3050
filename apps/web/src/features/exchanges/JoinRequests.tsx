// Pending requests to join, for the exchange's hosts and coordinators.
import type { JoinRequestView } from '@contracts';
import { useTranslation } from 'react-i18next';
import { useResource, useSubmit } from '../../api/hooks';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Loading } from '../../ui/Loading';
import { useViewerZone } from '../time/viewerZone';
import { exchangesApi } from './exchanges.api';

type Decision = 'participant' | 'observer' | 'decline';

export function JoinRequests({
  exchangeId,
  onDecided,
}: {
  exchangeId: string;
  onDecided: () => void;
}) {
  const { t, i18n } = useTranslation();
  const requests = useResource(() => exchangesApi.pendingJoinRequests(exchangeId), exchangeId);
  const decide = useSubmit(async (request: JoinRequestView, decision: Decision) => {
    if (decision === 'decline') await exchangesApi.decline(exchangeId, request.id);
    else await exchangesApi.approve(exchangeId, request.id, decision);
    requests.reload();
    onDecided();
  });
  const zone = useViewerZone();
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: zone });

  return (
    <section aria-labelledby="join-requests-heading">
      <h2 id="join-requests-heading">{t('exchanges.joinRequests')}</h2>
      <ErrorNotice error={requests.error ?? decide.error} />
      {requests.loading && !requests.data && <Loading />}
      {requests.data?.length === 0 && <p className="muted">{t('exchanges.noJoinRequests')}</p>}
      {requests.data && requests.data.length > 0 && (
        <ul className="requests">
          {requests.data.map((request) => (
            <li key={request.id} className="card">
              <p className="card__title">
                {request.person.displayName}
                {request.person.city && (
                  <span className="muted"> · {request.person.city.name}</span>
                )}
              </p>
              <p className="card__meta">
                {t('exchanges.askedOn', { date: date.format(new Date(request.createdAt)) })}
              </p>
              {request.message && <blockquote className="quote">{request.message}</blockquote>}
              <div
                className="actions actions--tight"
                role="group"
                aria-label={request.person.displayName}
              >
                <button
                  type="button"
                  className="button button--small button--primary"
                  disabled={decide.busy}
                  onClick={() => void decide.submit(request, 'participant')}
                >
                  {t('exchanges.approveAs', { role: t('exchanges.rolesInSentence.participant') })}
                </button>
                <button
                  type="button"
                  className="button button--small"
                  disabled={decide.busy}
                  onClick={() => void decide.submit(request, 'observer')}
                >
                  {t('exchanges.approveAs', { role: t('exchanges.rolesInSentence.observer') })}
                </button>
                <button
                  type="button"
                  className="button button--small button--danger"
                  disabled={decide.busy}
                  onClick={() => void decide.submit(request, 'decline')}
                >
                  {t('exchanges.decline')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
