import { Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { CalendarFeedView } from '#libs/contracts';
import { Access, type Actor, CurrentActor, NotFoundError, PublicBaseUrl } from '#libs/common';
import type { CalendarFeed } from './entities/calendar-feed.entity.js';
import { SessionsService } from './sessions.service.js';

const TOKEN = /^[A-Za-z0-9_-]{20,64}$/;

@ApiTags('calendar')
@Controller()
export class CalendarFeedController {
  constructor(private readonly sessions: SessionsService) {}

  @Get('me/calendar-feed')
  @ApiBearerAuth()
  @Access('member')
  async feed(
    @CurrentActor() actor: Actor,
    @PublicBaseUrl() baseUrl: string,
  ): Promise<CalendarFeedView> {
    return this.present(await this.sessions.feedOf(actor), baseUrl);
  }

  @Post('me/calendar-feed/rotate')
  @HttpCode(200)
  @ApiBearerAuth()
  @Access('member')
  async rotate(
    @CurrentActor() actor: Actor,
    @PublicBaseUrl() baseUrl: string,
  ): Promise<CalendarFeedView> {
    return this.present(await this.sessions.rotateFeed(actor), baseUrl);
  }

  /** The subscription URL itself: the secret token is the credential (calendar apps send no headers). */
  @Get('calendar/:token.ics')
  @Access('public')
  @ApiProduces('text/calendar')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, max-age=300')
  subscription(@Param('token') token: string, @PublicBaseUrl() baseUrl: string): Promise<string> {
    if (!TOKEN.test(token)) throw new NotFoundError('Calendar feed');
    return this.sessions.feedCalendar(token, baseUrl);
  }

  private present(feed: CalendarFeed, baseUrl: string): CalendarFeedView {
    return { url: this.sessions.feedUrl(feed, baseUrl), createdAt: feed.createdAt.toISOString() };
  }
}
