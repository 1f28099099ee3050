import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ThemeView } from '#libs/contracts';
import { Access } from '#libs/common';
import { CreateThemeDto } from './dto/create-theme.dto.js';
import { presentTheme } from './theme.presenter.js';
import { ThemesService } from './themes.service.js';

@ApiTags('themes')
@ApiBearerAuth()
@Controller('themes')
export class ThemesController {
  constructor(private readonly themes: ThemesService) {}

  @Get()
  @Access('member')
  async list(): Promise<ThemeView[]> {
    return (await this.themes.list()).map(presentTheme);
  }

  @Post()
  @Access('coordinator')
  async create(@Body() body: CreateThemeDto): Promise<ThemeView> {
    return presentTheme(await this.themes.create(body.label, body.slug, body.translations));
  }
}
