import type { OutgoingMailList, OutgoingMailView } from '@contracts';
import { api } from '../../api/client';

export const outgoingMailApi = {
  list: () => api.get<OutgoingMailList>('/api/admin/mail'),
  get: (id: string) => api.get<OutgoingMailView>(`/api/admin/mail/${encodeURIComponent(id)}`),
};
