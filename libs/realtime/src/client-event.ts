// @SubscribeMessage for the events of the contract (libs/contracts/src/live-events.ts): the
// event name must be one of ClientToServerEvents, and the handler's ack must carry that event's
// reply, so a renamed event or a reshaped reply fails the type-check in the gateway.
import { SubscribeMessage } from '@nestjs/websockets';
import type { ClientEvent, ClientEventReply, LiveAck } from '#libs/contracts';
import type { RealtimeSocket } from './channels.js';

type ClientEventHandler<E extends ClientEvent> = (
  socket: RealtimeSocket,
  payload: unknown,
) => Promise<LiveAck<ClientEventReply<E>>>;

export function OnClientEvent<E extends ClientEvent>(event: E) {
  const subscribe = SubscribeMessage(event);
  return (
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<ClientEventHandler<E>>,
  ): void => {
    subscribe(target, key, descriptor);
  };
}
