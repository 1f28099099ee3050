export { MailModule } from './mail.module.js';
export { MailService, MAIL_TRANSPORT } from './mail.service.js';
export {
  FolderTransport,
  FOLDER_RETENTION_DAYS,
  type MailMessage,
  type MailTransport,
} from './mail-transport.js';
