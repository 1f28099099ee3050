// The viewer's next sessions: their time and the host's, a badge that ticks ("starts in 12 min",
// "live now") and one click into the room while it is open.
import type { HomeSession } from '@contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { SessionPlace } from '../sessions/SessionList';
import { SessionTime } from '../sessions/SessionTime';
import { useNow } from '../time/useNow';
import { clockIn, dayIn } from '../time/zones';
import { HomeSection, type SectionProps } from './HomeSection';
import { sessionMoment } from './sessionClock';

function SessionBadge({ item, now }: { item: HomeSession; now: Date }) {
  const { t } = useTranslation();
  const moment = sessionMoment(item.session.startsAt, item.session.endsAt, now);
  if (moment.kind === 'live')
    return (
      <span className="badge badge--live" data-testid="session-badge">
        {t('home.liveNow')}
      </span>
    );
  if (moment.kind === 'soon')
    return (
      <span className="badge badge--soon" data-testid="session-badge">
        {t('home.startsIn', { minutes: moment.minutes })}
      </span>
    );
  return null;
}

function RoomEntry({ item, zone, now }: { item: HomeSession; zone: string; now: Date }) {
  const { t, i18n } = useTranslation();
  const { room, session } = item;
  if (!room) return null;
  if (room.open)
    return (
      <Link to={`/rooms/${room.id}`} className="button button--primary button--small">
        {t('home.joinRoom')}
        <span className="visually-hidden">: {session.title}</span>
      </Link>
    );
  if (!room.opensAt) return null;
  const opensAt = new Date(room.opensAt);
  // Only the rooms that open within a day say when: further ones would be noise.
  if (opensAt.getTime() - now.getTime() > 24 * 3_600_000) return null;
  const sameDay = dayIn(zone, opensAt, i18n.language) === dayIn(zone, now, i18n.language);
  const clock = clockIn(zone, opensAt, i18n.language) ?? '';
  const time = sameDay ? clock : `${dayIn(zone, opensAt, i18n.language)}, ${clock}`;
  return <p className="muted home-session__room">{t('home.roomOpensAt', { time })}</p>;
}

export function NextSessions({ data, home }: SectionProps<'nextSessions'>) {
  const { t } = useTranslation();
  const now = useNow();
  const coming = data.filter(
    (item) => sessionMoment(item.session.startsAt, item.session.endsAt, now).kind !== 'over',
  );
  return (
    <HomeSection kind="nextSessions" title={t('home.nextSessions')}>
      {coming.length === 0 ? (
        <p className="empty">{t('home.noSessions')}</p>
      ) : (
        <ul className="sessions">
          {coming.map((item) => (
            <li key={item.session.id} className="session home-session" data-testid="home-session">
              <div className="session__heading">
                <h3 className="session__title">
                  <Link to={`/exchanges/${item.exchange.id}/sessions/${item.session.id}`}>
                    {item.session.title}
                  </Link>
                </h3>
                <SessionBadge item={item} now={now} />
              </div>
              <p className="card__meta">
                <Link to={`/exchanges/${item.exchange.id}`}>{item.exchange.title}</Link>
                {' · '}
                {t(`sessions.kinds.${item.session.kind}`)}
                {(item.session.online || item.session.venue) && ' · '}
                <SessionPlace session={item.session} />
              </p>
              <p className="session__when">
                <SessionTime
                  startsAt={item.session.startsAt}
                  endsAt={item.session.endsAt}
                  hostTimeZone={item.session.hostTimeZone}
                  viewerZone={home.timeZone}
                />
              </p>
              <RoomEntry item={item} zone={home.timeZone} now={now} />
            </li>
          ))}
        </ul>
      )}
    </HomeSection>
  );
}
