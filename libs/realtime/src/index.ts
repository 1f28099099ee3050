export { RealtimeModule } from './realtime.module.js';
export { RealtimeGateway } from './realtime.gateway.js';
export { RealtimeIoAdapter, LIVE_MAX_PAYLOAD_BYTES } from './realtime-io.adapter.js';
export { RealtimeServer } from './realtime-server.service.js';
export { OnClientEvent } from './client-event.js';
export { RealtimeAcks, validatePayload, toLiveError, type AckOptions } from './realtime-ack.js';
export {
  SocketAuthority,
  type AuthorityChange,
  type SocketRederiver,
} from './socket-authority.service.js';
export {
  memberChannel,
  sessionChannel,
  type RealtimeNamespace,
  type RealtimeSocket,
  type RealtimeSocketData,
} from './channels.js';
export { EVENT_BUDGET_WINDOW_SECONDS } from './event-budget.service.js';
