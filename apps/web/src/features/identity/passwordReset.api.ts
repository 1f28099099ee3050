import type { MailLanguage } from '@contracts';
import { api } from '../../api/client';

export const passwordResetApi = {
  /** Always answers alike, whether or not the address has an account. */
  forgot: (email: string, language: MailLanguage) =>
    api.post<void>('/api/auth/forgot-password', { email, language }),
  reset: (token: string, password: string) =>
    api.post<void>('/api/auth/reset-password', { token, password }),
};
