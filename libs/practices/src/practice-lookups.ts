// The names a view needs besides the entry itself: themes, cities, exchanges and people, each
// asked for in one query per view.
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import type { CitySummary, ThemeView } from '../../contracts/src/index.js';
import { City, presentCitySummary } from '../../cities/src/index.js';
import { Exchange } from '../../exchanges/src/index.js';
import { Practitioner } from '../../practitioners/src/index.js';
import { presentTheme, ThemesService } from '../../themes/src/index.js';

export interface ExchangeFacts {
  id: string;
  title: string;
  chathamHouse: boolean;
}

@Injectable()
export class PracticeLookups {
  constructor(
    private readonly themesService: ThemesService,
    @InjectRepository(City) private readonly cityRepo: Repository<City>,
    @InjectRepository(Exchange) private readonly exchangeRepo: Repository<Exchange>,
    @InjectRepository(Practitioner) private readonly practitioners: Repository<Practitioner>,
  ) {}

  /** Every theme by slug (the vocabulary is small). */
  async themes(): Promise<Map<string, ThemeView>> {
    return new Map((await this.themesService.list()).map((t) => [t.slug, presentTheme(t)]));
  }

  async cities(ids: string[]): Promise<Map<string, CitySummary>> {
    if (ids.length === 0) return new Map();
    const rows = await this.cityRepo.findBy({ id: In([...new Set(ids)]) });
    return new Map(rows.map((c) => [c.id, presentCitySummary(c)]));
  }

  async citiesFull(ids: string[]): Promise<City[]> {
    if (ids.length === 0) return [];
    return this.cityRepo.findBy({ id: In([...new Set(ids)]) });
  }

  async exchanges(ids: Array<string | null>): Promise<Map<string, ExchangeFacts>> {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    if (wanted.length === 0) return new Map();
    const rows = await this.exchangeRepo.find({
      where: { id: In(wanted) },
      select: { id: true, title: true, attribution: true },
      loadEagerRelations: false,
    });
    return new Map(
      rows.map((e) => [
        e.id,
        { id: e.id, title: e.title, chathamHouse: e.attribution === 'chatham-house' },
      ]),
    );
  }

  async exchange(id: string | null): Promise<ExchangeFacts | null> {
    if (!id) return null;
    return (await this.exchanges([id])).get(id) ?? null;
  }

  async people(ids: Array<string | null>): Promise<Map<string, Practitioner>> {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    if (wanted.length === 0) return new Map();
    const rows = await this.practitioners.find({ where: { id: In(wanted) } });
    return new Map(rows.map((p) => [p.id, p]));
  }
}
