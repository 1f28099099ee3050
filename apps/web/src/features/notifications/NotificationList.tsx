// The inbox: unread ones stand out; opening one marks it read.
import type { NotificationView } from '@contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useViewerZone } from '../time/viewerZone';
import { notificationLink, notificationSentence } from './notificationText';

export function NotificationList({
  items,
  isRead,
  onOpen,
}: {
  items: NotificationView[];
  isRead: (notification: NotificationView) => boolean;
  onOpen: (notification: NotificationView) => void;
}) {
  const { t, i18n } = useTranslation();
  const zone = useViewerZone();
  const dateTime = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: zone,
  });
  return (
    <ul className="inbox" data-testid="inbox">
      {items.map((notification) => {
        const read = isRead(notification);
        const sentence = notificationSentence(notification, t, i18n.language, zone);
        const link = notificationLink(notification);
        return (
          <li
            key={notification.id}
            className={read ? 'inbox__item' : 'inbox__item inbox__item--unread'}
            data-testid="notification"
          >
            {!read && <span className="inbox__dot" aria-hidden="true" />}
            <div className="inbox__body">
              {!read && <span className="visually-hidden">{t('notifications.unread')}: </span>}
              {link ? (
                <Link to={link} onClick={() => onOpen(notification)}>
                  {sentence}
                </Link>
              ) : (
                <span>{sentence}</span>
              )}
              <p className="inbox__meta">
                <time dateTime={notification.createdAt}>
                  {dateTime.format(new Date(notification.createdAt))}
                </time>
              </p>
            </div>
            {!read && !link && (
              <button
                type="button"
                className="button button--small"
                onClick={() => onOpen(notification)}
              >
                {t('notifications.markRead')}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
