export { HomeModule } from './home.module.js';
export { HomeService } from './home.service.js';
export { HOME_SECTIONS, type HomeSectionProvider, type HomeViewer } from './home-section.js';
export { canSeeHomeSection } from './home.policy.js';
