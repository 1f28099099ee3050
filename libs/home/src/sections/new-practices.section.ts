import { Injectable } from '@nestjs/common';
import { HOME_LIMITS, type HomeList, type PracticeListItem } from '#libs/contracts';
import { PracticeLists } from '#libs/practices';
import { PractitionersService } from '#libs/practitioners';
import type { HomeSectionProvider, HomeViewer } from '../home-section.js';
import { canSeeHomeSection } from '../home.policy.js';

/** Practices published lately in the viewer's expertise themes (every theme if they chose none). */
@Injectable()
export class NewPracticesSection implements HomeSectionProvider<'newPractices'> {
  readonly kind = 'newPractices' as const;

  constructor(
    private readonly lists: PracticeLists,
    private readonly practitioners: PractitionersService,
  ) {}

  async build(viewer: HomeViewer): Promise<HomeList<PracticeListItem> | undefined> {
    if (!canSeeHomeSection(viewer.actor, this.kind, viewer.memberships)) return undefined;
    const me = await this.practitioners.getById(viewer.actor.id);
    return this.lists.recentlyPublished(
      viewer.actor,
      (me.themes ?? []).map((t) => t.slug),
      HOME_LIMITS.newPractices,
      // The member's first language: an entry translated into it is listed in it.
      me.languages[0]?.slice(0, 2) ?? null,
    );
  }
}
