import type { ThemeView } from '@contracts';
import { api } from '../../api/client';
import { useResource } from '../../api/hooks';

export function useThemes() {
  return useResource(() => api.get<ThemeView[]>('/api/themes'), 'themes');
}
