import type { PersonAvailability, SessionView, TimeSuggestionsView } from '#libs/contracts';
import { presentCitySummary } from '#libs/cities';
import { type Practitioner, presentPerson } from '#libs/practitioners';
import type { Session } from './entities/session.entity.js';
import type { TimeSuggestionsResult } from './sessions.service.js';
import type { SlotJudgement } from './time-suggestions.js';

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

const presentAvailability = (j: SlotJudgement<Practitioner>): PersonAvailability => ({
  person: presentPerson(j.person),
  localStart: j.localStart,
  localEnd: j.localEnd,
  distanceMinutes: j.distanceMinutes,
  direction: j.direction,
  atNight: j.atNight,
  dayOff: j.dayOff,
  assumedHours: j.assumedHours,
});

export function presentTimeSuggestions(result: TimeSuggestionsResult): TimeSuggestionsView {
  const { fairness } = result;
  return {
    night: result.night,
    fairness: fairness && {
      lastSession: {
        id: fairness.lastSession.id,
        title: fairness.lastSession.title,
        startsAt: fairness.lastSession.startsAt.toISOString(),
        endsAt: fairness.lastSession.endsAt.toISOString(),
      },
      stretched:
        fairness.stretched?.kind === 'person'
          ? { kind: 'person', person: presentPerson(fairness.stretched.person) }
          : fairness.stretched,
    },
    suggestions: result.slots.map((slot) => ({
      startsAt: slot.startsAt.toISOString(),
      endsAt: slot.endsAt.toISOString(),
      insideCount: slot.inside.length,
      memberCount: result.memberCount,
      atNightCount: slot.atNightCount,
      totalDistanceMinutes: slot.totalDistanceMinutes,
      inside: slot.inside.map(presentAvailability),
      outside: slot.outside.map(presentAvailability),
    })),
  };
}
