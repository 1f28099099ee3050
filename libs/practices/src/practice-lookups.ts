// The names a view needs besides the entry itself: themes, cities, exchanges and people, each
// asked for in one query per view.
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import type { CitySummary, ThemeView } from '#libs/contracts';
import { City, presentCitySummary } from '#libs/cities';
import { Exchange } from '#libs/exchanges';
import { Practitioner } from '#libs/practitioners';
import { presentTheme, ThemesService } from '#libs/themes';

/** Themes and cities change rarely: their names are kept this long (a label, never a permission). */
const LABEL_TTL_MS = 30_000;

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

  private themeCache: { at: number; themes: Promise<Map<string, ThemeView>> } | null = null;
  private readonly cityCache = new Map<string, { at: number; city: CitySummary }>();

  /** Every theme by slug (the vocabulary is small). */
  themes(): Promise<Map<string, ThemeView>> {
    if (!this.themeCache || Date.now() - this.themeCache.at > LABEL_TTL_MS) {
      const themes = this.themesService
        .list()
        .then((list) => new Map(list.map((t) => [t.slug, presentTheme(t)])));
      themes.catch(() => (this.themeCache = null));
      this.themeCache = { at: Date.now(), themes };
    }
    return this.themeCache.themes;
  }

  async cities(ids: string[]): Promise<Map<string, CitySummary>> {
    const now = Date.now();
    const found = new Map<string, CitySummary>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const cached = this.cityCache.get(id);
      if (cached && now - cached.at <= LABEL_TTL_MS) found.set(id, cached.city);
      else missing.push(id);
    }
    if (missing.length > 0) {
      const rows = await this.cityRepo.findBy({ id: In(missing) });
      for (const row of rows) {
        const city = presentCitySummary(row);
        found.set(row.id, city);
        this.cityCache.set(row.id, { at: now, city });
      }
    }
    return found;
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
