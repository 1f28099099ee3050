import { Injectable } from '@nestjs/common';
import type { ExchangeChanges, ExchangeStatus, HomeExchange } from '#libs/contracts';
import { baselineOf, ExchangeVisits } from '#libs/exchanges';
import { RoomActivity } from '#libs/live';
import { SessionsService } from '#libs/sessions';
import type { HomeSectionProvider, HomeViewer } from '../home-section.js';
import { presentHomeExchange } from '../home.presenter.js';

const STATUS_ORDER: Record<ExchangeStatus, number> = { active: 0, planned: 1, concluded: 2 };

const anyChange = (c: ExchangeChanges) =>
  c.newSessions + c.rescheduledSessions + c.cancelledSessions + c.newMembers + c.newMessages > 0;

/** The viewer's exchanges with what others changed since their last visit; changed ones first. */
@Injectable()
export class ExchangesSection implements HomeSectionProvider<'exchanges'> {
  readonly kind = 'exchanges' as const;

  constructor(
    private readonly visits: ExchangeVisits,
    private readonly sessions: SessionsService,
    private readonly rooms: RoomActivity,
  ) {}

  async build(viewer: HomeViewer): Promise<HomeExchange[]> {
    const viewerId = viewer.actor.id;
    const baselines = viewer.memberships.map((m) => ({
      exchangeId: m.exchange.id,
      since: baselineOf(m),
    }));
    const [sessionChanges, newMembers, newMessages] = await Promise.all([
      this.sessions.changesSince(viewerId, baselines),
      this.visits.newMembersSince(viewerId, baselines),
      this.rooms.newMessagesSince(viewerId, baselines),
    ]);
    const items = viewer.memberships.map((m, i) => {
      const id = m.exchange.id;
      const sessions = sessionChanges.get(id);
      return presentHomeExchange(m, baselines[i]!.since, {
        newSessions: sessions?.newSessions ?? 0,
        rescheduledSessions: sessions?.rescheduledSessions ?? 0,
        cancelledSessions: sessions?.cancelledSessions ?? 0,
        newMembers: newMembers.get(id) ?? 0,
        newMessages: newMessages.get(id) ?? 0,
      });
    });
    return items.sort(
      (a, b) =>
        Number(anyChange(b.changes)) - Number(anyChange(a.changes)) ||
        STATUS_ORDER[a.exchange.status] - STATUS_ORDER[b.exchange.status] ||
        a.exchange.title.localeCompare(b.exchange.title) ||
        a.exchange.id.localeCompare(b.exchange.id),
    );
  }
}
