import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Page, PractitionerView } from '#libs/contracts';
import { Access, type Actor, CurrentActor } from '#libs/common';
import { ListPractitionersQuery } from './dto/list-practitioners.query.js';
import { presentPractitioner } from './practitioner.presenter.js';
import { PractitionersService } from './practitioners.service.js';

@ApiTags('practitioners')
@ApiBearerAuth()
@Controller('practitioners')
export class PractitionersController {
  constructor(private readonly practitioners: PractitionersService) {}

  @Get()
  @Access('member')
  async list(
    @Query() query: ListPractitionersQuery,
    @CurrentActor() actor: Actor,
  ): Promise<Page<PractitionerView>> {
    const page = await this.practitioners.list(query, actor);
    return { items: page.items.map(presentPractitioner), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Access('member')
  async get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<PractitionerView> {
    return presentPractitioner(await this.practitioners.getVisible(id, actor));
  }
}
