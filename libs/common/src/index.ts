export * from './errors.js';
export * from './api-exception.filter.js';
export * from './validation.js';
export * from './cursor.js';
export * from './validators.js';
export * from './access.js';
export * from './domain-events.js';
export * from './version.js';
