export { ExchangesModule } from './exchanges.module.js';
export {
  ExchangeAccess,
  NotAnExchangeMemberError,
  NotAnExchangeHostError,
  type ExchangeContext,
} from './exchange-access.service.js';
export { ExchangesService } from './exchanges.service.js';
export {
  ExchangeVisits,
  baselineOf,
  type ChangeBaseline,
  type Membership,
} from './exchange-visits.service.js';
export { Exchange } from './entities/exchange.entity.js';
export { ExchangeMember } from './entities/exchange-member.entity.js';
export { canInExchange, type ExchangeAction } from './exchanges.policy.js';
export { ExchangeContent, type ExchangeContentHolder } from './exchange-content.js';
export { ExchangeProvenance } from './exchange-provenance.js';
export { presentJoinRequest } from './exchange.presenter.js';
export {
  exchangeSqlNames,
  exchangeMemberSqlNames,
  EXCHANGE_MEMBER_SQL_NAMES,
  exchangeIdsOfMemberSql,
} from './exchange-sql.js';
