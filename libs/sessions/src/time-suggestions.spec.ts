import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { WorkingHours } from '#libs/contracts';
import {
  type Availability,
  judge,
  type NightWindow,
  stretchedSide,
  timeSuggestions,
} from './time-suggestions.js';

const OFFICE = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };
const person = (name: string, timeZone: string, workingHours: WorkingHours | null = OFFICE) => ({
  person: name,
  timeZone,
  workingHours,
});
const amsterdam = person('Anna (Amsterdam)', 'Europe/Amsterdam');
const paris = person('Pierre (Paris)', 'Europe/Paris');
const rotterdam = person('Roos (Rotterdam)', 'Europe/Amsterdam');
const denver = person('Dan (Denver)', 'America/Denver');
const newYork = person('Nia (New York)', 'America/New_York');

const utc = (iso: string) => new Date(iso);
const hour = (iso: string) => ({
  startsAt: utc(iso),
  endsAt: new Date(Date.parse(iso) + 3_600_000),
});
const judgeHour = (iso: string, who: Availability<string>, night?: NightWindow) => {
  const { startsAt, endsAt } = hour(iso);
  return judge(startsAt, endsAt, who, night);
};

describe('how far a slot lies from someone’s working hours', () => {
  it('is 0 inside the day, and counts the minutes before its start or after its end', () => {
    expect(judgeHour('2026-02-16T10:00:00Z', amsterdam)).toMatchObject({
      distanceMinutes: 0,
      direction: null,
      atNight: false,
    });
    // 07:30–08:30 UTC = 08:30–09:30 in Amsterdam (CET): it starts 30 minutes before the day.
    expect(judgeHour('2026-02-16T07:30:00Z', amsterdam)).toMatchObject({
      distanceMinutes: 30,
      direction: 'before-start',
      atNight: false,
      localStart: '2026-02-16T08:30',
    });
    // 17:30–18:30 CET ends 90 minutes after the day.
    expect(judgeHour('2026-02-16T16:30:00Z', amsterdam)).toMatchObject({
      distanceMinutes: 90,
      direction: 'after-end',
      atNight: false,
    });
  });

  it('tells 07:00 from 06:00 and 01:00: further out, and at night', () => {
    // Denver in February is UTC−7.
    const at = (localHour: number) =>
      judgeHour(
        new Date(Date.parse('2026-02-16T07:00:00Z') + localHour * 3_600_000).toISOString(),
        denver,
      );
    expect(at(8)).toMatchObject({ distanceMinutes: 60, atNight: false });
    expect(at(7)).toMatchObject({ distanceMinutes: 120, atNight: false });
    expect(at(6)).toMatchObject({ distanceMinutes: 180, atNight: true });
    expect(at(1)).toMatchObject({
      distanceMinutes: 480,
      direction: 'before-start',
      atNight: true,
      localStart: '2026-02-16T01:00',
    });
    // The evening: 21:00–22:00 is four hours after the day and still not night; 21:30 is.
    expect(at(21)).toMatchObject({ distanceMinutes: 300, direction: 'after-end', atNight: false });
    expect(judge(utc('2026-02-17T04:30:00Z'), utc('2026-02-17T05:30:00Z'), denver)).toMatchObject({
      localStart: '2026-02-16T21:30',
      atNight: true,
    });
  });

  it('uses the configured night', () => {
    const late = { start: '23:00', end: '06:00' };
    expect(judgeHour('2026-02-16T13:00:00Z', denver, late)).toMatchObject({ atNight: false }); // 06:00
    expect(judgeHour('2026-02-17T05:00:00Z', denver, late)).toMatchObject({ atNight: false }); // 22:00
    expect(judgeHour('2026-02-16T12:00:00Z', denver, late)).toMatchObject({ atNight: true }); // 05:00
    // A night that does not cross midnight.
    const small = { start: '00:00', end: '05:00' };
    expect(judgeHour('2026-02-17T06:00:00Z', denver, small)).toMatchObject({ atNight: false }); // 23:00
    expect(judgeHour('2026-02-17T07:00:00Z', denver, small)).toMatchObject({ atNight: true }); // 00:00
  });

  it('is never night inside declared working hours', () => {
    const earlyBird = person('Eve', 'Europe/Amsterdam', {
      ...OFFICE,
      start: '06:00',
      end: '14:00',
    });
    // 06:00–07:00 in Amsterdam.
    expect(judgeHour('2026-02-16T05:00:00Z', earlyBird)).toMatchObject({
      distanceMinutes: 0,
      atNight: false,
    });
    // 05:30–06:30: the half hour before the day is at night.
    expect(judgeHour('2026-02-16T04:30:00Z', earlyBird)).toMatchObject({
      distanceMinutes: 30,
      atNight: true,
    });
  });

  it('says when the slot falls on a day off', () => {
    // Saturday 21 February 2026, 11:00 in Amsterdam.
    expect(judgeHour('2026-02-21T10:00:00Z', amsterdam)).toMatchObject({
      dayOff: true,
      atNight: false,
    });
    expect(judgeHour('2026-02-21T10:00:00Z', amsterdam).distanceMinutes).toBeGreaterThan(8 * 60);
    expect(judgeHour('2026-02-20T10:00:00Z', amsterdam)).toMatchObject({ dayOff: false });
  });

  it('counts a slot across midnight inside for someone who works round the clock', () => {
    const always = person('Ola', 'Europe/Oslo', {
      days: [1, 2, 3, 4, 5, 6, 7],
      start: '00:00',
      end: '24:00',
    });
    expect(judgeHour('2026-02-16T22:30:00Z', always)).toMatchObject({ distanceMinutes: 0 });
  });

  it('follows the clock change: the Sunday Europe springs forward', () => {
    const everyDay = person('Sam', 'Europe/Amsterdam', { ...OFFICE, days: [1, 2, 3, 4, 5, 6, 7] });
    // 29 March 2026: 09:00 in Amsterdam is 07:00 UTC (CEST), not 08:00.
    expect(judgeHour('2026-03-29T07:00:00Z', everyDay)).toMatchObject({
      distanceMinutes: 0,
      localStart: '2026-03-29T09:00',
    });
    expect(judgeHour('2026-03-29T06:00:00Z', everyDay)).toMatchObject({ distanceMinutes: 60 });
  });
});

