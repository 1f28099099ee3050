// The bell in the header: the unread count, updated live; it opens the latest notifications,
// each a link to what it is about (opening one marks it read), with "mark all as read" and the
// way to the whole inbox.
import type { NotificationView } from '@contracts';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { useViewerZone } from '../time/viewerZone';
import { notificationsApi } from './notifications.api';
import { notificationLink, notificationSentence } from './notificationText';
import {
  onNotificationArrived,
  setUnreadCount,
  useLiveNotifications,
  useUnreadCount,
} from './unread';

const LATEST = 5;

export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const zone = useViewerZone();
  const id = useId();
  const location = useLocation();
  useLiveNotifications();
  const count = useUnreadCount();
  const [open, setOpen] = useState(false);
  const [latest, setLatest] = useState<NotificationView[] | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const label = count > 0 ? t('notifications.bellUnread', { count }) : t('notifications.bell');

  useEffect(
    () =>
      onNotificationArrived((n) =>
        setLatest((list) =>
          list ? [n, ...list.filter((x) => x.id !== n.id)].slice(0, LATEST) : list,
        ),
      ),
    [],
  );
  useEffect(() => {
    if (!open) return;
    let current = true;
    notificationsApi.inbox(undefined, { limit: LATEST }).then(
      (page) => {
        if (!current) return;
        setLatest(page.items);
        setUnreadCount(page.unreadCount);
      },
      () => current && setLatest([]),
    );
    return () => {
      current = false;
    };
  }, [open]);
  useEffect(() => setOpen(false), [location.pathname]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const opened = (n: NotificationView) => {
    if (n.readAt) return;
    void notificationsApi.markRead(n.id).then(
      () => setUnreadCount(Math.max(0, count - 1)),
      () => undefined,
    );
  };
  const dateTime = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });

  return (
    <div
      className="bell-menu"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) close();
      }}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        className="bell"
        aria-label={label}
        title={label}
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => setOpen((o) => !o)}
      >
        <svg
          aria-hidden="true"
          focusable="false"
          viewBox="0 0 24 24"
          width="22"
          height="22"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          <path d="M13.73 21a2 2 0 0 1-3.46 0" />
        </svg>
        {count > 0 && (
          <span className="bell__count" aria-hidden="true" data-testid="unread-count">
            {count > 99 ? '99+' : count}
          </span>
        )}
      </button>
      <div id={`${id}-panel`} className="bell__panel" hidden={!open} data-testid="bell-panel">
        {open && (
          <>
            <h2 className="bell__heading">{t('notifications.title')}</h2>
            {latest === null ? (
              <p className="muted">{t('common.loading')}</p>
            ) : latest.length === 0 ? (
              <p className="muted">{t('notifications.empty')}</p>
            ) : (
              <ul className="bell__list">
                {latest.map((n) => (
                  <li key={n.id}>
                    <Link
                      to={notificationLink(n) ?? '/notifications'}
                      className={n.readAt ? 'bell__entry' : 'bell__entry bell__entry--unread'}
                      data-testid="bell-entry"
                      onClick={() => opened(n)}
                    >
                      {!n.readAt && (
                        <span className="visually-hidden">{t('notifications.unread')}: </span>
                      )}
                      <span className="bell__text">
                        {notificationSentence(n, t, i18n.language, zone)}
                      </span>
                      <time dateTime={n.createdAt} className="bell__time">
                        {dateTime.format(new Date(n.createdAt))}
                      </time>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
            <div className="bell__footer">
              {count > 0 && (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() =>
                    void notificationsApi.markAllRead().then(() => {
                      setUnreadCount(0);
                      setLatest((list) =>
                        list
                          ? list.map((n) => ({
                              ...n,
                              readAt: n.readAt ?? new Date().toISOString(),
                            }))
                          : list,
                      );
                    })
                  }
                >
                  {t('notifications.markAllRead')}
                </button>
              )}
              <Link to="/notifications" className="bell__all">
                {t('notifications.seeAll')}
              </Link>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
