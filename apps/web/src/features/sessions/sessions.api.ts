import type { CalendarFeedView, SessionKind, SessionView, TimeSuggestionsView } from '@contracts';
import { api, download } from '../../api/client';

export interface SessionInput {
  kind: SessionKind;
  title: string;
  agenda: string;
  /** UTC, ISO 8601. */
  startsAt: string;
  endsAt: string;
  hostTimeZone: string;
  online: boolean;
  venue: { name: string; cityId?: string } | null;
}

const exchangePath = (id: string) => `/api/exchanges/${encodeURIComponent(id)}`;
const sessionPath = (id: string) => `/api/sessions/${encodeURIComponent(id)}`;

/** "Roundtable: online hate" → "roundtable-online-hate.ics" */
export function calendarFileName(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'session'}.ics`;
}

export const sessionsApi = {
  list: (exchangeId: string) => api.get<SessionView[]>(`${exchangePath(exchangeId)}/sessions`),
  get: (id: string) => api.get<SessionView>(sessionPath(id)),
  schedule: (exchangeId: string, input: SessionInput) =>
    api.post<SessionView>(`${exchangePath(exchangeId)}/sessions`, input),
  update: (id: string, input: Partial<SessionInput>) =>
    api.patch<SessionView>(sessionPath(id), input),
  cancel: (id: string, reason: string) =>
    api.post<SessionView>(`${sessionPath(id)}/cancel`, reason ? { reason } : {}),
  /** The .ics needs the bearer token, so it is fetched and saved rather than linked. */
  downloadCalendar: (session: Pick<SessionView, 'id' | 'title'>) =>
    download(`${sessionPath(session.id)}/calendar.ics`, calendarFileName(session.title)),
  timeSuggestions: (
    exchangeId: string,
    query: { durationMinutes: number; from: string; to: string; limit?: number },
  ) => api.get<TimeSuggestionsView>(`${exchangePath(exchangeId)}/time-suggestions`, query),

  calendarFeed: () => api.get<CalendarFeedView>('/api/me/calendar-feed'),
  rotateCalendarFeed: () => api.post<CalendarFeedView>('/api/me/calendar-feed/rotate'),
};
