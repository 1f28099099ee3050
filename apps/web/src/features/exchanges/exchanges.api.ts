import type {
  AttributionRule,
  ExchangeMemberView,
  ExchangeRole,
  ExchangeStatus,
  ExchangeSummary,
  ExchangeView,
  JoinRequestView,
  Page,
} from '@contracts';
import { api } from '../../api/client';

export type ExchangeFilters = {
  theme?: string;
  status?: ExchangeStatus | '';
  cityId?: string;
  /** "true" for only the exchanges I belong to. */
  mine?: 'true' | '';
};

export interface ExchangeInput {
  title: string;
  description: string;
  themes: string[];
  status: ExchangeStatus;
  cityIds: string[];
  attribution: AttributionRule;
}

/** Members get the whole exchange; everyone else its summary (no description), to ask to join. */
export function isFullExchange(exchange: ExchangeSummary | ExchangeView): exchange is ExchangeView {
  return 'description' in exchange;
}

const path = (id: string) => `/api/exchanges/${encodeURIComponent(id)}`;

export const exchangesApi = {
  list: (filters: ExchangeFilters, cursor?: string) =>
    api.get<Page<ExchangeSummary>>('/api/exchanges', {
      theme: filters.theme,
      status: filters.status,
      cityId: filters.cityId,
      mine: filters.mine || undefined,
      cursor,
    }),
  get: (id: string) => api.get<ExchangeView | ExchangeSummary>(path(id)),
  create: (input: ExchangeInput) => api.post<ExchangeView>('/api/exchanges', input),
  update: (id: string, input: Partial<ExchangeInput>) => api.patch<ExchangeView>(path(id), input),

  members: (id: string) => api.get<ExchangeMemberView[]>(`${path(id)}/members`),
  addMember: (id: string, practitionerId: string, role: ExchangeRole) =>
    api.post<ExchangeMemberView>(`${path(id)}/members`, { practitionerId, role }),
  changeRole: (id: string, practitionerId: string, role: ExchangeRole) =>
    api.patch<ExchangeMemberView>(`${path(id)}/members/${encodeURIComponent(practitionerId)}`, {
      role,
    }),
  /** Removes a member, saying why (audited); with my own id and no reason, leaves the exchange. */
  removeMember: (id: string, practitionerId: string, reason?: string) =>
    api.delete<void>(
      `${path(id)}/members/${encodeURIComponent(practitionerId)}`,
      reason ? { reason } : undefined,
    ),

  requestToJoin: (id: string, message: string) =>
    api.post<JoinRequestView>(`${path(id)}/join-requests`, { message }),
  pendingJoinRequests: (id: string) =>
    api.get<JoinRequestView[]>(`${path(id)}/join-requests`, { status: 'pending' }),
  approve: (id: string, requestId: string, role: 'participant' | 'observer') =>
    api.post<JoinRequestView>(
      `${path(id)}/join-requests/${encodeURIComponent(requestId)}/approve`,
      { role },
    ),
  decline: (id: string, requestId: string) =>
    api.post<JoinRequestView>(`${path(id)}/join-requests/${encodeURIComponent(requestId)}/decline`),
};
