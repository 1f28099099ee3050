import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { HomeView } from '../../contracts/src/index.js';
import { Access, type Actor, CurrentActor } from '../../common/src/index.js';
import { HomeService } from './home.service.js';

@ApiTags('home')
@ApiBearerAuth()
@Controller('me/home')
export class HomeController {
  constructor(private readonly home: HomeService) {}

  /** The signed-in member's home page: next sessions, their exchanges' news, what waits for them. */
  @Get()
  @Access('member')
  get(@CurrentActor() actor: Actor): Promise<HomeView> {
    return this.home.viewFor(actor);
  }
}
