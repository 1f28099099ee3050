import type { NotificationView } from '#libs/contracts';
import type { Notification } from './entities/notification.entity.js';

export const presentNotification = (n: Notification): NotificationView => ({
  id: n.id,
  kind: n.kind,
  text: n.text,
  data: n.data,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt?.toISOString() ?? null,
});
