import type { ExchangeSummary } from '@contracts';
import { useTranslation } from 'react-i18next';

/** Status, attribution rule and my own standing, as small badges. */
export function ExchangeBadges({ exchange }: { exchange: ExchangeSummary }) {
  const { t } = useTranslation();
  return (
    <p className="badges">
      <span className={`badge badge--${exchange.status}`}>
        {t(`exchanges.statuses.${exchange.status}`)}
      </span>
      {exchange.attribution === 'chatham-house' && (
        <span className="badge badge--chatham" title={t('exchanges.chathamShort')}>
          {t('exchanges.attributions.chatham-house')}
        </span>
      )}
      {exchange.myRole && (
        <span className="badge badge--mine">
          {t('exchanges.yourRole', { role: t(`exchanges.roles.${exchange.myRole}`) })}
        </span>
      )}
      {exchange.myJoinRequestPending && (
        <span className="badge badge--warning">{t('exchanges.requestPending')}</span>
      )}
    </p>
  );
}
