// Describes a session to the practice library (a practice's provenance, "propose as a
// practice"), as the asker may see it: only its exchange's members and coordinators.
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { type Actor, ProvenanceSources } from '#libs/common';
import { canInExchange, Exchange, ExchangeAccess } from '#libs/exchanges';
import { Session } from './entities/session.entity.js';

@Injectable()
export class SessionProvenance implements OnModuleInit {
  constructor(
    private readonly sources: ProvenanceSources,
    private readonly access: ExchangeAccess,
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    @InjectRepository(Exchange) private readonly exchanges: Repository<Exchange>,
  ) {}

  onModuleInit(): void {
    this.sources.register('session', { describe: (actor, id) => this.describe(actor, id) });
  }

  private async describe(actor: Actor | null, id: string) {
    if (!actor) return null;
    const session = await this.sessions.findOneBy({ id });
    if (!session) return null;
    const role = await this.access.roleOf(session.exchangeId, actor.id);
    if (!canInExchange(actor, 'read-content', role)) return null;
    const exchange = await this.exchanges.findOneByOrFail({ id: session.exchangeId });
    return {
      title: session.title,
      excerpt: session.agenda.slice(0, 4000),
      author: null,
      exchangeId: session.exchangeId,
      chathamHouse: exchange.attribution === 'chatham-house',
      url: `/exchanges/${session.exchangeId}/sessions/${session.id}`,
      themes: exchange.themes.map((t) => t.slug),
      cityIds: exchange.cities.map((c) => c.id),
      language: null,
    };
  }
}
