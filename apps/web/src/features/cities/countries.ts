// ISO 3166-1 country codes (the same list the API validates against), named by Intl.
import alpha3ByAlpha2 from 'countries-list/minimal/countries.2to3.min.json';

export const COUNTRY_CODES = Object.keys(alpha3ByAlpha2);

export function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function countryOptions(locale: string): Array<{ value: string; label: string }> {
  return COUNTRY_CODES.map((code) => ({ value: code, label: countryName(code, locale) })).sort(
    (a, b) => a.label.localeCompare(b.label, locale),
  );
}
