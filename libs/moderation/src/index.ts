export { ModerationModule } from './moderation.module.js';
export { ModerationService, type AuditEntry, type ExchangeStanding } from './moderation.service.js';
export {
  ModeratedContents,
  type ModeratedContent,
  type ModeratedItem,
  type AuthorMute,
} from './moderated-content.js';
export { canModerate, canModerateMember, type ModerationTarget } from './moderation.policy.js';
export { ModerationActionEntry } from './entities/moderation-action.entity.js';
export { Flag } from './entities/flag.entity.js';
export { FlagsService } from './flags.service.js';
export {
  MemberSanctions,
  type AfterCommitTask,
  type AccountSuspension,
  type ExchangeRemoval,
} from './member-sanctions.js';
export { toCsv, csvCell } from './csv.js';
