import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Page } from '#libs/contracts';
import {
  canonicalLanguageTag,
  ConflictError,
  NotFoundError,
  ValidationFailedError,
  pageBy,
} from '#libs/common';
import type { CreateCityDto, ListCitiesQuery, UpdateCityDto } from './dto/city.dto.js';
import { City } from './entities/city.entity.js';
import { regionOf } from './region.js';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class CitiesService {
  constructor(@InjectRepository(City) private readonly cities: Repository<City>) {}

  async list(query: ListCitiesQuery): Promise<Page<City>> {
    const qb = this.cities.createQueryBuilder('city').where('true');
    if (query.archived !== 'true') qb.andWhere('city.archived_at IS NULL');
    if (query.region) qb.andWhere('city.region = :region', { region: query.region });
    if (query.country) qb.andWhere('city.country_code = :country', { country: query.country });
    if (query.q) qb.andWhere('city.name ILIKE :q', { q: `%${escapeLike(query.q)}%` });
    return pageBy(
      qb,
      {
        key: 'city.name',
        id: 'city.id',
        direction: 'ASC',
        positionOf: (c) => ({ key: c.name, id: c.id }),
      },
      query,
      25,
    );
  }

  async get(id: string): Promise<City> {
    const city = await this.cities.findOneBy({ id });
    if (!city) throw new NotFoundError('City');
    return city;
  }

  async create(input: CreateCityDto): Promise<City> {
    assertSubdivisionOf(input.countryCode, input.subdivision);
    const city = this.cities.create({
      name: input.name.trim(),
      countryCode: input.countryCode,
      subdivision: input.subdivision ?? null,
      region: regionOf(input.countryCode),
      timeZone: input.timeZone,
      population: input.population ?? null,
      languages: (input.languages ?? []).map(canonicalLanguageTag),
      archivedAt: null,
    });
    return this.saveUnique(city);
  }

  async update(id: string, input: UpdateCityDto): Promise<City> {
    const city = await this.get(id);
    assertSubdivisionOf(
      input.countryCode ?? city.countryCode,
      input.subdivision === undefined ? city.subdivision : input.subdivision,
    );
    if (input.name !== undefined) city.name = input.name.trim();
    if (input.countryCode !== undefined) {
      city.countryCode = input.countryCode;
      city.region = regionOf(input.countryCode);
    }
    if (input.subdivision !== undefined) city.subdivision = input.subdivision;
    if (input.timeZone !== undefined) city.timeZone = input.timeZone;
    if (input.population !== undefined) city.population = input.population;
    if (input.languages !== undefined) city.languages = input.languages.map(canonicalLanguageTag);
    return this.saveUnique(city);
  }

  async setArchived(id: string, archived: boolean): Promise<City> {
    const city = await this.get(id);
    city.archivedAt = archived ? (city.archivedAt ?? new Date()) : null;
    return this.cities.save(city);
  }

  private async saveUnique(city: City): Promise<City> {
    try {
      return await this.cities.save(city);
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new ConflictError(`${city.name} (${city.countryCode}) is already in the network.`);
      }
      throw error;
    }
  }
}

function assertSubdivisionOf(countryCode: string, subdivision: string | null | undefined): void {
  if (subdivision && !subdivision.startsWith(`${countryCode}-`)) {
    throw new ValidationFailedError(`subdivision: ${subdivision} is not in country ${countryCode}`);
  }
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
