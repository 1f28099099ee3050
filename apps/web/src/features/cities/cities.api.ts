import type { CityView, Page, Region } from '@contracts';
import { api } from '../../api/client';

export type CityFilters = {
  region?: Region | '';
  country?: string;
  q?: string;
  /** "true" to include archived cities. */
  archived?: 'true' | '';
};

export interface CityInput {
  name: string;
  countryCode: string;
  subdivision: string | null;
  timeZone: string;
  population: number | null;
  languages: string[];
}

export const citiesApi = {
  list: (filters: CityFilters, cursor?: string, limit = 25) =>
    api.get<Page<CityView>>('/api/cities', {
      region: filters.region,
      country: filters.country,
      q: filters.q?.trim(),
      archived: filters.archived || undefined,
      cursor,
      limit,
    }),
  get: (id: string) => api.get<CityView>(`/api/cities/${encodeURIComponent(id)}`),
  create: (input: CityInput) => api.post<CityView>('/api/cities', input),
  update: (id: string, input: Partial<CityInput>) =>
    api.patch<CityView>(`/api/cities/${encodeURIComponent(id)}`, input),
  setArchived: (id: string, archived: boolean) =>
    api.post<CityView>(
      `/api/cities/${encodeURIComponent(id)}/${archived ? 'archive' : 'unarchive'}`,
    ),

  /** Every active city, for pickers (a network has hundreds, not millions). */
  async all(): Promise<CityView[]> {
    const cities: CityView[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page++) {
      const result = await citiesApi.list({}, cursor, 100);
      cities.push(...result.items);
      if (!result.nextCursor) break;
      cursor = result.nextCursor;
    }
    return cities;
  },
};
