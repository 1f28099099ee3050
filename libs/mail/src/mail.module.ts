import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import path from 'node:path';
import { AppConfig, APP_CONFIG } from '#libs/config';
import { OutgoingMail } from './entities/outgoing-mail.entity.js';
import { FolderTransport, SmtpTransport, type MailTransport } from './mail-transport.js';
import { MAIL_TRANSPORT, MailService } from './mail.service.js';
import { OutgoingMailController } from './outgoing-mail.controller.js';

/** Global: identity (invitations, password resets) and later notifications send mail. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OutgoingMail])],
  controllers: [OutgoingMailController],
  providers: [
    {
      provide: MAIL_TRANSPORT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): MailTransport =>
        config.SMTP_URL
          ? new SmtpTransport(config.SMTP_URL, config.MAIL_FROM)
          : new FolderTransport(path.resolve(config.DATA_DIR, 'mail'), config.MAIL_FROM),
    },
    MailService,
  ],
  exports: [MailService, MAIL_TRANSPORT],
})
export class MailModule {}
