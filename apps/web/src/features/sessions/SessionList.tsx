// An exchange's sessions: the coming ones first, the past ones folded away.
import type { SessionView } from '@contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { YourTimeNote } from '../time/viewerZone';
import { SessionTime } from './SessionTime';

function SessionItems({ exchangeId, sessions }: { exchangeId: string; sessions: SessionView[] }) {
  const { t } = useTranslation();
  return (
    <ul className="sessions">
      {sessions.map((session) => {
        const cancelled = session.status === 'cancelled';
        return (
          <li
            key={session.id}
            className={cancelled ? 'session session--cancelled' : 'session'}
            data-testid="session"
          >
            <div className="session__heading">
              <h3 className="session__title">
                <Link to={`/exchanges/${exchangeId}/sessions/${session.id}`}>{session.title}</Link>
              </h3>
              <span className="badge">{t(`sessions.kinds.${session.kind}`)}</span>
              {cancelled && <span className="badge badge--danger">{t('sessions.cancelled')}</span>}
            </div>
            <p className="session__when">
              <SessionTime
                startsAt={session.startsAt}
                endsAt={session.endsAt}
                hostTimeZone={session.hostTimeZone}
              />
            </p>
            <p className="card__meta">
              <SessionPlace session={session} />
            </p>
          </li>
        );
      })}
    </ul>
  );
}

/** "Online · Stadhuis, Rotterdam" */
export function SessionPlace({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const parts = [
    session.online ? t('sessions.online') : null,
    session.venue
      ? [session.venue.name, session.venue.city?.name].filter(Boolean).join(', ')
      : null,
  ].filter(Boolean);
  return <>{parts.join(' · ')}</>;
}

export function SessionList({
  exchangeId,
  sessions,
  now = new Date(),
}: {
  exchangeId: string;
  sessions: SessionView[];
  now?: Date;
}) {
  const { t } = useTranslation();
  const byStart = [...sessions].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const coming = byStart.filter((s) => new Date(s.endsAt) > now);
  const past = byStart.filter((s) => new Date(s.endsAt) <= now).reverse();
  return (
    <>
      {sessions.length > 0 && <YourTimeNote />}
      {coming.length === 0 ? (
        <p className="empty">{t('sessions.noneComing')}</p>
      ) : (
        <SessionItems exchangeId={exchangeId} sessions={coming} />
      )}
      {past.length > 0 && (
        <details className="past-sessions">
          <summary>{t('sessions.past', { count: past.length })}</summary>
          <SessionItems exchangeId={exchangeId} sessions={past} />
        </details>
      )}
    </>
  );
}
