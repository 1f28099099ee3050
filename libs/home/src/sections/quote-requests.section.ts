import { Injectable } from '@nestjs/common';
import { HOME_LIMITS, type HomeList, type QuoteRequestView } from '#libs/contracts';
import { QuoteConsents } from '#libs/practices';
import type { HomeSectionProvider, HomeViewer } from '../home-section.js';
import { canSeeHomeSection } from '../home.policy.js';

/** Requests to quote the viewer's words, waiting for their yes or no (absent when there are none). */
@Injectable()
export class QuoteRequestsSection implements HomeSectionProvider<'quoteRequests'> {
  readonly kind = 'quoteRequests' as const;

  constructor(private readonly consents: QuoteConsents) {}

  async build(viewer: HomeViewer): Promise<HomeList<QuoteRequestView> | undefined> {
    if (!canSeeHomeSection(viewer.actor, this.kind, viewer.memberships)) return undefined;
    const pending = await this.consents.pendingFor(viewer.actor, HOME_LIMITS.quoteRequests);
    return pending.total > 0 ? pending : undefined;
  }
}
