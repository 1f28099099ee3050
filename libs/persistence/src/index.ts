export * from './embedded-database.js';
export * from './data-source.js';
export * from './persistence.module.js';
export * from './job-queue.js';
export * from './connection-pool-keeper.js';
export * from './pg-pool.js';
export * from './sql-names.js';
export * from './side-by-side.js';
