import { Injectable } from '@nestjs/common';
import { HOME_LIMITS, type HomeSections } from '#libs/contracts';
import { NotificationsService, presentNotification } from '#libs/notifications';
import type { HomeSectionProvider, HomeViewer } from '../home-section.js';

/** Replies to the viewer and mentions of them that they have not read yet. */
@Injectable()
export class WaitingRepliesSection implements HomeSectionProvider<'waitingReplies'> {
  readonly kind = 'waitingReplies' as const;

  constructor(private readonly notifications: NotificationsService) {}

  async build(viewer: HomeViewer): Promise<HomeSections['waitingReplies']> {
    const { items, total } = await this.notifications.unreadOfKinds(
      viewer.actor.id,
      ['reply', 'mention'],
      HOME_LIMITS.waitingReplies,
    );
    return { items: items.map(presentNotification), total };
  }
}
