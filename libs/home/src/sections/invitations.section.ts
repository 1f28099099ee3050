import { Injectable } from '@nestjs/common';
import { HOME_LIMITS, type HomeList, type InvitationView } from '#libs/contracts';
import { InvitationsService, presentInvitation } from '#libs/identity';
import type { HomeSectionProvider, HomeViewer } from '../home-section.js';
import { canSeeHomeSection } from '../home.policy.js';

/** Open network invitations, newest first, for coordinators to follow up. */
@Injectable()
export class InvitationsSection implements HomeSectionProvider<'invitations'> {
  readonly kind = 'invitations' as const;

  constructor(private readonly invitations: InvitationsService) {}

  async build(viewer: HomeViewer): Promise<HomeList<InvitationView> | undefined> {
    if (!canSeeHomeSection(viewer.actor, this.kind, viewer.memberships)) return undefined;
    const { items, total } = await this.invitations.latestOpen(HOME_LIMITS.invitations);
    return { items: items.map(presentInvitation), total };
  }
}
