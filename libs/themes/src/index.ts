export { Theme } from './entities/theme.entity.js';
export { ThemesModule } from './themes.module.js';
export { ThemesService, slugify } from './themes.service.js';
export { presentTheme } from './theme.presenter.js';
export { themeSqlNames } from './theme-sql.js';
