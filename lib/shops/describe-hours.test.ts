import { describe, expect, it } from 'vitest';
import { describeTodayHours, describeUpcomingExceptions, describeWeeklyHours } from './describe-hours';
import { intervalFromClocks, type TOpeningSchedule } from './opening-hours';

const schedule: TOpeningSchedule = {
  timezone: 'Europe/Dublin',
  weekly: [
    { weekday: 1, ...intervalFromClocks('14:00', '18:00') },
    { weekday: 1, ...intervalFromClocks('09:00', '13:00') },
    { weekday: 5, ...intervalFromClocks('18:00', '01:00') },
  ],
  exceptions: [
    { date: '2025-12-25', opensMinute: null, closesMinute: null, note: 'Christmas' },
    { date: '2025-12-22', opensMinute: 600, closesMinute: 720, note: '' },
    { date: '2025-11-01', opensMinute: null, closesMinute: null, note: 'Past' },
  ],
};

describe('describe hours', () => {
  it('lists the week Monday first, split days in order, late closings marked', () => {
    const week = describeWeeklyHours(schedule);
    expect(week[0]).toEqual({ weekday: 1, day: 'Monday', hours: '09:00–13:00, 14:00–18:00' });
    expect(week[4].hours).toBe('18:00–01:00 (next day)');
    expect(week[6].hours).toBe('Closed');
  });

  it('lists upcoming exceptions in date order from the shop’s today', () => {
    // 2025-12-21T23:30Z is still Sunday 21 December in Dublin.
    expect(describeUpcomingExceptions(schedule, new Date('2025-12-21T23:30:00Z'))).toEqual([
      { date: '2025-12-22', label: 'Mon 22 Dec', hours: '10:00–12:00', note: '' },
      { date: '2025-12-25', label: 'Thu 25 Dec', hours: 'Closed', note: 'Christmas' },
    ]);
  });

  it('says today’s hours with exceptions, in the shop’s zone', () => {
    expect(describeTodayHours(schedule, new Date('2025-12-15T12:00:00Z'))).toBe('Today 09:00–13:00, 14:00–18:00');
    expect(describeTodayHours(schedule, new Date('2025-12-25T12:00:00Z'))).toBe('Closed today (Christmas)');
    expect(describeTodayHours(schedule, new Date('2025-12-22T12:00:00Z'))).toBe('Today 10:00–12:00');
  });

  it('says when a shop open on last night’s hours closes, when today has none of its own', () => {
    // Saturday 00:30 in Dublin: Friday's 18:00–01:00 is still running.
    expect(describeTodayHours(schedule, new Date('2025-12-13T00:30:00Z'))).toBe('Closed today after 01:00');
    expect(describeTodayHours(schedule, new Date('2025-12-13T01:30:00Z'))).toBe('Closed today');
  });
});
