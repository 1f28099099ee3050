import { isCountryCode, regionOf } from './region.js';

describe('regions', () => {
  it.each([
    ['US', 'north-america'],
    ['CA', 'north-america'],
    ['MX', 'north-america'],
    ['NL', 'europe'],
    ['DE', 'europe'],
    ['GB', 'europe'],
    ['KE', 'other'],
    ['AU', 'other'],
  ])('%s is in %s', (country, region) => {
    expect(regionOf(country)).toBe(region);
  });

  it('validates ISO 3166-1 alpha-2 codes', () => {
    expect(isCountryCode('FR')).toBe(true);
    expect(isCountryCode('XX')).toBe(false);
    expect(isCountryCode('fr')).toBe(false);
    expect(isCountryCode('FRA')).toBe(false);
  });
});
