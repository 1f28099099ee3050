// Describes an exchange to the practice library (a practice's provenance), as the asker may see
// it: its members and coordinators read its content; nobody else learns more than that it exists.
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { type Actor, ProvenanceSources } from '#libs/common';
import { Exchange } from './entities/exchange.entity.js';
import { ExchangeAccess } from './exchange-access.service.js';
import { canInExchange } from './exchanges.policy.js';

@Injectable()
export class ExchangeProvenance implements OnModuleInit {
  constructor(
    private readonly sources: ProvenanceSources,
    private readonly access: ExchangeAccess,
    @InjectRepository(Exchange) private readonly exchanges: Repository<Exchange>,
  ) {}

  onModuleInit(): void {
    this.sources.register('exchange', { describe: (actor, id) => this.describe(actor, id) });
  }

  private async describe(actor: Actor | null, id: string) {
    if (!actor) return null;
    const exchange = await this.exchanges.findOneBy({ id });
    if (!exchange) return null;
    const role = await this.access.roleOf(id, actor.id);
    if (!canInExchange(actor, 'read-content', role)) return null;
    return {
      title: exchange.title,
      excerpt: exchange.description.slice(0, 4000),
      author: null,
      exchangeId: exchange.id,
      chathamHouse: exchange.attribution === 'chatham-house',
      url: `/exchanges/${exchange.id}`,
      themes: exchange.themes.map((t) => t.slug),
      cityIds: exchange.cities.map((c) => c.id),
      language: null,
    };
  }
}
