export { LiveModule } from './live.module.js';
export { LiveGateway } from './live.gateway.js';
export { ReadStateGateway } from './read-state.gateway.js';
export { RoomsService } from './rooms.service.js';
export { MessagesService } from './messages.service.js';
export { MessageProvenance } from './message-provenance.js';
export { RoomActivity } from './room-activity.js';
export { MessageThreads, type ThreadSourceMessage } from './message-threads.service.js';
