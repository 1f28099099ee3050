import { Injectable } from '@nestjs/common';
import { HOME_LIMITS, type HomeJoinRequest, type HomeList } from '#libs/contracts';
import { ExchangesService, presentJoinRequest } from '#libs/exchanges';
import type { HomeSectionProvider, HomeViewer } from '../home-section.js';
import { canSeeHomeSection } from '../home.policy.js';
import { presentExchangeRef } from '../home.presenter.js';

/** Requests to join waiting for the viewer's decision (hosts: their exchanges; coordinators: all). */
@Injectable()
export class JoinRequestsSection implements HomeSectionProvider<'joinRequests'> {
  readonly kind = 'joinRequests' as const;

  constructor(private readonly exchanges: ExchangesService) {}

  async build(viewer: HomeViewer): Promise<HomeList<HomeJoinRequest> | undefined> {
    if (!canSeeHomeSection(viewer.actor, this.kind, viewer.memberships)) return undefined;
    const { items, total } = await this.exchanges.openJoinRequests(
      viewer.actor,
      HOME_LIMITS.joinRequests,
    );
    return {
      items: items.map(({ request, exchange }) => ({
        request: presentJoinRequest(request),
        exchange: presentExchangeRef(exchange),
      })),
      total,
    };
  }
}
