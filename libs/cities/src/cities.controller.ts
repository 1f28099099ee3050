import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CityView, Page } from '#libs/contracts';
import { Access } from '#libs/common';
import { CitiesService } from './cities.service.js';
import { presentCity } from './city.presenter.js';
import { CreateCityDto, ListCitiesQuery, UpdateCityDto } from './dto/city.dto.js';

@ApiTags('cities')
@ApiBearerAuth()
@Controller('cities')
export class CitiesController {
  constructor(private readonly cities: CitiesService) {}

  @Get()
  @Access('member')
  async list(@Query() query: ListCitiesQuery): Promise<Page<CityView>> {
    const page = await this.cities.list(query);
    return { items: page.items.map(presentCity), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Access('member')
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<CityView> {
    return presentCity(await this.cities.get(id));
  }

  @Post()
  @Access('coordinator')
  async create(@Body() body: CreateCityDto): Promise<CityView> {
    return presentCity(await this.cities.create(body));
  }

  @Patch(':id')
  @Access('coordinator')
  async update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateCityDto,
  ): Promise<CityView> {
    return presentCity(await this.cities.update(id, body));
  }

  @Post(':id/archive')
  @HttpCode(200)
  @Access('coordinator')
  async archive(@Param('id', ParseUUIDPipe) id: string): Promise<CityView> {
    return presentCity(await this.cities.setArchived(id, true));
  }

  @Post(':id/unarchive')
  @HttpCode(200)
  @Access('coordinator')
  async unarchive(@Param('id', ParseUUIDPipe) id: string): Promise<CityView> {
    return presentCity(await this.cities.setArchived(id, false));
  }
}
