export { NotificationsModule } from './notifications.module.js';
export { NotificationsService, type NewNotification } from './notifications.service.js';
export { Notification } from './entities/notification.entity.js';
export { presentNotification } from './notification.presenter.js';
