import {
  minutesOutsideWorkingHours,
  timeSuggestions,
  type Availability,
} from './time-suggestions.js';

const OFFICE = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };
const amsterdam: Availability<string> = {
  person: 'Anna (Amsterdam)',
  timeZone: 'Europe/Amsterdam',
  workingHours: OFFICE,
};
const denver: Availability<string> = {
  person: 'Dan (Denver)',
  timeZone: 'America/Denver',
  workingHours: OFFICE,
};
const newYork: Availability<string> = {
  person: 'Nia (New York)',
  timeZone: 'America/New_York',
  workingHours: OFFICE,
};

const utc = (iso: string) => new Date(iso);

describe('minutesOutsideWorkingHours', () => {
  it('is 0 for a slot inside the day and counts minutes before and after', () => {
    expect(
      minutesOutsideWorkingHours(
        utc('2026-02-16T10:00:00Z'),
        utc('2026-02-16T11:00:00Z'),
        'Europe/Amsterdam',
        OFFICE,
      ),
    ).toBe(0);
    // 07:30–08:30 UTC = 08:30–09:30 in Amsterdam (CET): 30 minutes early.
    expect(
      minutesOutsideWorkingHours(
        utc('2026-02-16T07:30:00Z'),
        utc('2026-02-16T08:30:00Z'),
        'Europe/Amsterdam',
        OFFICE,
      ),
    ).toBe(30);
    // 15:30–16:30 UTC = 16:30–17:30 CET: 30 minutes late.
    expect(
      minutesOutsideWorkingHours(
        utc('2026-02-16T15:30:00Z'),
        utc('2026-02-16T16:30:00Z'),
        'Europe/Amsterdam',
        OFFICE,
      ),
    ).toBe(30);
  });

  it('counts a whole slot on a day off', () => {
    // Saturday 21 February 2026.
    expect(
      minutesOutsideWorkingHours(
        utc('2026-02-21T10:00:00Z'),
        utc('2026-02-21T11:00:00Z'),
        'Europe/Amsterdam',
        OFFICE,
      ),
    ).toBe(60);
  });
});

describe('time suggestions across the Atlantic', () => {
  const find = (from: string, to: string, members = [amsterdam, denver]) =>
    timeSuggestions(members, { from: utc(from), to: utc(to), durationMinutes: 60, limit: 5 });

  it('finds no hour for Amsterdam and Denver in February: 8 hours apart, their days do not overlap', () => {
    const [best] = find('2026-02-16T00:00:00Z', '2026-02-17T00:00:00Z');
    expect(best.inside).toHaveLength(1);
    // Denver starts at 16:00 UTC (09:00 MST) when Amsterdam stops (17:00 CET): the best slots leave one person 60 minutes out.
    expect(best.totalMinutesOutside).toBe(60);
  });

  it('finds 15:00–16:00 UTC in the March week when the US has changed its clocks and Europe has not', () => {
    // US clocks moved on 8 March 2026, Europe's move on 29 March: Denver is UTC−6, Amsterdam UTC+1.
    const [best, ...rest] = find('2026-03-16T00:00:00Z', '2026-03-17T00:00:00Z');
    expect(best.startsAt.toISOString()).toBe('2026-03-16T15:00:00.000Z');
    expect(best.inside.map((j) => j.person).sort()).toEqual(['Anna (Amsterdam)', 'Dan (Denver)']);
    expect(best.inside.find((j) => j.person === 'Dan (Denver)')!.localStart).toBe(
      '2026-03-16T09:00',
    );
    expect(best.inside.find((j) => j.person === 'Anna (Amsterdam)')!.localStart).toBe(
      '2026-03-16T16:00',
    );
    expect(rest.every((slot) => slot.inside.length < 2)).toBe(true);
  });

  it('loses that hour again once Europe changes too (week of 30 March)', () => {
    const [best] = find('2026-03-30T00:00:00Z', '2026-03-31T00:00:00Z');
    expect(best.inside).toHaveLength(1);
  });

  it('finds 15:00–16:00 UTC in the autumn week when Europe has gone back and the US has not', () => {
    // Europe back to CET on 25 October 2026, the US back to MST on 1 November.
    const [best] = find('2026-10-27T00:00:00Z', '2026-10-28T00:00:00Z');
    expect(best.startsAt.toISOString()).toBe('2026-10-27T15:00:00.000Z');
    expect(best.inside).toHaveLength(2);
    const [after] = find('2026-11-03T00:00:00Z', '2026-11-04T00:00:00Z');
    expect(after.inside).toHaveLength(1);
  });

  it('names who is outside and by how much', () => {
    const slots = timeSuggestions([amsterdam, newYork, denver], {
      from: utc('2026-02-16T14:00:00Z'),
      to: utc('2026-02-16T15:00:00Z'),
      durationMinutes: 60,
      limit: 1,
    });
    // 14:00–15:00 UTC: Amsterdam 15–16 (in), New York 09–10 (in), Denver 07–08 (120 minutes early... of a 60-minute slot: all 60 out).
    expect(slots[0].inside.map((j) => j.person).sort()).toEqual([
      'Anna (Amsterdam)',
      'Nia (New York)',
    ]);
    expect(slots[0].outside).toEqual([
      expect.objectContaining({
        person: 'Dan (Denver)',
        minutesOutside: 60,
        localStart: '2026-02-16T07:00',
      }),
    ]);
  });

  it('assumes office hours for someone who declared none, and says so', () => {
    const unknown: Availability<string> = {
      person: 'Uma',
      timeZone: 'Europe/Paris',
      workingHours: null,
    };
    const [slot] = timeSuggestions([unknown], {
      from: utc('2026-02-16T09:00:00Z'),
      to: utc('2026-02-16T10:00:00Z'),
      durationMinutes: 60,
      limit: 1,
    });
    expect(slot.inside[0]).toMatchObject({ person: 'Uma', assumedHours: true });
  });

  it('never suggests a slot before notBefore', () => {
    const slots = timeSuggestions([amsterdam], {
      from: utc('2026-02-16T00:00:00Z'),
      to: utc('2026-02-17T00:00:00Z'),
      durationMinutes: 60,
      limit: 50,
      notBefore: utc('2026-02-16T12:10:00Z'),
    });
    expect(slots.every((s) => s.startsAt.getTime() >= utc('2026-02-16T12:30:00Z').getTime())).toBe(
      true,
    );
  });
});
