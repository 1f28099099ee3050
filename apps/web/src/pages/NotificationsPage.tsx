import type { NotificationView } from '@contracts';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePagedList, useSubmit } from '../api/hooks';
import { NotificationList } from '../features/notifications/NotificationList';
import { NotificationPreferences } from '../features/notifications/NotificationPreferences';
import { notificationsApi } from '../features/notifications/notifications.api';
import {
  refreshUnreadCount,
  setUnreadCount,
  useUnreadCount,
} from '../features/notifications/unread';
import { YourTimeNote } from '../features/time/viewerZone';
import { ErrorNotice } from '../ui/ErrorNotice';
import { LoadMore } from '../ui/LoadMore';
import { useDocumentTitle } from '../ui/useDocumentTitle';

export function NotificationsPage() {
  const { t } = useTranslation();
  const unread = useUnreadCount();
  const [readHere, setReadHere] = useState<ReadonlySet<string>>(new Set());
  const loadPage = useCallback(async (cursor?: string) => {
    const page = await notificationsApi.inbox(cursor);
    setUnreadCount(page.unreadCount);
    return page;
  }, []);
  const list = usePagedList(loadPage, 'inbox');
  useDocumentTitle(t('notifications.title'));

  const isRead = (n: NotificationView) => n.readAt !== null || readHere.has(n.id);

  const open = (notification: NotificationView) => {
    if (isRead(notification)) return;
    setReadHere((ids) => new Set(ids).add(notification.id));
    setUnreadCount(Math.max(0, unread - 1));
    // Opening usually navigates away: ask for the count again once the server has the change.
    notificationsApi.markRead(notification.id).then(refreshUnreadCount, () => undefined);
  };

  const markAll = useSubmit(async () => {
    await notificationsApi.markAllRead();
    setReadHere(new Set(list.items.map((n) => n.id)));
    setUnreadCount(0);
  });

  return (
    <div className="narrow">
      <div className="page-heading">
        <h1>{t('notifications.title')}</h1>
        <button
          type="button"
          className="button"
          onClick={() => void markAll.submit()}
          disabled={markAll.busy || unread === 0}
        >
          {t('notifications.markAllRead')}
        </button>
      </div>
      <p className="lead" role="status">
        {unread > 0
          ? t('notifications.unreadCount', { count: unread })
          : t('notifications.allRead')}
      </p>
      <YourTimeNote />
      <ErrorNotice error={markAll.error} />
      <NotificationList items={list.items} isRead={isRead} onOpen={open} />
      <LoadMore list={list} empty={t('notifications.empty')} />
      <NotificationPreferences />
    </div>
  );
}
