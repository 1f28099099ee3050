export { ExchangesModule } from './exchanges.module.js';
export {
  ExchangeAccess,
  NotAnExchangeMemberError,
  NotAnExchangeHostError,
  type ExchangeContext,
} from './exchange-access.service.js';
export { ExchangesService } from './exchanges.service.js';
export { Exchange } from './entities/exchange.entity.js';
export { ExchangeMember } from './entities/exchange-member.entity.js';
export { canInExchange, type ExchangeAction } from './exchanges.policy.js';
export { ExchangeContent, type ExchangeContentHolder } from './exchange-content.js';
