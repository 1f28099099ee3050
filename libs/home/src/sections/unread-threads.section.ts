import { Injectable } from '@nestjs/common';
import { HOME_LIMITS, type HomeSections } from '#libs/contracts';
import { ThreadReads } from '#libs/discussions';
import type { HomeSectionProvider, HomeViewer } from '../home-section.js';

/** Threads the viewer took part in or watches with posts they have not read (not muted ones). */
@Injectable()
export class UnreadThreadsSection implements HomeSectionProvider<'unreadThreads'> {
  readonly kind = 'unreadThreads' as const;

  constructor(private readonly threads: ThreadReads) {}

  build(viewer: HomeViewer): Promise<HomeSections['unreadThreads']> {
    return this.threads.unreadFor(viewer.actor, HOME_LIMITS.unreadThreads);
  }
}
