// What waits for the viewer: unread notifications, and requests to join for hosts and coordinators.
import type { NotificationView } from '@contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { NotificationList } from '../notifications/NotificationList';
import { notificationsApi } from '../notifications/notifications.api';
import { refreshUnreadCount } from '../notifications/unread';
import { HomeSection, MoreCount, type SectionProps, useDateFormat } from './HomeSection';

export function UnreadNotifications({ data }: SectionProps<'notifications'>) {
  const { t } = useTranslation();
  const [readHere, setReadHere] = useState<ReadonlySet<string>>(new Set());
  const open = (notification: NotificationView) => {
    setReadHere((ids) => new Set(ids).add(notification.id));
    notificationsApi.markRead(notification.id).then(refreshUnreadCount, () => undefined);
  };
  return (
    <HomeSection
      kind="notifications"
      title={t('home.notifications')}
      action={<Link to="/notifications">{t('home.allNotifications')}</Link>}
    >
      <p role="status">
        {data.unreadCount > 0
          ? t('notifications.unreadCount', { count: data.unreadCount })
          : t('notifications.allRead')}
      </p>
      {data.latest.length > 0 && (
        <NotificationList
          items={data.latest}
          isRead={(n) => n.readAt !== null || readHere.has(n.id)}
          onOpen={open}
        />
      )}
    </HomeSection>
  );
}

export function JoinRequestsWaiting({ data, home }: SectionProps<'joinRequests'>) {
  const { t } = useTranslation();
  const date = useDateFormat(home.timeZone);
  return (
    <HomeSection kind="joinRequests" title={t('home.joinRequests')}>
      {data.items.length === 0 ? (
        <p className="empty">{t('home.noJoinRequests')}</p>
      ) : (
        <ul className="requests">
          {data.items.map(({ request, exchange }) => (
            <li key={request.id} className="card" data-testid="home-join-request">
              <p className="card__title">
                <Link to={`/practitioners/${request.person.id}`}>{request.person.displayName}</Link>
                {request.person.city && (
                  <span className="muted"> · {request.person.city.name}</span>
                )}
              </p>
              <p className="card__meta">
                {t('home.requestFor')}{' '}
                <Link to={`/exchanges/${exchange.id}`}>{exchange.title}</Link>
                {' · '}
                {t('exchanges.askedOn', { date: date(request.createdAt) })}
              </p>
              {request.message && <blockquote className="quote">{request.message}</blockquote>}
              <p>
                <Link to={`/exchanges/${exchange.id}#join-requests-heading`}>
                  {t('home.review')}
                  <span className="visually-hidden">
                    : {request.person.displayName}, {exchange.title}
                  </span>
                </Link>
              </p>
            </li>
          ))}
        </ul>
      )}
      <MoreCount shown={data.items.length} total={data.total} />
    </HomeSection>
  );
}
