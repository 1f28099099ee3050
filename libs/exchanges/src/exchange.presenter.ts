import type {
  ExchangeMemberView,
  ExchangeRole,
  ExchangeSummary,
  ExchangeView,
  JoinRequestView,
} from '#libs/contracts';
import { presentCitySummary } from '#libs/cities';
import { type Practitioner, presentPerson } from '#libs/practitioners';
import { presentTheme } from '#libs/themes';
import type { ExchangeMember } from './entities/exchange-member.entity.js';
import type { Exchange } from './entities/exchange.entity.js';
import type { JoinRequest } from './entities/join-request.entity.js';

export interface ExchangeFacts {
  hosts: Practitioner[];
  memberCount: number;
  myRole: ExchangeRole | null;
  myJoinRequestPending: boolean;
}

export const presentExchangeSummary = (
  exchange: Exchange,
  facts: ExchangeFacts,
): ExchangeSummary => ({
  id: exchange.id,
  title: exchange.title,
  status: exchange.status,
  attribution: exchange.attribution,
  themes: [...exchange.themes].sort((a, b) => a.label.localeCompare(b.label)).map(presentTheme),
  cities: [...exchange.cities].sort((a, b) => a.name.localeCompare(b.name)).map(presentCitySummary),
  hosts: facts.hosts.map(presentPerson),
  memberCount: facts.memberCount,
  myRole: facts.myRole,
  myJoinRequestPending: facts.myJoinRequestPending,
});

export const presentExchange = (
  exchange: Exchange,
  facts: ExchangeFacts,
  canManage: boolean,
): ExchangeView => ({
  ...presentExchangeSummary(exchange, facts),
  description: exchange.description,
  createdAt: exchange.createdAt.toISOString(),
  canManage,
});

export const presentMember = (member: ExchangeMember): ExchangeMemberView => ({
  person: presentPerson(member.practitioner),
  role: member.role,
  networkRole: member.practitioner.networkRole,
  addedAt: member.addedAt.toISOString(),
});

export const presentJoinRequest = (request: JoinRequest): JoinRequestView => ({
  id: request.id,
  exchangeId: request.exchangeId,
  person: presentPerson(request.practitioner),
  message: request.message,
  status: request.status,
  createdAt: request.createdAt.toISOString(),
  decidedAt: request.decidedAt?.toISOString() ?? null,
});
