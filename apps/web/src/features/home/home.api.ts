import type { HomeView } from '@contracts';
import { api } from '../../api/client';

export const homeApi = {
  get: () => api.get<HomeView>('/api/me/home'),
};
