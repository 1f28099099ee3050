import type { ExchangeView, SessionView } from '@contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useResource, useSubmit } from '../api/hooks';
import { exchangesApi, isFullExchange } from '../features/exchanges/exchanges.api';
import { useMe } from '../features/identity/session';
import { SessionRoomLink } from '../features/live/RoomLinks';
import { SessionForm } from '../features/sessions/SessionForm';
import { SessionPlace } from '../features/sessions/SessionList';
import { sessionsApi } from '../features/sessions/sessions.api';
import { sessionTimes } from '../features/sessions/SessionTime';
import { useViewerZone, YourTimeNote } from '../features/time/viewerZone';
import { zoneName } from '../features/time/zones';
import { ProposeButton } from '../features/practices/ProposeButton';
import { ErrorNotice, SuccessNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { Loading } from '../ui/Loading';
import { Markdown } from '../ui/Markdown';
import { useDocumentTitle } from '../ui/useDocumentTitle';

function CancelSession({
  session,
  onCancelled,
}: {
  session: SessionView;
  onCancelled: (session: SessionView) => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const cancel = useSubmit(async () =>
    onCancelled(await sessionsApi.cancel(session.id, reason.trim())),
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (window.confirm(t('sessions.confirmCancel', { title: session.title }))) void cancel.submit();
  };
  return (
    <form className="form panel panel--danger" onSubmit={onSubmit} aria-labelledby="cancel-heading">
      <h2 id="cancel-heading">{t('sessions.cancelSession')}</h2>
      <p>{t('sessions.cancelExplained')}</p>
      <ErrorNotice error={cancel.error} />
      <Field label={t('sessions.cancelReason')} name="reason" error={cancel.error}>
        {(control) => (
          <textarea
            {...control}
            rows={2}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button button--danger" disabled={cancel.busy}>
          {t('sessions.cancelSession')}
        </button>
      </div>
    </form>
  );
}

function Manage({
  exchange,
  session,
  onChange,
}: {
  exchange: ExchangeView;
  session: SessionView;
  onChange: (session: SessionView) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  if (session.status === 'cancelled') return null;
  return (
    <>
      <section aria-labelledby="reschedule-heading">
        <div className="section-heading">
          <h2 id="reschedule-heading">{t('sessions.reschedule')}</h2>
          <button
            type="button"
            className="button"
            aria-expanded={editing}
            onClick={() => {
              setEditing((open) => !open);
              setSaved(false);
            }}
          >
            {editing ? t('sessions.closeEditor') : t('sessions.openEditor')}
          </button>
        </div>
        {saved && <SuccessNotice>{t('sessions.saved')}</SuccessNotice>}
        {editing && (
          <SessionForm
            key={session.sequence}
            exchangeId={exchange.id}
            cities={exchange.cities}
            session={session}
            myId={me.id}
            submitLabel={t('sessions.saveChanges')}
            onSave={async (input) => {
              onChange(await sessionsApi.update(session.id, input));
              setEditing(false);
              setSaved(true);
            }}
          />
        )}
      </section>
      <CancelSession session={session} onCancelled={onChange} />
    </>
  );
}

export function SessionPage() {
  const { t, i18n } = useTranslation();
  const { id = '', sessionId = '' } = useParams();
  const session = useResource(() => sessionsApi.get(sessionId), sessionId);
  const exchange = useResource(() => exchangesApi.get(id), id);
  const download = useSubmit((s: SessionView) => sessionsApi.downloadCalendar(s));
  const viewerZone = useViewerZone();
  useDocumentTitle(session.data?.title ?? t('sessions.title'));

  if (session.loading && !session.data) return <Loading />;
  if (!session.data) return <ErrorNotice error={session.error} />;
  const s = session.data;
  const e = exchange.data;
  const cancelled = s.status === 'cancelled';
  const times = sessionTimes(s.startsAt, s.endsAt, s.hostTimeZone, i18n.language, viewerZone);

  return (
    <>
      <p className="breadcrumb">
        <Link to={`/exchanges/${id}`}>
          {e ? t('exchanges.backTo', { title: e.title }) : t('exchanges.back')}
        </Link>
      </p>
      <div className="page-heading">
        <h1>{s.title}</h1>
      </div>
      <p className="badges">
        <span className="badge">{t(`sessions.kinds.${s.kind}`)}</span>
        {cancelled && <span className="badge badge--danger">{t('sessions.cancelled')}</span>}
      </p>
      {cancelled && (
        <div className="notice notice--error" role="status">
          {t('sessions.cancelledNotice')}
        </div>
      )}
      <dl className="details">
        <dt>{t('sessions.yourTimeLabel')}</dt>
        <dd data-testid="session-your-time">
          <time dateTime={s.startsAt} className={cancelled ? 'struck' : undefined}>
            {times.mine}
          </time>{' '}
          <span className="muted">({zoneName(viewerZone, i18n.language)})</span>
        </dd>
        <dt>{t('sessions.hostTimeLabel')}</dt>
        <dd>
          {times.host
            ? t('time.localTime', { time: times.host, place: times.hostPlace })
            : t('sessions.sameAsYours')}{' '}
          <span className="muted">({zoneName(s.hostTimeZone, i18n.language)})</span>
        </dd>
        <dt>{t('sessions.where')}</dt>
        <dd>
          <SessionPlace session={s} />
        </dd>
      </dl>
      <YourTimeNote />
      <div className="actions">
        <button
          type="button"
          className="button button--primary"
          onClick={() => void download.submit(s)}
          disabled={download.busy}
        >
          {t('sessions.downloadIcs')}
        </button>
        {e && isFullExchange(e) && <ProposeButton kind="session" id={s.id} />}
      </div>
      <ErrorNotice error={download.error} />
      {e && isFullExchange(e) && (
        <SessionRoomLink exchangeId={id} sessionId={s.id} canManage={e.canManage} />
      )}
      <section aria-labelledby="agenda-heading">
        <h2 id="agenda-heading">{t('sessions.agenda')}</h2>
        {s.agenda.trim() ? (
          <Markdown text={s.agenda} className="panel" />
        ) : (
          <p className="empty">{t('sessions.noAgenda')}</p>
        )}
      </section>
      {e && isFullExchange(e) && e.canManage && (
        <Manage exchange={e} session={s} onChange={session.setData} />
      )}
    </>
  );
}
