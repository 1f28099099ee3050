export { SessionsModule } from './sessions.module.js';
export { SessionsService, type SessionChanges } from './sessions.service.js';
export { SessionReminders, REMINDER_OFFSETS_MINUTES } from './session-reminders.service.js';
export { SessionProvenance } from './session-provenance.js';
export { Session } from './entities/session.entity.js';
export { presentSession } from './session.presenter.js';
export { timeSuggestions } from './time-suggestions.js';
export { sessionSqlNames } from './session-sql.js';
