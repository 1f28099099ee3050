import { Injectable } from '@nestjs/common';
import { HOME_LIMITS, type HomeSections } from '#libs/contracts';
import { NotificationsService, presentNotification } from '#libs/notifications';
import type { HomeSectionProvider, HomeViewer } from '../home-section.js';

/** How many notifications are unread, and the latest of them. */
@Injectable()
export class NotificationsSection implements HomeSectionProvider<'notifications'> {
  readonly kind = 'notifications' as const;

  constructor(private readonly notifications: NotificationsService) {}

  async build(viewer: HomeViewer): Promise<HomeSections['notifications']> {
    const inbox = await this.notifications.inbox(viewer.actor, {
      limit: HOME_LIMITS.notifications,
      unreadOnly: true,
    });
    return { unreadCount: inbox.unreadCount, latest: inbox.items.map(presentNotification) };
  }
}
