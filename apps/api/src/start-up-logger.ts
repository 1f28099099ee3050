// The process's logger: Nest's console logger, with the framework's start-up chatter (module
// loading, route mapping, gateway subscriptions) moved to the debug level, so that `npm start`
// prints only the few lines a person reads. LOG_LEVEL=debug brings the rest back.
import { ConsoleLogger, type LogLevel } from '@nestjs/common';

const START_UP_DETAIL = new Set([
  'NestFactory',
  'NestApplication',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'WebSocketsController',
]);

export class StartUpLogger extends ConsoleLogger {
  constructor(level: LogLevel) {
    super({ logLevels: levelsUpTo(level) });
  }

  override log(message: unknown, ...optionalParams: unknown[]): void {
    const context = optionalParams[optionalParams.length - 1];
    if (typeof context === 'string' && START_UP_DETAIL.has(context))
      this.debug(message, ...optionalParams);
    else super.log(message, ...optionalParams);
  }
}

/** The levels shown at LOG_LEVEL `level`: it and everything more severe. */
export function levelsUpTo(level: LogLevel): LogLevel[] {
  const order: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
  return order.slice(0, order.indexOf(level) + 1);
}
