import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { OutgoingMailList, OutgoingMailView } from '#libs/contracts';
import { Access, NotFoundError } from '#libs/common';
import { FolderTransport, type MailTransport } from './mail-transport.js';
import { MAIL_TRANSPORT } from './mail.service.js';

/** Admins read what the platform "sent" when no SMTP server is configured. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/mail')
export class OutgoingMailController {
  constructor(@Inject(MAIL_TRANSPORT) private readonly transport: MailTransport) {}

  @Get()
  @Access('admin')
  async list(): Promise<OutgoingMailList> {
    if (!(this.transport instanceof FolderTransport)) return { transport: 'smtp', items: [] };
    return { transport: 'folder', items: await this.transport.list() };
  }

  @Get(':id')
  @Access('admin')
  async read(@Param('id') id: string): Promise<OutgoingMailView> {
    const entry = this.transport instanceof FolderTransport ? await this.transport.read(id) : null;
    if (!entry) throw new NotFoundError('Message');
    return entry;
  }
}
