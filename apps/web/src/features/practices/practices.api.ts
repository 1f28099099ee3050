import type {
  CompendiumAudience,
  CompendiumFormat,
  HomeList,
  PracticeDiff,
  PracticeEventView,
  PracticeField,
  PracticeFilters,
  PracticeListItem,
  PracticeSearchResult,
  PracticeVersionSummary,
  PracticeView,
  PracticeWorkingView,
  ProvenanceKind,
  QuoteRequestView,
  SearchLanguage,
} from '@contracts';
import { ApiRequestError, api, currentAccessToken, refreshSession } from '../../api/client';

/** The library's filters as they live in the URL. */
export type LibraryFilters = { [K in keyof PracticeFilters]?: string };

const path = (id: string) => `/api/practices/${encodeURIComponent(id)}`;

/** A draft's fields as the editor sends them (autosave sends only what changed). */
export type PracticeInput = Record<string, unknown>;

export const practicesApi = {
  search: (filters: LibraryFilters, lang: string, cursor?: string, limit?: number) =>
    api.get<PracticeSearchResult>('/api/practices', { ...filters, lang, cursor, limit }),
  get: (ref: string, lang?: string) => api.get<PracticeView>(path(ref), { lang }),
  working: (id: string) => api.get<PracticeWorkingView>(`${path(id)}/working`),
  versions: (ref: string) => api.get<PracticeVersionSummary[]>(`${path(ref)}/versions`),
  version: (ref: string, version: number, lang?: string) =>
    api.get<PracticeView>(`${path(ref)}/versions/${version}`, { lang }),
  diff: (ref: string, from?: string | number, to?: string | number) =>
    api.get<PracticeDiff>(`${path(ref)}/diff`, { from, to }),
  events: (id: string) => api.get<PracticeEventView[]>(`${path(id)}/events`),
  mine: () => api.get<PracticeListItem[]>('/api/practices/mine'),
  reviewQueue: () => api.get<HomeList<PracticeListItem>>('/api/practices/review-queue'),

  create: (input: PracticeInput) => api.post<PracticeWorkingView>('/api/practices', input),
  update: (id: string, input: PracticeInput) => api.patch<PracticeWorkingView>(path(id), input),
  remove: (id: string) => api.delete<void>(path(id)),
  propose: (kind: ProvenanceKind, id: string) =>
    api.post<PracticeWorkingView>('/api/practices/propose', { kind, id }),
  addSource: (id: string, kind: ProvenanceKind, sourceId: string) =>
    api.post<PracticeWorkingView>(`${path(id)}/sources`, { kind, id: sourceId }),
  removeSource: (id: string, kind: ProvenanceKind, sourceId: string) =>
    api.delete<void>(`${path(id)}/sources/${kind}/${encodeURIComponent(sourceId)}`),
  attachDocuments: (id: string, fileIds: string[]) =>
    api.post<PracticeWorkingView>(`${path(id)}/attachments`, { fileIds }),
  removeDocument: (id: string, fileId: string) =>
    api.delete<void>(`${path(id)}/attachments/${encodeURIComponent(fileId)}`),
  removeQuote: (id: string, quoteId: string) =>
    api.delete<void>(`${path(id)}/quotes/${encodeURIComponent(quoteId)}`),

  submit: (id: string) => api.post<PracticeWorkingView>(`${path(id)}/submit`),
  assignReviewer: (id: string, practitionerId: string) =>
    api.post<PracticeWorkingView>(`${path(id)}/reviewers`, { practitionerId }),
  unassignReviewer: (id: string, practitionerId: string) =>
    api.delete<void>(`${path(id)}/reviewers/${encodeURIComponent(practitionerId)}`),
  comment: (id: string, field: PracticeField, language: string | null, body: string) =>
    api.post<PracticeWorkingView>(`${path(id)}/comments`, {
      field,
      body,
      ...(language ? { language } : {}),
    }),
  requestChanges: (id: string, comment: string) =>
    api.post<PracticeWorkingView>(`${path(id)}/request-changes`, { comment }),
  approve: (id: string, comment?: string) =>
    api.post<PracticeWorkingView>(`${path(id)}/approve`, comment ? { comment } : {}),
  publish: (id: string, visibility?: string) =>
    api.post<PracticeWorkingView>(`${path(id)}/publish`, visibility ? { visibility } : {}),
  archive: (id: string, reason: string) =>
    api.post<PracticeWorkingView>(`${path(id)}/archive`, { reason }),
  /** Moderators: out of the library (or back) with a reason for the audit log and the author. */
  moderate: (id: string, action: 'hide' | 'restore', reason: string) =>
    api.post<PracticeView>(`${path(id)}/${action}`, { reason }),

  quoteRequests: () => api.get<QuoteRequestView[]>('/api/me/quote-requests'),
  decideQuote: (quoteId: string, accept: boolean) =>
    api.post<QuoteRequestView>(
      `/api/practice-quotes/${encodeURIComponent(quoteId)}/${accept ? 'accept' : 'decline'}`,
    ),
};

export interface CompendiumRequest {
  ids?: string[];
  filter?: LibraryFilters;
  language: SearchLanguage;
  format: CompendiumFormat;
  audience: CompendiumAudience;
  title?: string;
}

/** Exports a compendium and saves the file (a POST, so not a plain link). */
export async function downloadCompendium(request: CompendiumRequest): Promise<void> {
  const send = () =>
    fetch('/api/practices/compendium', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${currentAccessToken() ?? ''}`,
      },
      body: JSON.stringify(request),
      credentials: 'same-origin',
    });
  let response = await send();
  if (response.status === 401 && (await refreshSession())) response = await send();
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as ApiRequestError | null;
    throw new ApiRequestError(
      body && 'code' in body
        ? (body as never)
        : { statusCode: response.status, code: 'INTERNAL', message: response.statusText },
    );
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'compendium';
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
