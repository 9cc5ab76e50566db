import { describe, expect, it } from 'vitest';
import { formatClock, intervalFromClocks, isValidTimeZone, openStateAt, parseClock, readyAfterWork, weeklyHoursProblems, type TOpeningSchedule } from './opening-hours';

const weekdays9to17 = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, ...intervalFromClocks('09:00', '17:00') }));

describe('clock helpers', () => {
  it('parses and formats', () => {
    expect(parseClock('09:30')).toBe(570);
    expect(parseClock('24:00')).toBe(1440);
    expect(() => parseClock('25:00')).toThrow();
    expect(() => parseClock('9:75')).toThrow();
    expect(formatClock(1560)).toBe('02:00');
    expect(intervalFromClocks('18:00', '02:00')).toEqual({ opensMinute: 1080, closesMinute: 1560 });
  });
});

describe('weeklyHoursProblems', () => {
  it('accepts a normal week and a split day', () => {
    expect(weeklyHoursProblems([...weekdays9to17, { weekday: 6, opensMinute: 600, closesMinute: 780 }, { weekday: 6, opensMinute: 840, closesMinute: 1020 }]).size).toBe(0);
  });

  it('finds overlaps on the same day', () => {
    const problems = weeklyHoursProblems([
      { weekday: 2, opensMinute: 540, closesMinute: 780 },
      { weekday: 2, opensMinute: 720, closesMinute: 1020 },
    ]);
    expect(problems.get(1)).toMatch(/Overlaps Tuesday 09:00–13:00/);
  });

  it('finds a late night that runs into the next morning', () => {
    const problems = weeklyHoursProblems([
      { weekday: 5, ...intervalFromClocks('20:00', '03:00') },
      { weekday: 6, ...intervalFromClocks('02:00', '10:00') },
    ]);
    expect(problems.get(1)).toMatch(/Overlaps Friday/);
  });

  it('wraps Sunday night into Monday', () => {
    const problems = weeklyHoursProblems([
      { weekday: 1, ...intervalFromClocks('01:00', '09:00') },
      { weekday: 7, ...intervalFromClocks('22:00', '02:00') },
    ]);
    expect(problems.size).toBe(1);
  });

  it('refuses intervals that end before they start or last too long', () => {
    const problems = weeklyHoursProblems([
      { weekday: 1, opensMinute: 600, closesMinute: 540 },
      { weekday: 2, opensMinute: 0, closesMinute: 1500 },
    ]);
    expect(problems.get(0)).toMatch(/after opening/);
    expect(problems.get(1)).toMatch(/24 hours/);
  });
});

describe('openStateAt', () => {
  const dublin: TOpeningSchedule = { timezone: 'Europe/Dublin', weekly: weekdays9to17, exceptions: [] };

  it('uses the shop’s zone, not the server’s', () => {
    // Wednesday 2026-11-25 08:30 UTC = 08:30 in Dublin (winter, UTC+0): closed, opens 09:00.
    const early = openStateAt(dublin, new Date('2026-11-25T08:30:00Z'));
    expect(early.isOpen).toBe(false);
    expect(!early.isOpen && early.opensAt?.toISO()).toBe('2026-11-25T09:00:00.000+00:00');
    // The same instant in Tokyo (UTC+9) is 17:30: closed for the day; opens Thursday 09:00.
    const tokyo = openStateAt({ ...dublin, timezone: 'Asia/Tokyo' }, new Date('2026-11-25T08:30:00Z'));
    expect(tokyo.isOpen).toBe(false);
    expect(!tokyo.isOpen && tokyo.opensAt?.toISO()).toBe('2026-11-26T09:00:00.000+09:00');
    // New York (UTC−5) at 14:30 UTC is 09:30: open until 17:00 local.
    const ny = openStateAt({ ...dublin, timezone: 'America/New_York' }, new Date('2026-11-25T14:30:00Z'));
    expect(ny.isOpen && ny.closesAt.toISO()).toBe('2026-11-25T17:00:00.000-05:00');
  });

  it('counts a Friday night that runs past midnight on Saturday morning', () => {
    const late: TOpeningSchedule = { timezone: 'Europe/Dublin', weekly: [{ weekday: 5, ...intervalFromClocks('18:00', '02:00') }], exceptions: [] };
    expect(openStateAt(late, new Date('2026-11-28T01:30:00Z')).isOpen).toBe(true); // Saturday 01:30
    expect(openStateAt(late, new Date('2026-11-28T02:00:00Z')).isOpen).toBe(false); // Saturday 02:00
    expect(openStateAt(late, new Date('2026-11-27T17:59:00Z')).isOpen).toBe(false);
  });

  it('lets a dated exception close a normal day and open a closed one', () => {
    const christmas: TOpeningSchedule = {
      ...dublin,
      exceptions: [
        { date: '2026-12-25', opensMinute: null, closesMinute: null, note: 'Christmas Day' },
        { date: '2026-12-27', opensMinute: 600, closesMinute: 840, note: 'Sunday opening' },
      ],
    };
    const xmas = openStateAt(christmas, new Date('2026-12-25T12:00:00Z'));
    expect(xmas.isOpen).toBe(false);
    expect(!xmas.isOpen && xmas.opensAt?.toISODate()).toBe('2026-12-27');
    expect(openStateAt(christmas, new Date('2026-12-27T11:00:00Z')).isOpen).toBe(true);
  });

  it('is correct across the spring DST change', () => {
    // 29 March 2026: Dublin jumps from 01:00 UTC+0 to 02:00 UTC+1. A Sunday 10:00–16:00 opening is 09:00Z.
    const sunday: TOpeningSchedule = { timezone: 'Europe/Dublin', weekly: [{ weekday: 7, opensMinute: 600, closesMinute: 960 }], exceptions: [] };
    expect(openStateAt(sunday, new Date('2026-03-29T08:59:00Z')).isOpen).toBe(false);
    expect(openStateAt(sunday, new Date('2026-03-29T09:00:00Z')).isOpen).toBe(true);
  });

  it('has no next opening for a shop with no hours', () => {
    expect(openStateAt({ timezone: 'Europe/Dublin', weekly: [], exceptions: [] }, new Date())).toEqual({ isOpen: false, opensAt: null });
  });
});

