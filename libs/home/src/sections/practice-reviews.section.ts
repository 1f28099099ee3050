import { Injectable } from '@nestjs/common';
import { HOME_LIMITS, type HomeList, type PracticeListItem } from '#libs/contracts';
import { hasNetworkRole } from '#libs/common';
import { PracticeLists } from '#libs/practices';
import type { HomeSectionProvider, HomeViewer } from '../home-section.js';
import { canSeeHomeSection } from '../home.policy.js';

/** Entries in review waiting for the viewer; shown to reviewers who have some, and to coordinators. */
@Injectable()
export class PracticeReviewsSection implements HomeSectionProvider<'practiceReviews'> {
  readonly kind = 'practiceReviews' as const;

  constructor(private readonly lists: PracticeLists) {}

  async build(viewer: HomeViewer): Promise<HomeList<PracticeListItem> | undefined> {
    if (!canSeeHomeSection(viewer.actor, this.kind, viewer.memberships)) return undefined;
    const queue = await this.lists.reviewQueue(viewer.actor, HOME_LIMITS.practiceReviews, null);
    if (queue.total === 0 && !hasNetworkRole(viewer.actor, 'coordinator')) return undefined;
    return queue;
  }
}
