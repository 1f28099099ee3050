// A person's inbox and their choices about it: exported whole, erased whole.
import { Injectable, OnModuleInit } from '@nestjs/common';
import { PersonalData } from '#libs/common';
import { sideBySide } from '#libs/persistence';
import { NotificationPreference } from './entities/notification-preference.entity.js';
import { Notification } from './entities/notification.entity.js';

@Injectable()
export class NotificationsPersonalData implements OnModuleInit {
  constructor(private readonly personalData: PersonalData) {}

  onModuleInit(): void {
    this.personalData.register({
      name: 'notifications',
      columns: ['notifications.recipient_id', 'notification_preferences.practitioner_id'],
      export: async (id, manager) => {
        const [inbox, preferences] = await sideBySide(
          manager,
          () =>
            manager.find(Notification, { where: { recipientId: id }, order: { createdAt: 'ASC' } }),
          () => manager.find(NotificationPreference, { where: { practitionerId: id } }),
        );
        return {
          inbox: inbox.map((n) => ({
            kind: n.kind,
            text: n.text,
            createdAt: n.createdAt.toISOString(),
            readAt: n.readAt?.toISOString() ?? null,
          })),
          switchedOff: preferences.filter((p) => !p.enabled).map((p) => p.kind),
        };
      },
      erase: async (id, manager) => {
        await manager.delete(Notification, { recipientId: id });
        await manager.delete(NotificationPreference, { practitionerId: id });
      },
    });
  }
}