describe('isValidTimeZone', () => {
  it('knows IANA zones', () => {
    expect(isValidTimeZone('Europe/Dublin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('readyAfterWork', () => {
  const dublin: TOpeningSchedule = {
    timezone: 'Europe/Dublin',
    weekly: [
      ...weekdays9to17,
      { weekday: 6, ...intervalFromClocks('10:00', '13:00') },
      { weekday: 6, ...intervalFromClocks('14:00', '17:00') },
      { weekday: 5, ...intervalFromClocks('19:00', '01:00') },
    ],
    exceptions: [{ date: '2025-04-18', opensMinute: null, closesMinute: null, note: 'Good Friday' }],
  };
  const ready = (at: string, minutes: number) => {
    const estimate = readyAfterWork(dublin, new Date(at), minutes);
    return estimate && { readyAt: estimate.readyAt.toUTC().toISO(), workStopsAt: estimate.workStopsAt.toUTC().toISO() };
  };

  it('is now plus the work while the shop stays open, rounded up to the minute', () => {
    // Wednesday 16 April 2025 10:00:30 IST.
    expect(ready('2025-04-16T09:00:30Z', 6)).toEqual({ readyAt: '2025-04-16T09:07:00.000Z', workStopsAt: '2025-04-16T16:00:00.000Z' });
  });

  it('continues at the next opening when the work runs past closing', () => {
    // Wednesday 16:50 IST: 10 minutes today, 20 on Thursday from 09:00.
    expect(ready('2025-04-16T15:50:00Z', 30)).toEqual({ readyAt: '2025-04-17T08:20:00.000Z', workStopsAt: '2025-04-16T16:00:00.000Z' });
  });

  it('starts at the next opening when closed, and skips a holiday', () => {
    // Thursday 17 April 18:00 IST; Friday is Good Friday (closed, also its evening), Saturday opens 10:00.
    expect(ready('2025-04-17T17:00:00Z', 30)?.readyAt).toBe('2025-04-19T09:30:00.000Z');
  });

  it('uses both openings of a split day', () => {
    // Saturday 19 April 12:30 IST: 30 minutes before the lunch break, 30 after 14:00.
    expect(ready('2025-04-19T11:30:00Z', 60)).toEqual({ readyAt: '2025-04-19T13:30:00.000Z', workStopsAt: '2025-04-19T12:00:00.000Z' });
  });

  it('works on through an evening past midnight', () => {
    // Friday 11 April 23:30 IST, open 19:00–01:00: 60 minutes fit before 01:00.
    expect(ready('2025-04-11T22:30:00Z', 60)).toEqual({ readyAt: '2025-04-11T23:30:00.000Z', workStopsAt: '2025-04-12T00:00:00.000Z' });
    // Saturday 00:30 IST, still Friday's evening: 30 minutes tonight, 30 from Saturday 10:00.
    expect(ready('2025-04-11T23:30:00Z', 60)).toEqual({ readyAt: '2025-04-12T09:30:00.000Z', workStopsAt: '2025-04-12T00:00:00.000Z' });
  });

  it('counts hours across a DST change by the wall clock of each opening', () => {
    // Friday 28 March 16:30 GMT (UTC+0); the clocks go forward on Sunday; Monday 09:00 is 08:00Z.
    expect(ready('2025-03-28T16:30:00Z', 30 + 6 * 60 + 180 + 180 + 60)?.readyAt).toBe('2025-03-31T09:00:00.000Z');
  });

  it('is null when the work does not fit in the next two weeks', () => {
    expect(ready('2025-04-16T09:00:00Z', 14 * 24 * 60)).toBeNull();
    expect(readyAfterWork({ timezone: 'Europe/Dublin', weekly: [], exceptions: [] }, new Date('2025-04-16T09:00:00Z'), 1)).toBeNull();
  });
});