describe('time suggestions across the Atlantic', () => {
  const find = (from: string, to: string, members = [amsterdam, denver], limit = 5) =>
    timeSuggestions(members, { from: utc(from), to: utc(to), durationMinutes: 60, limit });

  it('never proposes the night in Denver to a host in Paris and a mayor in Rotterdam', () => {
    // The first user's report: all ten suggestions were 09:00–14:30 in Paris (01:00–06:30 in Denver).
    const slots = find(
      '2026-02-16T00:00:00Z',
      '2026-02-21T00:00:00Z',
      [paris, rotterdam, denver],
      10,
    );
    expect(slots).toHaveLength(10);
    expect(slots.every((s) => s.atNightCount === 0)).toBe(true);
    // Best: 16:00 in Paris, 08:00 in Denver; then 15:30 (07:30) – both Europeans inside.
    expect(slots.map((s) => s.startsAt.toISOString().slice(11, 16))).toEqual([
      ...Array(5).fill('15:00'),
      ...Array(5).fill('14:30'),
    ]);
    for (const slot of slots) {
      expect(slot.inside.map((j) => j.person).sort()).toEqual([paris.person, rotterdam.person]);
      expect(slot.outside).toEqual([
        expect.objectContaining({
          person: denver.person,
          direction: 'before-start',
          atNight: false,
        }),
      ]);
    }
    expect(slots[0]!.outside[0]).toMatchObject({
      distanceMinutes: 60,
      localStart: '2026-02-16T08:00',
    });
  });

  it('finds no common hour for Amsterdam and Denver in February, and stays on the shoulders', () => {
    const slots = find('2026-02-16T00:00:00Z', '2026-02-17T00:00:00Z');
    // Denver starts at 16:00 UTC (09:00 MST) when Amsterdam stops (17:00 CET).
    expect(slots.map((s) => [s.startsAt.toISOString(), s.totalDistanceMinutes])).toEqual([
      ['2026-02-16T15:00:00.000Z', 60], // 16:00 Amsterdam, 08:00 Denver
      ['2026-02-16T16:00:00.000Z', 60], // 17:00 Amsterdam, 09:00 Denver
      ['2026-02-16T14:30:00.000Z', 90],
      ['2026-02-16T16:30:00.000Z', 90],
      ['2026-02-16T14:00:00.000Z', 120],
    ]);
    expect(slots.every((s) => s.inside.length === 1 && s.atNightCount === 0)).toBe(true);
  });

  it('takes turns: among equal slots, spares the side stretched last time', () => {
    const inDenver = (p: string) => p === denver.person;
    const spareDenver = timeSuggestions([amsterdam, denver], {
      from: utc('2026-02-16T00:00:00Z'),
      to: utc('2026-02-17T00:00:00Z'),
      durationMinutes: 60,
      limit: 2,
      spare: inDenver,
    });
    // Denver was stretched: 17:00 in Amsterdam (Anna an hour late) comes before 08:00 in Denver.
    expect(spareDenver.map((s) => s.startsAt.toISOString())).toEqual([
      '2026-02-16T16:00:00.000Z',
      '2026-02-16T15:00:00.000Z',
    ]);
    expect(spareDenver[0]!.outside.map((j) => j.person)).toEqual([amsterdam.person]);
    const spareAmsterdam = timeSuggestions([amsterdam, denver], {
      from: utc('2026-02-16T00:00:00Z'),
      to: utc('2026-02-17T00:00:00Z'),
      durationMinutes: 60,
      limit: 1,
      spare: (p) => !inDenver(p),
    });
    expect(spareAmsterdam[0]!.outside.map((j) => j.person)).toEqual([denver.person]);
  });

  it('names the side stretched most at a past session', () => {
    const side = (p: string) => (p.includes('Denver') || p.includes('New York') ? 'us' : 'eu');
    // 15:00 UTC in February: Denver an hour early, the Europeans inside.
    expect(stretchedSide([amsterdam, paris, denver], side, hour('2026-02-16T15:00:00Z'))).toBe(
      'us',
    );
    // 17:00 UTC: both Europeans two hours late, Denver inside.
    expect(stretchedSide([amsterdam, paris, denver], side, hour('2026-02-16T17:00:00Z'))).toBe(
      'eu',
    );
    // Inside for everyone, or stretched equally: nobody to spare.
    expect(stretchedSide([amsterdam, newYork], side, hour('2026-02-16T14:00:00Z'))).toBeNull();
    // 15:30 UTC: Amsterdam half an hour late, Denver half an hour early.
    expect(stretchedSide([amsterdam, denver], side, hour('2026-02-16T15:30:00Z'))).toBeNull();
  });

  it('finds 15:00–16:00 UTC in the March week when the US has changed its clocks and Europe has not', () => {
    // US clocks moved on 8 March 2026, Europe's move on 29 March: Denver is UTC−6, Amsterdam UTC+1.
    const [best, ...rest] = find('2026-03-16T00:00:00Z', '2026-03-17T00:00:00Z');
    expect(best!.startsAt.toISOString()).toBe('2026-03-16T15:00:00.000Z');
    expect(best!.inside.map((j) => j.person).sort()).toEqual(['Anna (Amsterdam)', 'Dan (Denver)']);
    expect(best!.inside.find((j) => j.person === 'Dan (Denver)')!.localStart).toBe(
      '2026-03-16T09:00',
    );
    expect(best!.inside.find((j) => j.person === 'Anna (Amsterdam)')!.localStart).toBe(
      '2026-03-16T16:00',
    );
    expect(rest.every((slot) => slot.inside.length < 2)).toBe(true);
  });

  it('loses that hour again once Europe changes too (week of 30 March)', () => {
    const [best] = find('2026-03-30T00:00:00Z', '2026-03-31T00:00:00Z');
    expect(best!.inside).toHaveLength(1);
  });

  it('finds 15:00–16:00 UTC in the autumn week when Europe has gone back and the US has not', () => {
    // Europe back to CET on 25 October 2026, the US back to MST on 1 November.
    const [best] = find('2026-10-27T00:00:00Z', '2026-10-28T00:00:00Z');
    expect(best!.startsAt.toISOString()).toBe('2026-10-27T15:00:00.000Z');
    expect(best!.inside).toHaveLength(2);
    const [after] = find('2026-11-03T00:00:00Z', '2026-11-04T00:00:00Z');
    expect(after!.inside).toHaveLength(1);
  });

  it('names who is outside, how far and which way', () => {
    const slots = timeSuggestions([amsterdam, newYork, denver], {
      from: utc('2026-02-16T14:00:00Z'),
      to: utc('2026-02-16T15:00:00Z'),
      durationMinutes: 60,
      limit: 1,
    });
    // 14:00–15:00 UTC: Amsterdam 15–16 (in), New York 09–10 (in), Denver 07–08: two hours early.
    expect(slots[0]!.inside.map((j) => j.person).sort()).toEqual([
      'Anna (Amsterdam)',
      'Nia (New York)',
    ]);
    expect(slots[0]!.outside).toEqual([
      expect.objectContaining({
        person: 'Dan (Denver)',
        distanceMinutes: 120,
        direction: 'before-start',
        atNight: false,
        dayOff: false,
        localStart: '2026-02-16T07:00',
      }),
    ]);
  });

  it('leaves out a night slot when another spares the night and suits as many', () => {
    // Tokyo (UTC+9) and Denver (UTC−7) 16 hours apart, and a night-free slot inside nobody's day.
    const tokyo = person('Taro (Tokyo)', 'Asia/Tokyo');
    const slots = find('2026-02-17T00:00:00Z', '2026-02-18T00:00:00Z', [tokyo, denver], 48);
    const nightFreeInside = Math.max(
      -1,
      ...slots.filter((s) => s.atNightCount === 0).map((s) => s.inside.length),
    );
    for (const slot of slots.filter((s) => s.atNightCount > 0))
      expect(slot.inside.length).toBeGreaterThan(nightFreeInside);
  });

  it('assumes office hours for someone who declared none, and says so', () => {
    const unknown = person('Uma', 'Europe/Paris', null);
    const [slot] = timeSuggestions([unknown], {
      from: utc('2026-02-16T09:00:00Z'),
      to: utc('2026-02-16T10:00:00Z'),
      durationMinutes: 60,
      limit: 1,
    });
    expect(slot!.inside[0]).toMatchObject({ person: 'Uma', assumedHours: true });
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

// Property tests. The oracle below judges a slot independently of the implementation: it reads
// every person's wall clock every 15 minutes (all zones, hours and nights here sit on a
// 15-minute grid, so a sample stands for its quarter hour).
describe('find-a-time properties (fast-check)', () => {
  const QUARTER = 15 * 60_000;
  const ZONES = [
    'Europe/Paris',
    'Europe/London',
    'Europe/Amsterdam',
    'Europe/Helsinki',
    'America/New_York',
    'America/Chicago',
    'America/Denver',
    'America/Phoenix',
    'America/Los_Angeles',
    'America/St_Johns',
    'America/Sao_Paulo',
    'Asia/Kolkata',
    'Asia/Kathmandu',
    'Asia/Tokyo',
    'Australia/Sydney',
    'Australia/Lord_Howe',
    'Pacific/Auckland',
    'UTC',
  ];
  const NIGHTS: NightWindow[] = [
    { start: '22:00', end: '07:00' },
    { start: '23:00', end: '06:00' },
    { start: '21:00', end: '08:00' },
    { start: '00:00', end: '06:00' },
  ];
  const clock = (quarters: number) =>
    `${String(Math.floor(quarters / 4)).padStart(2, '0')}:${String((quarters % 4) * 15).padStart(2, '0')}`;
  const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

  // Working days start between 05:00 and 13:00 and last 4 to 11 hours (never past midnight).
  const workingHours = fc
    .record({
      days: fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }),
      start: fc.integer({ min: 20, max: 52 }),
      length: fc.integer({ min: 16, max: 44 }),
    })
    .map(({ days, start, length }) => ({
      days,
      start: clock(start),
      end: clock(Math.min(96, start + length)),
    }));
  // Any day of 2026–2027, often in the weeks when US and European clocks disagree.
  const day = (from: string, to: string) =>
    fc
      .integer({ min: 0, max: Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) })
      .map((n) => new Date(Date.parse(from) + n * 86_400_000));
  const firstDay = fc.oneof(
    day('2026-01-01', '2027-12-31'),
    day('2026-03-05', '2026-04-01'),
    day('2026-10-22', '2026-11-03'),
    day('2027-03-11', '2027-03-29'),
    day('2027-10-28', '2027-11-08'),
  );
  const member = fc.record({
    timeZone: fc.constantFrom(...ZONES),
    workingHours: fc.option(workingHours, { freq: 5 }),
  });

  /** The oracle: for each slot, how many are inside their hours and how many at night. */
  function oracle(
    members: Array<{ timeZone: string; workingHours: WorkingHours | null }>,
    night: NightWindow,
  ) {
    const memo = members.map(() => new Map<number, 'in' | 'night' | 'out'>());
    const quarter = (i: number, t: number) => {
      const cached = memo[i]!.get(t);
      if (cached) return cached;
      const hours = members[i]!.workingHours ?? OFFICE;
      const local = DateTime.fromMillis(t, { zone: members[i]!.timeZone });
      const minute = local.hour * 60 + local.minute;
      const [ns, ne] = [minutesOf(night.start), minutesOf(night.end)];
      const state =
        hours.days.includes(local.weekday) &&
        minute >= minutesOf(hours.start) &&
        minute < minutesOf(hours.end)
          ? 'in'
          : (ns < ne ? minute >= ns && minute < ne : minute >= ns || minute < ne)
            ? 'night'
            : 'out';
      memo[i]!.set(t, state);
      return state;
    };
    return (start: number, end: number) => {
      let inside = 0;
      let atNight = 0;
      members.forEach((_, i) => {
        const states: string[] = [];
        for (let t = start; t < end; t += QUARTER) states.push(quarter(i, t));
        if (states.every((s) => s === 'in')) inside += 1;
        if (states.includes('night')) atNight += 1;
      });
      return { inside, atNight };
    };
  }

  it('no suggestion has anyone at night while a slot exists with nobody at night and as many inside', () => {
    fc.assert(
      fc.property(
        fc.array(member, { minLength: 1, maxLength: 5 }),
        firstDay,
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom(30, 60, 90, 120),
        fc.integer({ min: 1, max: 10 }),
        fc.constantFrom(...NIGHTS),
        (generated, from, days, durationMinutes, limit, night) => {
          const members = generated.map((m, i) => ({ person: i, ...m }));
          const to = new Date(from.getTime() + days * 86_400_000);
          const slots = timeSuggestions(members, { from, to, durationMinutes, limit, night });
          const judgeSlot = oracle(members, night);
          const duration = durationMinutes * 60_000;
          const all: Array<{ inside: number; atNight: number }> = [];
          for (let t = from.getTime(); t + duration <= to.getTime(); t += 30 * 60_000)
            all.push(judgeSlot(t, t + duration));
          expect(slots.length).toBeGreaterThan(0);
          expect(slots.length).toBeLessThanOrEqual(limit);
          for (const slot of slots) {
            const truth = judgeSlot(slot.startsAt.getTime(), slot.endsAt.getTime());
            // What the answer says about the slot is what the clocks say.
            expect({ inside: slot.inside.length, atNight: slot.atNightCount }).toEqual(truth);
            expect(slot.outside.filter((j) => j.atNight)).toHaveLength(truth.atNight);
            if (truth.atNight > 0) {
              const better = all.find((s) => s.atNight === 0 && s.inside >= truth.inside);
              expect(better).toBeUndefined();
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('for two zones whose days do not overlap, suggests the shoulders of the day, never the night', () => {
    // One side of the Atlantic each, office hours of 6 to 10 hours starting 07:00–10:00.
    const office = fc
      .record({ start: fc.integer({ min: 28, max: 40 }), length: fc.integer({ min: 24, max: 40 }) })
      .map(({ start, length }) => ({
        days: [1, 2, 3, 4, 5],
        start: clock(start),
        end: clock(start + length),
      }));
    fc.assert(
      fc.property(
        fc.constantFrom('Europe/Paris', 'Europe/London', 'Europe/Amsterdam', 'Europe/Helsinki'),
        fc.constantFrom(
          'America/Denver',
          'America/Los_Angeles',
          'America/Phoenix',
          'America/Chicago',
        ),
        office,
        office,
        firstDay,
        (europe, america, europeHours, americaHours, from) => {
          const members = [
            { person: 'eu', timeZone: europe, workingHours: europeHours },
            { person: 'us', timeZone: america, workingHours: americaHours },
          ];
          const to = new Date(from.getTime() + 5 * 86_400_000);
          const night = { start: '22:00', end: '07:00' };
          const judgeSlot = oracle(members, night);
          const all: Array<{ inside: number; atNight: number }> = [];
          for (let t = from.getTime(); t + 3_600_000 <= to.getTime(); t += 30 * 60_000)
            all.push(judgeSlot(t, t + 3_600_000));
          fc.pre(all.every((s) => s.inside < 2));
          fc.pre(all.some((s) => s.inside === 1 && s.atNight === 0));
          const slots = timeSuggestions(members, {
            from,
            to,
            durationMinutes: 60,
            limit: 10,
            night,
          });
          const [best] = slots;
          expect(best!.inside).toHaveLength(1);
          for (const slot of slots) {
            expect(judgeSlot(slot.startsAt.getTime(), slot.endsAt.getTime()).atNight).toBe(0);
            for (const out of slot.outside) {
              expect(out.atNight).toBe(false);
              // Never 01:00: whoever is outside is at most as far as the evening before the night.
              const localHour = Number(out.localStart.slice(11, 13));
              expect(localHour).toBeGreaterThanOrEqual(7);
              if (out.dayOff) continue;
              // The distance is what their clock says: the slot's start to the day's start, or
              // the day's end to the slot's end.
              const hours = members.find((m) => m.person === out.person)!.workingHours;
              const edge =
                out.direction === 'before-start'
                  ? minutesOf(hours.start) - minutesOf(out.localStart.slice(11))
                  : minutesOf(out.localEnd.slice(11)) - minutesOf(hours.end);
              expect(out.distanceMinutes).toBe(edge);
            }
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
