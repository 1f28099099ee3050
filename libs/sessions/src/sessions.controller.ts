import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { SessionView, TimeSuggestionsView } from '#libs/contracts';
import { Access, type Actor, CurrentActor, PublicBaseUrl } from '#libs/common';
import {
  CancelSessionDto,
  ListSessionsQuery,
  ScheduleSessionDto,
  TimeSuggestionsQuery,
  UpdateSessionDto,
} from './dto/session.dto.js';
import { presentSession, presentTimeSuggestions } from './session.presenter.js';
import { SessionsService } from './sessions.service.js';

@ApiTags('sessions')
@ApiBearerAuth()
@Controller()
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Get('exchanges/:id/sessions')
  @Access('member')
  async list(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ListSessionsQuery,
  ): Promise<SessionView[]> {
    return (await this.sessions.list(actor, id, query)).map(presentSession);
  }

  @Post('exchanges/:id/sessions')
  @Access('member')
  async schedule(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ScheduleSessionDto,
  ): Promise<SessionView> {
    return presentSession(await this.sessions.schedule(actor, id, body));
  }

  /** Candidate slots ranked to spare people the night, then by how many members they suit. */
  @Get('exchanges/:id/time-suggestions')
  @Access('member')
  async timeSuggestions(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: TimeSuggestionsQuery,
  ): Promise<TimeSuggestionsView> {
    return presentTimeSuggestions(await this.sessions.suggestions(actor, id, query));
  }

  @Get('sessions/:id')
  @Access('member')
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<SessionView> {
    return presentSession((await this.sessions.get(actor, id)).session);
  }

  /** Edit or reschedule; a new time notifies the members and moves their reminders. */
  @Patch('sessions/:id')
  @Access('member')
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateSessionDto,
  ): Promise<SessionView> {
    return presentSession(await this.sessions.update(actor, id, body));
  }

  @Post('sessions/:id/cancel')
  @HttpCode(200)
  @Access('member')
  async cancel(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CancelSessionDto,
  ): Promise<SessionView> {
    return presentSession(await this.sessions.cancel(actor, id, body.reason));
  }

  @Get('sessions/:id/calendar.ics')
  @Access('member')
  @ApiProduces('text/calendar')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="session.ics"')
  calendar(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @PublicBaseUrl() baseUrl: string,
  ): Promise<string> {
    return this.sessions.sessionCalendar(actor, id, baseUrl);
  }
}
