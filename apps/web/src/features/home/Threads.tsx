// The home page's threads: those with posts the member has not read, and the replies and mentions
// waiting for them.
import type { NotificationView } from '@contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { NotificationList } from '../notifications/NotificationList';
import { notificationsApi } from '../notifications/notifications.api';
import { refreshUnreadCount } from '../notifications/unread';
import { ThreadList } from '../threads/ThreadList';
import { HomeSection, MoreCount, type SectionProps } from './HomeSection';

export function UnreadThreads({ data }: SectionProps<'unreadThreads'>) {
  const { t } = useTranslation();
  return (
    <HomeSection
      kind="unreadThreads"
      title={t('home.unreadThreads')}
      action={<Link to="/commons">{t('threads.commons')}</Link>}
    >
      {data.items.length === 0 ? (
        <p className="empty">{t('home.noUnreadThreads')}</p>
      ) : (
        <ThreadList threads={data.items} showPlace />
      )}
      <MoreCount shown={data.items.length} total={data.total} />
    </HomeSection>
  );
}

export function WaitingReplies({ data }: SectionProps<'waitingReplies'>) {
  const { t } = useTranslation();
  const [readHere, setReadHere] = useState<ReadonlySet<string>>(new Set());
  const open = (notification: NotificationView) => {
    setReadHere((ids) => new Set(ids).add(notification.id));
    notificationsApi.markRead(notification.id).then(refreshUnreadCount, () => undefined);
  };
  return (
    <HomeSection kind="waitingReplies" title={t('home.waitingReplies')}>
      {data.items.length === 0 ? (
        <p className="empty">{t('home.noWaitingReplies')}</p>
      ) : (
        <NotificationList
          items={data.items}
          isRead={(n) => n.readAt !== null || readHere.has(n.id)}
          onOpen={open}
        />
      )}
      <MoreCount shown={data.items.length} total={data.total} />
    </HomeSection>
  );
}
