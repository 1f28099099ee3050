// The viewer's exchanges with what others changed since their last visit (or since they joined).
import type { ExchangeChanges, HomeExchange } from '@contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { HomeSection, type SectionProps, useMomentFormat } from './HomeSection';

const CHANGE_KINDS: Array<keyof ExchangeChanges> = [
  'newSessions',
  'rescheduledSessions',
  'cancelledSessions',
  'newMembers',
  'newMessages',
];

function Changes({ item, zone }: { item: HomeExchange; zone: string }) {
  const { t } = useTranslation();
  const moment = useMomentFormat(zone);
  const changed = CHANGE_KINDS.filter((kind) => item.changes[kind] > 0);
  const visited = item.lastVisitAt !== null && item.lastVisitAt === item.changesSince;
  if (changed.length === 0)
    return (
      <p className="card__meta">
        {visited ? t('home.nothingNew') : t('home.nothingNewSinceJoined')}
      </p>
    );
  return (
    <>
      <p className="card__meta">
        {t(visited ? 'home.sinceVisit' : 'home.sinceJoined', {
          date: moment(item.changesSince),
        })}
      </p>
      <ul className="chips home-changes" data-testid="changes">
        {changed.map((kind) => (
          <li key={kind} className="chip">
            {t(`home.changes.${kind}`, { count: item.changes[kind] })}
          </li>
        ))}
      </ul>
    </>
  );
}

export function MyExchanges({ data, home }: SectionProps<'exchanges'>) {
  const { t } = useTranslation();
  return (
    <HomeSection kind="exchanges" title={t('home.exchanges')}>
      {data.length === 0 ? (
        <p className="empty">
          {t('home.noExchanges')} <Link to="/exchanges">{t('home.browseExchanges')}</Link>
        </p>
      ) : (
        <ul className="cards cards--home">
          {data.map((item) => (
            <li key={item.exchange.id} className="card" data-testid="home-exchange">
              <div className="card__heading">
                <h3 className="card__title">
                  <Link to={`/exchanges/${item.exchange.id}`}>{item.exchange.title}</Link>
                </h3>
              </div>
              <p className="badges">
                <span className={`badge badge--${item.exchange.status}`}>
                  {t(`exchanges.statuses.${item.exchange.status}`)}
                </span>
                <span className="badge badge--mine">
                  {t('exchanges.yourRole', { role: t(`exchanges.roles.${item.myRole}`) })}
                </span>
              </p>
              <Changes item={item} zone={home.timeZone} />
            </li>
          ))}
        </ul>
      )}
    </HomeSection>
  );
}
