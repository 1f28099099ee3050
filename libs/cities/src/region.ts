// Countries and regions: ISO 3166-1 alpha-2 codes validated against the countries-list data,
// region derived from the country's continent.
import { countries } from 'countries-list';
import type { Region } from '#libs/contracts';

type CountryCode = keyof typeof countries;

export function isCountryCode(code: unknown): code is string {
  return typeof code === 'string' && /^[A-Z]{2}$/.test(code) && code in countries;
}

export function regionOf(countryCode: string): Region {
  const continent = countries[countryCode as CountryCode]?.continent;
  if (continent === 'NA') return 'north-america';
  if (continent === 'EU') return 'europe';
  return 'other';
}

export function countryName(countryCode: string): string {
  return countries[countryCode as CountryCode]?.name ?? countryCode;
}
