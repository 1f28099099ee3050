import type { ExchangeSummary } from '@contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ExchangeUnreadBadge } from '../live/UnreadBadge';
import { ThemeList } from '../themes/ThemePicker';
import { ExchangeBadges } from './ExchangeBadges';

export function ExchangeList({ exchanges }: { exchanges: ExchangeSummary[] }) {
  const { t } = useTranslation();
  return (
    <ul className="cards cards--wide">
      {exchanges.map((exchange) => (
        <li key={exchange.id} className="card" data-testid="exchange-card">
          <h2 className="card__title">
            <Link to={`/exchanges/${exchange.id}`}>
              {exchange.title}
              <ExchangeUnreadBadge exchangeId={exchange.id} />
            </Link>
          </h2>
          <ExchangeBadges exchange={exchange} />
          {exchange.cities.length > 0 && (
            <p className="card__meta">
              <span className="visually-hidden">{t('exchanges.cities')}: </span>
              {exchange.cities.map((city) => city.name).join(' · ')}
            </p>
          )}
          <p className="card__meta">
            {exchange.hosts.length > 0 &&
              `${t('exchanges.hostedBy', {
                names: exchange.hosts.map((host) => host.displayName).join(', '),
              })} · `}
            {t('exchanges.memberCount', { count: exchange.memberCount })}
          </p>
          <ThemeList themes={exchange.themes} />
        </li>
      ))}
    </ul>
  );
}
