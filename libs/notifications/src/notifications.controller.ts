import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { NotificationPage, NotificationPreferences, NotificationView } from '#libs/contracts';
import { Access, type Actor, CurrentActor } from '#libs/common';
import { ListNotificationsQuery, UpdatePreferencesDto } from './dto/notifications.dto.js';
import { presentNotification } from './notification.presenter.js';
import { NotificationsService } from './notifications.service.js';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Access('member')
  async inbox(
    @CurrentActor() actor: Actor,
    @Query() query: ListNotificationsQuery,
  ): Promise<NotificationPage> {
    const page = await this.notifications.inbox(actor, {
      cursor: query.cursor,
      limit: query.limit,
      unreadOnly: query.unread === 'true',
    });
    return {
      items: page.items.map(presentNotification),
      nextCursor: page.nextCursor,
      unreadCount: page.unreadCount,
    };
  }

  @Post('read-all')
  @HttpCode(200)
  @Access('member')
  async markAllRead(@CurrentActor() actor: Actor): Promise<{ marked: number }> {
    return { marked: await this.notifications.markAllRead(actor) };
  }

  @Get('preferences')
  @Access('member')
  preferences(@CurrentActor() actor: Actor): Promise<NotificationPreferences> {
    return this.notifications.preferencesOf(actor.id);
  }

  @Put('preferences')
  @Access('member')
  updatePreferences(
    @CurrentActor() actor: Actor,
    @Body() body: UpdatePreferencesDto,
  ): Promise<NotificationPreferences> {
    return this.notifications.updatePreferences(actor.id, body.enable ?? [], body.disable ?? []);
  }

  @Post(':id/read')
  @HttpCode(200)
  @Access('member')
  async markRead(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<NotificationView> {
    return presentNotification(await this.notifications.markRead(actor, id));
  }
}
