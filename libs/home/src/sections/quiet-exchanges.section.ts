import { Injectable } from '@nestjs/common';
import {
  HOME_LIMITS,
  type ExchangeStatus,
  type HomeList,
  type QuietExchange,
} from '#libs/contracts';
import { ExchangesService } from '#libs/exchanges';
import { SessionsService } from '#libs/sessions';
import type { HomeSectionProvider, HomeViewer } from '../home-section.js';
import { canSeeHomeSection } from '../home.policy.js';
import { presentExchangeRef } from '../home.presenter.js';

const STATUS_ORDER: Partial<Record<ExchangeStatus, number>> = { active: 0, planned: 1 };

/** Planned and active exchanges with nothing scheduled: a coordinator's nudge. Active ones first. */
@Injectable()
export class QuietExchangesSection implements HomeSectionProvider<'quietExchanges'> {
  readonly kind = 'quietExchanges' as const;

  constructor(
    private readonly exchanges: ExchangesService,
    private readonly sessions: SessionsService,
  ) {}

  async build(viewer: HomeViewer): Promise<HomeList<QuietExchange> | undefined> {
    if (!canSeeHomeSection(viewer.actor, this.kind, viewer.memberships)) return undefined;
    const candidates = await this.exchanges.plannedOrActive();
    const timeline = await this.sessions.timelineOf(
      candidates.map((e) => e.id),
      viewer.now,
    );
    const quiet = candidates
      .filter((e) => !timeline.get(e.id)?.next)
      .sort((a, b) => (STATUS_ORDER[a.status] ?? 9) - (STATUS_ORDER[b.status] ?? 9));
    return {
      items: quiet.slice(0, HOME_LIMITS.quietExchanges).map((e) => ({
        exchange: presentExchangeRef(e),
        lastSessionAt: timeline.get(e.id)?.last?.toISOString() ?? null,
      })),
      total: quiet.length,
    };
  }
}
