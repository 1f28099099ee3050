// The client events the /live namespace answers, read from the @SubscribeMessage metadata of
// every gateway on it, so a suite that loops over events cannot miss one added later.
import { ThreadsGateway } from '#libs/discussions';
import { LiveGateway, ReadStateGateway } from '#libs/live';
import { RealtimeGateway } from '#libs/realtime';

export const LIVE_GATEWAYS: Array<abstract new (...args: never[]) => unknown> = [
  RealtimeGateway,
  LiveGateway,
  ReadStateGateway,
  ThreadsGateway,
];

export function gatewayEvents(): string[] {
  return LIVE_GATEWAYS.flatMap((gateway) => {
    const proto = gateway.prototype as Record<string, unknown>;
    return Object.getOwnPropertyNames(proto).map((name) => proto[name]);
  })
    .filter((fn): fn is object => typeof fn === 'function')
    .map((fn) => Reflect.getMetadata('message', fn) as string | undefined)
    .filter((event): event is string => typeof event === 'string')
    .sort();
}
