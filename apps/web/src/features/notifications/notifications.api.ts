import type {
  NotificationKind,
  NotificationListQuery,
  NotificationPage,
  NotificationPreferences,
  NotificationView,
  UpdatePreferencesRequest,
} from '@contracts';
import { api } from '../../api/client';

export const notificationsApi = {
  inbox: (cursor?: string, options: { limit?: number; unread?: boolean } = {}) =>
    api.get<NotificationPage>('/api/notifications', {
      cursor,
      limit: options.limit,
      unread: options.unread ? 'true' : undefined,
    } satisfies NotificationListQuery),
  markRead: (id: string) =>
    api.post<NotificationView>(`/api/notifications/${encodeURIComponent(id)}/read`),
  markAllRead: () => api.post<{ marked: number }>('/api/notifications/read-all'),
  preferences: () => api.get<NotificationPreferences>('/api/notifications/preferences'),
  setPreference: (kind: NotificationKind, enabled: boolean) =>
    api.put<NotificationPreferences>('/api/notifications/preferences', {
      enable: enabled ? [kind] : [],
      disable: enabled ? [] : [kind],
    } satisfies UpdatePreferencesRequest),
};
