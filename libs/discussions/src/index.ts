export { DiscussionsModule } from './discussions.module.js';
export { ThreadsGateway } from './threads.gateway.js';
export { ThreadReads } from './thread-reads.service.js';
export { ThreadModeration } from './thread-moderation.service.js';
export { ThreadExport, mentionsForOutside } from './thread-export.service.js';
export { attributionOf } from './thread-notifier.service.js';
export {
  canInPlace,
  canInThread,
  type PlaceState,
  type ThreadState,
} from './discussions.policy.js';
export { Thread } from './entities/thread.entity.js';
export { Post } from './entities/post.entity.js';
export { threadSqlNames, postSqlNames } from './discussions-sql.js';
