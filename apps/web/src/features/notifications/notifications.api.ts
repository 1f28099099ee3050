import type {
  NotificationKind,
  NotificationPage,
  NotificationPreferences,
  NotificationView,
} from '@contracts';
import { api } from '../../api/client';

export const notificationsApi = {
  inbox: (cursor?: string, options: { limit?: number; unread?: boolean } = {}) =>
    api.get<NotificationPage>('/api/notifications', {
      cursor,
      limit: options.limit,
      unread: options.unread ? 'true' : undefined,
    }),
  markRead: (id: string) =>
    api.post<NotificationView>(`/api/notifications/${encodeURIComponent(id)}/read`),
  markAllRead: () => api.post<{ marked: number }>('/api/notifications/read-all'),
  preferences: () => api.get<NotificationPreferences>('/api/notifications/preferences'),
  setPreference: (kind: NotificationKind, enabled: boolean) =>
    api.put<NotificationPreferences>('/api/notifications/preferences', {
      enable: enabled ? [kind] : [],
      disable: enabled ? [] : [kind],
    }),
};
