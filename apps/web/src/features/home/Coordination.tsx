// Coordinators' follow-ups: open invitations, exchanges with nothing scheduled, and members who
// never signed in.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { HomeSection, MoreCount, type SectionProps, useDateFormat } from './HomeSection';

export function InvitationsWaiting({ data, home }: SectionProps<'invitations'>) {
  const { t } = useTranslation();
  const date = useDateFormat(home.timeZone);
  return (
    <HomeSection
      kind="invitations"
      title={t('home.invitations')}
      action={<Link to="/invitations">{t('home.inviteSomeone')}</Link>}
    >
      {data.items.length === 0 ? (
        <p className="empty">{t('invite.noneOpen')}</p>
      ) : (
        // A list, not the invitation page's table: the column is narrow.
        <ul className="plain-list home-list">
          {data.items.map((invitation) => (
            <li key={invitation.id} data-testid="home-invitation">
              <span className="home-list__email">{invitation.email}</span>
              <span className="card__meta home-list__meta">
                {t(`roles.${invitation.networkRole}`)}
                {invitation.city && ` · ${invitation.city.name}`}
                {' · '}
                {t('invite.expires')}{' '}
                <time dateTime={invitation.expiresAt}>{date(invitation.expiresAt)}</time>
              </span>
            </li>
          ))}
        </ul>
      )}
      <MoreCount shown={data.items.length} total={data.total} />
    </HomeSection>
  );
}

export function QuietExchanges({ data, home }: SectionProps<'quietExchanges'>) {
  const { t } = useTranslation();
  const date = useDateFormat(home.timeZone);
  return (
    <HomeSection kind="quietExchanges" title={t('home.quietExchanges')}>
      {data.items.length === 0 ? (
        <p className="empty">{t('home.noQuietExchanges')}</p>
      ) : (
        <ul className="plain-list home-list">
          {data.items.map(({ exchange, lastSessionAt }) => (
            <li key={exchange.id} data-testid="home-quiet-exchange">
              <Link to={`/exchanges/${exchange.id}`}>{exchange.title}</Link>{' '}
              <span className={`badge badge--${exchange.status}`}>
                {t(`exchanges.statuses.${exchange.status}`)}
              </span>
              <span className="card__meta home-list__meta">
                {lastSessionAt
                  ? t('home.lastSession', { date: date(lastSessionAt) })
                  : t('home.noSessionYet')}
                {' · '}
                <Link to={`/exchanges/${exchange.id}/sessions/new`}>
                  {t('home.scheduleSession')}
                  <span className="visually-hidden">: {exchange.title}</span>
                </Link>
              </span>
            </li>
          ))}
        </ul>
      )}
      <MoreCount shown={data.items.length} total={data.total} />
    </HomeSection>
  );
}

export function NeverSignedIn({ data, home }: SectionProps<'neverSignedIn'>) {
  const { t } = useTranslation();
  const date = useDateFormat(home.timeZone);
  return (
    <HomeSection kind="neverSignedIn" title={t('home.neverSignedIn')}>
      {data.items.length === 0 ? (
        <p className="empty">{t('home.noneNeverSignedIn')}</p>
      ) : (
        <ul className="plain-list home-list">
          {data.items.map(({ person, networkRole, accountCreatedAt }) => (
            <li key={person.id} data-testid="home-never-signed-in">
              <Link to={`/practitioners/${person.id}`}>{person.displayName}</Link>
              {person.city && <span className="muted"> · {person.city.name}</span>}
              <span className="card__meta home-list__meta">
                {t(`roles.${networkRole}`)}
                {' · '}
                {t('home.accountSince', { date: date(accountCreatedAt) })}
              </span>
            </li>
          ))}
        </ul>
      )}
      <MoreCount shown={data.items.length} total={data.total} />
    </HomeSection>
  );
}
