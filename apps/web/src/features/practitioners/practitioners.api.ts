import type { MeUpdated, Page, Position, PractitionerView, Region, WorkingHours } from '@contracts';
import { api } from '../../api/client';

export type PractitionerFilters = {
  region?: Region | '';
  cityId?: string;
  position?: Position | '';
  theme?: string;
  language?: string;
  q?: string;
  status?: 'active' | 'suspended' | '';
};

/** The profile fields a person edits about themselves (PATCH /api/me). */
export interface ProfileInput {
  displayName?: string;
  position?: Position | null;
  cityId?: string | null;
  organisation?: string | null;
  languages?: string[];
  timeZone?: string;
  workingHours?: WorkingHours | null;
  themes?: string[];
  bio?: string;
}

export const practitionersApi = {
  list: (filters: PractitionerFilters, cursor?: string) =>
    api.get<Page<PractitionerView>>('/api/practitioners', {
      region: filters.region,
      cityId: filters.cityId,
      position: filters.position,
      theme: filters.theme,
      language: filters.language,
      q: filters.q?.trim(),
      status: filters.status,
      cursor,
    }),
  get: (id: string) => api.get<PractitionerView>(`/api/practitioners/${encodeURIComponent(id)}`),
  /** Suspends or reinstates an account; the reason goes into the audit log. */
  setSuspended: (id: string, suspended: boolean, reason: string) =>
    api.post<PractitionerView>(
      `/api/practitioners/${encodeURIComponent(id)}/${suspended ? 'suspend' : 'reinstate'}`,
      { reason },
    ),
  updateMe: (input: ProfileInput) => api.patch<MeUpdated>('/api/me', input),
};
