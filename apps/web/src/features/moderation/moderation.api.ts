// Flags and the review queue over HTTP: report an item, list what waits for review, decide on
// it, read (or download) the audit log. Shapes from libs/contracts/src/moderation.ts.
import type {
  AuditPage,
  CreateFlagRequest,
  FlaggableSubjectType,
  FlagReceipt,
  ModerationSubjectType,
  QueueDecisionRequest,
  QueueDecisionResult,
  QueuePage,
} from '@contracts';
import { api, download } from '../../api/client';

export interface QueueFilters {
  exchangeId?: string;
  subjectType?: FlaggableSubjectType | '';
}

export interface AuditFilters {
  exchangeId?: string;
  targetType?: ModerationSubjectType | '';
}

const auditQuery = (filters: AuditFilters) => ({
  exchangeId: filters.exchangeId || undefined,
  targetType: filters.targetType || undefined,
});

export const moderationApi = {
  flag: (request: CreateFlagRequest) => api.post<FlagReceipt>('/api/flags', request),
  queue: (filters: QueueFilters = {}, cursor?: string) =>
    api.get<QueuePage>('/api/moderation/queue', {
      exchangeId: filters.exchangeId || undefined,
      subjectType: filters.subjectType || undefined,
      cursor,
    }),
  decide: (subjectType: FlaggableSubjectType, subjectId: string, request: QueueDecisionRequest) =>
    api.post<QueueDecisionResult>(
      `/api/moderation/queue/${encodeURIComponent(subjectType)}/${encodeURIComponent(subjectId)}/decision`,
      request,
    ),
  actions: (filters: AuditFilters = {}, cursor?: string) =>
    api.get<AuditPage>('/api/moderation/actions', { ...auditQuery(filters), cursor }),
  /** The audit log as CSV, with the same filters (an authenticated download, not a plain link). */
  downloadCsv: (filters: AuditFilters = {}) => {
    const params = new URLSearchParams({ format: 'csv' });
    for (const [key, value] of Object.entries(auditQuery(filters)))
      if (value) params.set(key, value);
    return download(`/api/moderation/actions?${params.toString()}`, 'moderation-log.csv');
  },
};
