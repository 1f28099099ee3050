import type { SessionView } from '../../contracts/src/index.js';
import { presentCitySummary } from '../../cities/src/index.js';
import type { Session } from './entities/session.entity.js';

export const presentSession = (s: Session): SessionView => ({
  id: s.id,
  exchangeId: s.exchangeId,
  kind: s.kind,
  title: s.title,
  agenda: s.agenda,
  startsAt: s.startsAt.toISOString(),
  endsAt: s.endsAt.toISOString(),
  hostTimeZone: s.hostTimeZone,
  online: s.online,
  venue: s.venueName
    ? { name: s.venueName, city: s.venueCity ? presentCitySummary(s.venueCity) : null }
    : null,
  status: s.status,
  sequence: s.sequence,
});
