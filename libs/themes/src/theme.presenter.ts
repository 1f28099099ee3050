import type { ThemeView } from '#libs/contracts';
import type { Theme } from './entities/theme.entity.js';

export const presentTheme = (theme: Theme): ThemeView => ({
  id: theme.id,
  slug: theme.slug,
  label: theme.label,
  translations: { ...theme.translations },
});
