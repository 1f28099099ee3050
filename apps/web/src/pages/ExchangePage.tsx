import type { ExchangeSummary, ExchangeView } from '@contracts';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useResource, useSubmit } from '../api/hooks';
import { countryName } from '../features/cities/countries';
import { AddMember } from '../features/exchanges/AddMember';
import { AskToJoin } from '../features/exchanges/AskToJoin';
import { ExchangeBadges } from '../features/exchanges/ExchangeBadges';
import { exchangesApi, isFullExchange } from '../features/exchanges/exchanges.api';
import { JoinRequests } from '../features/exchanges/JoinRequests';
import { MemberTable } from '../features/exchanges/MemberTable';
import { useMe } from '../features/identity/session';
import { RoomList } from '../features/live/RoomLinks';
import { SessionList } from '../features/sessions/SessionList';
import { sessionsApi } from '../features/sessions/sessions.api';
import { ThemeList } from '../features/themes/ThemePicker';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading } from '../ui/Loading';
import { Markdown } from '../ui/Markdown';
import { useDocumentTitle } from '../ui/useDocumentTitle';

function Facts({ exchange }: { exchange: ExchangeSummary }) {
  const { t, i18n } = useTranslation();
  return (
    <dl className="details details--stacked">
      <dt>{t('exchanges.cities')}</dt>
      <dd>
        {exchange.cities.length === 0 ? (
          '—'
        ) : (
          <ul className="plain-list">
            {exchange.cities.map((city) => (
              <li key={city.id}>
                <Link to={`/cities/${city.id}`}>{city.name}</Link>{' '}
                <span className="muted">({countryName(city.countryCode, i18n.language)})</span>
              </li>
            ))}
          </ul>
        )}
      </dd>
      <dt>{t('exchanges.hosts')}</dt>
      <dd>
        {exchange.hosts.length === 0
          ? '—'
          : exchange.hosts.map((host, index) => (
              <span key={host.id}>
                {index > 0 && ', '}
                <Link to={`/practitioners/${host.id}`}>{host.displayName}</Link>
              </span>
            ))}
      </dd>
      <dt>{t('exchanges.membersHeading')}</dt>
      <dd>{exchange.memberCount}</dd>
      <dt>{t('exchanges.attribution')}</dt>
      <dd>
        <strong>{t(`exchanges.attributions.${exchange.attribution}`)}</strong>
        <span className="details__note">
          {t(`exchanges.attributionExplained.${exchange.attribution}`)}
        </span>
      </dd>
    </dl>
  );
}

function MemberContent({ exchange, onChange }: { exchange: ExchangeView; onChange: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const members = useResource(() => exchangesApi.members(exchange.id), `members:${exchange.id}`);
  const sessions = useResource(() => sessionsApi.list(exchange.id), `sessions:${exchange.id}`);
  const leave = useSubmit(async () => {
    await exchangesApi.removeMember(exchange.id, me.id);
    void navigate('/exchanges');
  });
  const onLeave = () => {
    if (window.confirm(t('exchanges.confirmLeave', { title: exchange.title }))) void leave.submit();
  };
  const membersChanged = () => {
    members.reload();
    onChange();
  };

  return (
    <>
      <div className="exchange-layout">
        <div>
          <section aria-labelledby="about-heading">
            <h2 id="about-heading">{t('exchanges.about')}</h2>
            {exchange.description.trim() ? (
              <Markdown text={exchange.description} className="panel" />
            ) : (
              <p className="empty">{t('exchanges.noDescription')}</p>
            )}
          </section>
          <section aria-labelledby="sessions-heading">
            <div className="section-heading">
              <h2 id="sessions-heading">{t('sessions.title')}</h2>
              {exchange.canManage && (
                <Link to={`/exchanges/${exchange.id}/sessions/new`} className="button">
                  {t('sessions.schedule')}
                </Link>
              )}
            </div>
            <ErrorNotice error={sessions.error} />
            {sessions.loading && !sessions.data && <Loading />}
            {sessions.data && <SessionList exchangeId={exchange.id} sessions={sessions.data} />}
          </section>
          <RoomList exchangeId={exchange.id} />
        </div>
        <aside aria-label={t('exchanges.facts')}>
          <Facts exchange={exchange} />
        </aside>
      </div>
      <section aria-labelledby="members-heading">
        <h2 id="members-heading">{t('exchanges.membersHeading')}</h2>
        <ErrorNotice error={members.error} />
        {members.loading && !members.data && <Loading />}
        {members.data && (
          <MemberTable
            exchangeId={exchange.id}
            members={members.data}
            canManage={exchange.canManage}
            myId={me.id}
            onChange={membersChanged}
          />
        )}
        {exchange.canManage && members.data && (
          <AddMember
            exchangeId={exchange.id}
            memberIds={members.data.map((m) => m.person.id)}
            onAdded={membersChanged}
          />
        )}
      </section>
      {exchange.canManage && <JoinRequests exchangeId={exchange.id} onDecided={membersChanged} />}
      {exchange.myRole && (
        <section className="panel" aria-labelledby="leave-heading">
          <h2 id="leave-heading">{t('exchanges.leave')}</h2>
          <p>{t('exchanges.leaveExplained')}</p>
          <ErrorNotice error={leave.error} />
          <button
            type="button"
            className="button button--danger"
            onClick={onLeave}
            disabled={leave.busy}
          >
            {t('exchanges.leave')}
          </button>
        </section>
      )}
    </>
  );
}

export function ExchangePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const exchange = useResource(() => exchangesApi.get(id), id);
  useDocumentTitle(exchange.data?.title ?? t('exchanges.title'));

  if (exchange.loading && !exchange.data) return <Loading />;
  if (!exchange.data) return <ErrorNotice error={exchange.error} />;
  const e = exchange.data;
  const full = isFullExchange(e) ? e : null;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/exchanges">{t('exchanges.back')}</Link>
      </p>
      <div className="page-heading">
        <h1>{e.title}</h1>
        {full?.canManage && (
          <Link to={`/exchanges/${e.id}/edit`} className="button">
            {t('exchanges.edit')}
          </Link>
        )}
      </div>
      <ExchangeBadges exchange={e} />
      <ThemeList themes={e.themes} />
      {full ? (
        <MemberContent exchange={full} onChange={exchange.reload} />
      ) : (
        <div className="exchange-layout">
          <AskToJoin exchange={e} onAsked={exchange.reload} />
          <aside aria-label={t('exchanges.facts')}>
            <Facts exchange={e} />
          </aside>
        </div>
      )}
    </>
  );
}
