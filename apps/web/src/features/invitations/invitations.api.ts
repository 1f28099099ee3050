import type {
  InvitationAccepted,
  InvitationPreview,
  InvitationView,
  MailLanguage,
  NetworkRole,
  Position,
} from '@contracts';
import { api } from '../../api/client';

export interface InvitationInput {
  email: string;
  networkRole: NetworkRole;
  cityId?: string;
  language?: MailLanguage;
}

export interface AcceptanceInput {
  token: string;
  displayName: string;
  password: string;
  timeZone: string;
  position?: Position;
  languages?: string[];
}

export const invitationsApi = {
  create: (input: InvitationInput) => api.post<InvitationView>('/api/invitations', input),
  listOpen: () => api.get<InvitationView[]>('/api/invitations'),
  preview: (token: string) => api.post<InvitationPreview>('/api/invitations/preview', { token }),
  accept: (input: AcceptanceInput) =>
    api.post<InvitationAccepted>('/api/invitations/accept', input),
};
