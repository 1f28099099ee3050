// The exchange filter of the review queue and the audit log: the exchanges this person moderates
// (every exchange for coordinators and admins, the ones they host for others).
import type { ExchangeSummary } from '@contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useResource } from '../../api/hooks';
import { hasRole, useMe } from '../identity/session';

const LIMIT = 100;

export function useModeratedExchanges(): ExchangeSummary[] {
  const me = useMe();
  const everywhere = hasRole(me, 'coordinator');
  const exchanges = useResource(
    () =>
      api.get<{ items: ExchangeSummary[] }>('/api/exchanges', {
        mine: everywhere ? undefined : 'true',
        limit: LIMIT,
      }),
    `moderated-exchanges:${me.id}:${everywhere}`,
  );
  return (exchanges.data?.items ?? []).filter((e) => everywhere || e.myRole === 'host');
}

export function ExchangeFilter({
  value,
  onChange,
  exchanges,
}: {
  value: string;
  onChange: (exchangeId: string) => void;
  exchanges: ExchangeSummary[];
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t('moderation.filters.exchange')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('moderation.filters.allExchanges')}</option>
        {exchanges.map((exchange) => (
          <option key={exchange.id} value={exchange.id}>
            {exchange.title}
          </option>
        ))}
      </select>
    </div>
  );
}
