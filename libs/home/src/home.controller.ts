import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { HomeView } from '#libs/contracts';
import { Access, type Actor, CurrentActor } from '#libs/common';
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
