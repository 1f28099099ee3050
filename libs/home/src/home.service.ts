import { Inject, Injectable } from '@nestjs/common';
import type { HomeSectionKind, HomeSections, HomeView } from '#libs/contracts';
import type { Actor } from '#libs/common';
import { ExchangeVisits } from '#libs/exchanges';
import { PractitionersService } from '#libs/practitioners';
import { HOME_SECTIONS, type HomeSectionProvider, type HomeViewer } from './home-section.js';

@Injectable()
export class HomeService {
  constructor(
    @Inject(HOME_SECTIONS) private readonly sections: HomeSectionProvider[],
    private readonly practitioners: PractitionersService,
    private readonly visits: ExchangeVisits,
  ) {}

  /** The viewer's home: every section that concerns them, built side by side at one instant. */
  async viewFor(actor: Actor): Promise<HomeView> {
    const now = new Date();
    const [me, memberships] = await Promise.all([
      this.practitioners.getById(actor.id),
      this.visits.membershipsOf(actor.id),
    ]);
    const viewer: HomeViewer = { actor, timeZone: me.timeZone, now, memberships };
    const built = await Promise.all(
      this.sections.map(async (section) => [section.kind, await section.build(viewer)] as const),
    );
    const sections: Partial<HomeSections> = {};
    for (const [kind, value] of built) if (value !== undefined) put(sections, kind, value);
    return { generatedAt: now.toISOString(), timeZone: me.timeZone, sections };
  }
}

function put<K extends HomeSectionKind>(
  sections: Partial<HomeSections>,
  kind: K,
  value: HomeSections[K],
): void {
  sections[kind] = value;
}
