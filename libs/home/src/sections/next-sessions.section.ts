import { Injectable } from '@nestjs/common';
import { HOME_LIMITS, type HomeSession } from '#libs/contracts';
import { RoomActivity } from '#libs/live';
import { SessionsService } from '#libs/sessions';
import type { HomeSectionProvider, HomeViewer } from '../home-section.js';
import { presentHomeSession } from '../home.presenter.js';

/** The viewer's next sessions across their exchanges, each with its room. */
@Injectable()
export class NextSessionsSection implements HomeSectionProvider<'nextSessions'> {
  readonly kind = 'nextSessions' as const;

  constructor(
    private readonly sessions: SessionsService,
    private readonly rooms: RoomActivity,
  ) {}

  async build(viewer: HomeViewer): Promise<HomeSession[]> {
    // A concluded exchange meets no more.
    const current = viewer.memberships.filter((m) => m.exchange.status !== 'concluded');
    const exchanges = new Map(current.map((m) => [m.exchange.id, m.exchange]));
    const sessions = await this.sessions.upcomingIn(
      [...exchanges.keys()],
      viewer.now,
      HOME_LIMITS.nextSessions,
    );
    const rooms = await this.rooms.sessionRooms(viewer.actor, sessions);
    return sessions.map((s) =>
      presentHomeSession(s, exchanges.get(s.exchangeId)!, rooms.get(s.id) ?? null),
    );
  }
}
