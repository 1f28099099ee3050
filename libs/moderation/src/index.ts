export { ModerationModule } from './moderation.module.js';
export { ModerationService, type AuditEntry, type ExchangeStanding } from './moderation.service.js';
export {
  ModeratedContents,
  type ModeratedContent,
  type ModeratedItem,
} from './moderated-content.js';
export { canModerate, canModerateMember, type ModerationTarget } from './moderation.policy.js';
export { ModerationActionEntry } from './entities/moderation-action.entity.js';
