import { Injectable } from '@nestjs/common';
import { HOME_LIMITS, type HomeList, type NeverSignedInMember } from '#libs/contracts';
import { AccountsService } from '#libs/identity';
import type { HomeSectionProvider, HomeViewer } from '../home-section.js';
import { canSeeHomeSection } from '../home.policy.js';
import { presentNeverSignedIn } from '../home.presenter.js';

/** Active accounts that have never signed in, newest first, for coordinators to follow up. */
@Injectable()
export class NeverSignedInSection implements HomeSectionProvider<'neverSignedIn'> {
  readonly kind = 'neverSignedIn' as const;

  constructor(private readonly accounts: AccountsService) {}

  async build(viewer: HomeViewer): Promise<HomeList<NeverSignedInMember> | undefined> {
    if (!canSeeHomeSection(viewer.actor, this.kind, viewer.memberships)) return undefined;
    const { items, total } = await this.accounts.neverSignedIn(HOME_LIMITS.neverSignedIn);
    return { items: items.map(presentNeverSignedIn), total };
  }
}
