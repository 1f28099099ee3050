import type { CitySummary, CityView } from '#libs/contracts';
import type { City } from './entities/city.entity.js';

export const presentCity = (city: City): CityView => ({
  id: city.id,
  name: city.name,
  countryCode: city.countryCode,
  subdivision: city.subdivision,
  region: city.region,
  timeZone: city.timeZone,
  population: city.population,
  languages: city.languages,
  archived: city.archivedAt !== null,
});

export const presentCitySummary = (city: City): CitySummary => ({
  id: city.id,
  name: city.name,
  countryCode: city.countryCode,
  region: city.region,
});
