// Moderating entries: hide and restore, for coordinators and the hosts of the exchange an entry
// was published from, always with a reason (audit log, author's notification). Flags and the
// review queue reach entries through the moderation library (PracticeModeration registers them).
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { PracticeView } from '#libs/contracts';
import { Access, type Actor, CurrentActor } from '#libs/common';
import { ModerationReasonDto } from './dto/review.dto.js';
import { PracticeModeration } from './practice-moderation.service.js';
import { PracticeReader } from './practice-reader.service.js';

@ApiTags('practices')
@ApiBearerAuth()
@Controller('practices')
export class PracticeModerationController {
  constructor(
    private readonly moderation: PracticeModeration,
    private readonly reader: PracticeReader,
  ) {}

  /** Out of the library for everyone but its author and moderators. */
  @Post(':id/hide')
  @HttpCode(200)
  @Access('member')
  async hide(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ModerationReasonDto,
  ): Promise<PracticeView> {
    await this.moderation.hide(actor, id, body.reason);
    return this.reader.read(actor, id, null);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @Access('member')
  async restore(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ModerationReasonDto,
  ): Promise<PracticeView> {
    await this.moderation.restore(actor, id, body.reason);
    return this.reader.read(actor, id, null);
  }
}
