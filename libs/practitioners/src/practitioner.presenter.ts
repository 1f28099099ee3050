import type { MeView, PersonSummary, PractitionerView } from '#libs/contracts';
import { presentCitySummary } from '#libs/cities';
import { presentTheme } from '#libs/themes';
import type { Practitioner } from './entities/practitioner.entity.js';

export const presentPractitioner = (p: Practitioner): PractitionerView => ({
  id: p.id,
  displayName: p.displayName,
  position: p.position,
  city: p.city ? presentCitySummary(p.city) : null,
  organisation: p.organisation,
  languages: p.languages,
  timeZone: p.timeZone,
  workingHours: p.workingHours,
  themes: [...(p.themes ?? [])].sort((a, b) => a.label.localeCompare(b.label)).map(presentTheme),
  bio: p.bio,
  networkRole: p.networkRole,
  status: p.status,
});

export const presentMe = (p: Practitioner): MeView => ({
  ...presentPractitioner(p),
  email: p.email ?? '',
  createdAt: p.createdAt.toISOString(),
});

/** A person as others see them beside their words: name, position, city and time zone. */
export const presentPerson = (p: Practitioner): PersonSummary => ({
  id: p.id,
  displayName: p.displayName,
  position: p.position,
  city: p.city ? presentCitySummary(p.city) : null,
  timeZone: p.timeZone,
});
