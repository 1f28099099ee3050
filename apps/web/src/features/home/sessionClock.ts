// When a coming session stands, for its badge: under way, starting soon (in N minutes), or later.
import { STARTS_SOON_MINUTES } from '@contracts';

export type SessionMoment =
  { kind: 'live' } | { kind: 'soon'; minutes: number } | { kind: 'later' } | { kind: 'over' };

export function sessionMoment(startsAt: string, endsAt: string, now: Date): SessionMoment {
  const start = Date.parse(startsAt);
  const end = Date.parse(endsAt);
  const at = now.getTime();
  if (at >= end) return { kind: 'over' };
  if (at >= start) return { kind: 'live' };
  const minutes = Math.ceil((start - at) / 60_000);
  return minutes <= STARTS_SOON_MINUTES ? { kind: 'soon', minutes } : { kind: 'later' };
}

/**
 * The next instant the page's data changes by itself (a room opens, a session ends), within a
 * day; the page reloads then, so the room link appears without a reload by hand.
 */
export function nextTransition(
  items: Array<{
    session: { endsAt: string };
    room: { open: boolean; opensAt: string | null } | null;
  }>,
  now: number,
): number | null {
  const instants = items
    .flatMap((item) => [
      item.room && !item.room.open && item.room.opensAt ? Date.parse(item.room.opensAt) : NaN,
      Date.parse(item.session.endsAt),
    ])
    .filter((at) => at > now && at - now <= 24 * 3_600_000);
  return instants.length === 0 ? null : Math.min(...instants);
}
