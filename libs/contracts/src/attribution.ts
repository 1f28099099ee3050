// Under the Chatham House rule, whatever leaves an exchange names no one: a person is written as
// a participant from the region of their city, never by name or city.
import type { Region } from './index.js';

const FROM: Record<Region, string> = {
  europe: 'a participant from a European city',
  'north-america': 'a participant from a North American city',
  other: 'a participant',
};

/** The neutral attribution of a person whose city lies in `region` (null: no city). */
export function neutralAttribution(region: Region | null | undefined): string {
  return region ? FROM[region] : 'a participant';
}
