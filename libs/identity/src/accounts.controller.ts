import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { PractitionerView } from '#libs/contracts';
import { Access, type Actor, CurrentActor } from '#libs/common';
import { presentPractitioner } from '#libs/practitioners';
import { AccountsService } from './accounts.service.js';
import { AccountStatusDto } from './dto/account-status.dto.js';

/** Coordinators' and admins' account actions on practitioners. */
@ApiTags('practitioners')
@ApiBearerAuth()
@Controller('practitioners')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post(':id/suspend')
  @HttpCode(200)
  @Access('coordinator')
  async suspend(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentActor() actor: Actor,
    @Body() body: AccountStatusDto,
  ): Promise<PractitionerView> {
    return presentPractitioner(await this.accounts.setStatus(actor, id, 'suspend', body.reason));
  }

  @Post(':id/reinstate')
  @HttpCode(200)
  @Access('coordinator')
  async reinstate(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentActor() actor: Actor,
    @Body() body: AccountStatusDto,
  ): Promise<PractitionerView> {
    return presentPractitioner(await this.accounts.setStatus(actor, id, 'reinstate', body.reason));
  }
}
