import { DateTime } from 'luxon';

/** Minutes after local midnight; `closesMinute` may pass 1440 when the shop closes after midnight. */
export type TOpeningInterval = { weekday: number; opensMinute: number; closesMinute: number };
/** A dated exception replaces that local date's weekly hours; null minutes = closed all day. */
export type THoursException = { id?: string; date: string; opensMinute: number | null; closesMinute: number | null; note?: string };
export type TOpeningSchedule = { timezone: string; weekly: TOpeningInterval[]; exceptions: THoursException[] };

const DAY = 1440;
const WEEK = 7 * DAY;
export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** "09:30" → 570. Accepts 00:00–24:00. */
export function parseClock(text: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match || Number(match[2]) > 59) throw new Error(`Not a time of day: ${text}`);
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  if (minutes > DAY) throw new Error(`Not a time of day: ${text}`);
  return minutes;
}

/** 570 → "09:30"; minutes past midnight of the next day wrap (1560 → "02:00"). */
export function formatClock(minutes: number): string {
  const m = minutes === DAY ? DAY : minutes % DAY;
  if (m === DAY) return '24:00';
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/**
 * An interval from two clock times. A close at or before the open means the shop stays open
 * past midnight, stored as minutes beyond 1440 of the opening day.
 */
export function intervalFromClocks(opens: string, closes: string): { opensMinute: number; closesMinute: number } {
  const opensMinute = parseClock(opens);
  let closesMinute = parseClock(closes);
  if (closesMinute <= opensMinute) closesMinute += DAY;
  return { opensMinute, closesMinute };
}

/**
 * Problems with a weekly schedule, by row index: empty or over-long intervals and overlaps,
 * including a late Sunday that runs into Monday morning.
 */
export function weeklyHoursProblems(intervals: TOpeningInterval[]): Map<number, string> {
  const problems = new Map<number, string>();
  intervals.forEach((interval, index) => {
    if (interval.weekday < 1 || interval.weekday > 7) problems.set(index, 'Pick a day of the week');
    else if (interval.closesMinute <= interval.opensMinute) problems.set(index, 'Closing time must be after opening time');
    else if (interval.closesMinute - interval.opensMinute > DAY) problems.set(index, 'An opening cannot last more than 24 hours');
  });
  const spans = intervals.map((i) => ({ start: (i.weekday - 1) * DAY + i.opensMinute, end: (i.weekday - 1) * DAY + i.closesMinute }));
  for (let a = 0; a < spans.length; a++) {
    for (let b = a + 1; b < spans.length; b++) {
      if (problems.has(a) || problems.has(b)) continue;
      // Compare on the week circle: shift b by ±1 week so Sunday-night spills meet Monday.
      const overlaps = [-WEEK, 0, WEEK].some((shift) => spans[a].start < spans[b].end + shift && spans[b].start + shift < spans[a].end);
      if (overlaps) problems.set(b, `Overlaps ${WEEKDAY_NAMES[intervals[a].weekday - 1]} ${formatClock(intervals[a].opensMinute)}–${formatClock(intervals[a].closesMinute)}`);
    }
  }
  return problems;
}

function intervalsForDate(schedule: TOpeningSchedule, date: DateTime): { opensMinute: number; closesMinute: number }[] {
  const iso = date.toISODate();
  const exception = schedule.exceptions.find((e) => e.date === iso);
  if (exception) {
    return exception.opensMinute === null || exception.closesMinute === null ? [] : [{ opensMinute: exception.opensMinute, closesMinute: exception.closesMinute }];
  }
  return schedule.weekly.filter((i) => i.weekday === date.weekday).sort((a, b) => a.opensMinute - b.opensMinute);
}

/** The wall-clock instant `minutes` after local midnight of `day`, DST-safe. */
function atMinute(day: DateTime, minutes: number): DateTime {
  const extraDays = Math.floor(minutes / DAY);
  const inDay = minutes % DAY;
  return day.plus({ days: extraDays }).set({ hour: Math.floor(inDay / 60), minute: inDay % 60, second: 0, millisecond: 0 });
}

export type TOpenState = { isOpen: true; closesAt: DateTime } | { isOpen: false; opensAt: DateTime | null };

/**
 * Open or closed at an instant, in the shop's own zone. Yesterday's hours count too, for an
 * evening that runs past midnight; a dated exception replaces the weekly hours of its date.
 * When closed, `opensAt` is the next opening within two weeks (null if none).
 */
export function openStateAt(schedule: TOpeningSchedule, at: Date): TOpenState {
  const local = DateTime.fromJSDate(at, { zone: schedule.timezone });
  const today = local.startOf('day');
  for (const dayOffset of [-1, 0]) {
    const day = today.plus({ days: dayOffset });
    for (const interval of intervalsForDate(schedule, day)) {
      const opens = atMinute(day, interval.opensMinute);
      const closes = atMinute(day, interval.closesMinute);
      if (opens <= local && local < closes) return { isOpen: true, closesAt: closes };
    }
  }
  for (let dayOffset = 0; dayOffset < 15; dayOffset++) {
    const day = today.plus({ days: dayOffset });
    for (const interval of intervalsForDate(schedule, day)) {
      const opens = atMinute(day, interval.opensMinute);
      if (opens > local) return { isOpen: false, opensAt: opens };
    }
  }
  return { isOpen: false, opensAt: null };
}

export function isValidTimeZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}

