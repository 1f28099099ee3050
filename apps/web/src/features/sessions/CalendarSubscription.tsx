// My calendar subscription: a secret link for calendar apps, with copy and rotate.
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource, useSubmit } from '../../api/hooks';
import { copyText } from '../../ui/clipboard';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Loading } from '../../ui/Loading';
import { sessionsApi } from './sessions.api';

export function CalendarSubscription() {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const feed = useResource(() => sessionsApi.calendarFeed(), 'calendar-feed');
  const [status, setStatus] = useState('');
  const rotate = useSubmit(async () => {
    feed.setData(await sessionsApi.rotateCalendarFeed());
    setStatus(t('calendarFeed.rotated'));
  });
  const copy = async () => {
    if (!feed.data) return;
    await copyText(feed.data.url, input.current);
    setStatus(t('calendarFeed.copied'));
  };
  const onRotate = () => {
    if (window.confirm(t('calendarFeed.confirmRotate'))) void rotate.submit();
  };
  return (
    <section className="panel" aria-labelledby="calendar-feed-heading">
      <h2 id="calendar-feed-heading">{t('calendarFeed.heading')}</h2>
      <p>{t('calendarFeed.explained')}</p>
      <ErrorNotice error={feed.error ?? rotate.error} />
      {feed.loading && !feed.data && <Loading />}
      {feed.data && (
        <div className="copy-link">
          <label htmlFor={id}>{t('calendarFeed.link')}</label>
          <div className="copy-link__row">
            <input
              ref={input}
              id={id}
              type="text"
              readOnly
              value={feed.data.url}
              data-testid="calendar-feed-url"
              onFocus={(e) => e.target.select()}
            />
            <button type="button" className="button" onClick={() => void copy()}>
              {t('calendarFeed.copy')}
            </button>
            <button
              type="button"
              className="button button--danger"
              onClick={onRotate}
              disabled={rotate.busy}
            >
              {t('calendarFeed.rotate')}
            </button>
          </div>
          <p className="field__hint" role="status">
            {status || t('calendarFeed.secret')}
          </p>
        </div>
      )}
    </section>
  );
}
