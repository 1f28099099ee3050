import type {
  AddMemberRequest,
  ApproveJoinRequest,
  ChangeRoleRequest,
  CreateExchangeRequest,
  ExchangeListQuery,
  ExchangeMemberView,
  ExchangeRole,
  ExchangeSummary,
  ExchangeView,
  JoinExchangeRequest,
  JoinRequestListQuery,
  JoinRequestView,
  Page,
  RemoveMemberRequest,
  UpdateExchangeRequest,
} from '@contracts';
import { api } from '../../api/client';

/** The list's filters as the form holds them ('' = any). */
export type ExchangeFilters = {
  [K in 'theme' | 'status' | 'cityId']?: ExchangeListQuery[K] | '';
} & { mine?: 'true' | '' };

/** What the exchange form sends: every field of the request, filled in. */
export type ExchangeInput = Required<CreateExchangeRequest>;

/** Members get the whole exchange; everyone else its summary (no description), to ask to join. */
export function isFullExchange(exchange: ExchangeSummary | ExchangeView): exchange is ExchangeView {
  return 'description' in exchange;
}

const path = (id: string) => `/api/exchanges/${encodeURIComponent(id)}`;

export const exchangesApi = {
  list: (filters: ExchangeFilters, cursor?: string) =>
    api.get<Page<ExchangeSummary>>('/api/exchanges', {
      theme: filters.theme || undefined,
      status: filters.status || undefined,
      cityId: filters.cityId || undefined,
      mine: filters.mine || undefined,
      cursor,
    } satisfies ExchangeListQuery),
  get: (id: string) => api.get<ExchangeView | ExchangeSummary>(path(id)),
  create: (input: CreateExchangeRequest) => api.post<ExchangeView>('/api/exchanges', input),
  update: (id: string, input: UpdateExchangeRequest) => api.patch<ExchangeView>(path(id), input),

  members: (id: string) => api.get<ExchangeMemberView[]>(`${path(id)}/members`),
  addMember: (id: string, practitionerId: string, role: ExchangeRole) =>
    api.post<ExchangeMemberView>(`${path(id)}/members`, {
      practitionerId,
      role,
    } satisfies AddMemberRequest),
  changeRole: (id: string, practitionerId: string, role: ExchangeRole) =>
    api.patch<ExchangeMemberView>(`${path(id)}/members/${encodeURIComponent(practitionerId)}`, {
      role,
    } satisfies ChangeRoleRequest),
  /** Removes a member, saying why (audited); with my own id and no reason, leaves the exchange. */
  removeMember: (id: string, practitionerId: string, reason?: string) =>
    api.delete<void>(
      `${path(id)}/members/${encodeURIComponent(practitionerId)}`,
      reason ? ({ reason } satisfies RemoveMemberRequest) : undefined,
    ),

  requestToJoin: (id: string, message: string) =>
    api.post<JoinRequestView>(`${path(id)}/join-requests`, {
      message,
    } satisfies JoinExchangeRequest),
  pendingJoinRequests: (id: string) =>
    api.get<JoinRequestView[]>(`${path(id)}/join-requests`, {
      status: 'pending',
    } satisfies JoinRequestListQuery),
  approve: (id: string, requestId: string, role: 'participant' | 'observer') =>
    api.post<JoinRequestView>(
      `${path(id)}/join-requests/${encodeURIComponent(requestId)}/approve`,
      { role } satisfies ApproveJoinRequest,
    ),
  decline: (id: string, requestId: string) =>
    api.post<JoinRequestView>(`${path(id)}/join-requests/${encodeURIComponent(requestId)}/decline`),
};