export type TOpening = { opensAt: DateTime; closesAt: DateTime };

/**
 * The openings from the day before `at`'s local date, for `days` dates (the day before counts
 * for an evening that runs past midnight), in order of opening then closing: the rows of
 * np_shop_intervals in SQL, in the same order. Made a date at a time, as they are needed.
 */
export function* openingsFrom(schedule: TOpeningSchedule, at: Date, days = 16): Generator<TOpening> {
  const first = DateTime.fromJSDate(at, { zone: schedule.timezone }).startOf('day').minus({ days: 1 });
  for (let offset = 0; offset < days; offset++) {
    const day = first.plus({ days: offset });
    // Every opening of a date starts before the next date's (minutes < 1440), so day by day is opening order.
    const openings = intervalsForDate(schedule, day).map((i) => ({ opensAt: atMinute(day, i.opensMinute), closesAt: atMinute(day, i.closesMinute) }));
    yield* openings.sort((a, b) => a.opensAt.toMillis() - b.opensAt.toMillis() || a.closesAt.toMillis() - b.closesAt.toMillis());
  }
}

export type TReadyEstimate = {
  /** When `workMinutes` of open time have passed, counting only while the shop is open. */
  readyAt: DateTime;
  /** The end of the unbroken opening the work starts in: a readyAt after it means the job waits overnight (or longer). */
  workStopsAt: DateTime;
};

/**
 * When a job needing `workMinutes` of the shop's time is ready, starting at `at` rounded up to
 * the minute: work runs only while the shop is open and, when it reaches a closing time,
 * continues at the next opening (in the shop's zone, with exceptions and DST, from the same
 * openings as openStateAt). Openings that touch or overlap count as one. Looks as far as the
 * openings of the next two weeks; null when the work does not fit in them. np_shop_ready_at
 * in SQL gives the same answer (lib/search/shop-ready-at.int.test.ts sweeps both).
 */
export function readyAfterWork(schedule: TOpeningSchedule, at: Date, workMinutes: number): TReadyEstimate | null {
  const start = Math.ceil(at.getTime() / 60_000) * 60_000;
  let remaining = workMinutes * 60_000;
  let cursor = start;
  let readyAt: number | null = null;
  /** The latest closing so far, and where the first break in the openings comes. */
  let reach: number | null = null;
  let stopsAt: number | null = null;
  for (const opening of openingsFrom(schedule, new Date(start))) {
    const opens = opening.opensAt.toMillis();
    const closes = opening.closesAt.toMillis();
    if (closes <= start) continue;
    if (stopsAt === null && reach !== null && opens > reach) stopsAt = reach;
    reach = Math.max(reach ?? closes, closes);
    if (readyAt === null && closes > cursor) {
      const from = Math.max(opens, cursor);
      if (remaining <= closes - from) readyAt = from + remaining;
      else {
        remaining -= closes - from;
        cursor = closes;
      }
    }
    if (readyAt !== null && stopsAt !== null) break;
  }
  if (readyAt === null) return null;
  // No break within the horizon: the work stops, as far as we know, where the openings end.
  return { readyAt: DateTime.fromMillis(readyAt, { zone: schedule.timezone }), workStopsAt: DateTime.fromMillis(stopsAt ?? reach!, { zone: schedule.timezone }) };
}
