import { DateTime } from 'luxon';
import { formatClock, openStateAt, WEEKDAY_NAMES, type TOpeningSchedule } from './opening-hours';

const span = (i: { opensMinute: number; closesMinute: number }) => `${formatClock(i.opensMinute)}–${formatClock(i.closesMinute)}${i.closesMinute > 1440 ? ' (next day)' : ''}`;

/** The weekly hours as a shop's page lists them, Monday first: "09:00–13:00, 14:00–18:00" or "Closed". */
export function describeWeeklyHours(schedule: TOpeningSchedule): { weekday: number; day: string; hours: string }[] {
  return WEEKDAY_NAMES.map((day, index) => {
    const intervals = schedule.weekly.filter((i) => i.weekday === index + 1).sort((a, b) => a.opensMinute - b.opensMinute);
    return { weekday: index + 1, day, hours: intervals.length ? intervals.map(span).join(', ') : 'Closed' };
  });
}

/** Dated exceptions from today (the shop's local date) for `days` days, as "Fri 26 Dec: Closed (Holiday)". */
export function describeUpcomingExceptions(schedule: TOpeningSchedule, now: Date, days = 60): { date: string; label: string; hours: string; note: string }[] {
  const today = DateTime.fromJSDate(now, { zone: schedule.timezone }).startOf('day');
  const until = today.plus({ days });
  return schedule.exceptions
    .map((e) => ({ exception: e, date: DateTime.fromISO(e.date, { zone: schedule.timezone }) }))
    .filter(({ date }) => date >= today && date < until)
    .sort((a, b) => a.date.toMillis() - b.date.toMillis())
    .map(({ exception, date }) => ({
      date: exception.date,
      label: date.toFormat('ccc d LLL'),
      hours: exception.opensMinute === null || exception.closesMinute === null ? 'Closed' : span({ opensMinute: exception.opensMinute, closesMinute: exception.closesMinute }),
      note: exception.note ?? '',
    }));
}

/**
 * Today's hours in the shop's zone, exceptions included: "Today 09:00–17:30" or "Closed today
 * (Holiday)". Open now on last night's hours with none of its own today: "Closed today after
 * 02:00", never a bare "Closed today" beside "Open until 02:00".
 */
export function describeTodayHours(schedule: TOpeningSchedule, now: Date): string {
  const iso = DateTime.fromJSDate(now, { zone: schedule.timezone }).toISODate();
  const weekday = DateTime.fromJSDate(now, { zone: schedule.timezone }).weekday;
  const exception = schedule.exceptions.find((e) => e.date === iso);
  const note = exception?.note ? ` (${exception.note})` : '';
  const intervals = exception
    ? exception.opensMinute === null || exception.closesMinute === null
      ? []
      : [{ opensMinute: exception.opensMinute, closesMinute: exception.closesMinute }]
    : schedule.weekly.filter((i) => i.weekday === weekday).sort((a, b) => a.opensMinute - b.opensMinute);
  if (intervals.length) return `Today ${intervals.map(span).join(', ')}${note}`;
  const state = openStateAt(schedule, now);
  return state.isOpen ? `Closed today after ${state.closesAt.toFormat('HH:mm')}${note}` : `Closed today${note}`;
}
